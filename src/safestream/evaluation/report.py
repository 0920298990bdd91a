"""The evaluation report: the numbers, as a table for people and as JSON for tooling."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Any

from safestream.evaluation.messages import MessageResult
from safestream.evaluation.metrics import Counts, alerts_per_thousand
from safestream.evaluation.scenarios import ScenarioResult
from safestream.risk.levels import Level
from safestream.signals import Category


@dataclass(frozen=True, slots=True)
class LatencyResult:
    """Latency-weighted F1 (Vogt, Leser and Akbik 2021) over the scenarios."""

    skepticism: int
    window: int
    median_length: float
    slope: float
    counts: Counts
    latencies: tuple[int, ...]
    """Messages until the warning, for each risky scenario warned about."""
    speed: float

    @property
    def f_latency(self) -> float:
        return self.counts.f1 * self.speed

    @property
    def median_latency(self) -> float | None:
        return statistics.median(self.latencies) if self.latencies else None


@dataclass(frozen=True, slots=True)
class ScenarioRow:
    result: ScenarioResult
    warning_at: int | None


@dataclass(frozen=True, slots=True)
class EvalReport:
    dataset: str
    detectors: tuple[str, ...]
    messages: tuple[MessageResult, ...]
    per_category: dict[Category, Counts]
    any_category: Counts
    """A message is positive when it has any label, predicted positive when any category fired."""
    scenarios: tuple[ScenarioRow, ...]
    conversations: Counts
    """Risky scenarios as positives, predicted when the subject peaked at ``high`` or above."""
    latency: LatencyResult

    @property
    def micro(self) -> Counts:
        return sum(self.per_category.values(), Counts())

    @property
    def macro_f1(self) -> float:
        """Mean F1 over the categories the data or the detectors touched at all."""
        seen = [c.f1 for c in self.per_category.values() if c.support or c.predicted]
        return statistics.fmean(seen) if seen else 0.0

    @property
    def benign(self) -> list[ScenarioResult]:
        return [r.result for r in self.scenarios if not r.result.scenario.label.risky]

    @property
    def benign_alerts(self) -> int:
        return sum(1 for r in self.benign if r.peak_level >= Level.MEDIUM)

    @property
    def alerts_per_thousand(self) -> float | None:
        return alerts_per_thousand(self.benign_alerts, len(self.benign))

    @property
    def in_time(self) -> tuple[int, int]:
        """Risky scenarios that reached ``high`` by their first explicit request, of all risky."""
        verdicts = [
            r.result.high_in_time for r in self.scenarios if r.result.request_at is not None
        ]
        return sum(1 for v in verdicts if v), len(verdicts)

    @property
    def labelled_messages(self) -> int:
        return sum(1 for m in self.messages if m.message.labels)

    def errors(self) -> list[MessageResult]:
        return [m for m in self.messages if m.missed or m.spurious]

    def to_json(self) -> dict[str, Any]:
        in_time, risky_with_request = self.in_time
        return {
            "dataset": self.dataset,
            "detectors": list(self.detectors),
            "messages": {
                "total": len(self.messages),
                "labelled": self.labelled_messages,
                "hard_negatives": len(self.messages) - self.labelled_messages,
                "per_category": {c.value: _counts(n) for c, n in self.per_category.items()},
                "micro": _counts(self.micro),
                "macro_f1": round(self.macro_f1, 4),
                "any_category": _counts(self.any_category),
                "errors": [
                    {
                        "id": m.message.id,
                        "text": m.message.text,
                        "speaker": m.message.speaker,
                        "missed": sorted(c.value for c in m.missed),
                        "spurious": sorted(c.value for c in m.spurious),
                    }
                    for m in self.errors()
                ],
            },
            "conversations": {
                "total": len(self.scenarios),
                "risky": self.conversations.support,
                "benign": len(self.benign),
                "detection": _counts(self.conversations),
                "benign_alerts": self.benign_alerts,
                "alerts_per_1000_benign": self.alerts_per_thousand,
                "high_by_first_request": in_time,
                "risky_with_request": risky_with_request,
                "scenarios": [_scenario(row) for row in self.scenarios],
            },
            "latency": {
                "skepticism": self.latency.skepticism,
                "window": self.latency.window,
                "median_length": self.latency.median_length,
                "p": round(self.latency.slope, 6),
                **_counts(self.latency.counts),
                "median_latency": self.latency.median_latency,
                "speed": round(self.latency.speed, 4),
                "f_latency": round(self.latency.f_latency, 4),
            },
        }


def _counts(c: Counts) -> dict[str, Any]:
    return {
        "support": c.support,
        "predicted": c.predicted,
        "tp": c.tp,
        "fp": c.fp,
        "fn": c.fn,
        "precision": round(c.precision, 4),
        "recall": round(c.recall, 4),
        "f1": round(c.f1, 4),
    }


def _scenario(row: ScenarioRow) -> dict[str, Any]:
    r = row.result
    label = r.scenario.label
    return {
        "file": r.scenario.file,
        "risky": label.risky,
        "kind": label.kind,
        "subject": label.subject,
        "peak_level": r.peak_level.label,
        "first_alert_event_id": r.first_alert_event_id,
        "high_at_event": r.high_at,
        "high_event_id": None if r.high_at is None else r.scenario.events[r.high_at].id,
        "first_request_at_event": r.request_at,
        "first_request_event_id": label.first_explicit_request_event_id,
        "high_by_first_request": r.high_in_time,
        "messages": len(r.fired),
        "warning_at_message": row.warning_at,
    }


def format_report(report: EvalReport, *, show_errors: bool = False) -> str:
    """The report as aligned text tables, the form pasted into issue notes."""
    lines = [
        f"SafeStream evaluation of {report.dataset}",
        f"Detectors: {', '.join(report.detectors)}",
    ]
    lines += ["", *_message_section(report)]
    lines += ["", *_conversation_section(report)]
    lines += ["", *_latency_section(report.latency)]
    if show_errors:
        lines += ["", *_error_section(report)]
    return "\n".join(lines)


def _row(name: str, c: Counts) -> str:
    return (
        f"{name:<22} {c.support:>7} {c.predicted:>5} {c.tp:>4} {c.fp:>4} {c.fn:>4} "
        f"{c.precision:>6.3f} {c.recall:>6.3f} {c.f1:>6.3f}"
    )


def _message_section(report: EvalReport) -> list[str]:
    labelled = report.labelled_messages
    lines = [
        f"Messages: {len(report.messages)} ({labelled} labelled, "
        f"{len(report.messages) - labelled} hard negatives); predicted = a signal scores >= 0.5",
        f"{'CATEGORY':<22} {'SUPPORT':>7} {'PRED':>5} {'TP':>4} {'FP':>4} {'FN':>4} "
        f"{'PREC':>6} {'REC':>6} {'F1':>6}",
    ]
    lines += [_row(c.value, n) for c, n in report.per_category.items()]
    lines += [
        _row("micro (per category)", report.micro),
        _row("any category (message)", report.any_category),
        f"macro F1 over categories: {report.macro_f1:.3f}",
    ]
    return lines


def _conversation_section(report: EvalReport) -> list[str]:
    c = report.conversations
    benign = len(report.benign)
    rate = report.alerts_per_thousand
    in_time, risky = report.in_time
    lines = [
        f"Conversations: {len(report.scenarios)} ({c.support} risky, {benign} benign); "
        "detected = subject peaked at high or above",
        f"precision {c.precision:.3f}  recall {c.recall:.3f}  F1 {c.f1:.3f}  "
        f"(TP {c.tp}, FP {c.fp}, FN {c.fn})",
        f"alerts per 1,000 benign conversations (peak medium or above): "
        f"{'n/a' if rate is None else f'{rate:.1f}'} ({report.benign_alerts} of {benign})",
        f"risky scenarios at high by their first explicit request: {in_time} of {risky}",
        f"{'FILE':<40} {'RISKY':<5} {'PEAK':<8} {'HIGH@':>5} {'REQ@':>5} {'IN TIME':<7} "
        f"{'MSGS':>4} {'WARN@':>5}",
    ]
    for row in report.scenarios:
        r = row.result
        verdict = {None: "-", True: "yes", False: "NO"}[r.high_in_time]
        lines.append(
            f"{r.scenario.file[:40]:<40} {'yes' if r.scenario.label.risky else 'no':<5} "
            f"{r.peak_level.label:<8} {_opt(r.high_at):>5} {_opt(r.request_at):>5} "
            f"{verdict:<7} {len(r.fired):>4} {_opt(row.warning_at):>5}"
        )
    lines.append(
        "(HIGH@, REQ@: 0-based event positions in the file; WARN@: messages until warning)"
    )
    return lines


def _latency_section(lat: LatencyResult) -> list[str]:
    median = "n/a" if lat.median_latency is None else f"{lat.median_latency:g}"
    return [
        "Latency-weighted F1 (Vogt, Leser and Akbik 2021): a warning is raised once at least "
        f"{lat.skepticism} of the last {lat.window} messages fired",
        f"median conversation length {lat.median_length:g} messages, p = {lat.slope:.4f}",
        f"precision {lat.counts.precision:.3f}  recall {lat.counts.recall:.3f}  "
        f"F1 {lat.counts.f1:.3f}  median latency {median}  speed {lat.speed:.3f}  "
        f"F_latency {lat.f_latency:.3f}",
    ]


def _error_section(report: EvalReport) -> list[str]:
    lines = ["Misjudged messages (- missed, + spurious):"]
    for m in report.errors():
        changes = [f"-{c.value}" for c in sorted(m.missed)] + [
            f"+{c.value}" for c in sorted(m.spurious)
        ]
        lines.append(f"{m.message.id:<12} {' '.join(changes):<40} {m.message.text}")
    return lines


def _opt(value: int | None) -> str:
    return "-" if value is None else str(value)
