"""Matching PDQ hashes against every enabled hash bank at once.

All entries of all enabled banks sit in one in-memory index. A query is searched at the loosest
bank threshold, then each hit is kept only if it is within its own bank's threshold. A hit in a
negative bank (a known false positive) silences every positive hit for that query: the platform
has already reviewed that picture and found it harmless.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from sqlalchemy.orm import Session

from safestream.detect.hashing.banks import BankKind, EnabledEntries, enabled_entries
from safestream.detect.hashing.index import HashIndex
from safestream.detect.hashing.pdq import PDQ_QUALITY_FLOOR, PdqHash, pdq_dihedral
from safestream.detect.hashing.video import VideoHash
from safestream.signals import Category, Evidence, Signal

DETECTOR = "hash-bank"
VERSION = "1"
MATCH_FLOOR = 0.9
"""Score of a match right at its bank's threshold."""


@dataclass(frozen=True, slots=True)
class BankMatch:
    bank: str
    kind: BankKind
    distance: int
    threshold: int
    """The bank's threshold when matched: how close ``distance`` came to it."""
    content_id: str | None
    hash: str
    """The bank entry's hash (not the query's)."""

    def to_dict(self) -> dict[str, object]:
        return {"bank": self.bank, "distance": self.distance, "content_id": self.content_id}


@dataclass(frozen=True, slots=True)
class MatchResult:
    """What the banks say about one picture, closest first.

    ``matches`` are positive-bank hits that stand; ``suppressed_by`` the negative-bank hits that
    silenced them (``matches`` is then empty). A query below PDQ's quality floor is not
    matched at all (``low_quality``): featureless pictures collide with unrelated ones.
    """

    query: PdqHash
    matches: tuple[BankMatch, ...] = ()
    suppressed_by: tuple[BankMatch, ...] = ()

    @property
    def low_quality(self) -> bool:
        return self.query.quality < PDQ_QUALITY_FLOOR


class BankMatcher:
    """An index over the entries of the given banks (normally the enabled ones)."""

    def __init__(self, entries: EnabledEntries) -> None:
        self._banks = entries.banks
        self._bank_of = entries.bank_of
        self._content_ids = entries.content_ids
        self._index = HashIndex(entries.hashes)  # keeps its own copy: the load's is let go
        self._limit = max((b.threshold for b in self._banks), default=0)

    @classmethod
    def load(cls, session: Session) -> BankMatcher:
        """Index the enabled banks in the store as they are now."""
        return cls(enabled_entries(session))

    def __len__(self) -> int:
        return len(self._index)

    def match(self, variants: Sequence[PdqHash]) -> MatchResult:
        """Match a hash, given with its rotations and mirror images if known (the first is the
        picture as seen); each entry's distance is the least over the variants."""
        query = variants[0]
        if query.quality < PDQ_QUALITY_FLOOR or not len(self):
            return MatchResult(query)
        queries = np.frombuffer(b"".join(v.bits for v in variants), dtype=np.uint8)
        best: dict[int, int] = {}
        for hits in self._index.search_many(queries.reshape(len(variants), -1), self._limit):
            for row, distance in hits:
                best[row] = min(distance, best.get(row, distance))
        found: list[BankMatch] = []
        for row, distance in best.items():
            bank = self._banks[int(self._bank_of[row])]
            if distance <= bank.threshold:
                found.append(
                    BankMatch(
                        bank.name,
                        bank.kind,
                        distance,
                        bank.threshold,
                        self._content_ids[row],
                        self._index.hash_at(row).hex(),
                    )
                )
        found.sort(key=lambda m: (m.distance, m.bank, m.content_id or "", m.hash))
        negative = tuple(m for m in found if m.kind is BankKind.NEGATIVE)
        if negative:
            return MatchResult(query, (), negative)
        return MatchResult(query, tuple(found))

    def match_image(self, rgb: NDArray[np.uint8]) -> MatchResult:
        """Match a decoded RGB picture, catching rotated and mirrored copies of banked ones."""
        return self.match(pdq_dihedral(rgb))


@dataclass(frozen=True, slots=True)
class VideoMatch:
    """A bank entry found in a video: its closest sampled frame and when that frame comes."""

    match: BankMatch
    at_seconds: float

    def to_dict(self) -> dict[str, object]:
        return {**self.match.to_dict(), "at_seconds": round(self.at_seconds, 1)}


def match_video(matcher: BankMatcher, video: VideoHash) -> list[VideoMatch]:
    """Every sampled frame of a video against the banks, closest frame per entry.

    A frame banked from a live stream is found again in a recording of it uploaded later:
    vPDQ samples the recording a frame a second and each sample is a PDQ hash like the bank's.
    """
    best: dict[tuple[str, str], VideoMatch] = {}
    for frame in video.frames:
        for m in matcher.match([frame.pdq]).matches:
            key = (m.bank, m.hash)
            if key not in best or m.distance < best[key].match.distance:
                best[key] = VideoMatch(m, frame.timestamp)
    return sorted(best.values(), key=lambda v: (v.match.distance, v.at_seconds, v.match.bank))


def match_signals(result: MatchResult, event_id: str, frame_id: str | None = None) -> list[Signal]:
    """One ``known_abuse_hash`` signal per matching bank, from its closest entry.

    Within its threshold the bank owner calls it the same picture, so any match is strong
    evidence (a critical risk on its own): the score is 1 at distance 0 and falls linearly to
    :data:`MATCH_FLOOR` at the bank's threshold, so a closer hash still ranks first.
    """
    signals: list[Signal] = []
    seen: set[str] = set()
    for m in result.matches:
        if m.bank in seen:
            continue
        seen.add(m.bank)
        note = f"bank={m.bank} content_id={m.content_id or '-'}"
        signals.append(
            Signal(
                detector=DETECTOR,
                version=VERSION,
                category=Category.KNOWN_ABUSE_HASH,
                score=1.0 - (1.0 - MATCH_FLOOR) * m.distance / (m.threshold + 1),
                evidence=Evidence(
                    event_ids=(event_id,),
                    frame_ids=(frame_id,) if frame_id else (),
                    hash_distance=m.distance,
                    note=note,
                ),
            )
        )
    return signals
