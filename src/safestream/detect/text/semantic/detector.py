"""The semantic text detector: the second tier of the text cascade.

The rule tier (``TextIndicatorDetector``) normalises every message and matches indicator
patterns in a few microseconds. This tier catches what patterns miss (paraphrases, coded and
misspelt requests) at the cost of an embedding, so it runs only on messages that could carry a
category at all: :func:`worth_scoring` turns away emoji-only lines, numbers and pure chatter
("lol", "gg", "hi"), the bulk of live-stream chat. Each signal names the nearest exemplar and the
words that drove it, so a moderator sees why it fired.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from safestream.detect.base import DetectionContext
from safestream.detect.text.normalize import Normalized
from safestream.detect.text.semantic.model import SemanticModel, SemanticScores, read_version
from safestream.events import ChatMessage, Event
from safestream.signals import DECISION_THRESHOLD, Evidence, Signal

REPORT_FLOOR = 0.3
"""Weaker scores are not reported: below it the tier has nothing a moderator could use."""
CHATTER = frozenset(
    {
        "lol",
        "lmao",
        "lmfao",
        "rofl",
        "haha",
        "hahaha",
        "hehe",
        "xd",
        "gg",
        "ggs",
        "wp",
        "ez",
        "hi",
        "hii",
        "hey",
        "hello",
        "yo",
        "sup",
        "bye",
        "cya",
        "gn",
        "ok",
        "okay",
        "k",
        "yes",
        "yeah",
        "yea",
        "yep",
        "no",
        "nope",
        "nah",
        "ty",
        "thx",
        "thanks",
        "np",
        "brb",
        "omg",
        "wow",
        "nice",
        "cool",
        "same",
        "first",
        "w",
        "l",
        "pog",
        "poggers",
        "hype",
        "lets",
        "go",
        "goo",
        "gooo",
        "rip",
        "oof",
        "hmm",
        "idk",
        "wtf",
        "bruh",
        "bro",
        "sis",
        "fr",
        "yay",
    }
)
"""Words that on their own carry no category; a message of these only is not worth embedding."""

_model: SemanticModel | None = None
_model_lock = threading.Lock()


def load_model() -> SemanticModel:
    """The shipped artefact, read on first use and shared by the whole process."""
    global _model  # noqa: PLW0603 - one artefact per process, by design
    if _model is None:
        with _model_lock:
            if _model is None:
                _model = SemanticModel()
    return _model


def worth_scoring(tokens: Sequence[str]) -> bool:
    """Cheap cascade gate over normalised tokens (``Normalized.tokens``, either tier's).

    False for messages with no word of two letters or more outside :data:`CHATTER`: the rule
    tier has already seen them and no category lives in laughter, greetings or emoji.
    """
    return any(len(t) > 1 and not t.isdigit() and t not in CHATTER for t in tokens)


class SemanticTextDetector:
    """Embedding similarity and trained heads over chat text, one signal per category found."""

    name = "text-semantic"
    event_types = frozenset({"chat.message"})

    def __init__(self) -> None:
        # The manifest alone: the vectors load on the first message, not at construction.
        self.version = read_version()

    def detect(self, event: Event, context: DetectionContext) -> list[Signal]:
        if not isinstance(event, ChatMessage):
            return []
        return self.detect_batch([event])[0]

    def detect_batch(self, events: Sequence[ChatMessage]) -> list[list[Signal]]:
        """Signals for many messages with one embedding pass: the path for throughput."""
        model = load_model()
        normalized = [model.embedder.normalize(e.text) for e in events]
        wanted = [i for i, n in enumerate(normalized) if worth_scoring(n.tokens)]
        found: list[list[Signal]] = [[] for _ in events]
        if not wanted:
            return found
        scored = model.score_normalized([normalized[i] for i in wanted])
        for row, i in enumerate(wanted):
            found[i] = self._signals(model, events[i].id, normalized[i], scored, row)
        return found

    def score_texts(self, texts: Sequence[str]) -> SemanticScores:
        """Calibrated scores for every category and text, gate not applied."""
        return load_model().score_texts(texts)

    def _signals(
        self,
        model: SemanticModel,
        event_id: str,
        normalized: Normalized,
        scored: SemanticScores,
        row: int,
    ) -> list[Signal]:
        reported = scored.above(row, REPORT_FLOOR)
        if not reported:
            return []
        spans = model.key_words(
            normalized, scored.encodings[row], [category for category, _, _ in reported]
        )
        signals = []
        for category, score, exemplar in reported:
            verdict = "close to" if score >= DECISION_THRESHOLD else "faintly like"
            signals.append(
                Signal(
                    detector=self.name,
                    version=model.version,
                    category=category,
                    score=score,
                    evidence=Evidence(
                        event_ids=(event_id,),
                        spans=spans[category],
                        exemplar=exemplar,
                        note=f"{verdict} {category.value} exemplars (semantic tier)",
                    ),
                )
            )
        return signals
