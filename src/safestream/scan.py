"""``safestream scan``: replay JSONL event files through the full pipeline.

Lines are read in chunks, stored through the same ingest path as the API and processed by the
same pipeline, so a scan shows exactly what the service would have done.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from sqlalchemy import select
from tqdm import tqdm

from safestream.frames import FrameIntake
from safestream.pipeline import Pipeline, ProcessedEvent
from safestream.policy.engine import PolicyEngine
from safestream.store.db import Store
from safestream.store.models import ActionRow, CaseRow

CHUNK = 1_000
PROGRESS_MIN_EVENTS = 5_000


@dataclass(frozen=True, slots=True)
class LineProblem:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(slots=True)
class ScanReport:
    events: list[ProcessedEvent] = field(default_factory=list)
    subjects: list[dict[str, Any]] = field(default_factory=list)
    problems: list[LineProblem] = field(default_factory=list)
    duplicates: int = 0


def _lines(paths: Sequence[Path]) -> Iterator[tuple[str, int, str]]:
    for path in paths:
        with path.open(encoding="utf-8", errors="replace") as fh:
            for number, line in enumerate(fh, start=1):
                if line.strip():
                    yield str(path), number, line


def _count_lines(paths: Sequence[Path]) -> int:
    total = 0
    for path in paths:
        with path.open("rb") as fh:
            total += sum(1 for _ in fh)
    return total


def scan(
    paths: Sequence[Path],
    *,
    db_url: str | None = None,
    policy: PolicyEngine | None = None,
    on_event: Callable[[ProcessedEvent], None] | None = None,
    progress: bool = True,
) -> ScanReport:
    """Replay ``paths`` in order; a throwaway SQLite store unless ``db_url`` is given."""
    with tempfile.TemporaryDirectory(prefix="safestream-scan-") as tmp:
        store = Store(db_url or f"sqlite:///{Path(tmp) / 'scan.db'}")
        try:
            return _scan(store, paths, policy, on_event, progress)
        finally:
            store.close()


def _scan(
    store: Store,
    paths: Sequence[Path],
    policy: PolicyEngine | None,
    on_event: Callable[[ProcessedEvent], None] | None,
    progress: bool,
) -> ScanReport:
    # Embedded use on one's own files: a frame may name its picture by path.
    pipeline = Pipeline(store, policy=policy, intake=FrameIntake(allow_paths=True))
    report = ScanReport()
    touched: dict[tuple[str, str], None] = {}
    action_ids: list[int] = []
    case_ids: list[int] = []
    total = _count_lines(paths) if progress else 0
    bar = tqdm(total=total, unit="ev", disable=None if total >= PROGRESS_MIN_EVENTS else True)

    def flush(chunk: list[tuple[str, int, Any]]) -> None:
        result = pipeline.submit([item for _, _, item in chunk])
        for item in result.items:
            path, number, _ = chunk[item.index]
            if item.status == "rejected":
                report.problems.append(LineProblem(path, number, "; ".join(item.errors)))
            elif item.status == "duplicate":
                report.duplicates += 1
        for processed in pipeline.drain():
            report.events.append(processed)
            touched.update(dict.fromkeys(processed.touched))
            action_ids.extend(processed.action_ids)
            case_ids.extend(processed.case_ids)
            if on_event is not None:
                on_event(processed)
        bar.update(len(chunk))

    chunk: list[tuple[str, int, Any]] = []
    for path, number, line in _lines(paths):
        try:
            chunk.append((path, number, _beside(path, json.loads(line))))
        except json.JSONDecodeError as exc:
            report.problems.append(LineProblem(path, number, f"invalid JSON: {exc.msg}"))
            bar.update(1)
            continue
        if len(chunk) >= CHUNK:
            flush(chunk)
            chunk = []
    if chunk:
        flush(chunk)
    bar.close()
    report.subjects = _summaries(pipeline, store, list(touched), action_ids, case_ids)
    return report


def _beside(path: str, item: Any) -> Any:
    """A frame's relative ``image_url`` names a file beside the events file, not the cwd."""
    if isinstance(item, dict) and item.get("type") == "frame":
        url = item.get("image_url")
        if isinstance(url, str) and url and not Path(url).is_absolute():
            return {**item, "image_url": str(Path(path).parent / url)}
    return item


def _summaries(
    pipeline: Pipeline,
    store: Store,
    keys: list[tuple[str, str]],
    action_ids: list[int],
    case_ids: list[int],
) -> list[dict[str, Any]]:
    actions: dict[tuple[str, str], list[dict[str, Any]]] = {}
    cases: dict[tuple[str, str], list[dict[str, Any]]] = {}
    with store.session() as session:
        for ids in _chunks(sorted(set(action_ids))):
            for a in session.scalars(
                select(ActionRow).where(ActionRow.id.in_(ids)).order_by(ActionRow.id)
            ):
                actions.setdefault((a.subject_kind, a.subject_id), []).append(
                    {"kind": a.kind, "event_id": a.event_id, "rule_id": a.rule_id}
                )
        for ids in _chunks(sorted(set(case_ids))):
            for c in session.scalars(
                select(CaseRow).where(CaseRow.id.in_(ids)).order_by(CaseRow.id)
            ):
                cases.setdefault((c.subject_kind, c.subject_id), []).append(
                    {"id": c.id, "priority": c.priority, "status": c.status}
                )
    out = []
    for key in keys:
        state = pipeline.subject(*key)
        if state is None:
            continue
        out.append(
            {
                "subject": state.id,
                "kind": state.kind,
                "level": state.peak_level.label,
                "score": round(state.peak_score, 4),
                "current_level": state.level.label,
                "current_score": round(state.score, 4),
                "categories": sorted(state.seen_categories),
                "actions": actions.get(key, []),
                "first_alert_event_id": state.first_alert_event_id,
                "cases": cases.get(key, []),
            }
        )
    return out


def _chunks(ids: list[int], size: int = 500) -> Iterator[list[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def write_table(report: ScanReport, out: TextIO) -> None:
    """The subjects as a readable table, riskiest first."""
    rows = sorted(report.subjects, key=lambda s: -s["score"])
    header = f"{'SUBJECT':<28} {'KIND':<12} {'LEVEL':<9} {'SCORE':>5}  {'ACTIONS':>7}  CATEGORIES"
    print(header, file=out)
    for s in rows:
        print(
            f"{s['subject'][:28]:<28} {s['kind']:<12} {s['level']:<9} {s['score']:>5.2f}  "
            f"{len(s['actions']):>7}  {', '.join(s['categories']) or '-'}",
            file=out,
        )


def write_events_table(events: list[ProcessedEvent], out: TextIO) -> None:
    print(f"{'EVENT':<24} {'SUBJECT':<24} {'LEVEL':<9} SIGNALS", file=out)
    for e in events:
        signals = ", ".join(f"{s.category.value}={s.score:.2f}" for s in e.signals) or "-"
        print(
            f"{e.event_id[:24]:<24} {e.subject_id[:24]:<24} {e.level.label:<9} {signals}", file=out
        )


def event_json(e: ProcessedEvent) -> dict[str, Any]:
    return {
        "event_id": e.event_id,
        "subject": e.subject_id,
        "kind": e.subject_kind,
        "signals": [
            {"category": s.category.value, "score": round(s.score, 4), "detector": s.detector}
            for s in e.signals
        ],
        "level": e.level.label,
    }
