"""Dialect-aware INSERT … ON CONFLICT, the one place SQLite and PostgreSQL differ for us."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def _insert_for(session: Session, table: Table) -> Any:
    name = session.get_bind().dialect.name
    if name == "postgresql":
        return postgresql.insert(table)
    if name == "sqlite":
        return sqlite.insert(table)
    raise NotImplementedError(f"SafeStream's store supports SQLite and PostgreSQL, not {name}")


def insert_new(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], key: str
) -> set[str]:
    """Insert rows whose ``key`` is not there yet; return the keys actually inserted."""
    if not rows:
        return set()
    stmt = _insert_for(session, table).on_conflict_do_nothing(index_elements=[key])
    result = session.execute(stmt.returning(table.c[key]), list(rows))
    return {r[0] for r in result}


def upsert(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], keys: Sequence[str]
) -> None:
    """Insert rows, or overwrite every non-key column of the rows already there."""
    if not rows:
        return
    stmt = _insert_for(session, table)
    update = {c: stmt.excluded[c] for c in rows[0] if c not in keys}
    session.execute(stmt.on_conflict_do_update(index_elements=list(keys), set_=update), list(rows))
