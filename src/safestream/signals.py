"""Signals: what a detector says about one event, with the evidence a moderator needs."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

DECISION_THRESHOLD = 0.5
"""Scores are calibrated so that at or above this a detector says the category is present."""


class Category(StrEnum):
    # Conversation: grooming stages, requests, coercion.
    AGE_PROBE = "age_probe"
    ISOLATION_PROBE = "isolation_probe"
    PERSONAL_INFO = "personal_info"
    FLATTERY = "flattery"
    SECRECY = "secrecy"
    ISOLATION = "isolation"
    OFF_PLATFORM = "off_platform"
    GIFT_OFFER = "gift_offer"
    LIKES_FOR_ACTS = "likes_for_acts"
    UNDRESS_REQUEST = "undress_request"
    CAMERA_DIRECTION = "camera_direction"
    IMAGE_REQUEST = "image_request"
    SEXUAL_TALK = "sexual_talk"
    MEETING = "meeting"
    AGE_DECEPTION = "age_deception"
    COERCION = "coercion"
    THREAT = "threat"
    SEXTORTION = "sextortion"
    CHILD_DISTRESS = "child_distress"
    # Visual.
    NUDITY = "nudity"
    MINOR_LIKELY = "minor_likely"
    KNOWN_ABUSE_HASH = "known_abuse_hash"
    RECORDED_CAPTURE = "recorded_capture"
    # Behaviour.
    STRANGER_SWARM = "stranger_swarm"
    REACTION_BURST = "reaction_burst"
    MASS_CONTACT = "mass_contact"


CHAT_CATEGORIES: frozenset[Category] = frozenset(
    {
        Category.AGE_PROBE,
        Category.ISOLATION_PROBE,
        Category.PERSONAL_INFO,
        Category.FLATTERY,
        Category.SECRECY,
        Category.ISOLATION,
        Category.OFF_PLATFORM,
        Category.GIFT_OFFER,
        Category.LIKES_FOR_ACTS,
        Category.UNDRESS_REQUEST,
        Category.CAMERA_DIRECTION,
        Category.IMAGE_REQUEST,
        Category.SEXUAL_TALK,
        Category.MEETING,
        Category.AGE_DECEPTION,
        Category.COERCION,
        Category.THREAT,
        Category.SEXTORTION,
        Category.CHILD_DISTRESS,
    }
)
"""Categories a chat message can show on its own words."""


@dataclass(frozen=True, slots=True)
class TextSpan:
    """Characters ``start:end`` of the original message text."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Evidence:
    event_ids: tuple[str, ...]
    spans: tuple[TextSpan, ...] = ()
    frame_ids: tuple[str, ...] = ()
    hash_distance: int | None = None
    exemplar: str | None = None
    note: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"event_ids": list(self.event_ids)}
        if self.spans:
            out["spans"] = [{"start": s.start, "end": s.end, "text": s.text} for s in self.spans]
        if self.frame_ids:
            out["frame_ids"] = list(self.frame_ids)
        if self.hash_distance is not None:
            out["hash_distance"] = self.hash_distance
        if self.exemplar is not None:
            out["exemplar"] = self.exemplar
        if self.note is not None:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class Signal:
    """One detector's finding: a category present with a calibrated score, and why."""

    detector: str
    version: str
    category: Category
    score: float
    evidence: Evidence = field(default_factory=lambda: Evidence(()))

    def __post_init__(self) -> None:
        if not 0.0 <= self.score <= 1.0:
            raise ValueError(f"signal score {self.score} is outside [0, 1]")

    @property
    def fires(self) -> bool:
        return self.score >= DECISION_THRESHOLD

    def to_dict(self) -> dict[str, Any]:
        return {
            "detector": self.detector,
            "version": self.version,
            "category": self.category.value,
            "score": round(self.score, 4),
            "evidence": self.evidence.to_dict(),
        }
