"""``run_eval``: load a dataset, judge its messages, replay its scenarios, add it all up."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from pathlib import Path

from safestream.detect.base import Detector, load_detectors
from safestream.evaluation.dataset import load_dataset
from safestream.evaluation.messages import MessageResult, judge_messages
from safestream.evaluation.metrics import WINDOW, Counts, penalty_slope, speed, warning_at
from safestream.evaluation.report import EvalReport, LatencyResult, ScenarioRow
from safestream.evaluation.scenarios import ScenarioResult, replay
from safestream.risk.levels import Level
from safestream.signals import CHAT_CATEGORIES, Category


def run_eval(
    dataset_dir: Path, detectors: Sequence[Detector] | None = None, *, skepticism: int = 1
) -> EvalReport:
    """Evaluate ``detectors`` (default: every registered one) on a labelled dataset.

    Raises :class:`~safestream.evaluation.dataset.DatasetError` before running anything when
    the dataset does not meet its schema.
    """
    dataset = load_dataset(dataset_dir)
    chosen = list(load_detectors() if detectors is None else detectors)
    messages = judge_messages(dataset.messages, chosen)
    scenarios = [replay(s, chosen) for s in dataset.scenarios]
    warnings = [warning_at(r.fired, skepticism) for r in scenarios]
    return EvalReport(
        dataset=str(dataset_dir),
        detectors=tuple(f"{d.name} {d.version}" for d in chosen),
        messages=tuple(messages),
        per_category=_per_category(messages),
        any_category=sum(
            (Counts.of(bool(m.message.labels), bool(m.predicted)) for m in messages), Counts()
        ),
        scenarios=tuple(ScenarioRow(r, w) for r, w in zip(scenarios, warnings, strict=True)),
        conversations=sum(
            (Counts.of(r.scenario.label.risky, r.peak_level >= Level.HIGH) for r in scenarios),
            Counts(),
        ),
        latency=_latency(scenarios, warnings, skepticism),
    )


def _per_category(messages: Sequence[MessageResult]) -> dict[Category, Counts]:
    return {
        category: sum(
            (Counts.of(category in m.message.labels, category in m.predicted) for m in messages),
            Counts(),
        )
        for category in Category
        if category in CHAT_CATEGORIES
    }


def _latency(
    scenarios: Sequence[ScenarioResult], warnings: Sequence[int | None], skepticism: int
) -> LatencyResult:
    """Warnings as conversation-level predictions, their latency penalised.

    ``p`` is set from the median number of chat messages over all scenarios, so that warning
    at the median conversation length costs half the credit.
    """
    median_length = statistics.median(len(r.fired) for r in scenarios) if scenarios else 0.0
    slope = penalty_slope(median_length)
    counts = Counts()
    latencies: list[int] = []
    for result, warned in zip(scenarios, warnings, strict=True):
        risky = result.scenario.label.risky
        counts += Counts.of(risky, warned is not None)
        if risky and warned is not None:
            latencies.append(warned)
    return LatencyResult(
        skepticism=skepticism,
        window=WINDOW,
        median_length=median_length,
        slope=slope,
        counts=counts,
        latencies=tuple(latencies),
        speed=speed(latencies, slope),
    )
