"""Metric arithmetic, free of any SafeStream type so each formula can be checked by hand.

Undefined ratios (nothing predicted, nothing labelled) count as 0: an evaluation that cannot
show a detector works must not read as if it did.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

WINDOW = 10
"""Messages looked back over when deciding whether to raise a warning (Vogt et al. 2021)."""


@dataclass(frozen=True, slots=True)
class Counts:
    """Confusion counts of one binary decision; true negatives are not needed."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @classmethod
    def of(cls, expected: bool, predicted: bool) -> Counts:
        """The counts of a single case."""
        return cls(
            int(expected and predicted),
            int(predicted and not expected),
            int(expected and not predicted),
        )

    @property
    def support(self) -> int:
        return self.tp + self.fn

    @property
    def predicted(self) -> int:
        return self.tp + self.fp

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.support if self.support else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def alerts_per_thousand(alerts: int, benign: int) -> float | None:
    """False alerts per 1,000 benign conversations; None when there were none to alert on."""
    return 1_000 * alerts / benign if benign else None


def warning_at(fired: Sequence[bool], skepticism: int = 1, window: int = WINDOW) -> int | None:
    """The 1-based number of messages after which a warning is raised, or None if never.

    A warning is raised once at least ``skepticism`` of the last ``window`` messages fired; a
    higher skepticism trades latency for fewer warnings on one stray hit.
    """
    if not 1 <= skepticism <= window:
        raise ValueError(f"skepticism must be between 1 and {window}, not {skepticism}")
    for k in range(1, len(fired) + 1):
        if sum(fired[max(0, k - window) : k]) >= skepticism:
            return k
    return None


def penalty_slope(median_length: float) -> float:
    """The ``p`` that makes :func:`latency_penalty` equal 0.5 at the median length.

    Solving −1 + 2/(1 + e^(−p(m−1))) = 0.5 gives e^(−p(m−1)) = 1/3, so p = ln 3 / (m − 1).
    """
    if median_length <= 1:
        raise ValueError("the median conversation must be longer than one message")
    return math.log(3) / (median_length - 1)


def latency_penalty(k: float, p: float) -> float:
    """Cost in [0, 1) of warning after ``k`` messages: 0 for the first message, rising."""
    return -1 + 2 / (1 + math.exp(-p * (k - 1)))


def speed(latencies: Sequence[int], p: float) -> float:
    """1 − median penalty over the true positives' latencies; 0 when there is none."""
    if not latencies:
        return 0.0
    return 1 - statistics.median(latency_penalty(k, p) for k in latencies)
