"""The pipeline end to end on a real SQLite store (and PostgreSQL where available)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from pipeline_support import WORDS, BrokenDetector, Clock, child_stream, say
from safestream.detect.base import DetectorLoadError, load_detectors
from safestream.pipeline import Pipeline
from safestream.policy.engine import PolicyEngine
from safestream.policy.rules import load_rules
from safestream.review.evidence import open_evidence
from safestream.risk.levels import Level
from safestream.store.db import Store
from safestream.store.models import ActionRow, AuditRow, CaseRow, EventRow, EvidenceRow, SignalRow


def run(pipeline: Pipeline, events: list[dict]) -> list:
    result = pipeline.submit(events)
    assert result.count("rejected") == 0, result.items
    return list(pipeline.drain())


def test_batch_keeps_good_events_and_names_bad_ones(store: Store) -> None:
    pipeline = Pipeline(store, detectors=[WORDS])
    clock = Clock()
    good = say(clock, "hello")
    bad_type = {"type": "chat.whisper", "id": "x1", "ts": good["ts"]}
    bad_field = {**say(clock, "hi"), "sender_id": 7}
    result = pipeline.submit([good, bad_type, "not an object", bad_field, good])
    statuses = [(i.index, i.status) for i in result.items]
    assert statuses == [
        (0, "accepted"),
        (1, "rejected"),
        (2, "rejected"),
        (3, "rejected"),
        (4, "duplicate"),
    ]
    assert result.items[1].errors[0].startswith("type: unknown event type")
    assert result.items[3].errors == ["sender_id: Input should be a valid string"]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(EventRow)) == 1


def test_same_event_id_twice_is_stored_and_processed_once(store: Store) -> None:
    pipeline = Pipeline(store, detectors=[WORDS])
    clock = Clock()
    events = [*child_stream(clock), say(clock, "UNDRESS")]
    run(pipeline, events)
    again = pipeline.submit(events)
    assert {i.status for i in again.items} == {"duplicate"}
    assert list(pipeline.drain()) == []
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(SignalRow)) == 1
        assert s.scalar(select(func.count()).select_from(EventRow)) == len(events)


def test_explicit_request_to_a_declared_minor_is_high_and_acts(store: Store) -> None:
    pipeline = Pipeline(store, detectors=[WORDS])
    clock = Clock()
    out = run(pipeline, [*child_stream(clock), say(clock, "hi"), say(clock, "UNDRESS")])
    last = out[-1]
    assert last.level >= Level.HIGH
    assert [s.category.value for s in last.signals] == ["undress_request"]
    state = pipeline.subject("stream", "live-1")
    assert state is not None
    assert state.first_alert_event_id == last.event_id
    assert state.top_reasons()[0]["event_id"] == last.event_id
    with store.session() as s:
        kinds = set(s.scalars(select(ActionRow.kind).where(ActionRow.subject_id == "live-1")))
        assert {"open_case", "preserve_evidence", "restrict_chat"} <= kinds
        case = s.scalars(select(CaseRow).where(CaseRow.subject_id == "live-1")).one()
        assert case.priority <= 2
        assert case.reasons[0]["category"] == "undress_request"


def test_same_words_weigh_more_towards_a_minor_than_an_adult(store: Store) -> None:
    pipeline = Pipeline(store, detectors=[WORDS])
    clock = Clock()
    run(
        pipeline,
        [
            *child_stream(clock, age=12, stream="kid-live"),
            say(clock, "SECRET ALONE?", stream="kid-live"),
        ],
    )
    clock2 = Clock()
    clock2.n = 1000
    adult = child_stream(clock2, age=34, stream="adult-live")
    for e in adult:
        if e.get("account_id") == "kid":
            e["account_id"] = "grown-up"
    run(pipeline, [*adult, say(clock2, "SECRET ALONE?", stream="adult-live")])
    kid = pipeline.subject("stream", "kid-live")
    grown = pipeline.subject("stream", "adult-live")
    assert kid is not None
    assert grown is not None
    assert kid.score > grown.score
    assert kid.level >= Level.MEDIUM
    assert grown.level <= Level.LOW


def test_grooming_stages_add_up(store: Store) -> None:
    pipeline = Pipeline(store, detectors=[WORDS])
    clock = Clock()
    out = run(
        pipeline,
        [*child_stream(clock), say(clock, "AGE?"), say(clock, "ALONE?"), say(clock, "SECRET")],
    )
    levels = [p.level for p in out[-3:]]
    assert levels == sorted(levels)
    assert levels[0] <= Level.LOW
    assert levels[-1] >= Level.MEDIUM


def test_evidence_decays_with_event_time(store: Store) -> None:
    pipeline = Pipeline(store, detectors=[WORDS])
    clock = Clock()
    run(pipeline, [*child_stream(clock), say(clock, "SECRET ALONE?")])
    before = pipeline.subject("stream", "live-1")
    assert before is not None
    score_before = before.score
    run(pipeline, [say(clock, "nice drawing", dt=3 * 3600)])
    after = pipeline.subject("stream", "live-1")
    assert after is not None
    assert after.score < score_before / 4
    assert after.peak_level >= Level.MEDIUM


def test_account_subject_collects_what_the_sender_did(store: Store) -> None:
    pipeline = Pipeline(store, detectors=[WORDS])
    clock = Clock()
    run(pipeline, [*child_stream(clock), say(clock, "UNDRESS")])
    account = pipeline.subject("account", "stranger")
    assert account is not None
    assert "undress_request" in account.seen_categories


def test_child_distress_from_the_child_opens_a_support_first_case(store: Store) -> None:
    pipeline = Pipeline(store, detectors=[WORDS])
    clock = Clock()
    run(pipeline, [*child_stream(clock), say(clock, "i am SCARED", sender="kid")])
    with store.session() as s:
        actions = list(s.scalars(select(ActionRow).order_by(ActionRow.id)))
        assert actions[0].kind == "nudge"
        case = s.scalars(select(CaseRow)).one()
        assert "support_first" in case.flags
    # The child's own words are never attributed to the child's account as an offender.
    kid_account = pipeline.subject("account", "kid")
    assert kid_account is not None
    assert kid_account.evidence == {}


def test_sextortion_is_critical_and_preserves_encrypted_evidence(store: Store) -> None:
    pipeline = Pipeline(store, detectors=[WORDS])
    clock = Clock()
    run(pipeline, [*child_stream(clock), say(clock, "hi there"), say(clock, "EXTORT now")])
    state = pipeline.subject("stream", "live-1")
    assert state is not None
    assert state.level == Level.CRITICAL
    with store.session() as s, s.begin():
        row = s.scalars(select(EvidenceRow)).first()
        assert row is not None
        assert b"EXTORT" not in row.ciphertext
        bundle = open_evidence(s, pipeline.vault, row.id, "test-moderator")
        texts = [e.get("text") for e in bundle["events"]]
        assert "EXTORT now" in texts
        assert "hi there" in texts
    with store.session() as s:
        audit = s.scalars(select(AuditRow).where(AuditRow.action == "evidence.read")).one()
        assert audit.actor == "test-moderator"


SHADOW_PACK = """
pack: shadow-test
version: 1
shadow: true
rules:
  - id: case-on-high
    when: {level_at_least: high}
    actions:
      - kind: open_case
        params: {priority: 2}
"""


def test_shadow_rules_record_but_do_nothing(store: Store) -> None:
    policy = PolicyEngine([load_rules(SHADOW_PACK)])
    pipeline = Pipeline(store, detectors=[WORDS], policy=policy)
    clock = Clock()
    run(pipeline, [*child_stream(clock), say(clock, "UNDRESS")])
    with store.session() as s:
        action = s.scalars(select(ActionRow).where(ActionRow.subject_id == "live-1")).one()
        assert (action.kind, action.status, action.shadow) == ("open_case", "shadow", True)
        assert s.scalar(select(func.count()).select_from(CaseRow)) == 0


def test_once_rules_fire_once_per_subject(store: Store) -> None:
    pipeline = Pipeline(store, detectors=[WORDS])
    clock = Clock()
    run(pipeline, [*child_stream(clock), say(clock, "UNDRESS"), say(clock, "UNDRESS again")])
    with store.session() as s:
        fired = list(
            s.execute(
                select(ActionRow.rule_id, ActionRow.kind).where(ActionRow.subject_id == "live-1")
            )
        )
        assert fired
        assert len(fired) == len(set(fired))


def test_events_left_pending_by_a_crash_are_processed_by_the_next_worker(sqlite_url: str) -> None:
    first = Store(sqlite_url)
    clock = Clock()
    Pipeline(first, detectors=[WORDS]).submit([*child_stream(clock), say(clock, "UNDRESS")])
    first.close()  # the process dies before processing anything
    second = Store(sqlite_url)
    out = list(Pipeline(second, detectors=[WORDS]).drain())
    assert [p.event_id for p in out] == ["e1", "e2", "e3", "e4"]
    assert out[-1].level >= Level.HIGH
    second.close()


def test_state_survives_a_restart(sqlite_url: str) -> None:
    clock = Clock()
    a = Store(sqlite_url)
    run(Pipeline(a, detectors=[WORDS]), [*child_stream(clock), say(clock, "SECRET")])
    a.close()
    b = Store(sqlite_url)
    pipeline = Pipeline(b, detectors=[WORDS])
    out = run(pipeline, [say(clock, "ALONE?")])
    state = pipeline.subject("stream", "live-1")
    assert state is not None
    assert {"secrecy", "isolation_probe"} <= state.seen_categories
    assert out[0].level >= Level.MEDIUM
    b.close()


def test_a_failing_detector_does_not_stop_the_others(store: Store) -> None:
    pipeline = Pipeline(store, detectors=[BrokenDetector(), WORDS])
    clock = Clock()
    out = run(pipeline, [*child_stream(clock), say(clock, "UNDRESS")])
    assert [s.category.value for s in out[-1].signals] == ["undress_request"]


def test_detectors_are_discovered_through_entry_points() -> None:
    names = {d.name for d in load_detectors()}
    assert {"text", "behaviour"} <= names
    with pytest.raises(DetectorLoadError, match="no detector registered as nope"):
        load_detectors(["nope"])


def test_pipeline_on_postgres(pg_url: str) -> None:
    store = Store(pg_url)
    try:
        pipeline = Pipeline(store, detectors=[WORDS])
        clock = Clock()
        events = [*child_stream(clock), say(clock, "SECRET"), say(clock, "EXTORT")]
        out = run(pipeline, events)
        assert out[-1].level == Level.CRITICAL
        assert {i.status for i in pipeline.submit(events).items} == {"duplicate"}
        with store.session() as s:
            cases = list(s.scalars(select(CaseRow.subject_kind).order_by(CaseRow.subject_kind)))
            assert cases == ["account", "stream"]
    finally:
        store.close()


class HistoryProbe:
    """Records the history each event's context carried."""

    name = "history-probe"
    version = "0"
    event_types = frozenset({"chat.message"})

    def __init__(self) -> None:
        self.seen: list[list[str]] = []

    def detect(self, event, context):  # type: ignore[no-untyped-def]
        self.seen.append([m.text for m in context.history])
        return []


def test_conversation_history_is_rebuilt_from_the_log_after_a_restart(sqlite_url: str) -> None:
    clock = Clock()
    first = Store(sqlite_url)
    run(
        Pipeline(first, detectors=[WORDS]),
        [*child_stream(clock), say(clock, "SECRET"), say(clock, "hello")],
    )
    first.close()
    second = Store(sqlite_url)
    probe = HistoryProbe()
    run(Pipeline(second, detectors=[probe]), [say(clock, "again")])
    assert probe.seen == [["SECRET", "hello"]]
    second.close()


def test_subjects_evicted_from_the_cache_come_back_whole(store: Store) -> None:
    """With room for one subject, every event reloads its stream from the store and the log."""
    clock = Clock()
    probe = HistoryProbe()
    pipeline = Pipeline(store, detectors=[WORDS, probe], cache_size=1)
    events = [*child_stream(clock), *child_stream(clock, stream="live-2")]
    for text in ("SECRET", "hello", "ALONE?"):
        events += [say(clock, text), say(clock, text, stream="live-2")]
    out = run(pipeline, events[:8])
    out += run(pipeline, events[8:])
    assert probe.seen[-2:] == [["SECRET", "hello"], ["SECRET", "hello"]]
    for stream in ("live-1", "live-2"):
        state = pipeline.subject("stream", stream)
        assert state is not None
        assert {"secrecy", "isolation_probe"} <= state.seen_categories
    assert out[-1].level >= Level.MEDIUM


def test_a_batch_that_fails_to_commit_leaves_no_trace_in_the_cache(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The retry after a failed commit gives the same risk as a run that never failed."""
    clock = Clock()
    events = [*child_stream(clock), say(clock, "SECRET"), say(clock, "ALONE?")]
    pipeline = Pipeline(store, detectors=[WORDS])
    run(pipeline, events[:4])
    pipeline.submit(events[4:])

    def fail(*_: object) -> None:
        raise RuntimeError("the database went away")

    with monkeypatch.context() as patched:
        patched.setattr(pipeline, "_flush", fail)
        with pytest.raises(RuntimeError):
            pipeline.process_pending()
    list(pipeline.drain())
    clean = Store(f"sqlite:///{tmp_path / 'clean.db'}")
    reference = Pipeline(clean, detectors=[WORDS])
    run(reference, events)
    retried = pipeline.subject("stream", "live-1")
    expected = reference.subject("stream", "live-1")
    assert retried is not None
    assert expected is not None
    assert retried.evidence == pytest.approx(expected.evidence)
    assert retried.score == pytest.approx(expected.score)
    assert retried.level == expected.level
    clean.close()


def test_the_pipeline_gives_rules_exactly_the_known_facts(store: Store) -> None:
    from safestream.policy.engine import PolicyEngine as Engine
    from safestream.policy.inputs import KNOWN_FACTS

    class Recording(Engine):
        def __init__(self) -> None:
            super().__init__([])
            self.seen: list[set[str]] = []

        def evaluate(self, inp, fired):  # type: ignore[no-untyped-def]
            self.seen.append(set(inp.facts))
            return []

    policy = Recording()
    clock = Clock()
    run(
        Pipeline(store, detectors=[WORDS], policy=policy),
        [*child_stream(clock), say(clock, "UNDRESS")],
    )
    assert policy.seen
    assert all(keys == KNOWN_FACTS for keys in policy.seen)
