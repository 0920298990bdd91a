"""PDQ hashing: agrees with Meta's reference hashes and survives the edits a re-upload makes."""

from __future__ import annotations

import csv
import io
import os
import random
from collections.abc import Callable
from functools import cache
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest
import skimage.data
from numpy.typing import NDArray
from PIL import Image, ImageEnhance
from threatexchange.signal_type.pdq.pdq_hasher import pdq_from_file
from threatexchange.signal_type.pdq.pdq_utils import simple_distance
from threatexchange.signal_type.pdq.signal import PdqSignal

from safestream.detect.hashing.pdq import (
    DIHEDRAL_VARIANTS,
    PDQ_MATCH_THRESHOLD,
    PDQ_QUALITY_FLOOR,
    PdqHash,
    PdqHashError,
    hamming,
    pdq_dihedral,
    pdq_hash,
)
from safestream.detect.vision.decode import load_image_file
from safestream.detect.vision.rgb import InvalidFrameError

Rgb = NDArray[np.uint8]

REFERENCE_TOLERANCE = 16  # Meta's own test: decoders differ, so up to 16 bits from the reference
CONFORMANCE = Path(os.environ.get("SAFESTREAM_CONFORMANCE_DIR", "/work/shared/conformance")) / "pdq"
# Camera-like photos: frames are photos, and PDQ is tuned for them.
PHOTOS = ["astronaut", "coffee", "chelsea", "rocket", "immunohistochemistry", "hubble_deep_field"]
# The dih/ files are named after the variant of the original they are.
DIH_FILES = {
    "original": "bridge-1-original.jpg",
    "rotate90": "bridge-2-rotate-90.jpg",
    "rotate180": "bridge-3-rotate-180.jpg",
    "rotate270": "bridge-4-rotate-270.jpg",
    "flip_x": "bridge-5-flipx.jpg",
    "flip_y": "bridge-6-flipy.jpg",
    "flip_plus1": "bridge-7-flip-plus-1.jpg",
    "flip_minus1": "bridge-8-flip-minus-1.jpg",
}


def conformance_rows() -> list[tuple[str, str]]:
    expected = CONFORMANCE / "expected.csv"
    if not expected.is_file():
        return []
    with expected.open(newline="") as handle:
        return [(row["file"], row["pdq_hex"]) for row in csv.DictReader(handle)]


needs_conformance = pytest.mark.skipif(
    not conformance_rows(),
    reason=f"PDQ conformance data not found at {CONFORMANCE} (set SAFESTREAM_CONFORMANCE_DIR)",
)


@cache
def photo(name: str) -> Rgb:
    image: Rgb = getattr(skimage.data, name)()
    image.flags.writeable = False  # shared between tests
    return image


def via_pil(rgb: Rgb, edit: Callable[[Image.Image], Image.Image]) -> Rgb:
    return np.asarray(edit(Image.fromarray(rgb)).convert("RGB"))


def jpeg_quality_50(rgb: Rgb) -> Rgb:
    buffer = io.BytesIO()
    Image.fromarray(rgb).save(buffer, "JPEG", quality=50)
    return np.asarray(Image.open(buffer).convert("RGB"))


def scaled(factor: float) -> Callable[[Rgb], Rgb]:
    def edit(rgb: Rgb) -> Rgb:
        size = (round(rgb.shape[1] * factor), round(rgb.shape[0] * factor))
        return via_pil(rgb, lambda im: im.resize(size, Image.Resampling.BILINEAR))

    return edit


def centre_crop(fraction: float) -> Callable[[Rgb], Rgb]:
    """Remove `fraction` of the width and of the height, half from each side."""

    def edit(rgb: Rgb) -> Rgb:
        dy, dx = round(rgb.shape[0] * fraction / 2), round(rgb.shape[1] * fraction / 2)
        return rgb[dy : rgb.shape[0] - dy, dx : rgb.shape[1] - dx]

    return edit


EDITS: dict[str, Callable[[Rgb], Rgb]] = {
    "jpeg-q50": jpeg_quality_50,
    "half-size": scaled(0.5),
    "double-size": scaled(2.0),
    "brightness+20%": lambda rgb: via_pil(rgb, lambda im: ImageEnhance.Brightness(im).enhance(1.2)),
    "greyscale": lambda rgb: via_pil(rgb, lambda im: im.convert("L")),
    "crop-2%": centre_crop(0.02),
}


@needs_conformance
@pytest.mark.parametrize(("name", "reference"), conformance_rows())
def test_matches_meta_reference_hashes(name: str, reference: str) -> None:
    computed = pdq_hash(load_image_file(CONFORMANCE / name))
    assert hamming(computed, reference) <= REFERENCE_TOLERANCE


@needs_conformance
@pytest.mark.parametrize(("name", "reference"), conformance_rows())
def test_agrees_bit_for_bit_with_threatexchange_hasher(name: str, reference: str) -> None:
    """Banks built with ThreatExchange's hasher must see exactly the hash we compute."""
    their_hex, their_quality = pdq_from_file(CONFORMANCE / name)
    ours = pdq_hash(load_image_file(CONFORMANCE / name))
    assert (ours.hex, ours.quality) == (their_hex, their_quality)


@pytest.fixture(scope="module")
def bridge_variants() -> dict[str, PdqHash]:
    original = load_image_file(CONFORMANCE / "reg-test-input" / "dih" / DIH_FILES["original"])
    return dict(zip(DIHEDRAL_VARIANTS, pdq_dihedral(original), strict=True))


@needs_conformance
@pytest.mark.parametrize("variant", DIHEDRAL_VARIANTS)
def test_dihedral_hashes_match_rotated_and_flipped_copies(
    variant: str, bridge_variants: dict[str, PdqHash]
) -> None:
    copy = pdq_hash(load_image_file(CONFORMANCE / "reg-test-input" / "dih" / DIH_FILES[variant]))
    assert hamming(copy, bridge_variants[variant]) <= PDQ_MATCH_THRESHOLD
    assert hamming(copy, bridge_variants["original"]) > PDQ_MATCH_THRESHOLD or variant == "original"


def test_dihedral_first_hash_is_the_plain_hash() -> None:
    image = photo("coffee")
    assert pdq_dihedral(image)[0] == pdq_hash(image)
    assert len(pdq_dihedral(image)) == len(DIHEDRAL_VARIANTS)


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
@pytest.mark.parametrize("name", PHOTOS)
def test_survives_common_edits(name: str, edit: str) -> None:
    original = photo(name)
    edited = np.ascontiguousarray(EDITS[edit](original))
    assert hamming(pdq_hash(original), pdq_hash(edited)) <= PDQ_MATCH_THRESHOLD


@pytest.mark.parametrize("name", PHOTOS)
def test_mirrored_copy_matches_only_through_dihedral_hashes(name: str) -> None:
    original = photo(name)
    mirrored = pdq_hash(np.ascontiguousarray(original[:, ::-1]))
    assert hamming(mirrored, pdq_hash(original)) > PDQ_MATCH_THRESHOLD
    assert min(hamming(mirrored, h) for h in pdq_dihedral(original)) <= PDQ_MATCH_THRESHOLD


def test_unrelated_photos_do_not_match() -> None:
    hashes = {name: pdq_hash(photo(name)) for name in [*PHOTOS, "retina", "colorwheel"]}
    for a, b in combinations(hashes, 2):
        assert hamming(hashes[a], hashes[b]) > PDQ_MATCH_THRESHOLD, (a, b)


@pytest.mark.parametrize(
    "image",
    [
        np.full((240, 320, 3), 128, dtype=np.uint8),
        np.zeros((480, 640, 3), dtype=np.uint8),
        np.full((4, 4, 3), 200, dtype=np.uint8),
    ],
    ids=["flat-grey", "black-frame", "tiny"],
)
def test_featureless_images_fall_below_the_quality_floor(image: Rgb) -> None:
    assert pdq_hash(image).quality < PDQ_QUALITY_FLOOR


def test_photos_are_above_the_quality_floor() -> None:
    assert all(pdq_hash(photo(name)).quality >= PDQ_QUALITY_FLOOR for name in PHOTOS)


def test_constants_agree_with_threatexchange() -> None:
    assert PDQ_QUALITY_FLOOR == PdqSignal.QUALITY_THRESHOLD
    assert PDQ_MATCH_THRESHOLD == 31


@pytest.mark.parametrize(
    "bad",
    [np.zeros((8, 8), dtype=np.uint8), np.zeros((8, 8, 3)), np.zeros((0, 8, 3), dtype=np.uint8)],
    ids=["2-d", "float", "empty"],
)
def test_rejects_arrays_that_are_not_rgb_frames(bad: NDArray[np.generic]) -> None:
    with pytest.raises(InvalidFrameError):
        pdq_hash(bad)  # type: ignore[arg-type]


def test_hash_value_parsing_and_bits() -> None:
    digest = pdq_hash(photo("chelsea"))
    assert PdqHash.from_hex(f"  {digest.hex.upper()}\n", quality=digest.quality) == digest
    assert len(digest.bits) == 32
    assert digest.bits.hex() == digest.hex


@pytest.mark.parametrize(
    ("hex_", "quality", "message"),
    [
        ("ab" * 31, 100, "64 lowercase hex digits"),
        ("zz" * 32, 100, "64 lowercase hex digits"),
        ("ab" * 32, 101, "quality must be in 0..100"),
        ("ab" * 32, -1, "quality must be in 0..100"),
    ],
)
def test_malformed_hashes_are_rejected(hex_: str, quality: int, message: str) -> None:
    with pytest.raises(PdqHashError, match=message):
        PdqHash.from_hex(hex_, quality=quality)


def test_hamming_accepts_every_form_and_agrees_with_threatexchange() -> None:
    rng = random.Random(7)
    for _ in range(50):
        a, b = (f"{rng.getrandbits(256):064x}" for _ in range(2))
        expected = simple_distance(a, b)
        assert hamming(a, b) == expected
        assert hamming(bytes.fromhex(a), PdqHash(b, 100)) == expected
    zeros, ones = "0" * 64, "f" * 64
    assert (hamming(zeros, zeros), hamming(zeros, ones)) == (0, 256)
    with pytest.raises(PdqHashError, match="must be 32 bytes, got 31"):
        hamming(bytes(31), zeros)
    with pytest.raises(PdqHashError, match="64 lowercase hex digits"):
        hamming("abc", zeros)
