"""Message-level evaluation: each labelled message judged on its own words.

The context is the one the pipeline builds in a 12-year-old's live stream: a viewer (of
unknown age, or a declared peer) writing to the broadcaster, or the broadcaster herself. No
history: the message alone must show its categories, which is what the per-category numbers
mean.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from safestream.detect.base import AccountFacts, DetectionContext, Detector, Prefetching, Role
from safestream.evaluation.dataset import LabelledMessage, Speaker
from safestream.events import ChatMessage
from safestream.signals import CHAT_CATEGORIES, Category

STREAM_ID = "eval-stream"
TS = datetime(2026, 1, 1, 17, 0, tzinfo=UTC)
CHILD = AccountFacts("eval-child", declared_age=12, created_at=datetime(2025, 1, 1, tzinfo=UTC))
VIEWER = AccountFacts("eval-viewer")
"""Most viewers declare nothing the pipeline could use; an offender rarely declares an adult."""
PEER = AccountFacts("eval-peer", declared_age=13, created_at=datetime(2024, 6, 1, tzinfo=UTC))

_SENDERS: dict[Speaker, tuple[AccountFacts, Role]] = {
    "offender": (VIEWER, Role.VIEWER),
    "viewer": (VIEWER, Role.VIEWER),
    "peer": (PEER, Role.VIEWER),
    "child": (CHILD, Role.BROADCASTER),
}


@dataclass(frozen=True, slots=True)
class MessageResult:
    message: LabelledMessage
    predicted: frozenset[Category]
    """Chat categories some detector scored at or above the decision point."""

    @property
    def missed(self) -> frozenset[Category]:
        return self.message.labels - self.predicted

    @property
    def spurious(self) -> frozenset[Category]:
        return self.predicted - self.message.labels


def judge_messages(
    messages: Sequence[LabelledMessage], detectors: Sequence[Detector]
) -> list[MessageResult]:
    """Run the chat detectors over every message; a detector that fails fails the run."""
    chat = [d for d in detectors if "chat.message" in d.event_types]
    prepared = [_as_event(m) for m in messages]
    for detector in chat:
        if isinstance(detector, Prefetching):
            detector.prefetch([event for event, _ in prepared])
    results = []
    for message, (event, context) in zip(messages, prepared, strict=True):
        predicted = {
            signal.category
            for detector in chat
            for signal in detector.detect(event, context)
            if signal.fires and signal.category in CHAT_CATEGORIES
        }
        results.append(MessageResult(message, frozenset(predicted)))
    return results


def _as_event(message: LabelledMessage) -> tuple[ChatMessage, DetectionContext]:
    sender, role = _SENDERS[message.speaker]
    event = ChatMessage(
        type="chat.message",
        id=message.id,
        ts=TS,
        stream_id=STREAM_ID,
        sender_id=sender.account_id,
        text=message.text,
    )
    context = DetectionContext(
        subject_id=STREAM_ID,
        subject_kind="stream",
        sender_role=role,
        sender=sender,
        target=CHILD,
    )
    return event, context
