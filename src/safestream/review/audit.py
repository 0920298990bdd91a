"""The append-only audit log: who did what, when."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from safestream.store.models import AuditRow


def record(
    session: Session, actor: str, action: str, target: str, details: dict[str, Any] | None = None
) -> None:
    """Add an audit entry to the caller's transaction, so it commits with what it records."""
    session.add(
        AuditRow(
            ts=datetime.now(UTC), actor=actor, action=action, target=target, details=details or {}
        )
    )
