"""The risk state of one subject and how signals move it.

Evidence per category accumulates as a noisy-OR of context-scaled signal scores, so repeated
weak hints add up while one strong signal is enough; it decays exponentially with event time.
The subject's score is a noisy-OR of category evidence times category weight, so different
grooming stages together (rapport, isolation, a request) rise further than any one alone, and
no signal hides another.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from safestream.detect.base import Activity, HistoryMessage
from safestream.risk.levels import Level, floor_of, level_for
from safestream.risk.weights import CHILD_VOICE, HALF_LIFE_SECONDS, weight
from safestream.signals import DECISION_THRESHOLD, Signal

HISTORY_LENGTH = 20
ACTIVITY_LENGTH = 100
REASONS_PER_CATEGORY = 3
NEGLIGIBLE = 0.005
WEAK_EVIDENCE_CAP = 0.45
"""However often they repeat, hints below the decision point never make a category present on
their own: a phrase many viewers type in an ordinary stream must not add up to an alert."""
CHILD_VOICE_ALONE_CAP = floor_of(Level.MEDIUM) - 0.01
"""The most a subject scores when the child's distress is all there is (a ``low``)."""
WEAK_EVIDENCE_WEIGHT = 0.25
"""Evidence below the decision point (hints, or findings faded with time) counts a quarter, so
faint hints of several categories do not add up to an alert either."""


@dataclass(slots=True)
class Reason:
    """One signal behind a subject's risk, as a moderator reads it."""

    category: str
    score: float
    event_id: str
    detector: str
    ts: str
    detail: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "category": self.category,
            "score": round(self.score, 4),
            "event_id": self.event_id,
            "detector": self.detector,
            "ts": self.ts,
        }
        if self.detail:
            out["detail"] = self.detail
        return out


def _detail(signal: Signal) -> str | None:
    ev = signal.evidence
    parts = [f'"{s.text}"' for s in ev.spans]
    if ev.note:
        parts.append(ev.note)
    if ev.exemplar:
        parts.append(f"like: {ev.exemplar}")
    return "; ".join(parts) or None


@dataclass(slots=True)
class SubjectState:
    kind: str
    id: str
    evidence: dict[str, float] = field(default_factory=dict)
    as_of: datetime | None = None
    score: float = 0.0
    level: Level = Level.NONE
    peak_level: Level = Level.NONE
    peak_score: float = 0.0
    first_alert_event_id: str | None = None
    seen_categories: set[str] = field(default_factory=set)
    reasons: dict[str, list[Reason]] = field(default_factory=dict)
    fired_rules: set[str] = field(default_factory=set)
    history: deque[HistoryMessage] = field(default_factory=lambda: deque(maxlen=HISTORY_LENGTH))
    """Recent chat, rebuilt from the event log when the state is loaded, never stored twice."""
    activity: deque[Activity] = field(default_factory=lambda: deque(maxlen=ACTIVITY_LENGTH))
    """Recent joins, reactions and capture attempts; rebuilt from the log like ``history``."""
    owner_id: str | None = None
    """Broadcaster of a stream; for a conversation, see ``participants``."""
    participants: list[str] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)

    def decay_to(self, now: datetime) -> None:
        """Let evidence fade with the time since the last update (event time, not wall time)."""
        if not self.evidence and self.score == 0.0:
            # Most subjects most of the time: nothing to fade.
            if self.as_of is None or now > self.as_of:
                self.as_of = now
            return
        if self.as_of is not None and now > self.as_of:
            elapsed = (now - self.as_of).total_seconds()
            factor = 0.5 ** (elapsed / HALF_LIFE_SECONDS.get(self.kind, 3600.0))
            self.evidence = {
                c: v * factor for c, v in self.evidence.items() if v * factor >= NEGLIGIBLE
            }
        if self.as_of is None or now > self.as_of:
            self.as_of = now
        self._rescore()

    def add(
        self,
        signal: Signal,
        factor: float,
        event_id: str,
        ts: datetime,
        *,
        hint_only: bool = False,
        floor: float = 0.0,
    ) -> None:
        """Accumulate one signal scaled by its context factor.

        ``hint_only`` (see :func:`safestream.risk.weights.hint_only`) keeps a firing signal
        below the decision point, as if the detector had only hinted at it; ``floor`` (see
        :func:`safestream.risk.weights.request_floor`) is the least a firing one counts as.
        """
        fires = signal.fires and not hint_only
        value = min(1.0, signal.score * factor)
        if fires:
            value = max(value, floor)
        if value <= 0.0:
            return
        category = signal.category.value
        prior = self.evidence.get(category, 0.0)
        combined = 1.0 - (1.0 - prior) * (1.0 - value)
        if not fires:
            # The detector's own decision stands: context may weigh a hint, not promote it.
            combined = max(prior, min(combined, WEAK_EVIDENCE_CAP))
        self.evidence[category] = combined
        if fires:
            self.seen_categories.add(category)
        kept = self.reasons.setdefault(category, [])
        kept.append(
            Reason(category, value, event_id, signal.detector, ts.isoformat(), _detail(signal))
        )
        kept.sort(key=lambda r: r.score, reverse=True)
        del kept[REASONS_PER_CATEGORY:]
        self._rescore()

    def _rescore(self) -> None:
        # A noisy-OR: what the evidence leaves unexplained, kept apart for the child's voice.
        others, child = 1.0, 1.0
        for category, value in self.evidence.items():
            effective = value if value >= DECISION_THRESHOLD else value * WEAK_EVIDENCE_WEIGHT
            left = 1.0 - min(1.0, weight(category) * effective)
            if category in CHILD_VOICE:
                child *= left
            else:
                others *= left
        self.score = 1.0 - others * child
        if 1.0 - others < floor_of(Level.MEDIUM):
            # Only the child's own fear is present: support-first rules act on it at ``low``
            # (see the default pack), but a frightened or sad child talking to a friend or a
            # relative is no alert about someone harming them. Beside other evidence it counts
            # in full: fear after a threat is what makes it critical.
            self.score = min(self.score, CHILD_VOICE_ALONE_CAP)
        self.level = level_for(self.score)

    def note_level(self, event_id: str) -> None:
        """Record the peak level and the first event that made the subject worth a look."""
        self.peak_score = max(self.peak_score, self.score)
        self.peak_level = max(self.peak_level, self.level)
        if self.first_alert_event_id is None and self.level >= Level.MEDIUM:
            self.first_alert_event_id = event_id

    def top_reasons(self, limit: int = 10) -> list[dict[str, Any]]:
        """Reasons of the categories with most evidence now, strongest first."""
        ranked = sorted(self.evidence.items(), key=lambda cv: weight(cv[0]) * cv[1], reverse=True)
        out: list[dict[str, Any]] = []
        for category, value in ranked:
            for reason in self.reasons.get(category, []):
                item = reason.to_dict()
                item["evidence_now"] = round(value, 4)
                out.append(item)
        return out[:limit]

    def to_json(self) -> dict[str, Any]:
        return {
            "evidence": self.evidence,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "peak_level": self.peak_level.label,
            "peak_score": self.peak_score,
            "seen_categories": sorted(self.seen_categories),
            "reasons": {c: [r.to_dict() for r in rs] for c, rs in self.reasons.items()},
            "fired_rules": sorted(self.fired_rules),
            "owner_id": self.owner_id,
            "participants": self.participants,
            "facts": self.facts,
        }

    @classmethod
    def from_row(
        cls,
        *,
        kind: str,
        subject_id: str,
        level: str,
        score: float,
        first_alert_event_id: str | None,
        data: dict[str, Any],
    ) -> SubjectState:
        state = cls(kind=kind, id=subject_id)
        state.evidence = {str(k): float(v) for k, v in data.get("evidence", {}).items()}
        as_of = data.get("as_of")
        state.as_of = datetime.fromisoformat(as_of) if as_of else None
        state.score = score
        state.level = Level.parse(level)
        state.peak_level = Level.parse(data.get("peak_level", level))
        state.peak_score = float(data.get("peak_score", score))
        state.first_alert_event_id = first_alert_event_id
        state.seen_categories = set(data.get("seen_categories", []))
        state.reasons = {
            c: [Reason(**{k: v for k, v in r.items() if k != "evidence_now"}) for r in rs]
            for c, rs in data.get("reasons", {}).items()
        }
        state.fired_rules = set(data.get("fired_rules", []))
        state.owner_id = data.get("owner_id")
        state.participants = list(data.get("participants", []))
        state.facts = dict(data.get("facts", {}))
        return state
