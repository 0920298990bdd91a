"""Scenario-level evaluation: each file replayed through the real pipeline on its own store.

One throwaway SQLite store per file keeps scenarios from leaking into each other (an account's
risk, a child's follows), and the full pipeline (context, risk state, decay) is what a platform
would get, so the levels here are the levels a moderator would see.
"""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from safestream.detect.base import Detector
from safestream.evaluation.dataset import Scenario
from safestream.events import ChatMessage
from safestream.pipeline import Pipeline
from safestream.risk.levels import Level
from safestream.store.db import Store


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    scenario: Scenario
    peak_level: Level
    first_alert_event_id: str | None
    high_at: int | None
    """Position in the file (0-based) of the event that first took the subject to ``high``."""
    request_at: int | None
    """Position in the file of the first explicit request, when the scenario has one."""
    fired: tuple[bool, ...]
    """For each chat message of the subject in order: did any signal reach the decision point."""

    @property
    def high_in_time(self) -> bool | None:
        """Whether ``high`` came at or before the first explicit request (None if benign)."""
        if self.request_at is None:
            return None
        return self.high_at is not None and self.high_at <= self.request_at


class ReplayError(RuntimeError):
    pass


def replay(scenario: Scenario, detectors: Sequence[Detector]) -> ScenarioResult:
    """Ingest and process the file's events in order and read back the subject's risk."""
    label = scenario.label
    with tempfile.TemporaryDirectory(prefix="safestream-eval-") as tmp:
        store = Store(f"sqlite:///{Path(tmp) / 'eval.db'}")
        try:
            pipeline = Pipeline(store, detectors=detectors)
            submitted = pipeline.submit(list(scenario.raw))
            refused = [item for item in submitted.items if item.status != "accepted"]
            if refused:
                raise ReplayError(
                    f"{scenario.file}: {len(refused)} events not accepted, first: "
                    f"#{refused[0].index} {refused[0].status} {'; '.join(refused[0].errors)}"
                )
            processed = {p.event_id: p for p in pipeline.drain()}
            state = pipeline.subject(label.kind, label.subject)
        finally:
            store.close()
    if state is None:
        raise ReplayError(f"{scenario.file}: the pipeline kept no state for {label.subject!r}")
    high_at: int | None = None
    request_at: int | None = None
    fired: list[bool] = []
    for position, event in enumerate(scenario.events):
        result = processed[event.id]
        mine = (result.subject_kind, result.subject_id) == (label.kind, label.subject)
        if mine and high_at is None and result.level >= Level.HIGH:
            high_at = position
        if event.id == label.first_explicit_request_event_id:
            request_at = position
        if mine and isinstance(event, ChatMessage):
            fired.append(any(s.fires for s in result.signals))
    return ScenarioResult(
        scenario=scenario,
        peak_level=state.peak_level,
        first_alert_event_id=state.first_alert_event_id,
        high_at=high_at,
        request_at=request_at,
        fired=tuple(fired),
    )
