"""The exemplar banks (``banks/*.yaml``): positives per chat category, hard negatives, and
everyday chat, as training rows for ``build.py`` and test data for the tier.

Every text is a non-graphic indicator phrase of the kind child-safety guidance for parents and
moderators publishes, or a benign look-alike of one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import yaml
from numpy.typing import NDArray

from safestream.signals import CHAT_CATEGORIES, Category

BANKS_DIR = Path(__file__).resolve().parent / "banks"
MIN_POSITIVES = 25
BoolMatrix = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class Banks:
    """Exemplars as training rows: ``labels[i]`` is a category, or None for the benign pool."""

    texts: tuple[str, ...]
    labels: tuple[Category | None, ...]
    overlaps: frozenset[frozenset[Category]]
    files: tuple[Path, ...]

    def matrices(self, categories: Sequence[Category]) -> tuple[BoolMatrix, BoolMatrix]:
        """``positive[i, j]``: row i is an exemplar of category j; ``ignore[i, j]``: row i is an
        exemplar of a category that overlaps j, so it is neither positive nor negative for j."""
        positive = np.zeros((len(self.texts), len(categories)), dtype=bool)
        ignore = np.zeros_like(positive)
        for i, label in enumerate(self.labels):
            if label is None:
                continue
            for j, category in enumerate(categories):
                positive[i, j] = category == label
                ignore[i, j] = frozenset((category, label)) in self.overlaps
        return positive, ignore


def load_banks(directory: Path = BANKS_DIR) -> Banks:
    """Read and check the banks: every chat category present, enough positives, no clashes."""
    texts: list[str] = []
    labels: list[Category | None] = []
    overlaps: set[frozenset[Category]] = set()
    files = tuple(sorted(directory.glob("*.yaml")))
    for path in files:
        data = yaml.safe_load(path.read_text())
        if "category" in data:
            category = Category(data["category"])
            for text in _strings(path, data["positives"]):
                texts.append(text)
                labels.append(category)
            for text in _strings(path, data["hard_negatives"]):
                texts.append(text)
                labels.append(None)
        for text in _strings(path, data.get("benign", [])):
            texts.append(text)
            labels.append(None)
        for pair in data.get("overlaps", []):
            overlaps.add(frozenset(Category(c) for c in pair))
    counts = {c: labels.count(c) for c in CHAT_CATEGORIES}
    short = sorted(c.value for c, n in counts.items() if n < MIN_POSITIVES)
    if short:
        raise ValueError(f"fewer than {MIN_POSITIVES} positives for: {', '.join(short)}")
    seen: dict[str, Category | None] = {}
    for text, label in zip(texts, labels, strict=True):
        key = text.strip().lower()
        if key in seen and seen[key] != label:
            raise ValueError(f"{text!r} is both {seen[key]} and {label}")
        seen[key] = label
    return Banks(tuple(texts), tuple(labels), frozenset(overlaps), files)


def _strings(path: Path, items: Any) -> list[str]:
    # YAML reads a bare yes or no as a boolean: insist on text so no exemplar is silently lost.
    bad = [item for item in items if not isinstance(item, str)]
    if bad:
        raise ValueError(f"{path.name}: not text (quote it): {bad}")
    return [str(item) for item in items]
