"""Ingest: validate events against the wire contract and store them before acknowledging.

A batch is judged item by item: good events go in, bad ones come back with every problem
named, and an event id seen before (in this batch or ever) is acknowledged as a duplicate
without being stored or processed again.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from sqlalchemy import insert

from safestream.events import MAX_EVENT_BYTES, Event, EventValidationError, Frame, parse_event
from safestream.frames import FrameIntake, FrameIntakeError, buffer_rows
from safestream.review.evidence import EvidenceVault
from safestream.store.db import Store
from safestream.store.models import EventRow, FrameBufferRow
from safestream.store.upsert import insert_new

Status = Literal["accepted", "duplicate", "rejected"]


@dataclass(frozen=True, slots=True)
class ItemResult:
    index: int
    id: str | None
    status: Status
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"index": self.index, "id": self.id, "status": self.status, "errors": self.errors}


@dataclass(frozen=True, slots=True)
class IngestResult:
    items: list[ItemResult]
    accepted_events: list[Event]

    def count(self, status: Status) -> int:
        return sum(1 for i in self.items if i.status == status)


def ingest(
    store: Store,
    raw_items: Sequence[Any],
    oversized: Collection[int] = (),
    *,
    intake: FrameIntake | None = None,
    vault: EvidenceVault | None = None,
) -> IngestResult:
    """Validate and durably store a batch; returns once the accepted events are committed.

    ``oversized`` names the indexes the caller found over :data:`MAX_EVENT_BYTES` on the wire.
    Frames are stored with their PDQ hash instead of their picture (``intake``); the picture
    goes, sealed by ``vault``, into the short frame buffer, or nowhere without a vault.
    """
    intake = intake or FrameIntake()
    items: list[ItemResult | None] = [None] * len(raw_items)
    candidates: dict[str, tuple[int, Event]] = {}
    pictures: dict[str, bytes] = {}
    for index, raw in enumerate(raw_items):
        if index in oversized:
            problem = f"event: larger than the {MAX_EVENT_BYTES} byte limit"
            event_id = raw.get("id") if isinstance(raw, dict) else None
            items[index] = ItemResult(
                index, event_id if isinstance(event_id, str) else None, "rejected", [problem]
            )
            continue
        try:
            event = parse_event(raw)
        except EventValidationError as exc:
            items[index] = ItemResult(index, exc.event_id, "rejected", [str(e) for e in exc.errors])
            continue
        if isinstance(event, Frame):
            try:
                taken = intake.take(event)
            except FrameIntakeError as exc:
                items[index] = ItemResult(index, event.id, "rejected", [str(exc)])
                continue
            event = taken.event
            if taken.image is not None and event.id not in candidates:
                pictures[event.id] = taken.image
        if event.id in candidates:
            items[index] = ItemResult(index, event.id, "duplicate")
        else:
            candidates[event.id] = (index, event)
    now = datetime.now(UTC)
    rows = [
        {
            "id": event.id,
            "type": event.type,
            "subject_id": event.subject_id,
            "ts": event.ts,
            "payload": event.model_dump_json(exclude_none=True),
            "received_at": now,
            "processed_at": None,
        }
        for _, event in candidates.values()
    ]
    with store.session() as session, session.begin():
        inserted = insert_new(session, EventRow.__table__, rows, "id")  # type: ignore[arg-type]
        fresh = {i: p for i, p in pictures.items() if i in inserted}
        if fresh and vault is not None:
            session.execute(insert(FrameBufferRow), buffer_rows(fresh, vault, now))
    accepted: list[Event] = []
    for event_id, (index, event) in candidates.items():
        if event_id in inserted:
            items[index] = ItemResult(index, event_id, "accepted")
            accepted.append(event)
        else:
            items[index] = ItemResult(index, event_id, "duplicate")
    return IngestResult([i for i in items if i is not None], accepted)
