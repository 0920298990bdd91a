"""Risk state arithmetic: evidence, decay, levels and the context factor."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from safestream.risk.levels import Level, level_for
from safestream.risk.state import WEAK_EVIDENCE_CAP, SubjectState
from safestream.risk.weights import Parties, context_factor
from safestream.signals import Category, Signal

T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def sig(category: Category, score: float) -> Signal:
    return Signal("test", "0", category, score)


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0.0, Level.NONE),
        (0.15, Level.LOW),
        (0.35, Level.MEDIUM),
        (0.6, Level.HIGH),
        (0.85, Level.CRITICAL),
        (1.0, Level.CRITICAL),
    ],
)
def test_level_floors(score: float, level: Level) -> None:
    assert level_for(score) == level


def test_one_strong_request_is_high_and_sextortion_is_critical() -> None:
    state = SubjectState("stream", "s")
    state.add(sig(Category.UNDRESS_REQUEST, 0.9), 1.0, "e1", T0)
    assert state.level == Level.HIGH
    state.add(sig(Category.SEXTORTION, 0.9), 1.0, "e2", T0)
    assert state.level == Level.CRITICAL
    assert [r["category"] for r in state.top_reasons()][:2] == ["sextortion", "undress_request"]


def test_repeated_hints_never_make_a_category_present() -> None:
    state = SubjectState("stream", "s")
    for i in range(20):
        state.add(sig(Category.SECRECY, 0.45), 1.2, f"e{i}", T0)
    assert state.evidence["secrecy"] <= WEAK_EVIDENCE_CAP
    assert "secrecy" not in state.seen_categories
    assert state.level <= Level.LOW


def test_hints_of_many_categories_do_not_add_up_to_an_alert() -> None:
    state = SubjectState("stream", "s")
    for i, category in enumerate(
        [Category.IMAGE_REQUEST, Category.CAMERA_DIRECTION, Category.THREAT, Category.MEETING]
    ):
        state.add(sig(category, 0.4), 1.15, f"e{i}", T0)
    assert state.level <= Level.LOW


def test_grooming_stages_together_rise_above_each_alone() -> None:
    alone = SubjectState("conversation", "c")
    alone.add(sig(Category.SECRECY, 0.8), 1.0, "e1", T0)
    together = SubjectState("conversation", "c")
    for i, category in enumerate(
        [Category.AGE_PROBE, Category.ISOLATION_PROBE, Category.SECRECY, Category.OFF_PLATFORM]
    ):
        together.add(sig(category, 0.8), 1.0, f"e{i}", T0)
    assert together.score > alone.score
    assert together.level >= Level.HIGH


def test_evidence_decays_by_half_life_and_is_memoryless() -> None:
    once = SubjectState("stream", "s")
    once.add(sig(Category.UNDRESS_REQUEST, 0.9), 1.0, "e1", T0)
    once.decay_to(T0)
    twice = SubjectState.from_row(
        kind="stream",
        subject_id="s",
        level=once.level.label,
        score=once.score,
        first_alert_event_id=None,
        data=once.to_json(),
    )
    once.decay_to(T0 + timedelta(minutes=30))
    twice.decay_to(T0 + timedelta(minutes=10))
    twice.decay_to(T0 + timedelta(minutes=30))
    assert once.evidence["undress_request"] == pytest.approx(0.45)
    assert twice.evidence == pytest.approx(once.evidence)


def test_context_factor() -> None:
    base = {
        "sender_minor": None,
        "sender_is_target": False,
        "sender_new_account": False,
        "sender_stranger": False,
    }
    minor = context_factor("secrecy", Parties(target_minor=True, **base))
    adult = context_factor("secrecy", Parties(target_minor=False, **base))
    stranger = context_factor(
        "secrecy", Parties(target_minor=True, **{**base, "sender_stranger": True})
    )
    assert stranger > minor > adult
    peer = context_factor(
        "secrecy",
        Parties(target_minor=True, **{**base, "sender_minor": True, "sender_established": True}),
    )
    weeks_old = context_factor(
        "secrecy", Parties(target_minor=True, **{**base, "sender_minor": True})
    )
    posing = context_factor(
        "secrecy",
        Parties(target_minor=True, **{**base, "sender_minor": True, "sender_new_account": True}),
    )
    assert peer < minor == weeks_old < posing
    # Peers extort too: threats are not discounted between children.
    assert (
        context_factor("sextortion", Parties(target_minor=True, **{**base, "sender_minor": True}))
        == 1.0
    )
    own = context_factor(
        "child_distress", Parties(target_minor=True, **{**base, "sender_is_target": True})
    )
    assert own == 1.0
