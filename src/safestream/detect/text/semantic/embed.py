"""Static sentence embeddings from the shipped artefact, with numpy and tokenizers only.

Every WordPiece token has one vector, distilled once from all-MiniLM-L6-v2 (see ``build.py``);
a message is the mean of its tokens' vectors, L2-normalised. No transformer runs here: a
message costs microseconds, nothing is downloaded, and the int8 matrix is memory-mapped so
that worker processes share one copy through the page cache.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray
from tokenizers import Encoding, Tokenizer  # type: ignore[import-untyped,unused-ignore]

from safestream.detect.text.normalize import Normalized, Normalizer

VECTORS_FILE = "vectors.npy"
SCALES_FILE = "scales.npy"
TOKENIZER_FILE = "tokenizer.json"
MAX_TOKENS = 256
"""Longer messages are cut: chat rarely runs this long and the mean is settled well before."""

FloatMatrix = NDArray[np.float32]


def quantize(vectors: NDArray[np.floating]) -> tuple[NDArray[np.int8], NDArray[np.float32]]:
    """Symmetric int8 per row: a quarter of the float32 size, cosine to the original > 0.999."""
    scales = np.abs(vectors).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    quantized = np.round(vectors / scales[:, None]).astype(np.int8)
    return quantized, scales.astype(np.float32)


class StaticEmbedder:
    """Chat text to pooled, normalised message vectors.

    Text first goes through the rule tier's normaliser (leet, shorthand, spaced letters,
    look-alike letters, emoji words), reading evasions into the words the embedding knows.
    """

    def __init__(self, directory: Path) -> None:
        # A plain array over the mapping: memmap's own indexing is several times slower.
        self._vectors: NDArray[np.int8] = np.asarray(
            np.load(directory / VECTORS_FILE, mmap_mode="r")
        )
        self._scales: FloatMatrix = np.load(directory / SCALES_FILE)
        tokenizer = Tokenizer.from_file(str(directory / TOKENIZER_FILE))
        tokenizer.no_padding()
        tokenizer.enable_truncation(MAX_TOKENS)
        self._tokenizer = tokenizer
        self.unknown: int | None = tokenizer.token_to_id("[UNK]")
        if self._vectors.shape[0] != tokenizer.get_vocab_size():
            raise ValueError(
                f"{directory}: {self._vectors.shape[0]} vectors for a vocabulary of "
                f"{tokenizer.get_vocab_size()} tokens"
            )
        self.normalize = Normalizer(self.words())

    @property
    def dim(self) -> int:
        return int(self._vectors.shape[1])

    def words(self) -> frozenset[str]:
        """Whole words of the vocabulary (not ``##`` pieces nor ``[special]`` tokens)."""
        return frozenset(t for t in self._tokenizer.get_vocab() if t.isalpha() and t.isascii())

    def encode(self, texts: Sequence[str]) -> list[Encoding]:
        """Tokens of each text, without special tokens (a static model has no use for them)."""
        encodings: list[Encoding] = self._tokenizer.encode_batch(
            list(texts), add_special_tokens=False
        )
        return encodings

    def token_vectors(self, ids: Sequence[int]) -> FloatMatrix:
        """The dequantised vectors of ``ids``, one row each."""
        rows = np.asarray(ids, dtype=np.int64)
        return self._vectors[rows].astype(np.float32) * self._scales[rows, None]

    def embed(self, texts: Sequence[str]) -> FloatMatrix:
        """One unit vector per raw chat text."""
        return self.embed_normalized([self.normalize(text) for text in texts])

    def embed_normalized(self, texts: Sequence[Normalized]) -> FloatMatrix:
        """One unit vector per normalised text; one with no known token gets the zero vector."""
        return self.embed_encodings(self.encode([n.text for n in texts]))

    def embed_encodings(self, encodings: Sequence[Encoding]) -> FloatMatrix:
        ids = [[i for i in e.ids if i != self.unknown] for e in encodings]
        lengths = np.fromiter(map(len, ids), dtype=np.int64, count=len(ids))
        out = np.zeros((len(ids), self.dim), dtype=np.float32)
        present = lengths > 0
        if not present.any():
            return out
        flat = self.token_vectors([i for row in ids for i in row])
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        # reduceat over the start of each non-empty run sums that message's token vectors.
        out[present] = np.add.reduceat(flat, starts[present], axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out
