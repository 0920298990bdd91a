"""Policy rules as data: the YAML rule-file format, its strict validation and its loader.

A rule file holds one pack. Every error is reported with the line and column where it sits,
because the people who write packs are trust-and-safety staff editing YAML, not programmers
reading a traceback. The format::

    pack: children-live-default    # name: letters, digits, '-', '_', '.'
    version: 1                     # whole number >= 1; raise it when behaviour changes
    description: ...               # optional
    shadow: false                  # pack default: record actions without carrying them out
    rules:                         # at least one
      - id: sextortion-end-call    # unique across all loaded packs; at most 100 characters
        description: ...           # optional
        when:                      # every condition given must hold; at least one is needed
          subject_kind: [conversation]          # stream | conversation | account
          level_at_least: critical              # none | low | medium | high | critical
          level_below: medium                   # the level is under this one
          previous_level_below: high            # the level before this event: with the two
          previous_level_at_least: medium       # above, a rule fires as the level crosses
          min_score: 0.6                        # the subject's score, in [0, 1]
          categories_any: [sextortion]          # current evidence >= min_evidence for one ...
          categories_all: [coercion, threat]    # ... for each ...
          categories_none: [child_distress]     # ... for none
          min_evidence: 0.7                     # default 0.5, the detectors' decision point
          event_categories_any: [threat]        # signalled by this very event
          facts: {target_minor: [true, null]}   # true | false | null (unknown), or a list of
                                                # accepted values; a missing fact counts as null
        actions:                   # at least one; params are checked per kind (below)
          - kind: end_call
        once: true                 # default: fire at most once per subject
        shadow: false              # overrides the pack default
        automatic_punitive: true   # required for end_stream / end_call, forbidden otherwise

Action params: ``nudge`` — ``message`` (required, at most 300 characters, shown to the person
being protected) and ``support`` (list of ``{name, contact}``); ``restrict_chat`` — ``scope``:
``strangers`` (default), ``new_accounts`` or ``everyone``; ``open_case`` — ``priority`` (required,
1 most urgent … 4) and ``flags`` (names such as ``support_first``); ``set_sampling_rate`` —
``interval_seconds`` (required, > 0); the other kinds take none. Facts are those named in
:data:`KNOWN_FACTS`.

Beyond types, a rule must make sense as a whole: punitive actions (those not in ``PROTECTIVE``)
need ``automatic_punitive: true`` because they otherwise wait for a human; an action must fit
the subjects the rule can match (``pause_stream`` needs ``subject_kind: [stream]``); ``once:
false`` needs ``event_categories_any`` or a ``previous_level_*`` condition, so a rule fires on
new evidence or as the level crosses a line, rather than on every event while a level stays
high. Anchors and aliases are allowed (e.g. to reuse a support list);
merge keys, custom tags and duplicate keys are not. Problems come back as :class:`RuleError`,
printed ``file:line:column: message``.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal, Self, get_args

import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic_core import ErrorDetails, InitErrorDetails, PydanticCustomError

from safestream.policy.actions import PROTECTIVE, ActionKind
from safestream.policy.inputs import KNOWN_FACTS
from safestream.risk.levels import Level
from safestream.signals import DECISION_THRESHOLD, Category

SubjectKind = Literal["stream", "conversation", "account"]
SUBJECT_KINDS: frozenset[str] = frozenset(get_args(SubjectKind))

_LIVE = frozenset({"stream", "conversation"})
_APPLIES_TO: dict[ActionKind, frozenset[str]] = {
    ActionKind.NUDGE: _LIVE,
    ActionKind.RESTRICT_CHAT: _LIVE,
    ActionKind.SET_SAMPLING_RATE: _LIVE,
    ActionKind.PAUSE_STREAM: frozenset({"stream"}),
    ActionKind.END_STREAM: frozenset({"stream"}),
    ActionKind.END_CALL: frozenset({"conversation"}),
}
"""Subject kinds an action means something for; kinds not listed fit every subject."""

_CATEGORIES: frozenset[str] = frozenset(c.value for c in Category)
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
_POLICY_ERROR = "policy"

Loc = tuple[str | int, ...]


# -- errors ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, order=True)
class RuleError:
    """One problem in a rule file, where it is (1-based line and column) and what it is."""

    line: int
    column: int
    message: str
    source: str = "<string>"

    def __str__(self) -> str:
        return f"{self.source}:{self.line}:{self.column}: {self.message}"


class RuleFileError(ValueError):
    """A rule file that cannot be used; ``errors`` lists every problem found."""

    def __init__(self, errors: Sequence[RuleError]) -> None:
        self.errors = tuple(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def _policy_errors(title: str, problems: Iterable[tuple[Loc, str]]) -> None:
    """Raise the cross-field problems of one model, each at its own location."""
    details = [
        InitErrorDetails(
            type=PydanticCustomError(_POLICY_ERROR, "{message}", {"message": message}),
            loc=loc,
            input=None,
        )
        for loc, message in problems
    ]
    if details:
        raise ValidationError.from_exception_data(title, details)


def _suggest(value: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(choices), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


# -- field types ----------------------------------------------------------------------------


def _name(value: str) -> str:
    if not _NAME.fullmatch(value):
        raise ValueError(
            f"{value!r} is not a valid name: use up to 100 letters, digits, '-', '_' or '.'"
        )
    return value


def _category(value: object) -> Category:
    if isinstance(value, str) and value in _CATEGORIES:
        return Category(value)
    hint = _suggest(value, _CATEGORIES) if isinstance(value, str) else ""
    raise ValueError(f"unknown category {value!r}{hint}")


def _level(value: object) -> Level:
    if isinstance(value, Level):
        return value
    if isinstance(value, str):
        return Level.parse(value)
    labels = ", ".join(level.label for level in Level)
    raise ValueError(f"unknown level {value!r}; expected one of {labels}")


def _fact(value: str) -> str:
    if value not in KNOWN_FACTS:
        known = ", ".join(sorted(KNOWN_FACTS))
        raise ValueError(f"unknown fact {value!r}{_suggest(value, KNOWN_FACTS)} (known: {known})")
    return value


def _fact_test(value: object) -> tuple[bool | None, ...]:
    accepted = value if isinstance(value, list | tuple) else [value]
    if accepted and all(v is None or isinstance(v, bool) for v in accepted):
        return tuple(accepted)
    raise ValueError("a fact test is true, false, null, or a non-empty list of them")


Name = Annotated[str, AfterValidator(_name)]
Text = Annotated[str, Field(min_length=1)]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]
CategoryName = Annotated[Category, BeforeValidator(_category)]
Categories = Annotated[list[CategoryName], Field(min_length=1)]
FactName = Annotated[str, AfterValidator(_fact)]
FactTest = Annotated[tuple[bool | None, ...], BeforeValidator(_fact_test)]


class _Strict(BaseModel):
    """No coercion and no unknown keys: a typo in a safety policy must not pass silently."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)


# -- actions --------------------------------------------------------------------------------


class SupportRoute(_Strict):
    name: Text
    contact: Text


class NudgeParams(_Strict):
    message: Annotated[str, Field(min_length=1, max_length=300)]
    support: list[SupportRoute] = []


class RestrictChatParams(_Strict):
    scope: Literal["strangers", "new_accounts", "everyone"] = "strangers"


class OpenCaseParams(_Strict):
    priority: Annotated[int, Field(ge=1, le=4)]
    flags: list[Name] = []


class SamplingParams(_Strict):
    interval_seconds: Annotated[float, Field(gt=0.0)]


class NoParams(_Strict):
    pass


class NudgeAction(_Strict):
    kind: Literal[ActionKind.NUDGE]
    params: NudgeParams


class RestrictChatAction(_Strict):
    kind: Literal[ActionKind.RESTRICT_CHAT]
    params: RestrictChatParams = RestrictChatParams()


class OpenCaseAction(_Strict):
    kind: Literal[ActionKind.OPEN_CASE]
    params: OpenCaseParams


class SetSamplingRateAction(_Strict):
    kind: Literal[ActionKind.SET_SAMPLING_RATE]
    params: SamplingParams


class PlainAction(_Strict):
    kind: Literal[
        ActionKind.PAUSE_STREAM,
        ActionKind.END_STREAM,
        ActionKind.END_CALL,
        ActionKind.PRESERVE_EVIDENCE,
    ]
    params: NoParams = NoParams()


Action = Annotated[
    NudgeAction | RestrictChatAction | OpenCaseAction | SetSamplingRateAction | PlainAction,
    Field(discriminator="kind"),
]


# -- rules ----------------------------------------------------------------------------------


class When(_Strict):
    subject_kind: Annotated[list[SubjectKind], Field(min_length=1)] | None = None
    level_at_least: Annotated[Level, BeforeValidator(_level)] = Level.NONE
    level_below: Annotated[Level, BeforeValidator(_level)] | None = None
    previous_level_at_least: Annotated[Level, BeforeValidator(_level)] | None = None
    previous_level_below: Annotated[Level, BeforeValidator(_level)] | None = None
    min_score: Probability | None = None
    categories_any: Categories | None = None
    categories_all: Categories | None = None
    categories_none: Categories | None = None
    min_evidence: Probability = DECISION_THRESHOLD
    event_categories_any: Categories | None = None
    facts: dict[FactName, FactTest] = {}

    @model_validator(mode="after")
    def _meaningful(self) -> Self:
        problems: list[tuple[Loc, str]] = []
        given = self.model_fields_set - {"min_evidence"} - (set() if self.facts else {"facts"})
        if not given:
            problems.append(((), "a rule needs at least one condition, or it fires on every event"))
        uses_evidence = self.categories_any or self.categories_all or self.categories_none
        if "min_evidence" in self.model_fields_set and not uses_evidence:
            problems.append(
                (
                    ("min_evidence",),
                    "min_evidence only applies to categories_any, categories_all or "
                    "categories_none, and this rule has none of them",
                )
            )
        for low, high, name in (
            (self.level_at_least, self.level_below, "level_below"),
            (self.previous_level_at_least, self.previous_level_below, "previous_level_below"),
        ):
            if low is not None and high is not None and high <= low:
                problems.append(((name,), f"{name}: {high.label} leaves no level to match"))
        _policy_errors("When", problems)
        return self

    @property
    def is_transition(self) -> bool:
        """Whether the rule holds only on the event where the level crosses a line."""
        return self.previous_level_at_least is not None or self.previous_level_below is not None


class Rule(_Strict):
    id: Name
    description: str | None = None
    when: When
    actions: Annotated[list[Action], Field(min_length=1)]
    once: bool = True
    shadow: bool | None = None
    automatic_punitive: bool = False

    @model_validator(mode="after")
    def _coherent(self) -> Self:
        problems: list[tuple[Loc, str]] = []
        subjects = frozenset(self.when.subject_kind or SUBJECT_KINDS)
        punitive = False
        for i, action in enumerate(self.actions):
            kind = ActionKind(action.kind)
            at: Loc = ("actions", i, "kind")
            fits = _APPLIES_TO.get(kind, SUBJECT_KINDS)
            if not subjects <= fits:
                problems.append(
                    (
                        at,
                        f"{kind} only applies to {' and '.join(sorted(fits))} subjects; "
                        f"limit the rule with when.subject_kind",
                    )
                )
            if kind not in PROTECTIVE:
                punitive = True
                if not self.automatic_punitive:
                    problems.append(
                        (
                            at,
                            f"{kind} is punitive, and punitive actions wait for a human unless "
                            f"a policy says otherwise: add 'automatic_punitive: true' to this "
                            f"rule if it should act on its own",
                        )
                    )
        if self.automatic_punitive and not punitive:
            problems.append(
                (("automatic_punitive",), "automatic_punitive is set but no action is punitive")
            )
        if not self.once and not (self.when.event_categories_any or self.when.is_transition):
            problems.append(
                (
                    ("once",),
                    "once: false needs when.event_categories_any or a previous_level_* "
                    "condition, so the rule fires on new evidence or as the level crosses a "
                    "line rather than on every event while the risk stays up",
                )
            )
        _policy_errors("Rule", problems)
        return self


class RulePack(_Strict):
    pack: Name
    version: Annotated[int, Field(ge=1)]
    description: str | None = None
    shadow: bool = False
    rules: Annotated[list[Rule], Field(min_length=1)]

    @model_validator(mode="after")
    def _unique_ids(self) -> Self:
        first: dict[str, int] = {}
        problems: list[tuple[Loc, str]] = []
        for i, rule in enumerate(self.rules):
            if rule.id in first:
                problems.append(
                    (
                        ("rules", i, "id"),
                        f"duplicate rule id {rule.id!r} (rule {first[rule.id] + 1})",
                    )
                )
            first.setdefault(rule.id, i)
        _policy_errors("RulePack", problems)
        return self

    def shadow_of(self, rule: Rule) -> bool:
        """A rule's own shadow flag when it has one, else the pack's."""
        return self.shadow if rule.shadow is None else rule.shadow


# -- YAML with positions --------------------------------------------------------------------

_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"
_MERGE_TAG = "tag:yaml.org,2002:merge"

Position = tuple[int, int]

MAX_VALUES = 100_000
"""Far beyond any real pack; stops a few nested aliases from expanding into millions."""


def _at(mark: yaml.Mark | None) -> Position:
    return (mark.line + 1, mark.column + 1) if mark else (1, 1)


class _TooLarge(Exception):
    """Stops building once the file has expanded beyond MAX_VALUES."""


class _Tree:
    """Plain data built from YAML nodes, remembering where each value and each key starts."""

    def __init__(self, loader: yaml.SafeLoader) -> None:
        self._loader = loader
        self._open: set[int] = set()
        self.values: dict[Loc, Position] = {}
        self.keys: dict[Loc, Position] = {}
        self.problems: list[tuple[Position, str]] = []

    def build(self, node: yaml.Node, loc: Loc) -> object:
        if len(self.values) >= MAX_VALUES:
            where = self.keys.get(loc[:1], (1, 1))
            self.problems.append((where, f"more than {MAX_VALUES} values; are aliases nested?"))
            raise _TooLarge
        self.values[loc] = _at(node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node)
        if id(node) in self._open:
            self.problems.append((_at(node.start_mark), "an alias cannot contain itself"))
            return None
        self._open.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode) and node.tag == _SEQ_TAG:
                return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
            if isinstance(node, yaml.MappingNode) and node.tag == _MAP_TAG:
                return self._mapping(node, loc)
            self.problems.append((_at(node.start_mark), f"unsupported YAML tag {node.tag!r}"))
            return None
        finally:
            self._open.discard(id(node))

    def _scalar(self, node: yaml.ScalarNode) -> object:
        try:
            return self._loader.construct_object(node)
        except yaml.constructor.ConstructorError as exc:
            self.problems.append((_at(exc.problem_mark), str(exc.problem)))
            return None

    def _mapping(self, node: yaml.MappingNode, loc: Loc) -> dict[str, object]:
        out: dict[str, object] = {}
        for key_node, value_node in node.value:
            where = _at(key_node.start_mark)
            if key_node.tag == _MERGE_TAG:
                self.problems.append((where, "merge keys ('<<') are not supported"))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problems.append((where, "a key must be text, not a list or mapping"))
                continue
            key = self._scalar(key_node)
            if not isinstance(key, str):
                self.problems.append((where, f"a key must be text, not {key!r}; quote it"))
                continue
            if key in out:
                line = self.keys[(*loc, key)][0]
                self.problems.append((where, f"duplicate key {key!r} (first on line {line})"))
                continue
            self.keys[(*loc, key)] = where
            out[key] = self.build(value_node, (*loc, key))
        return out


def _yaml_problem(exc: yaml.YAMLError, text: str) -> tuple[Position, str]:
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        context = f"{exc.context}: " if exc.context else ""
        return _at(mark), f"invalid YAML: {context}{exc.problem}"
    if isinstance(exc, yaml.reader.ReaderError):
        before = text[: exc.position]
        line = before.count("\n") + 1
        return (line, len(before) - (before.rfind("\n") + 1) + 1), f"invalid YAML: {exc.reason}"
    return (1, 1), f"invalid YAML: {exc}"


# -- pydantic errors back to positions ------------------------------------------------------


def _locate(loc: Loc, known: dict[Loc, Position]) -> Loc:
    """The longest path of ``loc`` that exists in the file.

    Pydantic inserts parts that are not keys (the tag of a discriminated union, ``[key]``);
    skipping unknown parts maps its location back to the YAML node it is about.
    """
    path: Loc = ()
    for part in loc:
        if (*path, part) in known:
            path = (*path, part)
    return path


def _label(path: Loc) -> str:
    label = ""
    for part in reversed(path):
        if isinstance(part, str):
            return part + label
        label = f"[{part}]{label}"
    return "the rule file"


def _convert(err: ErrorDetails, tree: _Tree) -> tuple[Position, str]:
    kind = err["type"]
    loc = tuple(err["loc"])
    ctx = err.get("ctx", {})
    path = _locate(loc, tree.values)
    if kind == "union_tag_invalid":
        path = _locate((*loc, "kind"), tree.values)
        expected = ", ".join(ActionKind)
        tag = str(ctx["tag"])
        message = f"unknown action kind {tag!r}{_suggest(tag, ActionKind)} (expected: {expected})"
    elif kind == "union_tag_not_found":
        message = "an action needs a 'kind'"
    elif kind == "extra_forbidden":
        message = f"unknown key {loc[-1]!r}"
    elif kind == "missing":
        message = f"missing required key {loc[-1]!r}"
    elif kind == "value_error":
        message = str(ctx["error"])
    elif kind == _POLICY_ERROR:
        message = err["msg"]
    elif kind == "too_short":
        message = f"{_label(path)}: must not be empty"
    elif kind in {"model_type", "model_attributes_type", "dict_type"}:
        message = f"{_label(path)}: expected a mapping of keys to values"
        if not path and isinstance(err["input"], str):
            message += " (to load a file, pass a pathlib.Path rather than a str)"
    else:
        message = f"{_label(path)}: {err['msg'][0].lower()}{err['msg'][1:]}"
    keyed = kind == "extra_forbidden" or (bool(loc) and loc[-1] == "[key]")
    position = tree.keys.get(path) if keyed else None
    return position or tree.values.get(path, (1, 1)), message


# -- loading --------------------------------------------------------------------------------


def _parse(text: str, source: str) -> tuple[RulePack | None, list[RuleError]]:
    try:
        loader = yaml.SafeLoader(text)
        tree = _Tree(loader)
        try:
            root = loader.get_single_node()
            data = None if root is None else tree.build(root, ())
        except _TooLarge:
            data = None
        finally:
            loader.dispose()
    except yaml.YAMLError as exc:
        (line, column), message = _yaml_problem(exc, text)
        return None, [RuleError(line, column, message, source)]
    if root is None:
        return None, [RuleError(1, 1, "the rule file is empty", source)]
    problems = tree.problems
    if not problems:
        try:
            return RulePack.model_validate(data), []
        except ValidationError as exc:
            problems = [_convert(err, tree) for err in exc.errors(include_url=False)]
    errors = {RuleError(line, column, message, source) for (line, column), message in problems}
    return None, sorted(errors)


def _parse_file(
    path: str | os.PathLike[str], source: str
) -> tuple[RulePack | None, list[RuleError]]:
    data = Path(path).read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [RuleError(line, column, "the file is not UTF-8 text", source)]
    return _parse(text, source)


def load_rules(source: str | os.PathLike[str], *, name: str | None = None) -> RulePack:
    """Load a pack from a file (a path object) or from YAML text (a ``str``).

    ``name`` is what error messages call the source; it defaults to the path, or
    ``<string>`` for text. Raises :class:`RuleFileError` listing every problem found.
    """
    if isinstance(source, str):
        pack, errors = _parse(source, name or "<string>")
    else:
        pack, errors = _parse_file(source, name or str(source))
    if pack is None:
        raise RuleFileError(errors)
    return pack


def check_rules_file(path: str | os.PathLike[str]) -> list[RuleError]:
    """Every problem in the rule file at ``path``, in file order; empty when it is usable.

    A file that cannot be read raises :class:`OSError` as usual.
    """
    return _parse_file(path, str(path))[1]
