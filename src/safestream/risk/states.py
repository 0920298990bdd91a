"""Risk state of recent subjects and facts of their accounts: cached, loaded, written back.

A batch of events touches a few hundred subjects and accounts. Asking the store for each one as
its event comes up would cost a query per event, so :meth:`SubjectStates.preload` reads what a
batch needs in a few queries, an LRU cache keeps it for the next batch, and
:meth:`SubjectStates.write` saves what changed once per batch.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from safestream.detect.base import AccountFacts, Activity, ActivityEvent, HistoryMessage
from safestream.events import AccountProfile, ChatMessage, Event, parse_event
from safestream.risk.state import ACTIVITY_LENGTH, HISTORY_LENGTH, SubjectState
from safestream.signals import DECISION_THRESHOLD
from safestream.store.models import AccountRow, EventRow, SignalRow, SubjectRow
from safestream.store.upsert import upsert

Row = TypeVar("Row", SubjectRow, AccountRow)
QUERY_CHUNK = 500
"""Ids per ``IN`` list: well inside every engine's limit on bound parameters."""


class SubjectStates:
    """The states of recent subjects and the facts of recent accounts, least recent evicted."""

    def __init__(self, cache_size: int) -> None:
        self._cache_size = cache_size
        self._states: OrderedDict[tuple[str, str], SubjectState] = OrderedDict()
        self._accounts: OrderedDict[str, AccountFacts] = OrderedDict()

    def cached(self, kind: str, subject_id: str) -> SubjectState | None:
        return self._states.get((kind, subject_id))

    def state(self, session: Session, kind: str, subject_id: str) -> SubjectState:
        """The subject's state: cached, stored, or new."""
        key = (kind, subject_id)
        state = self._states.get(key)
        if state is not None:
            self._states.move_to_end(key)
            return state
        row = session.get(SubjectRow, key)
        state = state_from_row(row) if row else SubjectState(kind=kind, id=subject_id)
        self._remember_state(state)
        return state

    def account(self, session: Session, account_id: str) -> AccountFacts:
        """What the platform told us about the account, or bare facts if nothing yet."""
        facts = self._accounts.get(account_id)
        if facts is None:
            row = session.get(AccountRow, account_id)
            facts = facts_from_row(row) if row else AccountFacts(account_id)
            self._remember_account(facts)
        return facts

    def profile(self, profile: AccountProfile, now: datetime) -> dict[str, Any]:
        """Take in an account's profile; returns the row to write back with the batch."""
        self._remember_account(AccountFacts.of(profile))
        assurance = profile.age_assurance
        return {
            "id": profile.account_id,
            "declared_age": profile.declared_age,
            "created_at": profile.created_at,
            "age_assurance": assurance.model_dump() if assurance else None,
            "display_name": profile.display_name,
            "updated_at": now,
        }

    def preload(self, session: Session, events: Sequence[Event], first_seq: int) -> None:
        """Load the batch's unknown subjects and accounts with a few queries, not one per event.

        First the events' own subjects, then the account states of the children they involve
        (whose follows say who is a stranger) and the profiles of everyone. What the store does
        not know is cached as new, so later lookups in the batch do not ask again.
        """
        subjects: set[tuple[str, str]] = {(e.subject_kind, e.subject_id) for e in events}
        self._preload_states(session, subjects, first_seq)
        targets: set[str] = set()
        for key in subjects:
            state = self._states.get(key)
            if state is not None:
                targets.update(state.participants)
                if state.owner_id:
                    targets.add(state.owner_id)
        self._preload_states(session, {("account", t) for t in targets}, first_seq)
        actors = {a for e in events if (a := e.actor_id)}
        unknown = (targets | actors) - self._accounts.keys()
        if unknown:
            for row in _in_chunks(session, AccountRow, unknown):
                self._remember_account(facts_from_row(row))
            for account_id in unknown - self._accounts.keys():
                self._remember_account(AccountFacts(account_id))

    def write(
        self,
        session: Session,
        dirty: Iterable[SubjectState],
        profiles: Iterable[dict[str, Any]],
        now: datetime,
    ) -> None:
        """Save changed subject states and new profiles (upserts, one statement each)."""
        upsert(session, AccountRow.__table__, list(profiles), ["id"])  # type: ignore[arg-type]
        upsert(
            session,
            SubjectRow.__table__,  # type: ignore[arg-type]
            [
                {
                    "kind": s.kind,
                    "id": s.id,
                    "level": s.level.label,
                    "score": s.score,
                    "first_alert_event_id": s.first_alert_event_id,
                    "state": s.to_json(),
                    "updated_at": now,
                }
                for s in dirty
            ],
            ["kind", "id"],
        )

    def _preload_states(
        self, session: Session, wanted: set[tuple[str, str]], first_seq: int
    ) -> None:
        keys = wanted - self._states.keys()
        if not keys:
            return
        found = [
            state_from_row(row)
            for row in _in_chunks(session, SubjectRow, {k[1] for k in keys})
            if (row.kind, row.id) in keys
        ]
        for state in found:
            if state.kind != "account":
                self._load_recent(session, state, first_seq)
            self._remember_state(state)
        for kind, subject_id in keys - {st.key for st in found}:
            self._remember_state(SubjectState(kind=kind, id=subject_id))

    def _load_recent(self, session: Session, state: SubjectState, before_seq: int) -> None:
        """Rebuild recent chat and activity from the event log, the one copy of what happened."""
        rows = session.execute(
            select(EventRow.id, EventRow.payload)
            .where(EventRow.subject_id == state.id, EventRow.seq < before_seq)
            .order_by(EventRow.seq.desc())
            .limit(ACTIVITY_LENGTH + HISTORY_LENGTH)
        ).all()
        if not rows:
            return
        fired: dict[str, set[str]] = {}
        for event_id, category in session.execute(
            select(SignalRow.event_id, SignalRow.category).where(
                SignalRow.event_id.in_([r.id for r in rows]),
                SignalRow.score >= DECISION_THRESHOLD,
            )
        ):
            fired.setdefault(event_id, set()).add(category)
        for row in reversed(rows):
            past = parse_event(json.loads(row.payload))
            if isinstance(past, ChatMessage):
                state.history.append(
                    HistoryMessage(
                        past.id,
                        past.sender_id,
                        past.text,
                        past.ts,
                        frozenset(fired.get(past.id, ())),
                    )
                )
            elif isinstance(past, ActivityEvent):
                state.activity.append(Activity.of(past, self._accounts.get(past.actor_id)))

    def trim(self) -> None:
        """Evict the least recent beyond the cache's size: between batches only, because a state
        dropped mid-batch would be read back stale while the batch still changes the first."""
        for cache in (self._states, self._accounts):
            while len(cache) > self._cache_size:
                cache.popitem(last=False)

    def clear(self) -> None:
        """Forget everything cached (after a batch that did not commit)."""
        self._states.clear()
        self._accounts.clear()

    def _remember_state(self, state: SubjectState) -> None:
        self._states[state.key] = state

    def _remember_account(self, facts: AccountFacts) -> None:
        self._accounts[facts.account_id] = facts


def _in_chunks(session: Session, table: type[Row], ids: set[str]) -> list[Row]:
    """The rows of these ids, asked for in chunks."""
    ordered = sorted(ids)
    found: list[Row] = []
    for start in range(0, len(ordered), QUERY_CHUNK):
        chunk = ordered[start : start + QUERY_CHUNK]
        found.extend(session.scalars(select(table).where(table.id.in_(chunk))))
    return found


def state_from_row(row: SubjectRow) -> SubjectState:
    """A subject's state as stored (without its chat history, which lives in the log)."""
    return SubjectState.from_row(
        kind=row.kind,
        subject_id=row.id,
        level=row.level,
        score=row.score,
        first_alert_event_id=row.first_alert_event_id,
        data=row.state,
    )


def facts_from_row(row: AccountRow) -> AccountFacts:
    assurance = row.age_assurance or {}
    return AccountFacts(
        account_id=row.id,
        declared_age=row.declared_age,
        created_at=row.created_at,
        assurance_result=assurance.get("result"),
        assurance_age=assurance.get("estimated_age"),
        display_name=row.display_name,
    )
