"""Safe frame decoding: accepted formats decode upright to RGB; everything else fails clearly."""

from __future__ import annotations

import base64
import io
import re
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
import skimage.data
from numpy.typing import NDArray
from PIL import Image

from safestream.detect.vision.decode import (
    DEFAULT_MAX_BYTES,
    ImageDecodeError,
    decode_base64_image,
    decode_image,
    is_image_file,
    load_image_file,
)

EXIF_ORIENTATION = 0x0112
ROTATE_90_CW = 6  # EXIF: display the stored pixels turned a quarter clockwise


def encode(image: Image.Image | NDArray[np.generic], fmt: str, **options: object) -> bytes:
    pil = image if isinstance(image, Image.Image) else Image.fromarray(image)
    buffer = io.BytesIO()
    pil.save(buffer, fmt, **options)
    return buffer.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A PNG whose IHDR claims the given size but which carries no pixel data at all."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_accepted_formats_decode_to_rgb(fmt: str) -> None:
    original = skimage.data.astronaut()
    decoded = decode_image(encode(original, fmt))
    assert decoded.shape == original.shape
    assert decoded.dtype == np.uint8
    # lossy formats move pixels a little, never the picture
    assert np.abs(decoded.astype(int) - original.astype(int)).mean() < 8


def test_png_is_lossless() -> None:
    original = skimage.data.coffee()
    assert np.array_equal(decode_image(encode(original, "PNG")), original)


def test_rgba_png_keeps_colour_and_drops_alpha() -> None:
    rgba = np.dstack([skimage.data.chelsea(), np.full((300, 451), 128, dtype=np.uint8)])
    decoded = decode_image(encode(rgba, "PNG"))
    assert decoded.shape == (300, 451, 3)
    assert np.array_equal(decoded, rgba[:, :, :3])


def test_greyscale_png_becomes_three_equal_channels() -> None:
    grey = skimage.data.camera()
    decoded = decode_image(encode(grey, "PNG"))
    assert decoded.shape == (*grey.shape, 3)
    for channel in range(3):
        assert np.array_equal(decoded[:, :, channel], grey)


def test_palette_png_decodes_to_its_colours() -> None:
    original = skimage.data.coffee()
    palette = Image.fromarray(original).quantize(colors=64)
    decoded = decode_image(encode(palette, "PNG"))
    assert np.array_equal(decoded, np.asarray(palette.convert("RGB")))


def test_16_bit_greyscale_is_scaled_not_clipped() -> None:
    ramp = np.tile(np.linspace(0, 65535, 256).astype(np.uint16), (8, 1))
    decoded = decode_image(encode(Image.fromarray(ramp), "PNG"))
    assert decoded.shape == (8, 256, 3)
    assert np.array_equal(decoded[0, :, 0], (ramp[0] >> 8).astype(np.uint8))
    assert decoded[0, 128, 0] == 128  # clipping would have made it 255


def test_exif_orientation_is_applied() -> None:
    stored = np.zeros((20, 40, 3), dtype=np.uint8)
    stored[:, :20] = (255, 0, 0)  # left half red
    stored[:, 20:] = (0, 0, 255)  # right half blue
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = ROTATE_90_CW
    decoded = decode_image(encode(stored, "JPEG", exif=exif, quality=95))
    assert decoded.shape == (40, 20, 3)  # turned upright: taller than wide
    top, bottom = decoded[5, 10], decoded[-5, 10]
    assert top[0] > 200 > top[2]  # the stored left (red) side is now at the top
    assert bottom[2] > 200 > bottom[0]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty image data"),
        (b"this is not an image at all" * 10, "not a recognised image format"),
        (encode(skimage.data.astronaut(), "GIF"), "not a JPEG, PNG or WebP image (format GIF)"),
        (encode(skimage.data.astronaut(), "BMP"), "not a JPEG, PNG or WebP image (format BMP)"),
        (png_header_only(9000, 9000), "image is 9000×9000 = 81.0 MP, above the 40 MP limit"),
        (png_header_only(20000, 20000), "too many pixels"),
    ],
    ids=["empty", "junk", "gif", "bmp", "81-megapixels", "decompression-bomb"],
)
def test_rejected_inputs_name_the_problem(data: bytes, message: str) -> None:
    with pytest.raises(ImageDecodeError, match=re.escape(message)):
        decode_image(data)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_truncated_image_is_rejected(fmt: str) -> None:
    data = encode(skimage.data.astronaut(), fmt)
    with pytest.raises(ImageDecodeError, match="corrupt or truncated image"):
        decode_image(data[: len(data) // 2])


def test_corrupted_png_data_is_rejected() -> None:
    data = bytearray(encode(skimage.data.coffee(), "PNG"))
    data[len(data) // 2 : len(data) // 2 + 64] = bytes(64)  # breaks the zlib stream and a CRC
    with pytest.raises(ImageDecodeError, match="corrupt or truncated image"):
        decode_image(bytes(data))


def test_oversized_data_is_rejected_before_decoding() -> None:
    data = encode(skimage.data.astronaut(), "PNG")
    with pytest.raises(ImageDecodeError, match=r"above the 97\.7 kB limit"):
        decode_image(data, max_bytes=100_000)
    with pytest.raises(ImageDecodeError, match=r"above the 10\.0 MB limit"):
        decode_image(b"\xff\xd8" + bytes(DEFAULT_MAX_BYTES))


def test_pixel_limit_applies_to_real_images() -> None:
    data = encode(skimage.data.astronaut(), "PNG")
    with pytest.raises(ImageDecodeError, match=r"512×512 = 0\.3 MP, above the 0\.1 MP limit"):
        decode_image(data, max_pixels=100_000)


def test_base64_roundtrip_with_and_without_data_url() -> None:
    original = skimage.data.coffee()
    text = base64.b64encode(encode(original, "PNG")).decode()
    assert np.array_equal(decode_base64_image(text), original)
    assert np.array_equal(decode_base64_image(f"data:image/png;base64,{text}"), original)
    wrapped = "\n".join(text[i : i + 76] for i in range(0, len(text), 76))  # MIME line breaks
    assert np.array_equal(decode_base64_image(wrapped), original)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not*base64!", "invalid base64 image data"),
        ("QUJ", "invalid base64 image data"),  # bad padding
        ("", "empty image data"),
        (base64.b64encode(b"hello world").decode(), "not a recognised image format"),
    ],
)
def test_base64_errors(text: str, message: str) -> None:
    with pytest.raises(ImageDecodeError, match=message):
        decode_base64_image(text)


def test_oversized_base64_is_rejected_before_decoding() -> None:
    with pytest.raises(ImageDecodeError, match=r"4\.9 kB encoded, above what the 1\.0 kB image"):
        decode_base64_image("A" * 5000, max_bytes=1024)


def test_load_image_file(tmp_path: Path) -> None:
    path = tmp_path / "frame.png"
    path.write_bytes(encode(skimage.data.chelsea(), "PNG"))
    assert np.array_equal(load_image_file(path), skimage.data.chelsea())
    with pytest.raises(ImageDecodeError, match="cannot read image file"):
        load_image_file(tmp_path / "missing.png")


def test_is_image_file_goes_by_content(tmp_path: Path) -> None:
    image = tmp_path / "looks-like.mp4"
    image.write_bytes(encode(skimage.data.chelsea(), "JPEG"))
    other = tmp_path / "looks-like.png"
    other.write_bytes(b"\x00\x00\x00\x18ftypmp42" + bytes(100))
    bomb = tmp_path / "bomb.png"
    bomb.write_bytes(png_header_only(20000, 20000))
    assert is_image_file(image)
    assert not is_image_file(other)
    assert is_image_file(bomb)
    with pytest.raises(ImageDecodeError, match="cannot read image file"):
        is_image_file(tmp_path / "missing")
