"""Safe decoding of untrusted frame images into RGB arrays.

Frames arrive from platforms as base64 JPEG/PNG snapshots, so everything here is hostile input:
sizes are checked before any pixel is decoded (a 50 kB PNG can claim 100 000 × 100 000 pixels),
only the formats the wire contract allows are accepted, and every failure becomes one
`ImageDecodeError` whose message names the problem.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from pathlib import Path

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from safestream.detect.vision.rgb import RgbFrame

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
"""A live-stream snapshot is a compressed still well under a megabyte; 10 MB leaves room for a
full-resolution phone photo while bounding memory per event."""

DEFAULT_MAX_PIXELS = 40_000_000
"""40 MP covers 8K UHD (33 MP) and phone photos; decoded it is 120 MB of RGB, an upper bound on the
memory one frame may take."""

ACCEPTED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP"})
"""Formats the wire contract allows (JPEG/PNG) plus WebP, which browsers' canvas capture emits.
MPO is how Pillow names a JPEG carrying extra (multi-picture) frames, as many cameras write."""

_DATA_URL = re.compile(r"^data:image/[a-z0-9.+-]+;base64,", re.IGNORECASE)


class ImageDecodeError(ValueError):
    """The bytes are not an acceptable, intact image within the size limits."""


def decode_image(
    data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES, max_pixels: int = DEFAULT_MAX_PIXELS
) -> RgbFrame:
    """Decode JPEG/PNG/WebP bytes to an upright RGB array.

    EXIF orientation is applied so the array looks as a viewer shows the photo. Alpha is dropped
    rather than composited, as ThreatExchange's PDQ hasher does, so hashes agree with banks built
    by it. 16-bit samples are scaled to 8 bits instead of being clipped to white.
    """
    if not data:
        raise ImageDecodeError("empty image data (0 bytes)")
    if len(data) > max_bytes:
        raise ImageDecodeError(
            f"image data is {_size(len(data))}, above the {_size(max_bytes)} limit"
        )
    try:
        with Image.open(io.BytesIO(data)) as image:
            _check_header(image, max_pixels)
            image.load()
            upright = ImageOps.exif_transpose(image)
            return _to_rgb(upright)
    except ImageDecodeError:
        raise
    except UnidentifiedImageError as exc:
        raise ImageDecodeError("not a recognised image format") from exc
    except Image.DecompressionBombError as exc:
        raise ImageDecodeError(f"image has too many pixels: {exc}") from exc
    except (OSError, ValueError, SyntaxError, EOFError, MemoryError) as exc:
        raise ImageDecodeError(f"corrupt or truncated image: {exc}") from exc


def decode_base64_image(
    text: str, *, max_bytes: int = DEFAULT_MAX_BYTES, max_pixels: int = DEFAULT_MAX_PIXELS
) -> RgbFrame:
    """Decode a base64 image (as in a `frame` event's `image`), optionally a `data:` URL."""
    data = base64_image_bytes(text, max_bytes=max_bytes)
    return decode_image(data, max_bytes=max_bytes, max_pixels=max_pixels)


def base64_image_bytes(text: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The image bytes of base64 text or a `data:` URL, not yet decoded as an image.

    The encoded length is checked before decoding so an oversized payload costs no allocation.
    """
    payload = "".join(_DATA_URL.sub("", text.strip(), count=1).split())
    if len(payload) > 4 * ((max_bytes + 2) // 3):
        raise ImageDecodeError(
            f"base64 image is {_size(len(payload))} encoded, above what the "
            f"{_size(max_bytes)} image limit allows"
        )
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ImageDecodeError(f"invalid base64 image data: {exc}") from exc


def load_image_file(
    path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, max_pixels: int = DEFAULT_MAX_PIXELS
) -> RgbFrame:
    """Read and decode an image file, refusing oversized files before reading them."""
    data = read_image_file(path, max_bytes=max_bytes)
    return decode_image(data, max_bytes=max_bytes, max_pixels=max_pixels)


def read_image_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """A file's bytes, reading at most one byte past the limit so decoding can refuse it."""
    try:
        with open(path, "rb") as handle:
            return handle.read(max_bytes + 1)
    except OSError as exc:
        raise ImageDecodeError(f"cannot read image file {path}: {exc.strerror or exc}") from exc


def is_image_file(path: str | Path) -> bool:
    """Whether Pillow recognises the file as an image of any format, from its header alone.

    Lets a caller route a file to the image or the video decoder by content, not by extension.
    """
    try:
        with Image.open(path):
            return True
    except UnidentifiedImageError:
        return False
    except Image.DecompressionBombError:
        return True  # recognised, merely too large: `load_image_file` will say so
    except OSError as exc:
        raise ImageDecodeError(f"cannot read image file {path}: {exc.strerror or exc}") from exc


def _check_header(image: Image.Image, max_pixels: int) -> None:
    """Reject by format and claimed size, which `Image.open` reads without decoding pixels."""
    if image.format not in ACCEPTED_FORMATS:
        raise ImageDecodeError(f"not a JPEG, PNG or WebP image (format {image.format})")
    width, height = image.size
    if width * height > max_pixels:
        raise ImageDecodeError(
            f"image is {width}×{height} = {width * height / 1e6:.1f} MP, "
            f"above the {max_pixels / 1e6:g} MP limit"
        )


def _to_rgb(image: Image.Image) -> RgbFrame:
    if image.mode.startswith("I"):  # 16-bit greyscale PNG ("I;16", or "I" holding 0..65535)
        grey = (np.clip(np.asarray(image), 0, 65535).astype(np.uint32) >> 8).astype(np.uint8)
        return np.ascontiguousarray(np.repeat(grey[:, :, np.newaxis], 3, axis=2))
    return np.asarray(image.convert("RGB"), dtype=np.uint8)


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} kB"
    return f"{size / (1024 * 1024):.1f} MB"
