"""What a policy rule can look at: one subject's risk after one event."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from safestream.risk.levels import Level

FactValue = bool | int | float | str | None

KNOWN_FACTS: frozenset[str] = frozenset(
    {
        "target_minor",
        "sender_minor",
        "sender_new_account",
        "sender_established",
        "sender_stranger",
        "sender_family",
        "in_group",
        "live",
        "target_alone",
    }
)
"""The facts the pipeline gives every rule; each is true, false or unknown. One list for the
producer and for rule validation, so a misspelt or unproduced fact is an error rather than a
condition that silently never holds."""


@dataclass(frozen=True, slots=True)
class PolicyInput:
    """A subject's risk as it stands right after ``event_id`` was processed.

    ``categories`` holds the current (decayed) evidence per category in [0, 1];
    ``event_categories`` the categories that this very event signalled at or above the decision
    point. ``facts`` are the named subject facts of :data:`KNOWN_FACTS`.
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
