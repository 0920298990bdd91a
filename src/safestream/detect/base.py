"""The detector interface and its discovery through Python entry points.

A detector is stateless: everything it may know beyond the event comes in the
:class:`DetectionContext` that the risk state builds. That keeps detectors safe to run in any
worker and in any order, and lets a platform add its own by installing a package that declares
an entry point in the ``safestream.detectors`` group.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from safestream.detect.vision.rgb import RgbFrame
from safestream.events import AccountProfile, Event, Reaction, RecordAttempt, ViewerJoin
from safestream.signals import Signal

if TYPE_CHECKING:
    from safestream.store.db import Store

ENTRY_POINT_GROUP = "safestream.detectors"
ADULT_AGE = 18
NEW_ACCOUNT_DAYS = 7.0
"""An account younger than this is new: offenders make fresh accounts for each approach."""
ESTABLISHED_ACCOUNT_DAYS = 90.0
"""An account at least this old has a history: a child's account that has been around for a
school term is trusted with other children's rapport, a weeks-old "16-year-old" is not."""


class Role(StrEnum):
    """What the sender of an event is to the subject."""

    BROADCASTER = "broadcaster"
    VIEWER = "viewer"
    PARTICIPANT = "participant"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class AccountFacts:
    """What the platform told us about an account (``account.profile``)."""

    account_id: str
    declared_age: int | None = None
    created_at: datetime | None = None
    assurance_result: str | None = None
    assurance_age: int | None = None
    display_name: str | None = None

    @classmethod
    def of(cls, profile: AccountProfile) -> AccountFacts:
        assurance = profile.age_assurance
        return cls(
            account_id=profile.account_id,
            declared_age=profile.declared_age,
            created_at=profile.created_at,
            assurance_result=assurance.result if assurance else None,
            assurance_age=assurance.estimated_age if assurance else None,
            display_name=profile.display_name,
        )

    @property
    def is_minor(self) -> bool | None:
        """Best knowledge of minority: an age check beats a declared age; None if unknown."""
        if self.assurance_result in ("minor", "adult"):
            return self.assurance_result == "minor"
        if self.assurance_age is not None:
            return self.assurance_age < ADULT_AGE
        if self.declared_age is not None:
            return self.declared_age < ADULT_AGE
        return None

    def account_age_days(self, now: datetime) -> float | None:
        if self.created_at is None:
            return None
        return max(0.0, (now - self.created_at).total_seconds() / 86_400)


@dataclass(frozen=True, slots=True)
class HistoryMessage:
    """An earlier chat message of the same subject, oldest first in the context."""

    event_id: str
    sender_id: str
    text: str
    ts: datetime
    categories: frozenset[str] = frozenset()


ActivityEvent = ViewerJoin | Reaction | RecordAttempt
"""Non-chat events a subject keeps as recent activity, for the behaviour detectors."""


@dataclass(frozen=True, slots=True)
class Activity:
    """An earlier non-chat event of the same subject: a join, a reaction, a capture attempt."""

    event_id: str
    type: str
    actor_id: str
    ts: datetime
    kind: str | None = None
    count: int = 1
    value: float | None = None
    actor_new_account: bool | None = None

    @classmethod
    def of(cls, event: ActivityEvent, facts: AccountFacts | None) -> Activity:
        """The activity an event records; ``facts`` are its actor's, when known."""
        days = facts.account_age_days(event.ts) if facts else None
        reaction = event if isinstance(event, Reaction) else None
        return cls(
            event_id=event.id,
            type=event.type,
            actor_id=event.actor_id,
            ts=event.ts,
            kind=reaction.kind if reaction else None,
            count=reaction.count if reaction else 1,
            value=reaction.value if reaction else None,
            actor_new_account=None if days is None else days < NEW_ACCOUNT_DAYS,
        )


@dataclass(frozen=True, slots=True)
class DetectionContext:
    """What the risk state knows when an event arrives.

    ``history`` holds the subject's recent chat and ``activity`` its recent joins, reactions
    and capture attempts, oldest first. ``sender_minor_contacts`` counts the distinct minors
    the sender has messaged privately. ``frame`` holds the pixels of a frame event while its
    picture is still buffered (see ``safestream.frames``); otherwise only its PDQ is known.
    """

    subject_id: str
    subject_kind: str
    sender_role: Role = Role.UNKNOWN
    sender: AccountFacts | None = None
    target: AccountFacts | None = None
    history: Sequence[HistoryMessage] = field(default_factory=tuple)
    activity: Sequence[Activity] = field(default_factory=tuple)
    sender_minor_contacts: int = 0
    frame: RgbFrame | None = None


@runtime_checkable
class Detector(Protocol):
    """``detect(event, context) -> signals``; names and versions its own output."""

    name: str
    version: str
    event_types: frozenset[str]

    def detect(self, event: Event, context: DetectionContext) -> list[Signal]: ...


@runtime_checkable
class Prefetching(Protocol):
    """A detector that does its costly part once per chunk of events, before ``detect``.

    The pipeline hands it every chunk it processes; ``detect`` must still work for an event
    that was never prefetched.
    """

    def prefetch(self, events: Sequence[Event]) -> None: ...


@runtime_checkable
class StoreBound(Protocol):
    """A detector that reads reference data from the store, such as hash banks.

    The pipeline binds its store once; the detector refreshes what it read in ``prefetch``.
    """

    def bind_store(self, store: Store) -> None: ...


class DetectorLoadError(RuntimeError):
    pass


def load_detectors(names: Iterable[str] | None = None) -> list[Detector]:
    """Instantiate the detectors registered under ``safestream.detectors``.

    ``names`` restricts to those entry-point names; an unknown name is an error rather than a
    silently weaker pipeline.
    """
    found = {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}
    wanted = sorted(found) if names is None else list(names)
    missing = [n for n in wanted if n not in found]
    if missing:
        raise DetectorLoadError(
            f"no detector registered as {', '.join(missing)}; known: {', '.join(sorted(found))}"
        )
    detectors: list[Detector] = []
    for name in wanted:
        factory = found[name].load()
        detector = factory()
        if not isinstance(detector, Detector):
            raise DetectorLoadError(f"entry point {name!r} did not build a Detector")
        detectors.append(detector)
    return detectors
