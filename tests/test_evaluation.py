"""The evaluation harness: metric arithmetic on cases with known answers, the dev set's schema,
and a run over the dev set.

The dev-set run asserts the report's shape, not its numbers: the detectors are still being
improved, and the report is what tells how far they have come.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

import pytest

from pipeline_support import WORDS, Clock, child_stream, say
from safestream.evaluation import DatasetError, EvalReport, format_report, load_dataset, main
from safestream.evaluation.metrics import (
    Counts,
    alerts_per_thousand,
    latency_penalty,
    penalty_slope,
    speed,
    warning_at,
)
from safestream.evaluation.run import run_eval
from safestream.events import ChatMessage, parse_event
from safestream.signals import CHAT_CATEGORIES, Category

DEV = Path(__file__).resolve().parent.parent / "datasets" / "dev"

# -- metric arithmetic ----------------------------------------------------------------------


def test_precision_recall_f1() -> None:
    c = Counts(tp=3, fp=1, fn=2)
    assert c.precision == pytest.approx(0.75)
    assert c.recall == pytest.approx(0.6)
    assert c.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert (c.support, c.predicted) == (5, 4)


def test_undefined_ratios_count_as_zero() -> None:
    assert (Counts().precision, Counts().recall, Counts().f1) == (0.0, 0.0, 0.0)
    assert Counts(fn=2).precision == 0.0
    assert Counts(fp=2).recall == 0.0


def test_counts_of_single_cases_add_up() -> None:
    cases = [(True, True), (True, False), (False, True), (False, False), (True, True)]
    total = sum((Counts.of(e, p) for e, p in cases), Counts())
    assert total == Counts(tp=2, fp=1, fn=1)


def test_alerts_per_thousand() -> None:
    assert alerts_per_thousand(1, 20) == pytest.approx(50.0)
    assert alerts_per_thousand(3, 3) == pytest.approx(1000.0)
    assert alerts_per_thousand(0, 7) == 0.0
    assert alerts_per_thousand(0, 0) is None


@pytest.mark.parametrize("median", [2, 5, 7, 12.5, 50, 400])
def test_penalty_is_zero_at_the_first_message_and_half_at_the_median(median: float) -> None:
    p = penalty_slope(median)
    assert latency_penalty(1, p) == 0.0
    assert latency_penalty(median, p) == pytest.approx(0.5, abs=1e-12)


def test_penalty_values() -> None:
    p = penalty_slope(11)
    assert p == pytest.approx(math.log(3) / 10)
    # Halfway to the median, e^(-p*5) = 1/sqrt(3), so the penalty is 2 - sqrt(3).
    assert latency_penalty(6, p) == pytest.approx(2 - math.sqrt(3))
    assert latency_penalty(21, p) == pytest.approx(0.8)
    values = [latency_penalty(k, p) for k in range(1, 200)]
    assert values == sorted(values)
    assert 0.99 < values[-1] < 1.0


def test_penalty_slope_needs_conversations_longer_than_one_message() -> None:
    with pytest.raises(ValueError, match="longer than one message"):
        penalty_slope(1)


def test_speed_is_one_minus_the_median_penalty() -> None:
    p = penalty_slope(9)
    assert speed([1, 1, 9], p) == pytest.approx(1.0)
    assert speed([1, 9, 9], p) == pytest.approx(0.5)
    assert speed([1, 9], p) == pytest.approx(0.75)
    assert speed([], p) == 0.0


def test_warning_needs_skepticism_fired_messages_within_the_last_ten() -> None:
    fired = [False, True, False, True]
    assert warning_at(fired) == 2
    assert warning_at(fired, skepticism=2) == 4
    assert warning_at(fired, skepticism=3) is None
    assert warning_at([]) is None
    spread = [True] + [False] * 10 + [True]
    assert warning_at(spread, skepticism=2) is None
    assert warning_at([True] + [False] * 8 + [True], skepticism=2) == 10
    with pytest.raises(ValueError, match="skepticism"):
        warning_at(fired, skepticism=0)
    with pytest.raises(ValueError, match="skepticism"):
        warning_at(fired, skepticism=11)


# -- a tiny dataset whose every number is known -------------------------------------------------


def _write_jsonl(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def _stream(texts: list[str]) -> list[dict[str, Any]]:
    clock = Clock()
    return [*child_stream(clock), *(say(clock, t) for t in texts)]


def _label(risky: bool, request: str | None = None) -> dict[str, Any]:
    return {
        "risky": risky,
        "subject": "live-1",
        "kind": "stream",
        "first_explicit_request_event_id": request,
        "categories": ["undress_request"] if risky else [],
    }


@pytest.fixture
def tiny(tmp_path: Path) -> Path:
    """Messages and streams judged by the word-list detector (AGE?, SECRET, UNDRESS fire)."""
    _write_jsonl(
        tmp_path / "messages.jsonl",
        [
            {"id": "m1", "text": "AGE? now", "labels": ["age_probe"], "speaker": "offender"},
            {"id": "m2", "text": "a SECRET party", "labels": [], "speaker": "peer"},
            {"id": "m3", "text": "off with it", "labels": ["undress_request"], "speaker": "viewer"},
            {"id": "m4", "text": "hello", "labels": [], "speaker": "child", "note": "greeting"},
        ],
    )
    folder = tmp_path / "conversations"
    folder.mkdir()
    risky = _stream(["hi there", "AGE? ok", "UNDRESS now"])
    _write_jsonl(folder / "risky.jsonl", risky)
    _write_jsonl(folder / "alert.jsonl", _stream(["hi", "SECRET party"]))
    _write_jsonl(folder / "quiet.jsonl", _stream(["hi", "nice drawing"]))
    labels = {
        "risky.jsonl": _label(True, risky[-1]["id"]),
        "alert.jsonl": _label(False),
        "quiet.jsonl": _label(False),
    }
    (folder / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    return tmp_path


def test_message_metrics_on_known_cases(tiny: Path) -> None:
    report = run_eval(tiny, [WORDS])
    assert report.per_category[Category.AGE_PROBE] == Counts(tp=1)
    assert report.per_category[Category.SECRECY] == Counts(fp=1)
    assert report.per_category[Category.UNDRESS_REQUEST] == Counts(fn=1)
    assert report.any_category == Counts(tp=1, fp=1, fn=1)
    assert report.micro == Counts(tp=1, fp=1, fn=1)
    # Macro F1 over the three categories touched: (1 + 0 + 0) / 3.
    assert report.macro_f1 == pytest.approx(1 / 3)
    assert [m.message.id for m in report.errors()] == ["m2", "m3"]


def test_conversation_metrics_on_known_cases(tiny: Path) -> None:
    report = run_eval(tiny, [WORDS])
    assert report.conversations == Counts(tp=1)
    assert report.benign_alerts == 1
    assert report.alerts_per_thousand == pytest.approx(500.0)
    assert report.in_time == (1, 1)
    rows = {r.result.scenario.file: r.result for r in report.scenarios}
    assert rows["risky.jsonl"].high_at == rows["risky.jsonl"].request_at == 5
    assert rows["risky.jsonl"].fired == (False, True, True)
    assert rows["alert.jsonl"].high_in_time is None


def test_latency_weighted_f1_on_known_cases(tiny: Path) -> None:
    # Conversations of 3, 2 and 2 messages: median 2, so p = ln 3 and penalty(2) = 0.5.
    lenient = run_eval(tiny, [WORDS]).latency
    assert lenient.median_length == 2
    assert lenient.slope == pytest.approx(math.log(3))
    assert lenient.counts == Counts(tp=1, fp=1)
    assert lenient.latencies == (2,)
    assert lenient.speed == pytest.approx(0.5)
    assert lenient.f_latency == pytest.approx(2 / 3 * 0.5)
    # Two fired messages needed: the benign stream never warns, the risky one warns later.
    strict = run_eval(tiny, [WORDS], skepticism=2).latency
    assert strict.counts == Counts(tp=1)
    assert strict.latencies == (3,)
    assert strict.speed == pytest.approx(1 - 0.8)
    assert strict.f_latency == pytest.approx(0.2)


def test_report_serialises_and_prints(tiny: Path) -> None:
    report = run_eval(tiny, [WORDS])
    data = json.loads(json.dumps(report.to_json()))
    assert data["conversations"]["alerts_per_1000_benign"] == 500.0
    assert data["messages"]["per_category"]["age_probe"]["tp"] == 1
    text = format_report(report, show_errors=True)
    assert "alerts per 1,000 benign conversations" in text
    assert "off with it" in text


def test_main_prints_json(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tiny), "--json", "--detector", "text"]) == 0
    data = json.loads(capsys.readouterr().out)
    (detector,) = data["detectors"]
    assert detector.startswith("text patterns 1.1.0; semantic ")
    assert set(data["messages"]["per_category"]) == {c.value for c in CHAT_CATEGORIES}


def test_main_refuses_an_invalid_dataset(tiny: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tiny / "conversations" / "stray.jsonl").write_text("", encoding="utf-8")
    assert main([str(tiny)]) == 1
    assert "stray.jsonl: no entry in labels.json" in capsys.readouterr().err


# -- dataset validation ---------------------------------------------------------------------


def test_invalid_dataset_names_every_problem(tiny: Path) -> None:
    messages = tiny / "messages.jsonl"
    with messages.open("a", encoding="utf-8") as fh:
        for row in (
            {"id": "m1", "text": "dup", "labels": [], "speaker": "peer"},
            {"id": "x", "text": "t", "labels": ["grooming"], "speaker": "peer"},
            {"id": "y", "text": "t", "labels": ["nudity"], "speaker": "kid"},
        ):
            fh.write(json.dumps(row) + "\n")
        fh.write("not json\n")
    folder = tiny / "conversations"
    broken = _stream(["hi"])
    del broken[-1]["sender_id"]
    _write_jsonl(folder / "broken.jsonl", broken)
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    labels["broken.jsonl"] = _label(False)
    labels["alert.jsonl"] = _label(True, "no-such-event")
    labels["quiet.jsonl"]["kind"] = "call"
    labels["gone.jsonl"] = _label(False)
    (folder / "labels.json").write_text(json.dumps(labels), encoding="utf-8")

    with pytest.raises(DatasetError) as caught:
        load_dataset(tiny)
    problems = "\n".join(caught.value.problems)
    for expected in (
        "messages.jsonl:5: duplicate id 'm1'",
        "messages.jsonl:6: labels.0: unknown category 'grooming'",
        "messages.jsonl:7: labels: Value error, not chat categories: nudity",
        "; speaker: Input should be",
        "messages.jsonl:8: invalid JSON",
        "conversations/broken.jsonl:4: event",
        "sender_id",
        "'no-such-event' not found",
        "labels.json['quiet.jsonl']: kind",
        "conversations/gone.jsonl: labelled but missing",
    ):
        assert expected in problems


def test_a_benign_scenario_may_not_name_a_request_nor_a_risky_one_omit_it(tiny: Path) -> None:
    folder = tiny / "conversations"
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    request = labels["risky.jsonl"]["first_explicit_request_event_id"]
    labels["risky.jsonl"]["first_explicit_request_event_id"] = None
    labels["quiet.jsonl"]["first_explicit_request_event_id"] = request
    (folder / "labels.json").write_text(json.dumps(labels), encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        load_dataset(tiny)
    assert any("risky but" in p for p in caught.value.problems)
    assert any("benign but" in p for p in caught.value.problems)


# -- the dev set ----------------------------------------------------------------------------


def test_dev_messages_meet_the_brief() -> None:
    dataset = load_dataset(DEV)
    messages = dataset.messages
    assert len(messages) >= 400
    for category in CHAT_CATEGORIES:
        assert sum(category in m.labels for m in messages) >= 12, category
    positives = sum(1 for m in messages if m.labels)
    assert len(messages) - positives >= positives
    assert all(m.labels <= CHAT_CATEGORIES for m in messages)
    assert len({m.text.casefold() for m in messages}) == len(messages), "no repeated texts"


def test_dev_scenarios_parse_and_their_labelled_events_exist() -> None:
    labels = json.loads((DEV / "conversations" / "labels.json").read_text(encoding="utf-8"))
    assert len(labels) >= 30
    assert sum(1 for v in labels.values() if v["risky"]) >= 12
    assert sum(1 for v in labels.values() if not v["risky"]) >= 15
    for file, label in labels.items():
        lines = (DEV / "conversations" / file).read_text(encoding="utf-8").splitlines()
        events = {e.id: e for e in (parse_event(json.loads(line)) for line in lines)}
        assert len(events) == len(lines), f"{file}: duplicate event ids"
        request = label["first_explicit_request_event_id"]
        if label["risky"]:
            assert isinstance(events[request], ChatMessage), file
        else:
            assert request is None, file
        assert any(e.subject_id == label["subject"] for e in events.values()), file


@pytest.mark.parametrize(
    "topic",
    [r"how old|\b1[0-3]\b", r"school", r"\b(mom|dad|parents)\b", r"secret", r"camera|\bcam\b"],
)
def test_dev_benign_scenarios_talk_about_what_children_talk_about(topic: str) -> None:
    dataset = load_dataset(DEV)
    benign_texts = [
        e.text
        for s in dataset.scenarios
        if not s.label.risky
        for e in s.events
        if isinstance(e, ChatMessage)
    ]
    assert any(re.search(topic, t) for t in benign_texts)


@pytest.fixture(scope="module")
def dev_report() -> EvalReport:
    return run_eval(DEV)


def test_dev_report_covers_every_category_and_scenario(dev_report: EvalReport) -> None:
    assert set(dev_report.per_category) == CHAT_CATEGORIES
    assert all(c.support >= 12 for c in dev_report.per_category.values())
    labels = json.loads((DEV / "conversations" / "labels.json").read_text(encoding="utf-8"))
    assert {r.result.scenario.file for r in dev_report.scenarios} == set(labels)
    data = json.loads(json.dumps(dev_report.to_json()))
    assert set(data["messages"]["per_category"]) == {c.value for c in CHAT_CATEGORIES}
    assert data["conversations"]["total"] == len(labels)
    assert 0.0 <= data["latency"]["f_latency"] <= 1.0
    text = format_report(dev_report)
    for category in CHAT_CATEGORIES:
        assert category.value in text
