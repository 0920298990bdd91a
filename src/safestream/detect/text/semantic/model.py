"""The semantic tier's scorer: exemplar similarity and two linear heads per category, calibrated.

Three views of a message, because each fails where another holds:

- **similarity** (Sentinel-style): mean of the top-k cosines to a category's positive exemplars
  minus the mean of the top-k cosines to the benign pool (hard negatives and everyday chat). It
  generalises from a handful of phrasings and names the nearest exemplar, which a moderator
  can read;
- **head**: a logistic regression over the embedding, trained on the banks and labelled chat,
  which weighs the directions that separate a category from its look-alikes ("are you alone"
  from "i'm home alone and bored");
- **lexical head**: a logistic regression over hashed character and word n-grams
  (:mod:`.lexical`), which keeps word order and misspellings the averaged embedding loses.

Per category a logistic calibrator maps (similarity, head, lexical head) to a probability
fitted on held-out folds, shifted so that 0.5 sits at the threshold that did best on those
folds: the system-wide decision point. The artefact is read once per process.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse  # type: ignore[import-untyped,unused-ignore]
from numpy.typing import NDArray
from tokenizers import Encoding  # type: ignore[import-untyped,unused-ignore]

from safestream.detect.text.normalize import Normalized
from safestream.detect.text.semantic.embed import FloatMatrix, StaticEmbedder
from safestream.detect.text.semantic.lexical import LexicalVectorizer
from safestream.signals import Category, TextSpan

MODEL_DIR = Path(__file__).resolve().parent / "model"
MANIFEST_FILE = "manifest.json"
HEADS_FILE = "heads.npz"
EXEMPLARS_FILE = "exemplars.json"
MAX_KEY_WORDS = 3


def top_k_mean(similarities: FloatMatrix, k: int) -> NDArray[np.float32]:
    """Mean of each row's ``k`` largest values (all of them when the row is shorter)."""
    width = similarities.shape[1]
    top = similarities if width <= k else np.partition(similarities, width - k, axis=1)[:, -k:]
    mean: NDArray[np.float32] = top.mean(axis=1)
    return mean


def read_version(directory: Path = MODEL_DIR) -> str:
    """The artefact's version from its manifest, without loading anything else."""
    version: str = json.loads((directory / MANIFEST_FILE).read_text())["version"]
    return version


@dataclass(frozen=True, slots=True)
class ExemplarBank:
    """Positive exemplars per category and the benign pool, as unit vectors.

    ``columns[j]`` lists category j's rows of ``positives``, padded with ``len(positives)``,
    which :meth:`similarity` points at a column of -inf: all categories then take their top-k
    in one vectorised step instead of a loop.
    """

    categories: tuple[Category, ...]
    positives: FloatMatrix
    columns: NDArray[np.int64]
    negatives: FloatMatrix

    @classmethod
    def of(
        cls,
        categories: Sequence[Category],
        positive_categories: Sequence[Category],
        positives: FloatMatrix,
        negatives: FloatMatrix,
    ) -> ExemplarBank:
        rows = [
            [i for i, c in enumerate(positive_categories) if c == category]
            for category in categories
        ]
        width = max(map(len, rows))
        columns = np.full((len(categories), width), len(positives), dtype=np.int64)
        for j, found in enumerate(rows):
            columns[j, : len(found)] = found
        return cls(tuple(categories), positives, columns, negatives)

    def similarity(self, vectors: FloatMatrix, k: int) -> tuple[FloatMatrix, NDArray[np.int64]]:
        """Per category the top-k margin over the benign pool, and the nearest positive's row."""
        to_positive = np.empty((len(vectors), len(self.positives) + 1), dtype=np.float32)
        np.matmul(vectors, self.positives.T, out=to_positive[:, :-1])
        to_positive[:, -1] = -np.inf
        grouped = to_positive[:, self.columns]
        width = grouped.shape[2]
        top = np.partition(grouped, width - k, axis=2)[:, :, width - k :].mean(axis=2)
        margin: FloatMatrix = top - top_k_mean(vectors @ self.negatives.T, k)[:, None]
        nearest = self.columns[np.arange(len(self.categories)), grouped.argmax(axis=2)]
        return margin, nearest


@dataclass(frozen=True, slots=True)
class LinearHeads:
    """The two linear heads, one row per category, before calibration.

    ``weights``/``bias`` read the embedding; ``lexical_weights``/``lexical_bias`` read the
    hashed n-grams of :mod:`.lexical`.
    """

    weights: FloatMatrix
    bias: NDArray[np.float32]
    lexical_weights: FloatMatrix
    lexical_bias: NDArray[np.float32]

    def logits(self, vectors: FloatMatrix) -> FloatMatrix:
        result: FloatMatrix = vectors @ self.weights.T + self.bias
        return result

    def lexical_logits(self, rows: scipy.sparse.csr_matrix) -> FloatMatrix:
        result: FloatMatrix = np.asarray(
            rows @ self.lexical_weights.T + self.lexical_bias, dtype=np.float32
        )
        return result

    def inputs(
        self, bank: ExemplarBank, vectors: FloatMatrix, rows: scipy.sparse.csr_matrix, k: int
    ) -> tuple[FloatMatrix, FloatMatrix, FloatMatrix, NDArray[np.int64]]:
        """The calibrator's inputs (similarity margin, head logits, lexical logits) and each
        category's nearest positive exemplar: one recipe for training and for scoring."""
        margin, nearest = bank.similarity(vectors, k)
        return margin, self.logits(vectors), self.lexical_logits(rows), nearest

    def calibrated(self, calibration: FloatMatrix) -> Heads:
        return Heads(self.weights, self.bias, self.lexical_weights, self.lexical_bias, calibration)


@dataclass(frozen=True, slots=True)
class Heads(LinearHeads):
    """Linear heads and their calibrators.

    ``calibration`` columns: weight of the similarity margin, of the embedding head's logit and
    of the lexical head's logit, intercept, and the logit of the chosen threshold (subtracted
    so that it maps to 0.5).
    """

    calibration: FloatMatrix

    def calibrate(
        self, margin: FloatMatrix, head: FloatMatrix, lexical: FloatMatrix
    ) -> FloatMatrix:
        a_sim, a_head, a_lex, intercept, shift = self.calibration.T
        z = a_sim * margin + a_head * head + a_lex * lexical + intercept - shift
        result: FloatMatrix = (1.0 / (1.0 + np.exp(-z))).astype(np.float32)
        return result


@dataclass(frozen=True, slots=True)
class SemanticScores:
    """Calibrated scores of a batch: ``scores[i, j]`` is message i, category ``categories[j]``."""

    categories: tuple[Category, ...]
    scores: FloatMatrix
    nearest: NDArray[np.int64]
    exemplars: tuple[str, ...]
    encodings: tuple[Encoding, ...]
    """The tokens of each message, kept for :meth:`SemanticModel.key_words`."""

    def of(self, index: int, category: Category) -> tuple[float, str]:
        """Score of one message for one category, and its nearest positive exemplar."""
        j = self.categories.index(category)
        return float(self.scores[index, j]), self.exemplars[int(self.nearest[index, j])]

    def above(self, index: int, floor: float) -> list[tuple[Category, float, str]]:
        """Categories of one message scoring at least ``floor``, with their nearest exemplars."""
        row = self.scores[index]
        return [
            (self.categories[j], float(row[j]), self.exemplars[int(self.nearest[index, j])])
            for j in np.flatnonzero(row >= floor)
        ]


class SemanticModel:
    """The artefact in memory: embedder (with its normaliser), exemplar bank and heads."""

    def __init__(self, directory: Path = MODEL_DIR) -> None:
        manifest: dict[str, Any] = json.loads((directory / MANIFEST_FILE).read_text())
        self.version: str = manifest["version"]
        self.top_k: int = manifest["params"]["top_k"]
        self.categories = tuple(Category(c) for c in manifest["categories"])
        self.embedder = StaticEmbedder(directory)
        exemplars = json.loads((directory / EXEMPLARS_FILE).read_text())
        positives = [(Category(p["category"]), p["text"]) for p in exemplars["positives"]]
        self.exemplar_texts = tuple(text for _, text in positives)
        self.bank = ExemplarBank.of(
            self.categories,
            [category for category, _ in positives],
            self.embedder.embed(self.exemplar_texts),
            self.embedder.embed(exemplars["negatives"]),
        )
        with np.load(directory / HEADS_FILE) as heads:
            self.heads = Heads(
                heads["weights"].astype(np.float32),
                heads["bias"].astype(np.float32),
                heads["lexical_weights"].astype(np.float32),
                heads["lexical_bias"].astype(np.float32),
                heads["calibration"].astype(np.float32),
            )
            self.lexical = LexicalVectorizer(heads["idf"])

    def score_texts(self, texts: Sequence[str]) -> SemanticScores:
        """Calibrated scores for a batch of raw chat texts."""
        return self.score_normalized([self.embedder.normalize(text) for text in texts])

    def score_normalized(self, normalized: Sequence[Normalized]) -> SemanticScores:
        """Calibrated scores for normalised texts; repeated ones (spam, "lol") are scored once.

        Either tier's :class:`Normalized` will do: they differ only in which known words an
        ambiguous evasion is read as.
        """
        unique = list(dict.fromkeys(n.text for n in normalized))
        encodings = self.embedder.encode(unique)
        vectors = self.embedder.embed_encodings(encodings)
        ngrams = self.lexical.transform(unique)
        margin, head, lexical, nearest = self.heads.inputs(self.bank, vectors, ngrams, self.top_k)
        scores = self.heads.calibrate(margin, head, lexical)
        if len(unique) < len(normalized):
            position = {text: i for i, text in enumerate(unique)}
            rows = np.fromiter(
                (position[n.text] for n in normalized), dtype=np.int64, count=len(normalized)
            )
            scores, nearest = scores[rows], nearest[rows]
            encodings = [encodings[i] for i in rows]
        return SemanticScores(
            self.categories, scores, nearest, self.exemplar_texts, tuple(encodings)
        )

    def key_words(
        self, normalized: Normalized, encoding: Encoding, categories: Sequence[Category]
    ) -> dict[Category, tuple[TextSpan, ...]]:
        """Per category, the original words that pushed its head up the most.

        The message vector is a mean of token vectors, so a head's logit splits exactly into one
        share per token; the largest positive shares are what a moderator should look at.
        """
        if not encoding.ids:
            return dict.fromkeys(categories, ())
        rows = [self.categories.index(c) for c in categories]
        shares = self.embedder.token_vectors(encoding.ids) @ self.heads.weights[rows].T
        found: dict[Category, tuple[TextSpan, ...]] = {}
        for column, category in enumerate(categories):
            words: dict[int, float] = {}
            tokens = zip(shares[:, column].tolist(), encoding.ids, encoding.word_ids, strict=True)
            for share, token, word in tokens:
                if word is not None and token != self.embedder.unknown:
                    words[word] = words.get(word, 0.0) + share
            best = sorted((w for w, s in words.items() if s > 0), key=lambda w: -words[w])
            spans = []
            for word in sorted(best[:MAX_KEY_WORDS]):
                chars = encoding.word_to_chars(word)
                if chars is None:  # newer tokenizers type this as optional
                    continue
                start, end = chars
                if end > start:
                    spans.append(normalized.span(start, end))
            found[category] = tuple(spans)
        return found
