"""vPDQ video hashes: PDQ hashes of frames sampled through a video (Meta's vPDQ, `vpdq` package).

A video matches another when enough of its distinct, featureful frames have a close frame in the
other: the comparison gives the share of each side's frames matched, so a short clip cut from a
long banked video scores high on the clip's side and low on the bank's.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import vpdq  # type: ignore[import-not-found]
from numpy.typing import NDArray
from threatexchange.extensions.vpdq.vpdq_util import (
    VpdqCompactFeature,
    dedupe,
    json_to_vpdq,
    quality_filter,
    vpdq_to_json,
)

from safestream.detect.hashing.pdq import PDQ_MATCH_THRESHOLD, PDQ_QUALITY_FLOOR, PdqHash

_ROWS_PER_BLOCK = 256  # bounds the distance matrix held at once to 256 × frames × 32 bytes


class VideoHashError(ValueError):
    """A video could not be hashed, or a vPDQ hash string is malformed."""


@dataclass(frozen=True)
class FrameHash:
    """The PDQ hash of one sampled frame and its time in the video, in seconds."""

    pdq: PdqHash
    timestamp: float


@dataclass(frozen=True)
class VideoHash:
    """A video's vPDQ hash: its sampled frames in time order."""

    frames: tuple[FrameHash, ...]

    @property
    def mean_quality(self) -> int:
        """Average frame quality: how much of the video is featureful enough to match on."""
        return (
            round(sum(f.pdq.quality for f in self.frames) / len(self.frames)) if self.frames else 0
        )

    def to_signal_str(self) -> str:
        """ThreatExchange's VPDQ signal string (a JSON list of "hex,quality,timestamp").

        The format keeps 3 significant digits of each timestamp (frame 123.4 s reads back as
        123 s); matching ignores timestamps, so only evidence display is affected.
        """
        return vpdq_to_json(_compact(self.frames))

    @classmethod
    def from_signal_str(cls, text: str) -> VideoHash:
        """Parse ThreatExchange's VPDQ signal string, as hash banks exchange it."""
        try:
            frames = tuple(
                FrameHash(PdqHash.from_hex(f.pdq_hex, f.quality), f.timestamp)
                for f in json_to_vpdq(text)
            )
        except (ValueError, TypeError, AttributeError) as exc:
            raise VideoHashError(f"malformed vPDQ signal string: {exc}") from exc
        if not frames:
            raise VideoHashError("malformed vPDQ signal string: it holds no frames")
        return cls(frames)


def vpdq_hash_file(path: str | Path, *, seconds_per_hash: float = 1.0) -> VideoHash:
    """Hash one frame per `seconds_per_hash` of a video file (any container FFmpeg reads).

    1 s is vPDQ's default: consecutive frames within a second are near-duplicates anyway.
    """
    if not Path(path).is_file():
        raise VideoHashError(f"video file not found: {path}")
    try:
        features = vpdq.computeHash(str(path), seconds_per_hash=seconds_per_hash)
    except Exception as exc:  # vpdq raises bare Exception for anything FFmpeg cannot decode
        raise VideoHashError(f"cannot decode video {path} (corrupt or not a video): {exc}") from exc
    if not features:
        raise VideoHashError(f"no frames could be decoded from video {path}")
    return VideoHash(tuple(FrameHash(PdqHash(f.hex, f.quality), f.timestamp) for f in features))


def match_videos(
    query: VideoHash,
    compared: VideoHash,
    *,
    distance: int = PDQ_MATCH_THRESHOLD,
    quality: int = PDQ_QUALITY_FLOOR,
) -> tuple[float, float]:
    """vPDQ matching: (% of query frames with a match in compared, % of compared with one in query).

    As in vPDQ's reference matcher, frames below `quality` are ignored and repeated hashes count
    once; a frame matches when some frame on the other side is within `distance` bits. The
    distances are computed with numpy rather than ThreatExchange's brute matcher, whose per-pair
    string arithmetic takes ~15 s for two 5-minute videos. Either side having no usable frames
    gives (0.0, 0.0): nothing can be said to match.
    """
    left = _usable_bits(query, quality)
    right = _usable_bits(compared, quality)
    if not len(left) or not len(right):
        return 0.0, 0.0
    left_matched = np.zeros(len(left), dtype=bool)
    right_matched = np.zeros(len(right), dtype=bool)
    for start in range(0, len(left), _ROWS_PER_BLOCK):
        block = left[start : start + _ROWS_PER_BLOCK]
        close = np.bitwise_count(block[:, None, :] ^ right[None, :, :]).sum(axis=2) <= distance
        left_matched[start : start + len(block)] = close.any(axis=1)
        right_matched |= close.any(axis=0)
    return 100.0 * float(left_matched.mean()), 100.0 * float(right_matched.mean())


def _compact(frames: Sequence[FrameHash]) -> list[VpdqCompactFeature]:
    return [VpdqCompactFeature(f.pdq.hex, f.pdq.quality, f.timestamp) for f in frames]


def _usable_bits(video: VideoHash, quality: int) -> NDArray[np.uint64]:
    """Distinct frame hashes of at least `quality`, as rows of four 64-bit words."""
    usable = dedupe(quality_filter(_compact(video.frames), quality))
    raw = b"".join(bytes.fromhex(f.pdq_hex) for f in usable)
    return np.frombuffer(raw, dtype=np.uint64).reshape(-1, 4)
