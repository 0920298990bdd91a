"""What a policy rule can look at: one subject's risk after one event."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from safestream.risk.levels import Level

FactValue = bool | int | float | str | None


@dataclass(frozen=True, slots=True)
class PolicyInput:
    """A subject's risk as it stands right after ``event_id`` was processed.

    ``categories`` holds the current (decayed) evidence per category in [0, 1];
    ``event_categories`` the categories that this very event signalled at or above the decision
    point. ``facts`` are named subject facts a rule may test, e.g. ``target_minor``,
    ``sender_new_account``, ``sender_stranger``, ``target_alone``.
    """

    subject_id: str
    subject_kind: str
    event_id: str
    level: Level
    previous_level: Level
    score: float
    categories: Mapping[str, float] = field(default_factory=dict)
    event_categories: frozenset[str] = frozenset()
    facts: Mapping[str, FactValue] = field(default_factory=dict)
