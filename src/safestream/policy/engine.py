"""Turn one subject's risk after one event into the actions its policy asks for.

The engine is stateless: which rules already fired on a subject lives in the subject's state and
comes in with each call, so any worker can evaluate any event. It runs for every event, so the
rules are compiled once into plain tuples and sets, and an event whose level no rule can match
costs a single index lookup.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from safestream.policy.actions import PROTECTIVE, ActionKind, ActionRequest
from safestream.policy.inputs import PolicyInput
from safestream.policy.rules import Rule, RulePack, load_rules
from safestream.risk.levels import Level


def _rank(kind: ActionKind) -> int:
    """Order within one evaluation: words to the person at risk first, punishment last.

    A child in distress hears about support before anything else happens, and protective
    actions are on their way before anyone's stream or call is ended.
    """
    if kind is ActionKind.NUDGE:
        return 0
    return 1 if kind in PROTECTIVE else 2


def _fresh(params: dict[str, Any]) -> dict[str, Any]:
    """A private copy of JSON-like params, so no request can alter the rule or another request.

    Cheaper than ``copy.deepcopy``, which must be ready for any object; a jump to critical
    fires a dozen actions at once.
    """
    return {k: _fresh_value(v) for k, v in params.items()}


def _fresh_value(value: Any) -> Any:
    if isinstance(value, dict):
        return _fresh(value)
    if isinstance(value, list):
        return [_fresh_value(v) for v in value]
    return value


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A rule reduced to what matching needs, checked cheapest first."""

    id: str
    once: bool
    shadow: bool
    min_level: Level
    below: Level | None
    previous_at_least: Level | None
    previous_below: Level | None
    subject_kinds: frozenset[str] | None
    event_any: frozenset[str]
    min_score: float | None
    min_evidence: float
    any_of: tuple[str, ...]
    all_of: tuple[str, ...]
    none_of: tuple[str, ...]
    facts: tuple[tuple[str, tuple[bool | None, ...]], ...]
    actions: tuple[tuple[ActionKind, dict[str, Any]], ...]

    @classmethod
    def of(cls, rule: Rule, shadow: bool) -> _Compiled:
        when = rule.when
        return cls(
            id=rule.id,
            once=rule.once,
            shadow=shadow,
            min_level=when.level_at_least,
            below=when.level_below,
            previous_at_least=when.previous_level_at_least,
            previous_below=when.previous_level_below,
            subject_kinds=frozenset(when.subject_kind) if when.subject_kind else None,
            event_any=frozenset(when.event_categories_any or ()),
            min_score=when.min_score,
            min_evidence=when.min_evidence,
            any_of=tuple(when.categories_any or ()),
            all_of=tuple(when.categories_all or ()),
            none_of=tuple(when.categories_none or ()),
            facts=tuple(when.facts.items()),
            actions=tuple(
                (ActionKind(a.kind), a.params.model_dump(mode="json")) for a in rule.actions
            ),
        )

    def matches(self, inp: PolicyInput, fired: AbstractSet[str]) -> bool:
        """Everything but the level, which the engine's index has already checked."""
        if self.once and self.id in fired:
            return False
        if self.subject_kinds is not None and inp.subject_kind not in self.subject_kinds:
            return False
        if self.previous_at_least is not None and inp.previous_level < self.previous_at_least:
            return False
        if self.previous_below is not None and inp.previous_level >= self.previous_below:
            return False
        if self.event_any and self.event_any.isdisjoint(inp.event_categories):
            return False
        if self.min_score is not None and inp.score < self.min_score:
            return False
        evidence, floor = inp.categories, self.min_evidence
        if self.any_of and not any(evidence.get(c, 0.0) >= floor for c in self.any_of):
            return False
        if not all(evidence.get(c, 0.0) >= floor for c in self.all_of):
            return False
        if any(evidence.get(c, 0.0) >= floor for c in self.none_of):
            return False
        # Identity, not equality: a fact of 1 or 0 must not pass for true or false.
        return all(
            any(inp.facts.get(name) is value for value in accepted) for name, accepted in self.facts
        )


class PolicyEngine:
    """The rules of one or more packs, evaluated in pack order then file order."""

    def __init__(self, packs: Iterable[RulePack]) -> None:
        rules = [_Compiled.of(rule, pack.shadow_of(rule)) for pack in packs for rule in pack.rules]
        clashes = sorted(i for i, n in Counter(r.id for r in rules).items() if n > 1)
        if clashes:
            raise ValueError(
                f"rule ids must be unique across packs, since a subject remembers which rules "
                f"fired by id; repeated: {', '.join(clashes)}"
            )
        self._by_level: tuple[tuple[_Compiled, ...], ...] = tuple(
            tuple(r for r in rules if r.min_level <= level and (r.below is None or level < r.below))
            for level in Level
        )

    def evaluate(self, inp: PolicyInput, fired: AbstractSet[str]) -> list[ActionRequest]:
        """The actions the matching rules ask for, nudges first and punitive actions last.

        ``fired`` holds the ids of rules that already fired on this subject; rules with
        ``once`` among them are skipped. Record :func:`fired_rule_ids` of the result there.
        Shadow rules fire (and count as fired) like the others; their requests say ``shadow``.
        """
        candidates = self._by_level[inp.level]
        if not candidates:
            return []
        requests = [
            ActionRequest(
                kind=kind,
                rule_id=rule.id,
                subject_id=inp.subject_id,
                subject_kind=inp.subject_kind,
                event_id=inp.event_id,
                params=_fresh(params),
                shadow=rule.shadow,
            )
            for rule in candidates
            if rule.matches(inp, fired)
            for kind, params in rule.actions
        ]
        requests.sort(key=lambda r: _rank(r.kind))
        return requests


def fired_rule_ids(requests: Iterable[ActionRequest]) -> frozenset[str]:
    """The rules that fired, for the caller to add to the subject's fired set."""
    return frozenset(r.rule_id for r in requests)


@cache
def default_engine() -> PolicyEngine:
    """An engine over the packs shipped in ``safestream/policy/packs``, in file-name order."""
    packs = resources.files("safestream.policy") / "packs"
    files = sorted((f for f in packs.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    return PolicyEngine(
        load_rules(f.read_text(encoding="utf-8"), name=f"safestream/policy/packs/{f.name}")
        for f in files
    )
