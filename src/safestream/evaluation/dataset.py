"""The labelled dev set: its schema, and loading it with every problem named at once.

Layout of a dataset directory:

- ``messages.jsonl``: one labelled chat message per line, ``{"id", "text", "labels",
  "speaker", "note"?}``; ``labels`` lists chat categories, ``[]`` for a hard negative.
- ``conversations/*.jsonl``: scenarios in the wire contract, one subject each, and
  ``conversations/labels.json`` mapping each file name to its :class:`ScenarioLabel`.

A label that names an unknown category or an event that does not exist would silently skew
the numbers, so loading checks all of it and refuses the dataset with a list of what is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from safestream.events import ChatMessage, Event, EventValidationError, parse_event
from safestream.signals import CHAT_CATEGORIES, Category

MESSAGES_FILE = "messages.jsonl"
SCENARIO_DIR = "conversations"
SCENARIO_LABELS = "labels.json"

Speaker = Literal["offender", "viewer", "peer", "child"]
"""Who types the message: ``offender`` and ``viewer`` are viewers of unknown age (the second
writes benign chat), ``peer`` a viewer declared a minor, ``child`` the broadcaster."""


class LabelledMessage(BaseModel):
    """One chat message with the categories its words show."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[str, Field(min_length=1)]
    text: Annotated[str, Field(min_length=1)]
    labels: frozenset[Category]
    speaker: Speaker
    note: str | None = None

    @field_validator("labels")
    @classmethod
    def _chat_only(cls, labels: frozenset[Category]) -> frozenset[Category]:
        outside = sorted(c.value for c in labels - CHAT_CATEGORIES)
        if outside:
            raise ValueError(f"not chat categories: {', '.join(outside)}")
        return labels


class ScenarioLabel(BaseModel):
    """What a scenario file is: risky or benign, about which subject, and since when.

    ``categories`` may also name behavioural and visual categories (a reaction burst, a
    recorded capture): a scenario is more than its words.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    risky: bool
    subject: Annotated[str, Field(min_length=1)]
    kind: Literal["stream", "conversation"]
    first_explicit_request_event_id: str | None
    categories: frozenset[Category]


@dataclass(frozen=True, slots=True)
class Scenario:
    file: str
    label: ScenarioLabel
    events: tuple[Event, ...]
    raw: tuple[dict[str, Any], ...]
    """The lines as decoded JSON, replayed through ingest exactly as a platform sends them."""


@dataclass(frozen=True, slots=True)
class Dataset:
    messages: tuple[LabelledMessage, ...]
    scenarios: tuple[Scenario, ...]


class DatasetError(ValueError):
    """A dataset that does not meet its schema, with every problem listed."""

    def __init__(self, root: Path, problems: list[str]) -> None:
        self.problems = problems
        super().__init__(f"dataset {root} is invalid:\n" + "\n".join(f"  {p}" for p in problems))


def load_dataset(root: Path) -> Dataset:
    """Load and validate a dataset directory, or raise :class:`DatasetError`."""
    problems: list[str] = []
    messages = _load_messages(root / MESSAGES_FILE, problems)
    scenarios = _load_scenarios(root / SCENARIO_DIR, problems)
    if not problems and not (messages and scenarios):
        problems.append("needs at least one message and one scenario to measure anything")
    if problems:
        raise DatasetError(root, problems)
    return Dataset(messages, scenarios)


def load_messages(path: Path) -> tuple[LabelledMessage, ...]:
    """Load and validate one ``messages.jsonl`` on its own, or raise :class:`DatasetError`."""
    problems: list[str] = []
    messages = _load_messages(path, problems)
    if problems:
        raise DatasetError(path.parent, problems)
    return messages


def _errors(exc: ValidationError) -> str:
    parts = []
    for e in exc.errors(include_url=False):
        where = ".".join(str(p) for p in e["loc"]) or "value"
        # Category is the only enum here; its message would list all 26 names but not the typo.
        problem = f"unknown category {e['input']!r}" if e["type"] == "enum" else e["msg"]
        parts.append(f"{where}: {problem}")
    return "; ".join(parts)


def _load_messages(path: Path, problems: list[str]) -> tuple[LabelledMessage, ...]:
    if not path.is_file():
        problems.append(f"{path}: missing")
        return ()
    out: list[LabelledMessage] = []
    seen: set[str] = set()
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            where = f"{path.name}:{number}"
            try:
                message = LabelledMessage.model_validate(json.loads(line))
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: invalid JSON: {exc.msg}")
                continue
            except ValidationError as exc:
                problems.append(f"{where}: {_errors(exc)}")
                continue
            if message.id in seen:
                problems.append(f"{where}: duplicate id {message.id!r}")
            seen.add(message.id)
            out.append(message)
    return tuple(out)


def _load_scenarios(folder: Path, problems: list[str]) -> tuple[Scenario, ...]:
    labels_path = folder / SCENARIO_LABELS
    if not labels_path.is_file():
        problems.append(f"{labels_path}: missing")
        return ()
    try:
        manifest = json.loads(labels_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        problems.append(f"{labels_path}: invalid JSON: {exc.msg}")
        return ()
    if not isinstance(manifest, dict):
        problems.append(f"{labels_path}: must map file names to labels")
        return ()
    for unlabelled in sorted({p.name for p in folder.glob("*.jsonl")} - manifest.keys()):
        problems.append(f"{SCENARIO_DIR}/{unlabelled}: no entry in {SCENARIO_LABELS}")
    out: list[Scenario] = []
    for file, raw_label in sorted(manifest.items()):
        where = f"{SCENARIO_DIR}/{file}"
        try:
            label = ScenarioLabel.model_validate(raw_label)
        except ValidationError as exc:
            problems.append(f"{SCENARIO_LABELS}[{file!r}]: {_errors(exc)}")
            continue
        scenario = _load_scenario(folder / file, where, label, problems)
        if scenario is not None:
            out.append(scenario)
    return tuple(out)


def _load_scenario(
    path: Path, where: str, label: ScenarioLabel, problems: list[str]
) -> Scenario | None:
    if not path.is_file():
        problems.append(f"{where}: labelled but missing")
        return None
    before = len(problems)
    raw: list[dict[str, Any]] = []
    events: list[Event] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                decoded = json.loads(line)
                event = parse_event(decoded)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}:{number}: invalid JSON: {exc.msg}")
                continue
            except EventValidationError as exc:
                problems.append(f"{where}:{number}: {exc}")
                continue
            raw.append(decoded)
            events.append(event)
    by_id: dict[str, Event] = {}
    for event in events:
        if event.id in by_id:
            problems.append(f"{where}: duplicate event id {event.id!r}")
        by_id[event.id] = event
    if not any(_in_subject(e, label) for e in events):
        problems.append(f"{where}: no event of {label.kind} {label.subject!r}")
    request_id = label.first_explicit_request_event_id
    if label.risky and request_id is None:
        problems.append(f"{where}: risky but first_explicit_request_event_id is null")
    if not label.risky and request_id is not None:
        problems.append(f"{where}: benign but names a first explicit request")
    if request_id is not None:
        request = by_id.get(request_id)
        if request is None:
            problems.append(f"{where}: first_explicit_request_event_id {request_id!r} not found")
        elif not (isinstance(request, ChatMessage) and _in_subject(request, label)):
            problems.append(f"{where}: {request_id!r} is not a chat message of the subject")
    if len(problems) > before:
        return None
    return Scenario(path.name, label, tuple(events), tuple(raw))


def _in_subject(event: Event, label: ScenarioLabel) -> bool:
    return event.subject_kind == label.kind and event.subject_id == label.subject
