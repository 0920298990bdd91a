"""The store: migrations match the models, and both engines take the same code."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from safestream.store.db import Store
from safestream.store.models import Base


def _schema_drift(store: Store) -> list[object]:
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(ctx, Base.metadata))


def test_sqlite_migrations_create_exactly_the_models(store: Store) -> None:
    assert _schema_drift(store) == []
    assert set(Base.metadata.tables) <= set(inspect(store.engine).get_table_names())


def test_sqlite_uses_wal_and_full_sync(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_migrate_twice_is_harmless(sqlite_url: str) -> None:
    Store(sqlite_url).close()
    again = Store(sqlite_url)
    assert _schema_drift(again) == []
    again.close()


def test_postgres_migrations_create_exactly_the_models(pg_url: str) -> None:
    store = Store(pg_url)
    try:
        assert store.dialect == "postgresql"
        assert _schema_drift(store) == []
    finally:
        store.close()
