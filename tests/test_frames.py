"""Frames through the pipeline: intake, the encrypted buffer, hash banks and the vision detector.

Every picture is a benign scikit-image sample or a synthetic array.
"""

from __future__ import annotations

import base64
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image
from skimage import data as samples
from sqlalchemy import select

from pipeline_support import Clock, child_stream
from safestream.detect.hashing.banks import (
    BankKind,
    EntryBatch,
    add_entries,
    create_bank,
    make_entry,
)
from safestream.detect.hashing.detector import HashBankDetector
from safestream.detect.hashing.pdq import pdq_hash
from safestream.detect.vision.detector import VisionDetector
from safestream.frames import drop_expired
from safestream.pipeline import Pipeline
from safestream.review.evidence import open_evidence
from safestream.scan import scan
from safestream.signals import Category
from safestream.store.db import Store
from safestream.store.models import EventRow, FrameBufferRow

ASTRONAUT = samples.astronaut()


def jpeg(array: np.ndarray, quality: int = 85) -> bytes:
    out = io.BytesIO()
    Image.fromarray(array).save(out, "JPEG", quality=quality)
    return out.getvalue()


def b64(array: np.ndarray) -> str:
    return base64.b64encode(jpeg(array)).decode()


def frame(clock: Clock, **picture: Any) -> dict[str, Any]:
    return clock.ev("frame", stream_id="live-1", **picture)


def bank(store: Store, image: np.ndarray, *, kind: BankKind = BankKind.POSITIVE) -> None:
    with store.session() as session, session.begin():
        name = f"bank-{kind.value}"
        create_bank(session, name, actor="test", kind=kind)
        entry = make_entry(pdq_hash(image).hex, content_id=f"{kind.value}-1")
        add_entries(session, name, EntryBatch([(1, entry)]), actor="test")


def stored_payload(store: Store, event_id: str) -> dict[str, Any]:
    with store.session() as session:
        payload = session.scalar(select(EventRow.payload).where(EventRow.id == event_id))
    assert payload is not None
    loaded: dict[str, Any] = json.loads(payload)
    return loaded


def buffered_ids(store: Store) -> set[str]:
    with store.session() as session:
        return set(session.scalars(select(FrameBufferRow.event_id)))


def hash_pipeline(store: Store, **options: Any) -> Pipeline:
    return Pipeline(store, detectors=[HashBankDetector()], **options)


def test_frame_keeps_its_hash_not_its_picture(store: Store) -> None:
    clock = Clock()
    pipeline = hash_pipeline(store)
    shot = frame(clock, image=b64(ASTRONAUT))
    result = pipeline.submit([*child_stream(clock), shot])
    assert result.count("accepted") == 4
    payload = stored_payload(store, shot["id"])
    assert "image" not in payload
    assert payload["pdq"] == pdq_hash(np.asarray(Image.open(io.BytesIO(jpeg(ASTRONAUT))))).hex
    assert payload["pdq_quality"] >= 50
    with store.session() as session:
        (sealed,) = session.scalars(select(FrameBufferRow.sealed))
    assert b"JFIF" not in sealed  # encrypted at rest
    assert pipeline.vault.unseal_bytes(sealed)[:2] == b"\xff\xd8"


@pytest.mark.parametrize(
    ("picture", "problem"),
    [
        ({"image": base64.b64encode(b"\xff\xd8\xff\xe0 not really a jpeg").decode()}, "image: "),
        ({"image": base64.b64encode(jpeg(ASTRONAUT)[:2000]).decode()}, "corrupt or truncated"),
        ({"image": "@@not base64@@"}, "invalid base64"),
        ({"image_url": "/etc/passwd"}, "embedded mode"),
    ],
)
def test_bad_pictures_are_rejected_by_name_and_the_rest_goes_in(
    store: Store, picture: dict[str, str], problem: str
) -> None:
    clock = Clock()
    events = [
        *child_stream(clock),
        frame(clock, **picture),
        clock.ev("stream.end", stream_id="live-1", account_id="kid"),
    ]
    result = hash_pipeline(store).submit(events)
    bad = next(i for i in result.items if i.status == "rejected")
    assert bad.id == events[3]["id"]
    assert problem in bad.errors[0]
    assert result.count("accepted") == 4
    assert buffered_ids(store) == set()


def test_a_huge_picture_is_refused_before_it_is_decoded(store: Store) -> None:
    out = io.BytesIO()
    Image.new("L", (9000, 5000)).save(out, "PNG")  # 45 MP of black compresses to a few kB
    clock = Clock()
    result = hash_pipeline(store).submit(
        [frame(clock, image=base64.b64encode(out.getvalue()).decode())]
    )
    (item,) = result.items
    assert item.status == "rejected"
    assert "above the 40 MP limit" in item.errors[0] or "too many pixels" in item.errors[0]


def test_a_flipped_recompressed_bank_picture_is_known_abuse(store: Store) -> None:
    bank(store, ASTRONAUT)
    clock = Clock()
    pipeline = hash_pipeline(store)
    copy = np.asarray(Image.fromarray(ASTRONAUT[:, ::-1]).resize((256, 256)))
    pipeline.submit([*child_stream(clock), frame(clock, image=b64(copy))])
    processed = list(pipeline.drain())
    (signal,) = processed[-1].signals
    assert signal.category is Category.KNOWN_ABUSE_HASH
    assert signal.fires
    assert signal.evidence.hash_distance is not None
    assert signal.evidence.hash_distance <= 31
    assert signal.evidence.note == "bank=bank-positive content_id=positive-1"
    assert processed[-1].level.label == "critical"


def test_unrelated_picture_and_negative_bank_do_not_alert(store: Store) -> None:
    bank(store, ASTRONAUT)
    bank(store, ASTRONAUT, kind=BankKind.NEGATIVE)
    clock = Clock()
    pipeline = hash_pipeline(store)
    pipeline.submit(
        [
            *child_stream(clock),
            frame(clock, image=b64(ASTRONAUT)),
            frame(clock, image=b64(samples.camera())),
        ]
    )
    assert all(not p.signals for p in pipeline.drain())


def test_banks_changed_while_running_are_picked_up(store: Store) -> None:
    clock = Clock()
    pipeline = hash_pipeline(store)
    pipeline.submit([*child_stream(clock), frame(clock, image=b64(ASTRONAUT))])
    assert not list(pipeline.drain())[-1].signals
    bank(store, ASTRONAUT)
    pipeline.submit([frame(clock, image=b64(ASTRONAUT))])
    (processed,) = pipeline.drain()
    assert [s.category for s in processed.signals] == [Category.KNOWN_ABUSE_HASH]


def test_a_device_hash_without_a_picture_is_matched_as_sent(store: Store) -> None:
    bank(store, ASTRONAUT)
    clock = Clock()
    pipeline = hash_pipeline(store)
    shot = frame(clock, pdq=pdq_hash(ASTRONAUT).hex, pdq_quality=90)
    pipeline.submit([*child_stream(clock), shot])
    assert [s.category for s in list(pipeline.drain())[-1].signals] == [Category.KNOWN_ABUSE_HASH]
    assert buffered_ids(store) == set()


def test_pictures_leave_the_buffer_but_preserved_evidence_keeps_them(store: Store) -> None:
    bank(store, ASTRONAUT)
    clock = Clock()
    pipeline = hash_pipeline(store)
    shot = frame(clock, image=b64(ASTRONAUT))
    pipeline.submit([*child_stream(clock), shot])
    list(pipeline.drain())
    assert buffered_ids(store) == {shot["id"]}
    with store.session() as session, session.begin():
        drop_expired(session, datetime.now(UTC) + timedelta(minutes=3))
    assert buffered_ids(store) == set()
    with store.session() as session, session.begin():
        from safestream.store.models import EvidenceRow

        evidence_ids = list(session.scalars(select(EvidenceRow.id)))
        bundles = [open_evidence(session, pipeline.vault, i, actor="test") for i in evidence_ids]
    assert bundles
    for bundle in bundles:
        assert base64.b64decode(bundle["frames"][shot["id"]])[:2] == b"\xff\xd8"
        assert all("image" not in e for e in bundle["events"])


def test_vision_detector_on_benign_frames(store: Store) -> None:
    clock = Clock()
    pipeline = Pipeline(store, detectors=[VisionDetector()])
    pipeline.submit([*child_stream(clock), frame(clock, image=b64(ASTRONAUT))])
    processed = list(pipeline.drain())[-1]
    found = {s.category: s for s in processed.signals}
    assert Category.NUDITY not in found or not found[Category.NUDITY].fires
    minor = found[Category.MINOR_LIKELY]
    assert minor.fires  # the stream's owner declared 12
    assert "declared age 12" in (minor.evidence.note or "")
    assert minor.evidence.frame_ids == (processed.event_id,)


def test_scan_reads_frame_files_beside_the_events_file(tmp_path: Path) -> None:
    Image.fromarray(ASTRONAUT).save(tmp_path / "shot.jpg")
    clock = Clock()
    lines = [*child_stream(clock), frame(clock, image_url="shot.jpg")]
    events = tmp_path / "events.jsonl"
    events.write_text("\n".join(json.dumps(e) for e in lines) + "\n")
    report = scan([events])
    assert not report.problems
    assert len(report.events) == 4


def test_scan_matches_frames_against_the_store_banks(tmp_path: Path, sqlite_url: str) -> None:
    store = Store(sqlite_url)
    bank(store, ASTRONAUT)
    store.close()
    clock = Clock()
    lines = [*child_stream(clock), frame(clock, image=b64(np.asarray(ASTRONAUT[:, ::-1])))]
    events = tmp_path / "events.jsonl"
    events.write_text("\n".join(json.dumps(e) for e in lines) + "\n")
    report = scan([events], db_url=sqlite_url)
    (stream,) = [s for s in report.subjects if s["subject"] == "live-1"]
    assert stream["level"] == "critical"
    assert "known_abuse_hash" in stream["categories"]
