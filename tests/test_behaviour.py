"""Behaviour detection through the real pipeline: the pattern of events, not the words."""

from __future__ import annotations

from pipeline_support import WORDS, Clock, child_stream, say
from safestream.detect.behaviour import BehaviourDetector
from safestream.pipeline import Pipeline
from safestream.risk.levels import Level
from safestream.store.db import Store


def _run(store: Store, events: list[dict]) -> list:
    pipeline = Pipeline(store, detectors=[WORDS, BehaviourDetector()])
    result = pipeline.submit(events)
    assert result.count("rejected") == 0, result.items
    return list(pipeline.drain())


def _categories(out: list, event_id: str) -> set[str]:
    return {s.category.value for p in out if p.event_id == event_id for s in p.signals}


def test_gifts_right_after_a_request_are_the_likes_for_acts_game(store: Store) -> None:
    clock = Clock()
    request = say(clock, "UNDRESS")
    gift = clock.ev(
        "reaction", dt=4, stream_id="live-1", sender_id="stranger", kind="gift", count=5, value=20.0
    )
    out = _run(store, [*child_stream(clock), request, gift])
    assert "likes_for_acts" in _categories(out, gift["id"])


def test_reactions_without_a_request_are_ordinary(store: Store) -> None:
    clock = Clock()
    chat = say(clock, "nice drawing")
    likes = clock.ev(
        "reaction", dt=4, stream_id="live-1", sender_id="stranger", kind="like", count=50
    )
    out = _run(store, [*child_stream(clock), chat, likes])
    assert _categories(out, likes["id"]) == set()


def test_a_viewer_paying_after_each_of_his_messages_is_flagged(store: Store) -> None:
    clock = Clock()
    events = child_stream(clock)
    for text in ["do the thing from before", "now the other one", "one more for me", "again pls"]:
        events.append(say(clock, text, dt=30))
        events.append(
            clock.ev(
                "reaction",
                dt=3,
                stream_id="live-1",
                sender_id="stranger",
                kind="gift",
                count=1,
                value=5.0,
            )
        )
    out = _run(store, events)
    assert "likes_for_acts" in _categories(out, events[-1]["id"])
    assert "likes_for_acts" not in _categories(out, events[4]["id"])


def test_new_accounts_swarming_a_minors_stream(store: Store) -> None:
    clock = Clock()
    events = child_stream(clock)
    for i in range(6):
        events.append(
            clock.ev("account.profile", account_id=f"fresh-{i}", created_at=clock.t.isoformat())
        )
    joins = [
        clock.ev("viewer.join", dt=20, stream_id="live-1", account_id=f"fresh-{i}")
        for i in range(6)
    ]
    out = _run(store, events + joins)
    assert "stranger_swarm" not in _categories(out, joins[3]["id"])
    assert "stranger_swarm" in _categories(out, joins[4]["id"])


def test_recording_a_minors_stream_is_a_capture_signal(store: Store) -> None:
    clock = Clock()
    capture = clock.ev("record.attempt", stream_id="live-1", account_id="stranger")
    out = _run(store, [*child_stream(clock), capture])
    assert "recorded_capture" in _categories(out, capture["id"])
    assert out[-1].level >= Level.MEDIUM


def test_recording_an_adults_stream_is_not(store: Store) -> None:
    clock = Clock()
    capture = clock.ev("record.attempt", stream_id="live-1", account_id="stranger")
    out = _run(store, [*child_stream(clock, age=30), capture])
    assert _categories(out, capture["id"]) == set()


def test_an_adult_claiming_to_be_a_child(store: Store) -> None:
    clock = Clock()
    events = child_stream(clock)
    events.append(
        clock.ev(
            "account.profile",
            account_id="stranger",
            declared_age=14,
            created_at="2026-01-01T00:00:00Z",
            age_assurance={"method": "facial_estimation", "result": "adult"},
        )
    )
    claim = say(clock, "lol im 14 too")
    out = _run(store, [*events, claim])
    assert "age_deception" in _categories(out, events[-1]["id"])
    assert "age_deception" in _categories(out, claim["id"])


def test_a_child_stating_their_real_age_is_not_deception(store: Store) -> None:
    clock = Clock()
    claim = say(clock, "im 12", sender="kid")
    out = _run(store, [*child_stream(clock, age=12), claim])
    assert _categories(out, claim["id"]) == set()


def test_one_account_messaging_many_minors(store: Store) -> None:
    clock = Clock()
    events = [
        clock.ev("account.profile", account_id="collector", created_at="2026-11-19T00:00:00Z")
    ]
    for i in range(6):
        events.append(
            clock.ev(
                "account.profile",
                account_id=f"kid-{i}",
                declared_age=12,
                created_at="2025-01-01T00:00:00Z",
            )
        )
        events.append(
            clock.ev(
                "chat.message",
                conversation_id=f"dm-{i}",
                sender_id="collector",
                recipient_id=f"kid-{i}",
                text="hey",
            )
        )
    out = _run(store, events)
    assert "mass_contact" not in _categories(out, events[8]["id"])
    assert "mass_contact" in _categories(out, events[-1]["id"])
