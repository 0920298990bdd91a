"""The semantic tier: offline loading, determinism, held-out paraphrases, evidence, the gate.

The held-out messages (``data/semantic_heldout.yaml``) were written apart from the exemplar
banks and are never trained on. All chat text is the kind of indicator phrase published in
child-safety guidance for parents and moderators; none of it is sexual description.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest
import yaml

from safestream.detect.base import DetectionContext, Detector
from safestream.detect.text.semantic import SemanticTextDetector, load_model, worth_scoring
from safestream.detect.text.semantic.exemplars import MIN_POSITIVES, load_banks
from safestream.detect.text.semantic.model import EXEMPLARS_FILE, MANIFEST_FILE, MODEL_DIR
from safestream.events import ChatMessage, StreamStart
from safestream.signals import CHAT_CATEGORIES, DECISION_THRESHOLD, Category

HELD_OUT = yaml.safe_load((Path(__file__).parent / "data" / "semantic_heldout.yaml").read_text())
DETECTOR = SemanticTextDetector()
CONTEXT = DetectionContext(subject_id="conv", subject_kind="conversation")
MAX_ARTEFACT_BYTES = 20 * 1024 * 1024


def chat(text: str, event_id: str = "evt-1") -> ChatMessage:
    return ChatMessage(
        type="chat.message",
        id=event_id,
        ts=datetime(2026, 1, 1, tzinfo=UTC),
        conversation_id="conv",
        sender_id="sender",
        text=text,
    )


def test_runtime_path_loads_offline_without_torch() -> None:
    """A fresh interpreter with sockets disabled loads, scores, and imports no training stack."""
    script = """
import socket, sys
def refuse(*args, **kwargs):
    raise AssertionError("the semantic tier tried to open a network connection")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
from safestream.detect.text.semantic import load_model
scores = load_model().score_texts(["are you home alone"])
heavy = {"torch", "transformers", "sentence_transformers", "model2vec",
         "onnxruntime", "huggingface_hub"}
loaded = sorted(heavy.intersection(m.split(".")[0] for m in sys.modules))
assert not loaded, loaded
print(float(scores.scores.max()))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert float(done.stdout) >= DECISION_THRESHOLD


def test_artefact_is_small_versioned_and_matches_its_manifest() -> None:
    manifest = json.loads((MODEL_DIR / MANIFEST_FILE).read_text())
    total = sum(p.stat().st_size for p in MODEL_DIR.iterdir())
    assert total < MAX_ARTEFACT_BYTES
    assert DETECTOR.version == manifest["version"]
    assert manifest["version"].endswith(manifest["inputs_hash"][:10])
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((MODEL_DIR / name).read_bytes()).hexdigest() == digest, name
    banks = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in load_banks().files}
    assert manifest["inputs"]["banks"] == banks, "banks changed: rebuild the artefact"


def test_banks_cover_every_chat_category_with_hard_negatives() -> None:
    banks = load_banks()
    for category in CHAT_CATEGORIES:
        assert banks.labels.count(category) >= MIN_POSITIVES, category
    assert banks.labels.count(None) >= MIN_POSITIVES * len(CHAT_CATEGORIES)


def test_embeddings_are_deterministic_unit_vectors_independent_of_batch() -> None:
    embedder = load_model().embedder
    texts = ["are you alone rn", "my cat is on my keyboard", "😂😂😂"]
    alone = embedder.embed(texts)
    together = embedder.embed([*texts, "send a pic"])[:3]
    np.testing.assert_array_equal(alone, together)
    np.testing.assert_array_equal(alone, embedder.embed(texts))
    np.testing.assert_allclose(np.linalg.norm(alone[:2], axis=1), 1.0, rtol=1e-5)


@pytest.mark.parametrize("category", sorted(HELD_OUT["positives"]))
def test_held_out_paraphrases_reach_their_category(category: str) -> None:
    texts = HELD_OUT["positives"][category]
    scored = load_model().score_texts(texts)
    hits = [t for i, t in enumerate(texts) if scored.of(i, Category(category))[0] >= 0.5]
    # The tier is tuned for precision (F0.5 thresholds): half of each category at least, the
    # whole set more strictly below.
    assert len(hits) >= len(texts) // 2, (category, set(texts) - set(hits))


def test_held_out_recall_and_hard_negatives_overall() -> None:
    model = load_model()
    found = total = 0
    for category, texts in HELD_OUT["positives"].items():
        scored = model.score_texts(texts)
        found += sum(scored.of(i, Category(category))[0] >= 0.5 for i in range(len(texts)))
        total += len(texts)
    assert found / total >= 0.8
    negatives = HELD_OUT["hard_negatives"]
    fired = (model.score_texts(negatives).scores >= DECISION_THRESHOLD).any(axis=1)
    assert fired.mean() <= 0.05, [t for t, f in zip(negatives, fired, strict=True) if f]


@pytest.mark.parametrize(
    "text",
    [
        "my little brother turns seven on sunday",
        "i'm home by myself and bored, anyone want to play",
        "shh, it's a surprise for my mum's birthday",
        "we're meeting at the library to study for the test",
        "take your coat off and stay for dinner, says grandma",
        "point the camera at the drawing please",
        "i'm dying laughing at this",
    ],
)
def test_benign_look_alikes_stay_below_the_decision_point(text: str) -> None:
    assert not [s for s in DETECTOR.detect(chat(text), CONTEXT) if s.fires]


def test_signal_carries_nearest_exemplar_key_words_and_note() -> None:
    text = "r u home alone tonight?"
    signals = {s.category: s for s in DETECTOR.detect(chat(text, "evt-9"), CONTEXT)}
    signal = signals[Category.ISOLATION_PROBE]
    assert signal.fires
    assert signal.detector == "text-semantic"
    assert signal.evidence.event_ids == ("evt-9",)
    # The nearest exemplar is a shipped positive of the same category (banks and training rows).
    shipped = json.loads((MODEL_DIR / EXEMPLARS_FILE).read_text())["positives"]
    exemplars = {p["text"] for p in shipped if p["category"] == "isolation_probe"}
    assert signal.evidence.exemplar in exemplars
    assert signal.evidence.note
    assert "isolation_probe" in signal.evidence.note
    assert signal.evidence.spans
    for span in signal.evidence.spans:
        assert text[span.start : span.end] == span.text
    assert "alone" in {span.text for span in signal.evidence.spans}


def test_evasions_are_read_back_before_embedding() -> None:
    scored = load_model().score_texts(["r u h0me a1one", "s e n d  p i c s"])
    assert scored.of(0, Category.ISOLATION_PROBE)[0] >= DECISION_THRESHOLD
    assert scored.of(1, Category.IMAGE_REQUEST)[0] >= DECISION_THRESHOLD


def test_detector_protocol_and_batch_agree_with_single() -> None:
    assert isinstance(DETECTOR, Detector)
    assert DETECTOR.name == "text-semantic"
    assert DETECTOR.event_types == frozenset({"chat.message"})
    start = StreamStart(
        type="stream.start",
        id="s1",
        ts=datetime(2026, 1, 1, tzinfo=UTC),
        stream_id="st",
        account_id="a",
    )
    assert DETECTOR.detect(start, CONTEXT) == []
    events = [chat(t, f"e{i}") for i, t in enumerate(["lol", "add me on snap", "add me on snap"])]
    batched = DETECTOR.detect_batch(events)
    assert batched[0] == []
    assert batched[1] == DETECTOR.detect(events[1], CONTEXT)
    assert [s.category for s in batched[2]] == [s.category for s in batched[1]]


@pytest.mark.parametrize(
    ("text", "worth"),
    [
        ("lol", False),
        ("gg wp", False),
        ("😂😂😂", False),
        ("12345", False),
        ("hi!! lol", False),
        ("asl", True),
        ("pic?", True),
        ("r u alone", True),
    ],
)
def test_cascade_gate(text: str, worth: bool) -> None:
    assert worth_scoring(load_model().embedder.normalize(text).tokens) is worth
