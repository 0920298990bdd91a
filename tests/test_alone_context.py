"""A child saying no adult is home weighs up requests to them, for a while, in that subject."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline_support import Clock, WordDetector, child_stream, say
from safestream.detect.text.alone import AloneStatement
from safestream.pipeline import Pipeline
from safestream.policy.engine import PolicyEngine
from safestream.risk.weights import ALONE_FACTOR, Parties, context_factor
from safestream.signals import Category
from safestream.store.db import Store

ALONE = AloneStatement()
MEET = WordDetector({"MEET ME": (Category.MEETING, 0.6)})


@pytest.mark.parametrize(
    "text",
    [
        "im home alone rn",
        "im h0me al0ne til 8",
        "nobody's home till 8",
        "my parents r out",
        "mum and dad are at work",
        "my mom is at work till 9",
        "no one else is home",
        "just me here lol",
        "im by myself til 7",
    ],
)
def test_child_saying_alone_is_recognised(text: str) -> None:
    assert ALONE.says_alone(text)


@pytest.mark.parametrize(
    "text",
    [
        "im not home alone",
        "are u home alone?",
        "i never stay home alone",
        "my mum is home",
        "my dad works from home",
        "i was alone in the playground",
        "we are out at the park",
        "my parents are cool",
        "alone",
    ],
)
def test_other_talk_of_home_and_alone_is_not(text: str) -> None:
    assert not ALONE.says_alone(text)


def test_requests_weigh_more_when_the_child_is_alone() -> None:
    common: dict[str, Any] = {
        "target_minor": True,
        "sender_minor": None,
        "sender_is_target": False,
        "sender_new_account": False,
        "sender_stranger": True,
    }
    plain = context_factor("undress_request", Parties(**common))
    assert context_factor("undress_request", Parties(target_alone=True, **common)) == pytest.approx(
        plain * ALONE_FACTOR
    )
    # Rapport and the child's own distress do not change with it.
    assert context_factor("flattery", Parties(target_alone=True, **common)) == context_factor(
        "flattery", Parties(**common)
    )


class Recording(PolicyEngine):
    def __init__(self) -> None:
        super().__init__([])
        self.alone: list[bool] = []

    def evaluate(self, inp, fired):  # type: ignore[no-untyped-def]
        self.alone.append(bool(inp.facts["target_alone"]))
        return []


def run_stream(store: Store, lines: list[tuple[str, str, float]]) -> tuple[Pipeline, Recording]:
    clock = Clock()
    policy = Recording()
    pipeline = Pipeline(store, detectors=[MEET], policy=policy)
    events = [*child_stream(clock)]
    events += [say(clock, text, sender=sender, dt=dt) for sender, text, dt in lines]
    pipeline.submit(events)
    list(pipeline.drain())
    return pipeline, policy


def test_pipeline_weighs_a_request_after_the_child_says_alone(store: Store, tmp_path: Any) -> None:
    _, told = run_stream(store, [("kid", "im home alone rn", 10), ("stranger", "MEET ME", 10)])
    assert told.alone[-1] is True
    other = Store(f"sqlite:///{tmp_path / 'other.db'}")
    pipeline, untold = run_stream(other, [("kid", "hi everyone", 10), ("stranger", "MEET ME", 10)])
    assert untold.alone[-1] is False
    alone_state = Pipeline(store, detectors=[MEET]).subject("stream", "live-1")
    plain_state = pipeline.subject("stream", "live-1")
    assert alone_state is not None
    assert plain_state is not None
    assert alone_state.score > plain_state.score
    other.close()


def test_alone_fades_after_a_few_hours(store: Store) -> None:
    _, policy = run_stream(
        store, [("kid", "im home alone rn", 10), ("stranger", "MEET ME", 4 * 3600)]
    )
    assert policy.alone[-1] is False


def test_only_a_minor_saying_it_counts(store: Store) -> None:
    _, policy = run_stream(
        store, [("stranger", "im home alone rn", 10), ("stranger", "MEET ME", 10)]
    )
    assert policy.alone[-1] is False
