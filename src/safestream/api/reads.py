"""Read endpoints: subjects' risk, cases, the outbox and (audited) evidence."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, status
from sqlalchemy import select

from safestream.api.auth import get_service, require
from safestream.api.keys import Principal
from safestream.review.cases import case_to_dict
from safestream.review.evidence import EvidenceError, open_evidence
from safestream.risk.states import state_from_row
from safestream.service import Service
from safestream.store.models import ActionRow, CaseRow, SubjectRow

router = APIRouter(prefix="/v1")
SubjectKind = Literal["stream", "conversation", "account"]


def subject_view(row: SubjectRow) -> dict[str, Any]:
    state = state_from_row(row)
    return {
        "kind": row.kind,
        "id": row.id,
        "level": row.level,
        "peak_level": state.peak_level.label,
        "score": round(row.score, 4),
        "categories": sorted(state.seen_categories),
        "evidence": {c: round(v, 4) for c, v in sorted(state.evidence.items())},
        "reasons": state.top_reasons(),
        "first_alert_event_id": row.first_alert_event_id,
        "updated_at": row.updated_at.isoformat(),
    }


@router.get("/subjects/{subject_id}", summary="Risk, level and reasons of a subject")
def get_subject(
    subject_id: str,
    service: Annotated[Service, Depends(get_service)],
    _: Annotated[Principal, Depends(require("read"))],
    kind: SubjectKind | None = None,
) -> dict[str, Any]:
    """Every subject with this id (a stream, a conversation, an account), or one ``kind``."""
    query = select(SubjectRow).where(SubjectRow.id == subject_id)
    if kind is not None:
        query = query.where(SubjectRow.kind == kind)
    with service.store.session() as session:
        rows = list(session.scalars(query.order_by(SubjectRow.kind)))
    if not rows:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"no subject {subject_id!r}")
    return {"id": subject_id, "subjects": [subject_view(r) for r in rows]}


@router.get("/cases", summary="Cases, most urgent first")
def list_cases(
    service: Annotated[Service, Depends(get_service)],
    _: Annotated[Principal, Depends(require("read"))],
    case_status: Annotated[Literal["open", "closed"] | None, Query(alias="status")] = "open",
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    query = select(CaseRow)
    if case_status is not None:
        query = query.where(CaseRow.status == case_status)
    query = query.order_by(CaseRow.priority, CaseRow.opened_at).limit(limit).offset(offset)
    with service.store.session() as session:
        return {"cases": [case_to_dict(c) for c in session.scalars(query)]}


@router.get("/cases/{case_id}", summary="One case")
def get_case(
    case_id: int,
    service: Annotated[Service, Depends(get_service)],
    _: Annotated[Principal, Depends(require("read"))],
) -> dict[str, Any]:
    with service.store.session() as session:
        case = session.get(CaseRow, case_id)
        if case is None:
            raise HTTPException(status.HTTP_404_NOT_FOUND, f"no case {case_id}")
        return case_to_dict(case)


@router.get("/actions", summary="Outbox actions, e.g. dead-lettered webhooks")
def list_actions(
    service: Annotated[Service, Depends(get_service)],
    _: Annotated[Principal, Depends(require("read"))],
    action_status: Annotated[
        Literal["pending", "delivered", "dead", "shadow"] | None, Query(alias="status")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> dict[str, Any]:
    query = select(ActionRow).order_by(ActionRow.id.desc()).limit(limit)
    if action_status is not None:
        query = query.where(ActionRow.status == action_status)
    with service.store.session() as session:
        return {
            "actions": [
                {
                    "id": a.id,
                    "kind": a.kind,
                    "rule_id": a.rule_id,
                    "subject": {"kind": a.subject_kind, "id": a.subject_id},
                    "event_id": a.event_id,
                    "params": a.params,
                    "status": a.status,
                    "attempts": a.attempts,
                    "last_error": a.last_error,
                    "created_at": a.created_at.isoformat(),
                }
                for a in session.scalars(query)
            ]
        }


@router.get("/evidence/{evidence_id}", summary="Decrypt preserved evidence (audited)")
def get_evidence(
    evidence_id: int,
    service: Annotated[Service, Depends(get_service)],
    principal: Annotated[Principal, Depends(require("admin"))],
) -> dict[str, Any]:
    with service.store.session() as session, session.begin():
        try:
            return open_evidence(session, service.vault, evidence_id, principal.actor)
        except EvidenceError as exc:
            raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None
