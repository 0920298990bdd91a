"""API keys: random secrets shown once, kept only as SHA-256 digests, each with scopes.

Keys are 256-bit random strings, so a fast digest is enough (no password stretching needed);
comparison is constant-time.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from safestream.review.audit import record
from safestream.store.models import ApiKeyRow

SCOPES = ("ingest", "read", "admin")
"""``ingest`` sends events; ``read`` reads risk and cases; ``admin`` reads evidence and
manages keys, and holds the other two scopes."""
PREFIX = "ss"


class ScopeError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class Principal:
    key_id: str
    name: str
    scopes: frozenset[str]

    def allows(self, scope: str) -> bool:
        return scope in self.scopes or "admin" in self.scopes

    @property
    def actor(self) -> str:
        return f"key:{self.key_id}:{self.name}"


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def parse_scopes(values: Iterable[str]) -> list[str]:
    scopes = sorted({s.strip() for v in values for s in v.split(",") if s.strip()})
    unknown = [s for s in scopes if s not in SCOPES]
    if unknown or not scopes:
        raise ScopeError(
            f"scopes must be among {', '.join(SCOPES)}; got {', '.join(unknown) or 'none'}"
        )
    return scopes


def create_key(session: Session, name: str, scopes: Iterable[str], actor: str = "cli") -> str:
    """Create a key and return it in full: the only time the secret exists outside the caller."""
    chosen = parse_scopes(scopes)
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    session.add(
        ApiKeyRow(
            id=key_id,
            name=name,
            secret_hash=_digest(secret),
            scopes=",".join(chosen),
            created_at=datetime.now(UTC),
            revoked_at=None,
        )
    )
    record(session, actor, "key.create", f"key:{key_id}", {"name": name, "scopes": chosen})
    return f"{PREFIX}_{key_id}_{secret}"


def authenticate(session: Session, presented: str) -> Principal | None:
    """The principal for a presented key, or None if it is malformed, unknown or revoked."""
    parts = presented.split("_", 2)
    if len(parts) != 3 or parts[0] != PREFIX:
        return None
    row = session.get(ApiKeyRow, parts[1])
    if row is None or row.revoked_at is not None:
        return None
    if not hmac.compare_digest(row.secret_hash, _digest(parts[2])):
        return None
    return Principal(row.id, row.name, frozenset(row.scopes.split(",")))


def revoke_key(session: Session, key_id: str, actor: str = "cli") -> bool:
    row = session.get(ApiKeyRow, key_id)
    if row is None or row.revoked_at is not None:
        return False
    row.revoked_at = datetime.now(UTC)
    record(session, actor, "key.revoke", f"key:{key_id}")
    return True


def list_keys(session: Session) -> list[ApiKeyRow]:
    return list(session.scalars(select(ApiKeyRow).order_by(ApiKeyRow.created_at)))


def has_keys(session: Session) -> bool:
    return (
        session.scalars(select(ApiKeyRow.id).where(ApiKeyRow.revoked_at.is_(None))).first()
        is not None
    )
