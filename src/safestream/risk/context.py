"""How a subject's facts weigh one signal: the bridge between the pipeline and the weights.

The pipeline gathers named facts about an event (who sends it to whom, how old their accounts
are, whether the child said they are alone or greeted the sender as family); the weights say
what each fact does to a category. This module reads the one with the other, so the rules stay
in :mod:`safestream.risk.weights` and the pipeline only passes facts along.
"""

from __future__ import annotations

from typing import NamedTuple

from safestream.policy.inputs import FactValue
from safestream.risk.weights import Parties, context_factor, hint_only, request_floor
from safestream.signals import Signal


class Weighing(NamedTuple):
    factor: float
    """Multiplies the signal's score (who says it to whom)."""
    hint_only: bool
    """The context allows the signal to be a hint at most."""
    floor: float
    """The least the signal counts as if it fires."""


def weigh(
    signal: Signal,
    facts: dict[str, FactValue],
    *,
    sender_is_target: bool,
    alongside: frozenset[str],
) -> Weighing:
    """Weigh one signal by the facts of its event; ``alongside`` is what the event fired."""
    category = signal.category.value
    target_minor = _optional_bool(facts.get("target_minor"))
    parties = Parties(
        target_minor=target_minor,
        sender_minor=_optional_bool(facts.get("sender_minor")),
        sender_is_target=sender_is_target,
        sender_new_account=bool(facts.get("sender_new_account")),
        sender_stranger=bool(facts.get("sender_stranger")),
        sender_established=bool(facts.get("sender_established")),
        sender_family=bool(facts.get("sender_family")),
        in_group=bool(facts.get("in_group")),
        target_alone=bool(facts.get("target_alone")),
    )
    return Weighing(
        context_factor(category, parties),
        hint_only(category, parties, alongside),
        request_floor(category, target_minor=target_minor),
    )


def _optional_bool(value: FactValue) -> bool | None:
    return None if value is None else bool(value)
