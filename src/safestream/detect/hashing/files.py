"""Hash media files for `safestream hash`: PDQ for images, vPDQ for videos, told apart by content.

The extension is not trusted: a file is an image when Pillow recognises its bytes, and is
otherwise handed to FFmpeg (through vPDQ) as a video.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from safestream.detect.hashing.pdq import pdq_hash
from safestream.detect.hashing.video import VideoHashError, vpdq_hash_file
from safestream.detect.vision.decode import ImageDecodeError, is_image_file, load_image_file

SignalType = Literal["pdq", "vpdq"]


class HashFileError(ValueError):
    """A file could not be hashed; the message names the file and the reason."""


@dataclass(frozen=True)
class FileHash:
    """One hash of one file: a PDQ hex digest, or a vPDQ signal string (ThreatExchange format)."""

    file: str
    signal_type: SignalType
    hash: str
    quality: int
    """PDQ quality 0-100; for a video, the mean over its sampled frames."""


def hash_file(path: str | Path) -> list[FileHash]:
    """Hash one file with every signal type that applies to it (today exactly one)."""
    name = str(path)
    if not Path(path).is_file():
        raise HashFileError(f"{name}: no such file (or not a regular file)")
    try:
        if is_image_file(path):
            pdq = pdq_hash(load_image_file(path))
            return [FileHash(name, "pdq", pdq.hex, pdq.quality)]
    except ImageDecodeError as exc:
        raise HashFileError(f"{name}: {exc}") from exc
    try:
        video = vpdq_hash_file(path)
    except VideoHashError as exc:
        raise HashFileError(f"{name}: neither an image nor a readable video ({exc})") from exc
    return [FileHash(name, "vpdq", video.to_signal_str(), video.mean_quality)]
