"""Carrying out policy actions: outbox rows for the platform, and SafeStream's own effects.

Every action becomes an outbox row in the same transaction as the event that caused it, so a
crash never loses an action nor sends one for an event that was rolled back. Shadow actions are
recorded (status ``shadow``) and have no effect.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from safestream.policy.actions import ActionKind, ActionRequest
from safestream.review.cases import default_priority, open_or_update_case
from safestream.review.evidence import EvidenceVault, preserve
from safestream.risk.state import SubjectState
from safestream.store.models import ActionRow


@dataclass(slots=True)
class CarriedOut:
    """What one batch of actions did, for the caller's report."""

    actions: list[ActionRow] = field(default_factory=list)
    case_ids: list[int] = field(default_factory=list)
    evidence_ids: list[int] = field(default_factory=list)


def carry_out(
    session: Session,
    requests: list[ActionRequest],
    state: SubjectState,
    vault: EvidenceVault,
    now: datetime,
) -> CarriedOut:
    done = CarriedOut()
    for req in requests:
        params: dict[str, Any] = dict(req.params)
        if not req.shadow:
            _apply_effect(session, req, params=params, state=state, vault=vault, now=now, done=done)
        row = ActionRow(
            kind=req.kind.value,
            rule_id=req.rule_id,
            subject_kind=req.subject_kind,
            subject_id=req.subject_id,
            event_id=req.event_id,
            params=params,
            shadow=req.shadow,
            status="shadow" if req.shadow else "pending",
            attempts=0,
            next_attempt_at=None if req.shadow else now,
            created_at=now,
        )
        session.add(row)
        done.actions.append(row)
    return done


def _apply_effect(
    session: Session,
    req: ActionRequest,
    *,
    params: dict[str, Any],
    state: SubjectState,
    vault: EvidenceVault,
    now: datetime,
    done: CarriedOut,
) -> None:
    """SafeStream's own side of an action; ids it creates go into the webhook params."""
    if req.kind is ActionKind.OPEN_CASE:
        case = open_or_update_case(
            session,
            subject_kind=state.kind,
            subject_id=state.id,
            level=state.level,
            priority=int(params.get("priority", default_priority(state.level))),
            reasons=state.top_reasons(),
            event_id=req.event_id,
            now=now,
            flags=[str(f) for f in params.get("flags", [])],
        )
        params["case_id"] = case.id
        done.case_ids.append(case.id)
    elif req.kind is ActionKind.PRESERVE_EVIDENCE:
        reasons = state.top_reasons(limit=50)
        row = preserve(
            session,
            vault,
            subject_kind=state.kind,
            subject_id=state.id,
            extra_event_ids=sorted({r["event_id"] for r in reasons}),
            reasons=reasons,
            now=now,
        )
        session.flush()
        params["evidence_id"] = row.id
        done.evidence_ids.append(row.id)
    elif req.kind is ActionKind.SET_SAMPLING_RATE and "interval_seconds" in params:
        state.facts["frame_interval_seconds"] = params["interval_seconds"]
