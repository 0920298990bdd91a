"""Cases: one open case per subject, raised in priority as its risk rises."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from safestream.risk.levels import Level
from safestream.store.models import CaseRow

PRIORITY_BY_LEVEL = {Level.CRITICAL: 1, Level.HIGH: 2, Level.MEDIUM: 3}
LOWEST_PRIORITY = 4


def default_priority(level: Level) -> int:
    return PRIORITY_BY_LEVEL.get(level, LOWEST_PRIORITY)


def open_or_update_case(
    session: Session,
    *,
    subject_kind: str,
    subject_id: str,
    level: Level,
    priority: int,
    reasons: list[dict[str, Any]],
    event_id: str,
    now: datetime,
    flags: list[str] | None = None,
) -> CaseRow:
    """Open a case, or fold new reasons and a higher priority into the subject's open one.

    A subject keeps one open case so a moderator sees the whole story in one place rather than
    a case per alert.
    """
    case = session.scalars(
        select(CaseRow).where(
            CaseRow.subject_kind == subject_kind,
            CaseRow.subject_id == subject_id,
            CaseRow.status == "open",
        )
    ).first()
    if case is None:
        case = CaseRow(
            subject_kind=subject_kind,
            subject_id=subject_id,
            status="open",
            priority=priority,
            level=level.label,
            reasons=reasons,
            flags=sorted(set(flags or [])),
            opened_event_id=event_id,
            opened_at=now,
            updated_at=now,
        )
        session.add(case)
        session.flush()
        return case
    case.priority = min(case.priority, priority)
    if level > Level.parse(case.level):
        case.level = level.label
    case.reasons = reasons
    case.flags = sorted(set(case.flags) | set(flags or []))
    case.updated_at = now
    return case


def case_to_dict(case: CaseRow) -> dict[str, Any]:
    return {
        "id": case.id,
        "subject": {"kind": case.subject_kind, "id": case.subject_id},
        "status": case.status,
        "priority": case.priority,
        "level": case.level,
        "flags": case.flags,
        "reasons": case.reasons,
        "opened_event_id": case.opened_event_id,
        "opened_at": case.opened_at.isoformat(),
        "updated_at": case.updated_at.isoformat(),
    }
