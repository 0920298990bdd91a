"""PDQ perceptual hashes of images (Meta's PDQ, computed by the `pdqhash` package).

PDQ turns an image into 256 bits that change little under re-encoding, resizing and small edits,
so a frame can be matched against banks of known-abuse hashes without ever holding the images.
Two hashes match when their Hamming distance is at most `PDQ_MATCH_THRESHOLD`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pdqhash  # type: ignore[import-untyped]
from numpy.typing import NDArray
from threatexchange.signal_type.pdq.pdq_utils import BITS_IN_PDQ, PDQ_CONFIDENT_MATCH_THRESHOLD

from safestream.detect.vision.rgb import RgbFrame, require_rgb

PDQ_MATCH_THRESHOLD = PDQ_CONFIDENT_MATCH_THRESHOLD
"""Distance (inclusive) at or below which two PDQ hashes are the same picture: 31 of 256 bits,
the threshold Meta and ThreatExchange use for confident matches."""

PDQ_QUALITY_FLOOR = 50
"""PDQ's own quality score (0-100) measures how much gradient the image has. Below 50 an image is
too featureless (flat colour, near-black frame, heavy blur) for its hash to be distinctive: such
hashes collide with unrelated images, so they must not be matched (ThreatExchange drops them)."""

DIHEDRAL_VARIANTS = (
    "original",
    "rotate90",
    "rotate180",
    "rotate270",
    "flip_x",
    "flip_y",
    "flip_plus1",
    "flip_minus1",
)
"""The order of `pdq_dihedral`'s hashes, in PDQ's names: rotations are anticlockwise; "flip_x"
turns the image upside down and "flip_y" mirrors it left-right (about the y axis); "flip_plus1"
transposes it and "flip_minus1" mirrors it about the other diagonal."""

_HEX = re.compile(rf"[0-9a-f]{{{BITS_IN_PDQ // 4}}}")
_BYTES = BITS_IN_PDQ // 8


class PdqHashError(ValueError):
    """A PDQ hash (hex, bytes or quality) is malformed."""


@dataclass(frozen=True)
class PdqHash:
    """A PDQ hash: 64 lowercase hex digits, and the image's quality score (0-100)."""

    hex: str
    quality: int

    def __post_init__(self) -> None:
        if not _HEX.fullmatch(self.hex):
            raise PdqHashError(
                f"PDQ hash must be {BITS_IN_PDQ // 4} lowercase hex digits, got {self.hex!r}"
            )
        if not 0 <= self.quality <= 100:
            raise PdqHashError(f"PDQ quality must be in 0..100, got {self.quality}")

    @classmethod
    def from_hex(cls, text: str, quality: int) -> PdqHash:
        """Parse a hash from outside (a bank, a platform), tolerating case and surrounding space."""
        return cls(text.strip().lower(), quality)

    @property
    def bits(self) -> bytes:
        """The 256 bits as 32 bytes, most significant bit first (the order of the hex)."""
        return bytes.fromhex(self.hex)


def pdq_hash(rgb: RgbFrame) -> PdqHash:
    """Hash an H×W×3 uint8 RGB image (`InvalidFrameError` for any other array)."""
    bits, quality = pdqhash.compute(require_rgb(rgb))
    return _from_bits(bits, quality)


def pdq_dihedral(rgb: RgbFrame) -> tuple[PdqHash, ...]:
    """Hash the image and its 7 rotations and mirror images, in `DIHEDRAL_VARIANTS` order.

    One call costs little more than one hash (the transforms act on PDQ's 16×16 DCT), and
    matching any of the 8 against a bank catches rotated or mirrored copies of banked images.
    """
    variants, quality = pdqhash.compute_dihedral(require_rgb(rgb))
    return tuple(_from_bits(bits, quality) for bits in variants)


def hamming(a: PdqHash | str | bytes, b: PdqHash | str | bytes) -> int:
    """Number of differing bits between two PDQ hashes, given as `PdqHash`, hex or 32 bytes."""
    return (int.from_bytes(_as_bits(a)) ^ int.from_bytes(_as_bits(b))).bit_count()


def _as_bits(value: PdqHash | str | bytes) -> bytes:
    if isinstance(value, PdqHash):
        return value.bits
    if isinstance(value, str):
        return PdqHash.from_hex(value, quality=100).bits
    if len(value) != _BYTES:
        raise PdqHashError(f"PDQ hash must be {_BYTES} bytes, got {len(value)}")
    return value


def _from_bits(bits: NDArray[np.integer], quality: int) -> PdqHash:
    return PdqHash(np.packbits(bits.astype(np.uint8)).tobytes().hex(), int(quality))
