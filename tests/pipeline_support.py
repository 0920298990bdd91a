"""Helpers for pipeline tests: event builders and a tiny word-list detector.

The word-list detector is a real implementation of the Detector interface, small enough that
tests of risk, policy and persistence do not depend on the text detector's judgement.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from safestream.detect.base import DetectionContext
from safestream.events import ChatMessage, Event
from safestream.signals import Category, Evidence, Signal

T0 = datetime(2026, 11, 20, 17, 0, tzinfo=UTC)


class WordDetector:
    name = "test-words"
    version = "0"
    event_types = frozenset({"chat.message"})

    def __init__(self, words: dict[str, tuple[Category, float]]) -> None:
        self.words = words

    def detect(self, event: Event, context: DetectionContext) -> list[Signal]:
        assert isinstance(event, ChatMessage)
        out = []
        for word, (category, score) in self.words.items():
            at = event.text.find(word)
            if at >= 0:
                out.append(Signal(self.name, self.version, category, score, Evidence((event.id,))))
        return out


class BrokenDetector:
    name = "broken"
    version = "0"
    event_types = frozenset({"chat.message"})

    def detect(self, event: Event, context: DetectionContext) -> list[Signal]:
        raise RuntimeError("this detector always fails")


WORDS = WordDetector(
    {
        "AGE?": (Category.AGE_PROBE, 0.8),
        "ALONE?": (Category.ISOLATION_PROBE, 0.8),
        "SECRET": (Category.SECRECY, 0.8),
        "UNDRESS": (Category.UNDRESS_REQUEST, 0.9),
        "EXTORT": (Category.SEXTORTION, 0.95),
        "SCARED": (Category.CHILD_DISTRESS, 0.9),
    }
)


class Clock:
    def __init__(self) -> None:
        self.t = T0
        self.n = 0

    def ev(self, type_: str, *, dt: float = 10, **fields: Any) -> dict[str, Any]:
        self.t += timedelta(seconds=dt)
        self.n += 1
        return {"type": type_, "id": f"e{self.n}", "ts": self.t.isoformat(), **fields}


def child_stream(
    clock: Clock, *, age: int | None = 12, stream: str = "live-1"
) -> list[dict[str, Any]]:
    profile: dict[str, Any] = {"account_id": "kid", "created_at": "2025-01-01T00:00:00Z"}
    if age is not None:
        profile["declared_age"] = age
    return [
        clock.ev("account.profile", **profile),
        clock.ev("account.profile", account_id="stranger", created_at=clock.t.isoformat()),
        clock.ev("stream.start", stream_id=stream, account_id="kid"),
    ]


def say(
    clock: Clock, text: str, *, sender: str = "stranger", stream: str = "live-1", dt: float = 10
) -> dict[str, Any]:
    return clock.ev("chat.message", dt=dt, stream_id=stream, sender_id=sender, text=text)
