"""The policy engine: which rules match, once and shadow semantics, and the default pack."""

from __future__ import annotations

from collections.abc import Mapping
from textwrap import dedent

import pytest

from safestream.policy.actions import ActionKind, ActionRequest
from safestream.policy.engine import PolicyEngine, default_engine, fired_rule_ids
from safestream.policy.inputs import FactValue, PolicyInput
from safestream.policy.rules import RulePack, load_rules
from safestream.risk.levels import Level


def policy_input(
    level: Level = Level.HIGH,
    *,
    kind: str = "conversation",
    score: float | None = None,
    categories: Mapping[str, float] | None = None,
    event_categories: frozenset[str] = frozenset(),
    facts: Mapping[str, FactValue] | None = None,
    previous: Level = Level.NONE,
) -> PolicyInput:
    return PolicyInput(
        subject_id="c1",
        subject_kind=kind,
        event_id="e7",
        level=level,
        previous_level=previous,
        score={Level.NONE: 0.0, Level.LOW: 0.2, Level.MEDIUM: 0.4, Level.HIGH: 0.7}.get(level, 0.9)
        if score is None
        else score,
        categories=categories or {},
        event_categories=event_categories,
        facts=facts or {},
    )


def pack(rules: str, *, name: str = "p", shadow: bool = False) -> RulePack:
    head = f"pack: {name}\nversion: 1\nshadow: {str(shadow).lower()}\nrules:\n"
    return load_rules(head + dedent(rules))


def engine(rules: str, *, shadow: bool = False) -> PolicyEngine:
    return PolicyEngine([pack(rules, shadow=shadow)])


def fired_ids(
    eng: PolicyEngine, inp: PolicyInput, fired: frozenset[str] = frozenset()
) -> list[str]:
    return [r.rule_id for r in eng.evaluate(inp, fired)]


# -- conditions ---------------------------------------------------------------------------


def test_level_at_least_and_fast_path() -> None:
    eng = engine(
        """\
        - id: high
          when: {level_at_least: high}
          actions: [{kind: preserve_evidence}]
        """
    )
    assert eng.evaluate(policy_input(Level.LOW), frozenset()) == []
    assert eng.evaluate(policy_input(Level.MEDIUM), frozenset()) == []
    assert fired_ids(eng, policy_input(Level.HIGH)) == ["high"]
    assert fired_ids(eng, policy_input(Level.CRITICAL)) == ["high"]


def test_request_carries_rule_subject_event_and_params() -> None:
    eng = engine(
        """\
        - id: watch
          when: {subject_kind: [stream], level_at_least: high}
          actions: [{kind: set_sampling_rate, params: {interval_seconds: 2}}]
        """
    )
    (request,) = eng.evaluate(policy_input(kind="stream"), frozenset())
    assert request == ActionRequest(
        kind=ActionKind.SET_SAMPLING_RATE,
        rule_id="watch",
        subject_id="c1",
        subject_kind="stream",
        event_id="e7",
        params={"interval_seconds": 2.0},
        shadow=False,
    )


def test_each_request_gets_its_own_params() -> None:
    eng = engine(
        """\
        - id: nudge
          when: {subject_kind: [conversation], event_categories_any: [threat]}
          actions: [{kind: nudge, params: {message: hi, support: [{name: A, contact: "1"}]}}]
          once: false
        """
    )
    inp = policy_input(event_categories=frozenset({"threat"}))
    first = eng.evaluate(inp, frozenset())[0]
    first.params["support"].append({"name": "changed", "contact": "x"})
    second = eng.evaluate(inp, frozenset())[0]
    assert second.params == {"message": "hi", "support": [{"name": "A", "contact": "1"}]}


def test_subject_kind() -> None:
    eng = engine(
        """\
        - id: accounts
          when: {subject_kind: [account], level_at_least: medium}
          actions: [{kind: open_case, params: {priority: 3}}]
        """
    )
    assert fired_ids(eng, policy_input(kind="conversation")) == []
    assert fired_ids(eng, policy_input(kind="account")) == ["accounts"]


def test_min_score() -> None:
    eng = engine(
        """\
        - id: score
          when: {min_score: 0.6}
          actions: [{kind: preserve_evidence}]
        """
    )
    assert fired_ids(eng, policy_input(score=0.59)) == []
    assert fired_ids(eng, policy_input(score=0.6)) == ["score"]


def test_categories_any_uses_the_decision_point_by_default() -> None:
    eng = engine(
        """\
        - id: any
          when: {categories_any: [threat, coercion]}
          actions: [{kind: preserve_evidence}]
        """
    )
    assert fired_ids(eng, policy_input(categories={"threat": 0.49, "coercion": 0.2})) == []
    assert fired_ids(eng, policy_input(categories={"threat": 0.1, "coercion": 0.5})) == ["any"]


def test_categories_all_and_min_evidence() -> None:
    eng = engine(
        """\
        - id: all
          when: {categories_all: [threat, coercion], min_evidence: 0.7}
          actions: [{kind: preserve_evidence}]
        """
    )
    assert fired_ids(eng, policy_input(categories={"threat": 0.9})) == []
    assert fired_ids(eng, policy_input(categories={"threat": 0.9, "coercion": 0.69})) == []
    assert fired_ids(eng, policy_input(categories={"threat": 0.9, "coercion": 0.7})) == ["all"]


def test_categories_none() -> None:
    eng = engine(
        """\
        - id: none
          when: {level_at_least: high, categories_none: [child_distress]}
          actions: [{kind: preserve_evidence}]
        """
    )
    assert fired_ids(eng, policy_input(categories={"child_distress": 0.3})) == ["none"]
    assert fired_ids(eng, policy_input(categories={"child_distress": 0.5})) == []


def test_event_categories_any_looks_at_this_event_only() -> None:
    eng = engine(
        """\
        - id: event
          when: {event_categories_any: [known_abuse_hash]}
          actions: [{kind: preserve_evidence}]
        """
    )
    old_evidence = policy_input(categories={"known_abuse_hash": 1.0})
    assert fired_ids(eng, old_evidence) == []
    this_event = policy_input(event_categories=frozenset({"known_abuse_hash", "nudity"}))
    assert fired_ids(eng, this_event) == ["event"]


def test_facts_are_tested_by_value_and_missing_means_unknown() -> None:
    eng = engine(
        """\
        - id: minor
          when: {level_at_least: high, facts: {target_minor: true, sender_stranger: [true, null]}}
          actions: [{kind: preserve_evidence}]
        """
    )
    assert fired_ids(eng, policy_input(facts={"target_minor": True, "sender_stranger": True})) == [
        "minor"
    ]
    assert fired_ids(eng, policy_input(facts={"target_minor": True})) == ["minor"]
    assert (
        fired_ids(eng, policy_input(facts={"target_minor": True, "sender_stranger": False})) == []
    )
    assert fired_ids(eng, policy_input(facts={"target_minor": None})) == []
    assert fired_ids(eng, policy_input(facts={})) == []


def test_a_number_is_not_a_boolean_fact() -> None:
    eng = engine(
        """\
        - id: minor
          when: {level_at_least: high, facts: {target_minor: true}}
          actions: [{kind: preserve_evidence}]
        """
    )
    assert fired_ids(eng, policy_input(facts={"target_minor": 1})) == []


# -- once, shadow, order --------------------------------------------------------------------


def test_once_rules_are_skipped_when_already_fired() -> None:
    eng = engine(
        """\
        - id: once
          when: {level_at_least: high}
          actions: [{kind: preserve_evidence}, {kind: open_case, params: {priority: 2}}]
        - id: again
          when: {event_categories_any: [threat]}
          actions: [{kind: preserve_evidence}]
          once: false
        """
    )
    inp = policy_input(event_categories=frozenset({"threat"}))
    first = eng.evaluate(inp, frozenset())
    assert fired_rule_ids(first) == {"once", "again"}
    second = eng.evaluate(inp, fired_rule_ids(first))
    assert [r.rule_id for r in second] == ["again"]


def test_shadow_from_pack_and_rule() -> None:
    rules = """\
        - id: inherits
          when: {level_at_least: high}
          actions: [{kind: preserve_evidence}]
        - id: live
          when: {level_at_least: high}
          actions: [{kind: preserve_evidence}]
          shadow: false
        - id: trial
          when: {level_at_least: high}
          actions: [{kind: preserve_evidence}]
          shadow: true
        """
    for pack_shadow in (False, True):
        requests = engine(rules, shadow=pack_shadow).evaluate(policy_input(), frozenset())
        shadow = {r.rule_id: r.shadow for r in requests}
        assert shadow == {"inherits": pack_shadow, "live": False, "trial": True}


def test_nudges_first_punitive_last_otherwise_rule_order() -> None:
    eng = engine(
        """\
        - id: stop
          when: {subject_kind: [conversation], level_at_least: critical}
          actions: [{kind: end_call}, {kind: preserve_evidence}]
          automatic_punitive: true
        - id: case
          when: {level_at_least: high}
          actions: [{kind: open_case, params: {priority: 1}}]
        - id: support
          when: {subject_kind: [conversation], categories_any: [child_distress]}
          actions: [{kind: nudge, params: {message: "You're not in trouble."}}]
        """
    )
    requests = eng.evaluate(
        policy_input(Level.CRITICAL, categories={"child_distress": 0.8}), frozenset()
    )
    assert [(r.kind, r.rule_id) for r in requests] == [
        (ActionKind.NUDGE, "support"),
        (ActionKind.PRESERVE_EVIDENCE, "stop"),
        (ActionKind.OPEN_CASE, "case"),
        (ActionKind.END_CALL, "stop"),
    ]


def test_packs_keep_their_own_shadow_and_ids_must_not_clash() -> None:
    rule = """\
        - id: r
          when: {level_at_least: high}
          actions: [{kind: preserve_evidence}]
        """
    other = rule.replace("id: r", "id: s")
    eng = PolicyEngine([pack(rule, name="a"), pack(other, name="b", shadow=True)])
    assert [(r.rule_id, r.shadow) for r in eng.evaluate(policy_input(), frozenset())] == [
        ("r", False),
        ("s", True),
    ]
    with pytest.raises(ValueError, match=r"unique across packs.*: r$"):
        PolicyEngine([pack(rule, name="a"), pack(rule, name="b")])


# -- the default pack -------------------------------------------------------------------------

CHILD = {"target_minor": True, "sender_stranger": True, "sender_new_account": False}


def requests_of(inp: PolicyInput, fired: frozenset[str] = frozenset()) -> list[ActionRequest]:
    return default_engine().evaluate(inp, fired)


def test_default_nothing_at_low_risk() -> None:
    assert requests_of(policy_input(Level.NONE, facts=CHILD)) == []
    assert requests_of(policy_input(Level.LOW, categories={"flattery": 0.6}, facts=CHILD)) == []


def test_default_medium_checks_in_with_the_child_and_opens_a_low_priority_case() -> None:
    requests = requests_of(policy_input(Level.MEDIUM, categories={"secrecy": 0.6}, facts=CHILD))
    nudge, case, watch = requests
    assert nudge.kind is ActionKind.NUDGE
    assert "not in trouble" in nudge.params["message"]
    assert any("0800 1111" in s["contact"] for s in nudge.params["support"])
    assert (case.kind, case.params["priority"]) == (ActionKind.OPEN_CASE, 3)
    assert (watch.kind, watch.params) == (ActionKind.SET_SAMPLING_RATE, {"interval_seconds": 5})


def test_default_medium_for_an_adult_only_opens_a_case() -> None:
    requests = requests_of(policy_input(Level.MEDIUM, facts={"target_minor": False}))
    assert [(r.kind, r.params.get("priority")) for r in requests] == [
        (ActionKind.OPEN_CASE, 4),
        (ActionKind.SET_SAMPLING_RATE, None),
    ]


def test_default_new_stranger_pushing_a_child_is_kept_out() -> None:
    facts = {**CHILD, "sender_new_account": True}
    requests = requests_of(policy_input(Level.MEDIUM, facts=facts))
    restrict = [r for r in requests if r.kind is ActionKind.RESTRICT_CHAT]
    assert [r.params for r in restrict] == [{"scope": "strangers"}]


def test_default_high_on_a_childs_stream_protects_and_pauses() -> None:
    fired = frozenset({"checkin-nudge", "case-medium-minor"})
    requests = requests_of(policy_input(Level.HIGH, kind="stream", facts=CHILD), fired)
    by_kind = {r.kind: r.params for r in requests}
    assert by_kind == {
        ActionKind.OPEN_CASE: {"priority": 2, "flags": []},
        ActionKind.PRESERVE_EVIDENCE: {},
        ActionKind.SET_SAMPLING_RATE: {"interval_seconds": 2.0},
        ActionKind.RESTRICT_CHAT: {"scope": "strangers"},
        ActionKind.PAUSE_STREAM: {},
    }
    assert all(not r.shadow for r in requests)


def test_default_high_on_an_adults_stream_does_not_pause() -> None:
    requests = requests_of(policy_input(Level.HIGH, kind="stream", facts={"target_minor": False}))
    assert ActionKind.PAUSE_STREAM not in {r.kind for r in requests}
    assert ActionKind.NUDGE not in {r.kind for r in requests}


def test_default_child_distress_gets_support_before_anything_else() -> None:
    inp = policy_input(
        Level.CRITICAL,
        categories={"child_distress": 0.8, "sextortion": 0.9},
        event_categories=frozenset({"child_distress"}),
        facts=CHILD,
    )
    requests = requests_of(inp)
    first = requests[0]
    assert (first.kind, first.rule_id) == (ActionKind.NUDGE, "child-distress-support")
    assert "You're not in trouble" in first.params["message"]
    names = [s["name"] for s in first.params["support"]]
    assert {"Childline (UK)", "Crisis Text Line (US)", "Take It Down (NCMEC)"} <= set(names)
    assert [r.kind for r in requests].count(ActionKind.NUDGE) == 1
    kinds = [r.kind for r in requests]
    support_case = next(r for r in requests if r.params.get("flags") == ["support_first"])
    assert requests.index(support_case) < kinds.index(ActionKind.END_CALL)
    assert kinds[-1] is ActionKind.END_CALL


def test_default_child_distress_alone_at_low_level_still_gets_support() -> None:
    requests = requests_of(policy_input(Level.LOW, categories={"child_distress": 0.6}))
    assert [(r.kind, r.rule_id) for r in requests] == [
        (ActionKind.NUDGE, "child-distress-support"),
        (ActionKind.OPEN_CASE, "child-distress-support"),
    ]
    assert requests[1].params == {"priority": 2, "flags": ["support_first"]}


def test_default_sextortion_ends_the_call_only_on_strong_evidence() -> None:
    def kinds(evidence: float) -> list[ActionKind]:
        inp = policy_input(Level.CRITICAL, categories={"sextortion": evidence}, facts=CHILD)
        return [r.kind for r in requests_of(inp)]

    assert ActionKind.END_CALL not in kinds(0.6)
    strong = kinds(0.9)
    assert strong[0] is ActionKind.NUDGE
    assert strong[-1] is ActionKind.END_CALL
    assert strong.count(ActionKind.NUDGE) == 1


KNOWN_ABUSE: dict[str, object] = {
    "level": Level.CRITICAL,
    "kind": "stream",
    "categories": {"known_abuse_hash": 1.0},
    "event_categories": frozenset({"known_abuse_hash"}),
    "facts": {"target_minor": False},
}


def test_default_known_abuse_hash_on_a_stream_pauses_once_and_keeps_every_frame() -> None:
    inp = policy_input(**KNOWN_ABUSE)  # type: ignore[arg-type]
    requests = requests_of(inp)
    kinds = [r.kind for r in requests]
    assert kinds.count(ActionKind.PAUSE_STREAM) == 1
    assert ActionKind.END_STREAM not in kinds
    fired = fired_rule_ids(requests)
    later = requests_of(policy_input(**KNOWN_ABUSE, previous=Level.CRITICAL), fired)  # type: ignore[arg-type]
    assert [(r.kind, r.rule_id) for r in later] == [
        (ActionKind.PRESERVE_EVIDENCE, "preserve-known-abuse")
    ]


def sampling(level: Level, previous: Level) -> list[float]:
    inp = policy_input(level, kind="stream", facts=CHILD, previous=previous)
    return [
        r.params["interval_seconds"]
        for r in requests_of(inp)
        if r.kind is ActionKind.SET_SAMPLING_RATE
    ]


@pytest.mark.parametrize(
    ("previous", "level", "interval"),
    [
        (Level.NONE, Level.MEDIUM, [5]),
        (Level.LOW, Level.HIGH, [2]),
        (Level.MEDIUM, Level.HIGH, [2]),
        (Level.NONE, Level.CRITICAL, [1]),
        (Level.HIGH, Level.CRITICAL, [1]),
        (Level.HIGH, Level.LOW, [15]),
        (Level.CRITICAL, Level.NONE, [15]),
        # No crossing, no new rate: a level that stays, rises within a band or eases off
        # while still risky keeps the rate it has.
        (Level.HIGH, Level.HIGH, []),
        (Level.CRITICAL, Level.HIGH, []),
        (Level.HIGH, Level.MEDIUM, []),
        (Level.NONE, Level.LOW, []),
    ],
)
def test_default_sampling_follows_the_risk_up_and_down(
    previous: Level, level: Level, interval: list[float]
) -> None:
    assert sampling(level, previous) == interval


def test_transition_rules_fire_on_every_crossing() -> None:
    eng = PolicyEngine(
        [
            pack(
                """\
                - id: up
                  when: {level_at_least: high, previous_level_below: high}
                  actions: [{kind: preserve_evidence}]
                  once: false
                """
            )
        ]
    )
    crossing = policy_input(Level.HIGH, previous=Level.MEDIUM)
    assert [r.rule_id for r in eng.evaluate(crossing, frozenset({"up"}))] == ["up"]
    staying = policy_input(Level.HIGH, previous=Level.HIGH)
    assert eng.evaluate(staying, frozenset()) == []
