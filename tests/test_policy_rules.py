"""Rule files: the shipped pack loads, and every mistake is reported at its line and column."""

from __future__ import annotations

from pathlib import Path
from textwrap import dedent

import pytest

from safestream.policy.actions import PROTECTIVE, ActionKind
from safestream.policy.rules import (
    NudgeAction,
    OpenCaseAction,
    RuleError,
    RuleFileError,
    check_rules_file,
    load_rules,
)
from safestream.risk.levels import Level
from safestream.signals import Category

DEFAULT_PACK = Path(__file__).resolve().parent.parent / "src/safestream/policy/packs/default.yaml"


def problems(text: str) -> list[tuple[int, int, str]]:
    with pytest.raises(RuleFileError) as info:
        load_rules(dedent(text))
    return [(e.line, e.column, e.message) for e in info.value.errors]


def only_problem(text: str) -> tuple[int, int, str]:
    found = problems(text)
    assert len(found) == 1, found
    return found[0]


# -- the shipped pack ---------------------------------------------------------------------


def test_default_pack_loads_with_unique_ids() -> None:
    pack = load_rules(DEFAULT_PACK)
    assert pack.pack == "children-live-default"
    assert check_rules_file(DEFAULT_PACK) == []
    ids = [r.id for r in pack.rules]
    assert len(ids) == len(set(ids))


def test_default_pack_nudges_are_short_and_come_with_support() -> None:
    actions = [a for r in load_rules(DEFAULT_PACK).rules for a in r.actions]
    nudges = [a for a in actions if isinstance(a, NudgeAction)]
    assert len(nudges) == 3
    for nudge in nudges:
        assert "not in trouble" in nudge.params.message
        assert len(nudge.params.message) <= 300
        assert nudge.params.support


def test_default_pack_child_distress_is_support_first() -> None:
    rule = next(r for r in load_rules(DEFAULT_PACK).rules if r.id == "child-distress-support")
    assert rule.when.categories_any == [Category.CHILD_DISTRESS]
    nudge, case = rule.actions
    assert isinstance(nudge, NudgeAction)
    assert "Childline (UK)" in [s.name for s in nudge.params.support]
    assert isinstance(case, OpenCaseAction)
    assert case.params.flags == ["support_first"]


def test_default_pack_is_punitive_only_with_consent() -> None:
    for rule in load_rules(DEFAULT_PACK).rules:
        punitive = [a.kind for a in rule.actions if a.kind not in PROTECTIVE]
        assert rule.automatic_punitive == bool(punitive), rule.id
    end_call = next(r for r in load_rules(DEFAULT_PACK).rules if r.id.startswith("end-call"))
    assert end_call.when.level_at_least is Level.CRITICAL
    assert end_call.when.subject_kind == ["conversation"]


def test_valid_file_reads_every_field() -> None:
    pack = load_rules(
        dedent(
            """\
            pack: p
            version: 2
            shadow: true
            rules:
              - id: r
                when:
                  subject_kind: [conversation]
                  level_at_least: HIGH
                  categories_all: [coercion, threat]
                  min_evidence: 0.7
                  min_score: 1
                  facts: {target_minor: [true, null], sender_stranger: false}
                actions:
                  - kind: end_call
                  - kind: set_sampling_rate
                    params: {interval_seconds: 2}
                automatic_punitive: true
                once: true
                shadow: false
            """
        )
    )
    rule = pack.rules[0]
    assert pack.version == 2
    assert pack.shadow_of(rule) is False
    assert rule.when.level_at_least is Level.HIGH
    assert rule.when.min_score == 1.0
    assert rule.when.facts == {"target_minor": (True, None), "sender_stranger": (False,)}
    assert [a.kind for a in rule.actions] == [ActionKind.END_CALL, ActionKind.SET_SAMPLING_RATE]


# -- validation errors, each at its exact place ---------------------------------------------

HEADER = "pack: p\nversion: 1\nrules:\n"
"""Three lines, so a rule's first line is line 4 and its columns are as written."""


@pytest.mark.parametrize(
    ("rule", "line", "column", "message"),
    [
        pytest.param(
            """\
            - id: r
              when: {level_at_least: high}
              actions:
                - kind: open_case
                  params: {priority: 2}
              priorty: 1
            """,
            9,
            3,
            "unknown key 'priorty'",
            id="unknown-rule-key",
        ),
        pytest.param(
            """\
            - id: r
              when:
                level_at_least: high
                categories: [threat]
              actions: [{kind: preserve_evidence}]
            """,
            7,
            5,
            "unknown key 'categories'",
            id="unknown-condition",
        ),
        pytest.param(
            """\
            - id: r
              when: {level_at_least: high}
              actions:
                - kind: preserve_evidence
                - kind: ban
            """,
            8,
            13,
            "unknown action kind 'ban'",
            id="unknown-action-kind",
        ),
        pytest.param(
            """\
            - id: r
              when:
                level_at_least: high
                categories_any: [threat, sextorsion]
              actions: [{kind: preserve_evidence}]
            """,
            7,
            30,
            "unknown category 'sextorsion'; did you mean 'sextortion'?",
            id="unknown-category",
        ),
        pytest.param(
            """\
            - id: r
              when:
                event_categories_any: [threat]
                level_at_least: severe
              actions: [{kind: preserve_evidence}]
            """,
            7,
            21,
            "unknown level 'severe'",
            id="unknown-level",
        ),
        pytest.param(
            """\
            - id: r
              when:
                level_at_least: high
                facts:
                  target_minor: true
                  target_minr: true
              actions: [{kind: preserve_evidence}]
            """,
            9,
            7,
            "unknown fact 'target_minr'; did you mean 'target_minor'?",
            id="unknown-fact",
        ),
        pytest.param(
            """\
            - id: r
              when:
                level_at_least: high
                facts: {target_minor: "yes"}
              actions: [{kind: preserve_evidence}]
            """,
            7,
            27,
            "a fact test is true, false, null, or a non-empty list of them",
            id="fact-test-type",
        ),
        pytest.param(
            """\
            - id: r
              when: {level_at_least: high}
              actions: [{kind: preserve_evidence}]
              once: "yes"
            """,
            7,
            9,
            "once: input should be a valid boolean",
            id="wrong-type",
        ),
        pytest.param(
            """\
            - id: r
              when:
                min_score: 1.5
              actions: [{kind: preserve_evidence}]
            """,
            6,
            16,
            "min_score: input should be less than or equal to 1",
            id="out-of-range",
        ),
        pytest.param(
            """\
            - id: r
              when: {level_at_least: high}
              actions: []
            """,
            6,
            12,
            "actions: must not be empty",
            id="empty-actions",
        ),
        pytest.param(
            """\
            - id: r
              when: {level_at_least: high}
              actions:
                - params: {priority: 1}
            """,
            7,
            7,
            "an action needs a 'kind'",
            id="missing-kind",
        ),
        pytest.param(
            """\
            - id: r
              when: {level_at_least: high}
              actions:
                - kind: open_case
                  params: {priority: 5}
            """,
            8,
            26,
            "priority: input should be less than or equal to 4",
            id="priority-range",
        ),
        pytest.param(
            """\
            - id: r
              when: {level_at_least: high}
              actions:
                - kind: open_case
                  params: {priority: 1, urgent: true}
            """,
            8,
            29,
            "unknown key 'urgent'",
            id="unknown-param",
        ),
        pytest.param(
            """\
            - id: r
              when: {subject_kind: [stream], level_at_least: high}
              actions:
                - kind: nudge
                  params:
                    support: [{name: Childline, contact: "0800 1111"}]
            """,
            9,
            9,
            "missing required key 'message'",
            id="missing-param",
        ),
        pytest.param(
            """\
            - id: r
              when: {subject_kind: [stream], level_at_least: high}
              actions:
                - kind: pause_stream
                  params: {message: stop}
            """,
            8,
            16,
            "unknown key 'message'",
            id="params-on-plain-action",
        ),
        pytest.param(
            """\
            - id: r
              when: {subject_kind: [conversation], level_at_least: high}
              actions:
                - kind: end_call
            """,
            7,
            13,
            "end_call is punitive, and punitive actions wait for a human unless a policy "
            "says otherwise: add 'automatic_punitive: true' to this rule if it should act on "
            "its own",
            id="punitive-without-consent",
        ),
        pytest.param(
            """\
            - id: r
              when: {subject_kind: [stream], level_at_least: high}
              actions: [{kind: pause_stream}]
              automatic_punitive: true
            """,
            7,
            23,
            "automatic_punitive is set but no action is punitive",
            id="consent-without-punitive",
        ),
        pytest.param(
            """\
            - id: r
              when: {level_at_least: high}
              actions:
                - kind: pause_stream
            """,
            7,
            13,
            "pause_stream only applies to stream subjects; limit the rule with when.subject_kind",
            id="action-does-not-fit-subject",
        ),
        pytest.param(
            """\
            - id: r
              when: {level_at_least: high}
              actions: [{kind: preserve_evidence}]
              once: false
            """,
            7,
            9,
            "once: false needs when.event_categories_any",
            id="once-false-without-event",
        ),
        pytest.param(
            """\
            - id: r
              when: {level_at_least: high, level_below: medium}
              actions: [{kind: preserve_evidence}]
            """,
            5,
            45,
            "level_below: medium leaves no level to match",
            id="empty-level-band",
        ),
        pytest.param(
            """\
            - id: r
              when: {}
              actions: [{kind: preserve_evidence}]
            """,
            5,
            9,
            "a rule needs at least one condition",
            id="no-condition",
        ),
        pytest.param(
            """\
            - id: r
              when: {level_at_least: high, min_evidence: 0.8}
              actions: [{kind: preserve_evidence}]
            """,
            5,
            46,
            "min_evidence only applies to categories_any",
            id="min-evidence-alone",
        ),
        pytest.param(
            """\
            - id: r
              when: {level_at_least: high}
              actions: [{kind: preserve_evidence}]
            - id: s
              when: {level_at_least: high}
              actions: [{kind: open_case, params: {priority: 1}}]
            - id: r
              when: {level_at_least: critical}
              actions: [{kind: preserve_evidence}]
            """,
            10,
            7,
            "duplicate rule id 'r' (rule 1)",
            id="duplicate-rule-id",
        ),
        pytest.param(
            """\
            - id: has space
              when: {level_at_least: high}
              actions: [{kind: preserve_evidence}]
            """,
            4,
            7,
            "'has space' is not a valid name",
            id="bad-rule-id",
        ),
        pytest.param(
            """\
            - id: r
              actions: [{kind: preserve_evidence}]
            """,
            4,
            3,
            "missing required key 'when'",
            id="missing-when",
        ),
    ],
)
def test_rule_error_is_reported_at_its_place(
    rule: str, line: int, column: int, message: str
) -> None:
    text = HEADER + dedent(rule)
    found_line, found_column, found_message = only_problem(text)
    assert (found_line, found_column) == (line, column)
    assert found_message.startswith(message)


def test_pack_level_errors() -> None:
    assert problems(
        """\
        pack: p
        version: "1"
        mode: strict
        rules: []
        """
    ) == [
        (2, 10, "version: input should be a valid integer"),
        (3, 1, "unknown key 'mode'"),
        (4, 8, "rules: must not be empty"),
    ]


def test_missing_pack_keys_point_at_the_top() -> None:
    assert problems("description: nothing else\n") == [
        (1, 1, "missing required key 'pack'"),
        (1, 1, "missing required key 'rules'"),
        (1, 1, "missing required key 'version'"),
    ]


def test_all_errors_are_listed_in_file_order() -> None:
    found = problems(
        """\
        pack: p
        version: 1
        rules:
          - id: a
            when: {level_at_least: hihg}
            actions: [{kind: preserve_evidence}]
          - id: b
            when: {level_at_least: high}
            actions: [{kind: warn}]
        """
    )
    assert [(line, column) for line, column, _ in found] == [(5, 28), (9, 22)]


# -- malformed YAML and odd inputs ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        pytest.param(
            "pack: p\n  version: 1\n", 2, 10, "invalid YAML: mapping values", id="bad-indent"
        ),
        pytest.param(
            "pack: p\nversion: 1\nrules: [\n  {id: r\n", 5, 1, "invalid YAML:", id="unclosed"
        ),
        pytest.param("pack: p\nversion: 1\n\tx: 1\n", 3, 1, "invalid YAML:", id="tab"),
        pytest.param("pack: p\nversion: \x07\n", 2, 10, "invalid YAML:", id="control-char"),
        pytest.param("pack: p\n---\npack: q\n", 2, 1, "invalid YAML:", id="two-documents"),
        pytest.param("pack: p\nversion: 1\npack: q\n", 3, 1, "duplicate key 'pack'", id="dup-key"),
        pytest.param("pack: p\non: 1\n", 2, 1, "a key must be text, not True", id="bool-key"),
        pytest.param("pack: !!python/name:os.system\n", 1, 7, "could not determine", id="tag"),
        pytest.param("a: &x {b: *x}\n", 1, 4, "an alias cannot contain itself", id="recursive"),
        pytest.param("<<: {pack: p}\n", 1, 1, "merge keys", id="merge-key"),
        pytest.param("", 1, 1, "the rule file is empty", id="empty"),
        pytest.param("- pack: p\n", 1, 1, "the rule file: expected a mapping", id="list"),
    ],
)
def test_malformed_yaml_gives_a_positioned_error(
    text: str, line: int, column: int, message: str
) -> None:
    found_line, found_column, found_message = only_problem(text)
    assert (found_line, found_column) == (line, column)
    assert found_message.startswith(message)


def test_nested_aliases_cannot_blow_up() -> None:
    rows = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    rows += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    line, _, message = only_problem("\n".join(rows) + "\n")
    assert line == 5
    assert message == "more than 100000 values; are aliases nested?"


def test_a_path_passed_as_text_gets_a_hint() -> None:
    _, _, message = only_problem("rules.yaml")
    assert "pass a pathlib.Path" in message


# -- files ------------------------------------------------------------------------------


def test_check_rules_file_formats_errors_with_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(
        "pack: p\nversion: 1\nrules:\n  - id: r\n    when: {level_at_least: high}\n"
        "    actions:\n      - kind: ban\n"
    )
    (error,) = check_rules_file(path)
    assert (error.line, error.column) == (7, 15)
    assert str(error).startswith(f"{path}:7:15: unknown action kind 'ban'")


def test_load_rules_raises_with_every_error(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("pack: p\nversion: 0\nrules: []\n")
    with pytest.raises(RuleFileError) as info:
        load_rules(path)
    assert [(e.line, e.column) for e in info.value.errors] == [(2, 10), (3, 8)]
    assert str(info.value).splitlines()[0].startswith(f"{path}:2:10: version:")


def test_non_utf8_file_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_bytes(b"pack: p\nversion: 1\ndescription: caf\xe9\n")
    assert check_rules_file(path) == [
        RuleError(3, 17, "the file is not UTF-8 text", str(path)),
    ]


def test_aliases_reuse_a_value() -> None:
    pack = load_rules(
        dedent(
            """\
            pack: p
            version: 1
            rules:
              - id: a
                when: {subject_kind: [stream], level_at_least: high}
                actions:
                  - kind: nudge
                    params: {message: hi, support: &routes [{name: X, contact: "1"}]}
              - id: b
                when: {subject_kind: [conversation], level_at_least: high}
                actions:
                  - kind: nudge
                    params: {message: hello, support: *routes}
            """
        )
    )
    first, second = (r.actions[0] for r in pack.rules)
    assert isinstance(first, NudgeAction)
    assert isinstance(second, NudgeAction)
    assert first.params.support == second.params.support
