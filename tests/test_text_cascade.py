"""The text cascade: patterns first, the semantic tier batched and only confident on its own."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import pytest

from safestream.detect.base import AccountFacts, DetectionContext, Prefetching, Role, load_detectors
from safestream.detect.text import TextIndicatorDetector
from safestream.detect.text.cascade import SEMANTIC_ACCEPT, TextDetector, recalibrate
from safestream.events import ChatMessage, StreamStart
from safestream.signals import Category, Evidence, Signal, TextSpan

T0 = datetime(2026, 1, 1, 17, 0, tzinfo=UTC)
CHILD = AccountFacts("kid", declared_age=12, created_at=datetime(2025, 1, 1, tzinfo=UTC))
PEER = AccountFacts("peer", declared_age=12, created_at=datetime(2024, 1, 1, tzinfo=UTC))


def message(text: str, event_id: str = "m1", sender: str = "viewer") -> ChatMessage:
    return ChatMessage(
        type="chat.message", id=event_id, ts=T0, stream_id="st", sender_id=sender, text=text
    )


def viewer_context(sender: AccountFacts | None = None) -> DetectionContext:
    return DetectionContext(
        "st",
        "stream",
        sender_role=Role.VIEWER,
        sender=sender or AccountFacts("viewer"),
        target=CHILD,
    )


class FakeTier:
    """A second tier that says what the test tells it to, and counts its batches."""

    version = "fake 1"

    def __init__(self, findings: dict[str, list[tuple[Category, float]]]) -> None:
        self.findings = findings
        self.batches: list[list[str]] = []

    def detect_batch(self, events: Sequence[ChatMessage]) -> list[list[Signal]]:
        self.batches.append([e.id for e in events])
        return [
            [
                Signal(
                    "fake",
                    "1",
                    category,
                    score,
                    Evidence(
                        (e.id,),
                        spans=(TextSpan(0, len(e.text), e.text),),
                        exemplar=f"exemplar of {category.value}",
                        note="semantic",
                    ),
                )
                for category, score in self.findings.get(e.text, [])
            ]
            for e in events
        ]


def by_category(signals: Sequence[Signal]) -> dict[Category, Signal]:
    return {s.category: s for s in signals}


def test_recalibrate_puts_acceptance_on_the_decision_point() -> None:
    assert recalibrate(SEMANTIC_ACCEPT) == pytest.approx(0.5)
    assert recalibrate(1.0) == pytest.approx(1.0)
    assert recalibrate(0.0) == 0.0
    scores = [recalibrate(x / 100) for x in range(101)]
    assert scores == sorted(scores)
    assert recalibrate(0.79, 0.8) < 0.5 <= recalibrate(0.81, 0.8)
    with pytest.raises(ValueError, match="strictly between"):
        TextDetector(rules_only=True, accept=1.0)


def test_entry_point_builds_the_cascade_with_both_tiers() -> None:
    (text,) = load_detectors(["text"])
    assert isinstance(text, TextDetector)
    assert isinstance(text, Prefetching)
    assert text.semantic is not None
    assert text.version.startswith("patterns 1.1.0; semantic ")


def test_confident_semantic_finding_fires_without_a_pattern() -> None:
    text = "could u go somewhere ur family cant hear"
    tier = FakeTier({text: [(Category.CAMERA_DIRECTION, 0.95)]})
    found = by_category(TextDetector(tier).detect(message(text), viewer_context()))
    signal = found[Category.CAMERA_DIRECTION]
    assert signal.fires
    assert signal.detector == "text"
    assert signal.evidence.exemplar == "exemplar of camera_direction"
    assert signal.evidence.spans[0].text == text


def test_unconfident_semantic_finding_stays_weak_evidence() -> None:
    text = "could u go somewhere ur family cant hear"
    tier = FakeTier({text: [(Category.CAMERA_DIRECTION, 0.65)]})
    found = by_category(TextDetector(tier).detect(message(text), viewer_context()))
    assert not found[Category.CAMERA_DIRECTION].fires
    assert found[Category.CAMERA_DIRECTION].evidence.exemplar is None


def test_pattern_finding_keeps_its_span_and_gains_the_exemplar() -> None:
    text = "r ur parents home rn"
    rules_only = by_category(TextDetector(rules_only=True).detect(message(text), viewer_context()))
    tier = FakeTier({text: [(Category.ISOLATION_PROBE, 0.9)]})
    both = by_category(TextDetector(tier).detect(message(text), viewer_context()))
    rule, joined = rules_only[Category.ISOLATION_PROBE], both[Category.ISOLATION_PROBE]
    assert joined.evidence.spans == rule.evidence.spans
    assert joined.evidence.note == rule.evidence.note
    assert joined.evidence.exemplar == "exemplar of isolation_probe"
    assert joined.score >= rule.score


def test_benign_look_alike_rule_lowers_a_semantic_finding_too() -> None:
    text = "its a secret, the surprise party for mum is on friday"
    tier = FakeTier({text: [(Category.SECRECY, 0.99)]})
    found = by_category(TextDetector(tier).detect(message(text), viewer_context()))
    assert not found[Category.SECRECY].fires


def test_speaker_weighting_applies_to_semantic_findings() -> None:
    text = "how old r u"
    tier = FakeTier({text: [(Category.AGE_PROBE, 0.9)]})
    detector = TextDetector(tier)
    from_stranger = by_category(detector.detect(message(text), viewer_context()))
    from_peer = by_category(detector.detect(message(text), viewer_context(PEER)))
    assert from_peer[Category.AGE_PROBE].score < from_stranger[Category.AGE_PROBE].score


def test_semantic_finding_escalates_with_history_like_a_pattern() -> None:
    """A threat after an earlier image request is sextortion, whichever tier saw the threat."""
    from safestream.detect.base import HistoryMessage

    text = "do it or everyone at ur school finds out"
    earlier = HistoryMessage("m0", "viewer", "send me a pic", T0, frozenset({"image_request"}))
    context = DetectionContext(
        "st",
        "stream",
        sender_role=Role.VIEWER,
        sender=AccountFacts("viewer"),
        target=CHILD,
        history=(earlier,),
    )
    tier = FakeTier({text: [(Category.THREAT, 0.95)]})
    found = by_category(TextDetector(tier).detect(message(text), context))
    assert found[Category.SEXTORTION].fires
    assert "m0" in found[Category.SEXTORTION].evidence.event_ids


def test_prefetch_scores_a_chunk_once_and_matches_one_at_a_time() -> None:
    texts = ["r ur parents home rn", "nice drawing!", "lets keep this between us"]
    events = [message(t, f"m{i}") for i, t in enumerate(texts)]
    tier = FakeTier({texts[0]: [(Category.ISOLATION_PROBE, 0.9)]})
    detector = TextDetector(tier)
    detector.prefetch(
        [*events, StreamStart(type="stream.start", id="s", ts=T0, stream_id="st", account_id="kid")]
    )
    batched = [detector.detect(e, viewer_context()) for e in events]
    assert tier.batches == [["m0", "m1", "m2"]]
    single = [TextDetector(tier).detect(e, viewer_context()) for e in events]
    assert batched == single
    assert len(tier.batches) == 4  # one prefetch, then three single calls


def test_real_semantic_tier_lends_its_nearest_exemplar() -> None:
    detector = TextDetector()
    found = by_category(detector.detect(message("r ur folks around rn"), viewer_context()))
    signal = found[Category.ISOLATION_PROBE]
    assert signal.fires
    assert signal.evidence.exemplar  # a moderator sees which written example it was close to
    assert signal.evidence.spans[0].text


def test_rules_only_matches_the_pattern_tier() -> None:
    rules = TextIndicatorDetector()
    cascade = TextDetector(rules_only=True)
    for text in ["what school do u go to", "send me a pic", "nice stream!", "r u alone"]:
        event = message(text)
        expected = [(s.category, s.score) for s in rules.detect(event, viewer_context())]
        got = [(s.category, s.score) for s in cascade.detect(event, viewer_context())]
        assert got == expected
