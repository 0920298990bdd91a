"""The pipeline: ingest → detect → risk → policy → actions, one code path for every mode.

Accepted events wait in the event log (``processed_at IS NULL``); :meth:`Pipeline.process_pending`
takes them in arrival order, and everything one batch produces (signals, risk state, outbox
actions, cases, evidence, the processed mark) commits in one transaction. A crash mid-batch
therefore redoes the batch from the log and loses nothing.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from safestream.detect.base import (
    ESTABLISHED_ACCOUNT_DAYS,
    NEW_ACCOUNT_DAYS,
    AccountFacts,
    Activity,
    ActivityEvent,
    DetectionContext,
    Detector,
    HistoryMessage,
    Prefetching,
    Role,
    StoreBound,
)
from safestream.detect.base import load_detectors as load_registered
from safestream.detect.text.alone import AloneStatement
from safestream.detect.vision.rgb import RgbFrame
from safestream.events import (
    AccountProfile,
    CallEnd,
    CallStart,
    ChatMessage,
    Event,
    Frame,
    Reaction,
    StreamEnd,
    StreamStart,
    UserReport,
    parse_event,
)
from safestream.frames import FrameIntake, decode_buffered, drop_expired, load_buffered
from safestream.ingest import IngestResult, ingest
from safestream.policy.engine import PolicyEngine, default_engine
from safestream.policy.inputs import FactValue, PolicyInput
from safestream.policy.outbox import carry_out
from safestream.review.evidence import EvidenceVault
from safestream.risk.context import weigh
from safestream.risk.levels import Level
from safestream.risk.relationship import addresses_kin, is_family
from safestream.risk.state import SubjectState
from safestream.risk.states import SubjectStates, state_from_row
from safestream.risk.weights import CHILD_VOICE
from safestream.signals import Signal
from safestream.store.db import Store
from safestream.store.models import ActionRow, EventRow, SignalRow, SubjectRow

log = logging.getLogger(__name__)

MAX_PARTICIPANTS = 64
MAX_MINOR_CONTACTS = 500
MAX_FOLLOWS = 1_000
MAX_FAMILY = 20
GROUP_SIZE = 3
"""Participants from which a conversation is a group, where what is said everyone reads. A
stream's chat is public too, but it is where offenders direct a broadcasting child, so it is no
group in this sense."""
HANDOVER_LIMIT = 50_000
ALONE_FOR = timedelta(hours=3)
"""How long a child's "im home alone" keeps requests to them weighted up."""


@dataclass(frozen=True, slots=True)
class ProcessedEvent:
    """What processing one event produced, for ``scan --events`` and tests."""

    event_id: str
    subject_kind: str
    subject_id: str
    signals: tuple[Signal, ...]
    level: Level
    action_ids: tuple[int, ...] = ()
    case_ids: tuple[int, ...] = ()
    touched: tuple[tuple[str, str], ...] = ()
    """Every subject whose risk this event changed (the primary one first)."""


@dataclass(slots=True)
class _Batch:
    session: Session
    now: datetime
    dirty: dict[tuple[str, str], SubjectState] = field(default_factory=dict)
    accounts: dict[str, dict[str, Any]] = field(default_factory=dict)
    signal_rows: list[dict[str, Any]] = field(default_factory=list)
    actions: dict[str, list[ActionRow]] = field(default_factory=dict)
    """Outbox rows by triggering event; their ids exist once the batch is flushed."""
    frames: dict[str, RgbFrame] = field(default_factory=dict)
    """Pixels of the batch's frames whose pictures are still buffered."""


class Pipeline:
    """Processes stored events; holds risk state of recent subjects in an LRU cache."""

    def __init__(
        self,
        store: Store,
        *,
        detectors: Sequence[Detector] | None = None,
        policy: PolicyEngine | None = None,
        vault: EvidenceVault | None = None,
        intake: FrameIntake | None = None,
        cache_size: int = 100_000,
    ) -> None:
        """``intake`` decides how frame pictures are taken in (file paths only when embedded)."""
        self.store = store
        self.detectors = list(load_registered() if detectors is None else detectors)
        self.policy = policy or default_engine()
        self.vault = vault or EvidenceVault.ephemeral()
        self.intake = intake or FrameIntake()
        self._by_type: dict[str, list[Detector]] = {}
        for det in self.detectors:
            for event_type in det.event_types:
                self._by_type.setdefault(event_type, []).append(det)
        self._prefetching = [d for d in self.detectors if isinstance(d, Prefetching)]
        for det in self.detectors:
            if isinstance(det, StoreBound):
                det.bind_store(store)
        self._alone = AloneStatement()
        self._subjects = SubjectStates(cache_size)
        self._handover: dict[str, Event] = {}
        self._lock = threading.Lock()

    # -- ingest --------------------------------------------------------------------------

    def submit(self, raw_items: Sequence[Any], oversized: Collection[int] = ()) -> IngestResult:
        """Validate and durably store events; processing happens in :meth:`process_pending`."""
        result = ingest(self.store, raw_items, oversized, intake=self.intake, vault=self.vault)
        if len(self._handover) < HANDOVER_LIMIT:
            for event in result.accepted_events:
                self._handover[event.id] = event
        return result

    def _handed_over(self, event_id: str) -> Event | None:
        """The parsed event ``submit`` kept, which spares parsing it again from the log."""
        try:
            return self._handover.pop(event_id)
        except KeyError:
            return None

    # -- processing ----------------------------------------------------------------------

    def process_pending(self, limit: int = 1_000) -> list[ProcessedEvent]:
        """Process up to ``limit`` stored events in arrival order, committing once."""
        with self._lock:
            try:
                return self._process_batch(limit)
            except BaseException:
                # The store rolled the batch back, but the cached states already hold its
                # changes: forget them, so a retry starts from what the store kept.
                self._subjects.clear()
                raise

    def _process_batch(self, limit: int) -> list[ProcessedEvent]:
        with self.store.session() as session, session.begin():
            # Flushes happen where ids are needed (cases, evidence) and once at the end; an
            # autoflush before every lookup would write the outbox row by row.
            session.autoflush = False
            rows = session.execute(
                select(EventRow.seq, EventRow.id, EventRow.payload)
                .where(EventRow.processed_at.is_(None))
                .order_by(EventRow.seq)
                .limit(limit)
                .with_for_update(skip_locked=True)
            ).all()
            if not rows:
                return []
            events = [self._handed_over(r.id) or parse_event(json.loads(r.payload)) for r in rows]
            batch = _Batch(session=session, now=datetime.now(UTC))
            batch.frames = decode_buffered(
                load_buffered(session, self.vault, [e.id for e in events if isinstance(e, Frame)])
            )
            self._prefetch(events)
            self._subjects.preload(session, events, rows[0].seq)
            out = [self._process(event, batch) for event in events]
            self._flush(batch, [r.seq for r in rows])
            self._subjects.trim()
            drop_expired(session, batch.now)
            return [
                replace(p, action_ids=tuple(a.id for a in batch.actions[p.event_id]))
                if p.event_id in batch.actions
                else p
                for p in out
            ]

    def drain(self, limit: int = 1_000) -> Iterable[ProcessedEvent]:
        """Process until the log has nothing pending."""
        while processed := self.process_pending(limit):
            yield from processed

    def subject(self, kind: str, subject_id: str) -> SubjectState | None:
        """The cached or stored state of a subject, without creating one."""
        with self._lock:
            cached = self._subjects.cached(kind, subject_id)
            if cached is not None:
                return cached
        with self.store.session() as session:
            row = session.get(SubjectRow, (kind, subject_id))
            return state_from_row(row) if row else None

    # -- one event -----------------------------------------------------------------------

    def _process(self, event: Event, batch: _Batch) -> ProcessedEvent:
        kind = event.subject_kind
        state = self._subjects.state(batch.session, kind, event.subject_id)
        previous = state.level
        first_event = state.as_of is None
        state.decay_to(event.ts)
        if self._track(event, state, batch) or first_event:
            batch.dirty[state.key] = state

        actor = event.actor_id
        target_id = self._target_of(event, state, actor)
        actor_facts = self._subjects.account(batch.session, actor) if actor else None
        target_facts = self._subjects.account(batch.session, target_id) if target_id else None
        self._note_child_context(event, state, actor_facts, target_id, batch)
        signals: list[Signal] = []
        detectors = self._by_type.get(event.type)
        if detectors:
            context = DetectionContext(
                subject_id=state.id,
                subject_kind=kind,
                sender_role=self._role(state, actor),
                sender=actor_facts,
                target=target_facts,
                history=tuple(state.history),
                activity=tuple(state.activity),
                sender_minor_contacts=self._minor_contacts(
                    batch, event, actor, target_id, target_facts
                ),
                frame=batch.frames.get(event.id),
            )
            signals = self._detect(detectors, event, context)
        if isinstance(event, ActivityEvent):
            state.activity.append(Activity.of(event, actor_facts))
        if isinstance(event, ChatMessage):
            state.history.append(
                HistoryMessage(
                    event.id,
                    event.sender_id,
                    event.text,
                    event.ts,
                    frozenset(s.category.value for s in signals if s.fires),
                )
            )
        if not signals and state.level == previous:
            # The common case: nothing found, nothing changed, no rule can newly match.
            state.note_level(event.id)
            return ProcessedEvent(event.id, kind, state.id, (), state.level, touched=(state.key,))

        facts = self._facts(
            batch.session,
            event=event,
            state=state,
            actor=actor,
            actor_facts=actor_facts,
            target_id=target_id,
            target_facts=target_facts,
        )
        touched = [(state, previous)]
        event_categories = frozenset(s.category.value for s in signals if s.fires)
        if signals:
            sender_is_target = actor is not None and actor == target_id
            # An account's own risk holds what it was found doing (signals at or above the
            # decision point), not every faint hint in its messages.
            attribute = (
                isinstance(event, ChatMessage)
                and actor is not None
                and not sender_is_target
                and any(s.fires and s.category not in CHILD_VOICE for s in signals)
            )
            if attribute and actor is not None:
                account_state = self._subjects.state(batch.session, "account", actor)
                touched.append((account_state, account_state.level))
                account_state.decay_to(event.ts)
            for signal in signals:
                weighed = weigh(
                    signal, facts, sender_is_target=sender_is_target, alongside=event_categories
                )
                state.add(
                    signal,
                    weighed.factor,
                    event.id,
                    event.ts,
                    hint_only=weighed.hint_only,
                    floor=weighed.floor,
                )
                if len(touched) > 1 and signal.fires and signal.category not in CHILD_VOICE:
                    touched[1][0].add(
                        signal, weighed.factor, event.id, event.ts, hint_only=weighed.hint_only
                    )
                batch.signal_rows.append(_signal_row(signal, event.id, state, batch.now))

        case_ids: list[int] = []
        for subject, before in touched:
            subject.note_level(event.id)
            if not signals and subject.level == before:
                continue
            # Only a change of evidence, level or facts is written back: decay is memoryless,
            # so a state saved earlier decays to the same values when it is loaded again.
            batch.dirty[subject.key] = subject
            requests = self.policy.evaluate(
                PolicyInput(
                    subject_id=subject.id,
                    subject_kind=subject.kind,
                    event_id=event.id,
                    level=subject.level,
                    previous_level=before,
                    score=subject.score,
                    categories=subject.evidence,
                    event_categories=event_categories,
                    facts=facts,
                ),
                frozenset(subject.fired_rules),
            )
            if not requests:
                continue
            subject.fired_rules.update(r.rule_id for r in requests)
            done = carry_out(batch.session, requests, subject, self.vault, event.ts)
            batch.actions.setdefault(event.id, []).extend(done.actions)
            case_ids.extend(done.case_ids)
        return ProcessedEvent(
            event_id=event.id,
            subject_kind=kind,
            subject_id=state.id,
            signals=tuple(signals),
            level=state.level,
            case_ids=tuple(case_ids),
            touched=tuple(subject.key for subject, _ in touched),
        )

    def _note_child_context(
        self,
        event: Event,
        state: SubjectState,
        sender: AccountFacts | None,
        target_id: str | None,
        batch: _Batch,
    ) -> None:
        """Remember what a child's own words say of the setting: alone at home (requests that
        follow weigh more), or talking to family (their everyday questions stay hints)."""
        if not (isinstance(event, ChatMessage) and sender is not None and sender.is_minor):
            return
        if self._alone.says_alone(event.text):
            state.facts["child_alone"] = {"account": sender.account_id, "at": event.ts.isoformat()}
            batch.dirty[state.key] = state
        if (
            state.kind == "conversation"
            and target_id is not None
            and target_id != sender.account_id
            and addresses_kin(event.text)
        ):
            family: list[str] = state.facts.setdefault("family", [])
            if target_id not in family and len(family) < MAX_FAMILY:
                family.append(target_id)
                batch.dirty[state.key] = state

    def _minor_contacts(
        self,
        batch: _Batch,
        event: Event,
        actor: str | None,
        target_id: str | None,
        target_facts: AccountFacts | None,
    ) -> int:
        """Distinct minors the sender has messaged privately, this one included."""
        if not (
            isinstance(event, ChatMessage)
            and event.conversation_id
            and actor
            and target_id
            and actor != target_id
            and target_facts is not None
            and target_facts.is_minor
        ):
            return 0
        sender = self._subjects.state(batch.session, "account", actor)
        contacts: list[str] = sender.facts.setdefault("minor_contacts", [])
        if target_id not in contacts and len(contacts) < MAX_MINOR_CONTACTS:
            contacts.append(target_id)
            batch.dirty[sender.key] = sender
        return len(contacts)

    def _prefetch(self, events: Sequence[Event]) -> None:
        for det in self._prefetching:
            try:
                det.prefetch(events)
            except Exception:
                # Detection falls back to one event at a time; protection goes on.
                log.exception("detector %s failed to prefetch", getattr(det, "name", det))

    @staticmethod
    def _detect(detectors: list[Detector], event: Event, context: DetectionContext) -> list[Signal]:
        signals: list[Signal] = []
        for det in detectors:
            try:
                signals.extend(det.detect(event, context))
            except Exception:
                # A faulty detector must not stop protection by the others.
                log.exception("detector %s %s failed on event %s", det.name, det.version, event.id)
        return signals

    def _track(self, event: Event, state: SubjectState, batch: _Batch) -> bool:
        """Keep the subject and account facts that give later events their context.

        Returns whether the subject's own facts changed.
        """
        if isinstance(event, AccountProfile):
            batch.accounts[event.account_id] = self._subjects.profile(event, batch.now)
            return False
        if isinstance(event, StreamStart):
            state.owner_id = event.account_id
            state.facts["live"] = True
            return True
        if isinstance(event, StreamEnd | CallEnd):
            state.facts["live"] = False
            return True
        if isinstance(event, CallStart):
            self._add_participants(state, event.participants)
            state.facts["live"] = True
            return True
        if isinstance(event, ChatMessage) and event.conversation_id:
            return self._add_participants(state, [event.sender_id, event.recipient_id])
        if isinstance(event, Reaction) and event.kind == "follow" and state.owner_id:
            follower = self._subjects.state(batch.session, "account", event.sender_id)
            follows: list[str] = follower.facts.setdefault("follows", [])
            if state.owner_id not in follows and len(follows) < MAX_FOLLOWS:
                follows.append(state.owner_id)
                batch.dirty[follower.key] = follower
            return False
        if isinstance(event, UserReport):
            state.facts["reports"] = int(state.facts.get("reports", 0)) + 1
            return True
        return False

    @staticmethod
    def _add_participants(state: SubjectState, ids: Iterable[str | None]) -> bool:
        added = False
        for pid in ids:
            if pid and pid not in state.participants and len(state.participants) < MAX_PARTICIPANTS:
                state.participants.append(pid)
                added = True
        return added

    @staticmethod
    def _target_of(event: Event, state: SubjectState, actor: str | None) -> str | None:
        """Whom the event is aimed at: a stream's broadcaster, a chat's other participant."""
        if state.kind == "stream":
            return state.owner_id
        if state.kind == "account":
            return state.id
        recipient = getattr(event, "recipient_id", None)
        if isinstance(recipient, str):
            return recipient
        others = [p for p in state.participants if p != actor]
        return others[0] if len(others) == 1 else None

    @staticmethod
    def _role(state: SubjectState, actor: str | None) -> Role:
        if actor is None:
            return Role.UNKNOWN
        if state.kind == "stream":
            return Role.BROADCASTER if actor == state.owner_id else Role.VIEWER
        return Role.PARTICIPANT

    def _facts(
        self,
        session: Session,
        *,
        event: Event,
        state: SubjectState,
        actor: str | None,
        actor_facts: AccountFacts | None,
        target_id: str | None,
        target_facts: AccountFacts | None,
    ) -> dict[str, FactValue]:
        account_days = actor_facts.account_age_days(event.ts) if actor_facts else None
        stranger: bool | None = None
        if actor is not None and target_id is not None and actor != target_id:
            target_state = self._subjects.state(session, "account", target_id)
            stranger = actor not in target_state.facts.get("follows", [])
        family = is_family(actor_facts, event.ts) or actor in state.facts.get("family", [])
        return {
            "target_minor": target_facts.is_minor if target_facts else None,
            "sender_minor": actor_facts.is_minor if actor_facts else None,
            "sender_new_account": None if account_days is None else account_days < NEW_ACCOUNT_DAYS,
            "sender_established": None
            if account_days is None
            else account_days >= ESTABLISHED_ACCOUNT_DAYS,
            "sender_stranger": stranger and not family,
            "sender_family": family,
            "in_group": state.kind == "conversation" and len(state.participants) >= GROUP_SIZE,
            "live": bool(state.facts.get("live", False)),
            "target_alone": _alone(state, target_id, actor, event.ts),
        }

    # -- writing back ----------------------------------------------------------------------

    def _flush(self, batch: _Batch, seqs: list[int]) -> None:
        session = batch.session
        if batch.signal_rows:
            session.execute(insert(SignalRow), batch.signal_rows)
        self._subjects.write(session, batch.dirty.values(), batch.accounts.values(), batch.now)
        session.execute(
            update(EventRow).where(EventRow.seq.in_(seqs)).values(processed_at=batch.now)
        )
        session.flush()


def _alone(state: SubjectState, target_id: str | None, actor: str | None, now: datetime) -> bool:
    """Whether the target said, recently and in this subject, that no adult is home."""
    said = state.facts.get("child_alone")
    if not isinstance(said, dict) or target_id is None or actor == target_id:
        return False
    if said.get("account") != target_id:
        return False
    return now - datetime.fromisoformat(str(said["at"])) <= ALONE_FOR


def _signal_row(
    signal: Signal, event_id: str, state: SubjectState, now: datetime
) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "subject_kind": state.kind,
        "subject_id": state.id,
        "category": signal.category.value,
        "score": signal.score,
        "detector": signal.detector,
        "version": signal.version,
        "evidence": signal.evidence.to_dict(),
        "created_at": now,
    }
