"""Ordinary life stays a hint: a child's own words, an established peer, a relative.

Each test runs the same words from a sender the rules do not cover, so a rule that silenced
everything would fail as surely as one that silenced nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from pipeline_support import Clock, WordDetector, child_stream, say
from safestream.detect.base import AccountFacts
from safestream.pipeline import Pipeline
from safestream.risk.levels import Level
from safestream.risk.relationship import addresses_kin, is_family, names_kin
from safestream.risk.weights import Parties, hint_only, request_floor, weight
from safestream.signals import Category
from safestream.store.db import Store

NOW = datetime(2026, 11, 20, tzinfo=UTC)
OLD = datetime(2019, 5, 1, tzinfo=UTC)
WORDS = WordDetector(
    {
        "ALONE?": (Category.ISOLATION_PROBE, 0.95),
        "PHOTO": (Category.IMAGE_REQUEST, 0.9),
        "SECRET": (Category.SECRECY, 0.95),
        "DARE FOR LIKES": (Category.LIKES_FOR_ACTS, 0.96),
        "UNDRESS": (Category.UNDRESS_REQUEST, 0.9),
        "SCARED": (Category.CHILD_DISTRESS, 0.9),
    }
)


@pytest.mark.parametrize(
    "name", ["Mum", "Nana June", "granny_pat", "mum_sarah_h", "Mark (Theo's dad)", "AuntieKel"]
)
def test_display_names_that_say_family(name: str) -> None:
    assert names_kin(name)


@pytest.mark.parametrize(
    "name", [None, "", "xx_rich_xx", "bro_gamer", "sis4life", "babe", "Momentum", "dadjokes99"]
)
def test_display_names_that_do_not(name: str | None) -> None:
    assert not names_kin(name)


@pytest.mark.parametrize(
    "text",
    ["hi nana i can hear u", "HI NANA", "love u grandad x", "ok mum", "sorry dad", "yes granny 😂"],
)
def test_a_child_calling_someone_by_a_family_role(text: str) -> None:
    assert addresses_kin(text)


@pytest.mark.parametrize(
    "text",
    [
        "mum",  # may answer "who's home?"
        "only mum",
        "just me and mum",
        "i told my mum",
        "mum says we gotta stop",
        "ill ask daddy",
        "nana is cooking",
        "thank u miss",
    ],
)
def test_talk_about_family_is_not_calling_someone_family(text: str) -> None:
    assert not addresses_kin(text)


def test_family_needs_an_established_account_that_is_not_a_child() -> None:
    nana = AccountFacts("n", declared_age=68, created_at=OLD, display_name="Nana June")
    assert is_family(nana, NOW)
    fresh = AccountFacts("n", created_at=datetime(2026, 11, 19, tzinfo=UTC), display_name="Nana")
    assert not is_family(fresh, NOW)
    cousin = AccountFacts("c", declared_age=12, created_at=OLD, display_name="cousin jo")
    assert not is_family(cousin, NOW)
    assert not is_family(AccountFacts("n", display_name="Mum"), NOW)  # age of account unknown


def test_hint_only_spares_the_childs_fear_and_the_serious_requests() -> None:
    common: dict[str, Any] = {"sender_minor": None, "sender_established": True}
    assert hint_only("likes_for_acts", Parties(sender_is_target=True, **common))
    assert not hint_only("child_distress", Parties(sender_is_target=True, **common))
    family: dict[str, Any] = {"sender_is_target": False, "sender_family": True, **common}
    assert hint_only("isolation_probe", Parties(**family))
    assert hint_only("image_request", Parties(**family))
    for serious in ("undress_request", "sexual_talk", "likes_for_acts", "threat", "sextortion"):
        assert not hint_only(serious, Parties(**family))
    peer: dict[str, Any] = {"sender_is_target": False, "sender_minor": True}
    assert hint_only("secrecy", Parties(sender_established=True, **peer))
    assert hint_only("recorded_capture", Parties(sender_established=True, **peer))
    assert not hint_only(
        "secrecy", Parties(sender_established=False, **peer)
    )  # how adults pose as kids
    assert hint_only("image_request", Parties(sender_established=True, **peer))
    assert hint_only("coercion", Parties(sender_established=True, **peer))
    assert hint_only("likes_for_acts", Parties(sender_established=True, **peer))
    for serious in ("undress_request", "sexual_talk", "threat", "sextortion"):
        assert not hint_only(serious, Parties(sender_established=True, **peer))
    reply: dict[str, Any] = {"sender_is_target": False, "sender_minor": True}
    assert hint_only("threat", Parties(sender_established=False, target_minor=False, **reply))
    assert not hint_only("threat", Parties(sender_established=False, target_minor=None, **reply))
    assert not hint_only("threat", Parties(sender_established=False, target_minor=True, **reply))
    group: dict[str, Any] = {"sender_is_target": False, "sender_minor": False, "in_group": True}
    assert hint_only("camera_direction", Parties(sender_established=True, **group))
    assert not hint_only("camera_direction", Parties(sender_established=False, **group))
    for serious in ("undress_request", "coercion", "likes_for_acts", "threat"):
        assert not hint_only(serious, Parties(sender_established=True, **group))
    without_hoodie = frozenset({"image_request", "undress_request"})
    assert not hint_only(
        "image_request", Parties(sender_established=True, **peer), alongside=without_hoodie
    )


def _conversation(store: Store, sender: dict[str, Any], lines: list[tuple[str, str]]) -> Pipeline:
    clock = Clock()
    kid = {"account_id": "kid", "declared_age": 9, "created_at": "2025-01-01T00:00:00Z"}
    events = [clock.ev("account.profile", **kid), clock.ev("account.profile", **sender)]
    for who, text in lines:
        other = "kid" if who != "kid" else sender["account_id"]
        events.append(
            clock.ev(
                "chat.message",
                conversation_id="dm-1",
                sender_id=who,
                recipient_id=other,
                text=text,
            )
        )
    pipeline = Pipeline(store, detectors=[WORDS])
    pipeline.submit(events)
    list(pipeline.drain())
    return pipeline


def _level(pipeline: Pipeline, kind: str, subject: str) -> Level:
    state = pipeline.subject(kind, subject)
    assert state is not None
    return state.level


FAMILY_CHAT = [
    ("gran", "ALONE? dad's at work till 6"),
    ("kid", "ya"),
    ("gran", "send me a PHOTO of you in the costume"),
    ("gran", "our SECRET till christmas"),
]


def test_a_relatives_everyday_questions_stay_low(store: Store, tmp_path: Any) -> None:
    nana = {"account_id": "gran", "created_at": "2017-08-30T00:00:00Z", "declared_age": 68}
    relative = _conversation(store, {**nana, "display_name": "Nana June"}, FAMILY_CHAT)
    assert _level(relative, "conversation", "dm-1") <= Level.LOW
    other = Store(f"sqlite:///{tmp_path / 'stranger.db'}")
    stranger = _conversation(other, {**nana, "display_name": "june_x"}, FAMILY_CHAT)
    assert _level(stranger, "conversation", "dm-1") >= Level.HIGH
    other.close()


def test_the_child_greeting_a_relative_is_what_counts(store: Store, tmp_path: Any) -> None:
    """An ordinary username, but the child says "hi nana": her questions stay hints."""
    pat = {"account_id": "gran", "created_at": "2021-02-03T00:00:00Z", "display_name": "pat52"}
    greeted = _conversation(store, pat, [("kid", "hi nana i can hear u"), *FAMILY_CHAT])
    assert _level(greeted, "conversation", "dm-1") <= Level.LOW
    other = Store(f"sqlite:///{tmp_path / 'answer.db'}")
    # "mum" answering a question is not a greeting: the asker stays a stranger.
    answered = _conversation(other, pat, [("gran", "who is home"), ("kid", "mum"), *FAMILY_CHAT])
    assert _level(answered, "conversation", "dm-1") >= Level.HIGH
    other.close()


def test_a_relative_asking_to_undress_is_still_high(store: Store) -> None:
    nana = {"account_id": "gran", "created_at": "2017-08-30T00:00:00Z", "display_name": "Nana"}
    pipeline = _conversation(store, nana, [("gran", "UNDRESS for me")])
    assert _level(pipeline, "conversation", "dm-1") >= Level.HIGH


def test_a_childs_replies_to_a_known_adult_are_hints(store: Store, tmp_path: Any) -> None:
    """In a child's chat with a known adult, the child is the one to protect: what the
    child says is no approach to a child. The adult's same words still count."""
    coach = {"account_id": "coach", "declared_age": 40, "created_at": "2019-08-30T00:00:00Z"}
    replies = [("kid", "our SECRET"), ("kid", "SECRET ok"), ("kid", "UNDRESS no way")]
    assert _level(_conversation(store, coach, replies), "conversation", "dm-1") <= Level.LOW
    other = Store(f"sqlite:///{tmp_path / 'adult.db'}")
    said_by_adult = [("coach", text) for _, text in replies]
    assert _level(_conversation(other, coach, said_by_adult), "conversation", "dm-1") >= Level.HIGH
    other.close()


CLASS_CHAT = [
    ("teacher", "everyone send a PHOTO of your volcano by friday"),
    ("kid", "ok miss"),
    ("teacher", "is everyone ALONE? somewhere quiet for the test"),
    ("friend", "yes miss"),
]
TEACHER = {"account_id": "teacher", "declared_age": 41, "display_name": "Ms Hollis"}


def test_a_long_standing_accounts_requests_to_a_group_stay_low(store: Store, tmp_path: Any) -> None:
    """A teacher's class chat: everyone reads what is asked, and the account has years behind
    it. The same words from a weeks-old account, or to one child alone, still count."""
    teacher = {**TEACHER, "created_at": "2019-08-30T00:00:00Z"}
    assert _level(_group(store, teacher, CLASS_CHAT), "conversation", "grp-1") <= Level.LOW
    fresh = Store(f"sqlite:///{tmp_path / 'fresh.db'}")
    new_account = {**TEACHER, "created_at": "2026-10-25T00:00:00Z"}
    assert _level(_group(fresh, new_account, CLASS_CHAT), "conversation", "grp-1") >= Level.HIGH
    fresh.close()
    alone = Store(f"sqlite:///{tmp_path / 'one.db'}")
    one_to_one = [(who, text) for who, text in CLASS_CHAT if who != "friend"]
    assert _level(_conversation(alone, teacher, one_to_one), "conversation", "dm-1") >= Level.HIGH
    alone.close()
    undress = Store(f"sqlite:///{tmp_path / 'undress.db'}")
    asked = _group(undress, teacher, [("teacher", "UNDRESS"), ("friend", "??")])
    assert _level(asked, "conversation", "grp-1") >= Level.HIGH
    undress.close()


def _group(store: Store, sender: dict[str, Any], lines: list[tuple[str, str]]) -> Pipeline:
    """A group conversation of ``sender``, the child and a classmate; nobody addressed alone."""
    clock = Clock()
    kid = {"account_id": "kid", "declared_age": 11, "created_at": "2024-01-01T00:00:00Z"}
    friend = {"account_id": "friend", "declared_age": 11, "created_at": "2024-02-01T00:00:00Z"}
    events = [clock.ev("account.profile", **p) for p in (kid, friend, sender)]
    events += [
        clock.ev("chat.message", conversation_id="grp-1", sender_id=who, text=text)
        for who, text in [("kid", "hi"), ("friend", "hi"), *lines]
    ]
    pipeline = Pipeline(store, detectors=[WORDS])
    pipeline.submit(events)
    list(pipeline.drain())
    return pipeline


def _stream(
    store: Store,
    lines: list[tuple[str, str]],
    peer_age: int | None,
    created: str = "2024-08-30T00:00:00Z",
) -> Pipeline:
    clock = Clock()
    events = child_stream(clock)
    friend: dict[str, Any] = {"account_id": "friend", "created_at": created}
    if peer_age is not None:
        friend["declared_age"] = peer_age
    events.append(clock.ev("account.profile", **friend))
    events += [say(clock, text, sender=who) for who, text in lines]
    pipeline = Pipeline(store, detectors=[WORDS])
    pipeline.submit(events)
    list(pipeline.drain())
    return pipeline


def test_a_streamers_own_like_goals_stay_low(store: Store, tmp_path: Any) -> None:
    goals = [("kid", "every 50 likes DARE FOR LIKES"), ("kid", "at 200 DARE FOR LIKES again")]
    assert _level(_stream(store, goals, None), "stream", "live-1") <= Level.LOW
    other = Store(f"sqlite:///{tmp_path / 'viewer.db'}")
    viewer = [(who.replace("kid", "stranger"), text) for who, text in goals]
    assert _level(_stream(other, viewer, None), "stream", "live-1") >= Level.HIGH
    other.close()


def test_the_childs_own_fear_gets_support_and_counts_in_full_beside_harm(
    store: Store, tmp_path: Any
) -> None:
    """Fear alone is no alert about someone else (a sad child with a friend), but it is never
    dropped: support-first actions still go out, and beside a stranger's secrecy it counts."""
    fear = [("kid", "im SCARED"), ("kid", "so SCARED")]
    alone = _stream(store, fear, None)
    state = alone.subject("stream", "live-1")
    assert state is not None
    assert state.level == Level.LOW
    assert "child-distress-support" in state.fired_rules
    assert "child_distress" in state.seen_categories
    other = Store(f"sqlite:///{tmp_path / 'threat.db'}")
    threatened = _stream(other, [("stranger", "SECRET"), *fear], None)
    without_fear = Store(f"sqlite:///{tmp_path / 'no-fear.db'}")
    baseline = _stream(without_fear, [("stranger", "SECRET")], None)
    assert _level(baseline, "stream", "live-1") == Level.MEDIUM
    assert _level(threatened, "stream", "live-1") >= Level.HIGH
    other.close()
    without_fear.close()


def test_an_established_friends_secrets_stay_low(store: Store, tmp_path: Any) -> None:
    secrets = [("friend", "SECRET ok"), ("friend", "our SECRET"), ("friend", "SECRET 🤝")]
    assert _level(_stream(store, secrets, 12), "stream", "live-1") <= Level.LOW
    other = Store(f"sqlite:///{tmp_path / 'adult.db'}")
    assert _level(_stream(other, secrets, None), "stream", "live-1") >= Level.MEDIUM
    other.close()
    # A "child" whose account is weeks old gets no such trust: adults pose as kids that way.
    posing = Store(f"sqlite:///{tmp_path / 'posing.db'}")
    weeks_old = _stream(posing, secrets, 14, created="2026-10-25T00:00:00Z")
    assert _level(weeks_old, "stream", "live-1") >= Level.MEDIUM
    posing.close()


def test_an_established_friends_dares_stay_low(store: Store, tmp_path: Any) -> None:
    dares = [("friend", "100 likes DARE FOR LIKES"), ("friend", "DARE FOR LIKES lol")]
    assert _level(_stream(store, dares, 12), "stream", "live-1") <= Level.LOW
    posing = Store(f"sqlite:///{tmp_path / 'posing.db'}")
    weeks_old = _stream(posing, dares, 14, created="2026-10-25T00:00:00Z")
    assert _level(weeks_old, "stream", "live-1") >= Level.HIGH
    posing.close()


def test_a_confident_request_to_a_child_is_high_on_its_own() -> None:
    assert request_floor("image_request", target_minor=True) * weight("image_request") >= 0.6
    assert request_floor("image_request", target_minor=None) == 0.0  # age unknown: no floor
    assert request_floor("secrecy", target_minor=True) == 0.0  # rapport is not a request


def test_request_floor_in_the_pipeline(store: Store, tmp_path: Any) -> None:
    asks = WordDetector({"PIC": (Category.IMAGE_REQUEST, 0.66)})
    clock = Clock()
    events = [*child_stream(clock), say(clock, "send a PIC")]
    pipeline = Pipeline(store, detectors=[asks])
    pipeline.submit(events)
    list(pipeline.drain())
    assert _level(pipeline, "stream", "live-1") >= Level.HIGH
    other = Store(f"sqlite:///{tmp_path / 'unknown-age.db'}")
    clock = Clock()
    unknown = Pipeline(other, detectors=[asks])
    unknown.submit([*child_stream(clock, age=None), say(clock, "send a PIC")])
    list(unknown.drain())
    assert _level(unknown, "stream", "live-1") == Level.MEDIUM
    other.close()


def test_weigh_reads_the_pipelines_facts() -> None:
    from safestream.risk.context import weigh
    from safestream.signals import Evidence, Signal

    def signal(category: Category) -> Signal:
        return Signal("t", "0", category, 0.9, Evidence(("e1",)))

    relative = {"target_minor": True, "sender_family": True, "sender_established": True}
    asked = weigh(
        signal(Category.ISOLATION_PROBE), relative, sender_is_target=False, alongside=frozenset()
    )
    assert asked.hint_only
    stranger = {"target_minor": True, "sender_stranger": True, "sender_new_account": True}
    photo = weigh(
        signal(Category.IMAGE_REQUEST), stranger, sender_is_target=False, alongside=frozenset()
    )
    assert not photo.hint_only
    assert photo.floor == request_floor("image_request", target_minor=True)
    assert photo.factor > 1.0  # a new stranger's words weigh more
