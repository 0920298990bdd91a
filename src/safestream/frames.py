"""What SafeStream keeps of a frame, and for how long.

A frame arrives with its picture. Ingest decodes it (a corrupt, oversized or unreadable picture
is rejected with the reason while the rest of the batch goes in), hashes it with PDQ and stores
the event with the hash in place of the picture. The picture itself goes, encrypted, into a
short buffer so that processing can run the visual detectors on it and an evidence bundle made
meanwhile can include it; processing drops buffered pictures after :data:`FRAME_RETENTION`.
Nothing else of the picture is kept unless a policy preserves it as evidence.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from safestream.detect.hashing.pdq import pdq_hash
from safestream.detect.vision.decode import (
    DEFAULT_MAX_BYTES,
    DEFAULT_MAX_PIXELS,
    ImageDecodeError,
    base64_image_bytes,
    decode_image,
    read_image_file,
)
from safestream.detect.vision.rgb import RgbFrame
from safestream.events import Frame
from safestream.store.models import FrameBufferRow

if TYPE_CHECKING:  # the vault's module bundles buffered frames, so it imports this one
    from safestream.review.evidence import EvidenceVault

log = logging.getLogger(__name__)

FRAME_RETENTION = timedelta(minutes=2)
"""How long a picture stays (encrypted) after it arrived: long enough for processing and for an
alert soon after to preserve what led up to it, short enough that no archive builds up."""


class FrameIntakeError(ValueError):
    """The frame's picture cannot be taken in; the message says why."""


@dataclass(frozen=True, slots=True)
class TakenFrame:
    """A frame as it is stored (hash, no picture) and the picture's bytes, if one came."""

    event: Frame
    image: bytes | None


class FrameIntake:
    """Decodes, hashes and strips frame pictures at ingest.

    ``allow_paths`` lets ``image_url`` name a local file: only for embedded use on one's own
    files (``safestream scan``), never for the HTTP API, where it would read the server's disk.
    """

    def __init__(
        self,
        *,
        allow_paths: bool = False,
        max_bytes: int = DEFAULT_MAX_BYTES,
        max_pixels: int = DEFAULT_MAX_PIXELS,
    ) -> None:
        self.allow_paths = allow_paths
        self.max_bytes = max_bytes
        self.max_pixels = max_pixels

    def take(self, frame: Frame) -> TakenFrame:
        if frame.image is None and frame.image_url is None:
            return TakenFrame(frame, None)  # hashed on the device: nothing to strip
        try:
            data = self._bytes(frame)
            rgb = decode_image(data, max_bytes=self.max_bytes, max_pixels=self.max_pixels)
        except ImageDecodeError as exc:
            field = "image" if frame.image is not None else "image_url"
            raise FrameIntakeError(f"{field}: {exc}") from None
        found = pdq_hash(rgb)
        stored = frame.model_copy(
            update={
                "image": None,
                "image_url": None,
                "pdq": found.hex,
                "pdq_quality": found.quality,
            }
        )
        return TakenFrame(stored, data)

    def _bytes(self, frame: Frame) -> bytes:
        if frame.image is not None:
            return base64_image_bytes(frame.image, max_bytes=self.max_bytes)
        if not self.allow_paths:
            raise FrameIntakeError(
                "image_url: file paths are read only in embedded mode (safestream scan); "
                "send the picture as base64 in image"
            )
        return read_image_file(str(frame.image_url), max_bytes=self.max_bytes)


def buffer_rows(
    frames: Mapping[str, bytes], vault: EvidenceVault, now: datetime
) -> list[dict[str, object]]:
    """Rows for the frame buffer, pictures encrypted with the evidence key."""
    return [
        {"event_id": event_id, "sealed": vault.seal_bytes(data), "received_at": now}
        for event_id, data in frames.items()
    ]


def load_buffered(
    session: Session, vault: EvidenceVault, event_ids: Iterable[str]
) -> dict[str, bytes]:
    """The buffered pictures of these events that are still there."""
    wanted = list(event_ids)
    if not wanted:
        return {}
    rows = session.execute(
        select(FrameBufferRow.event_id, FrameBufferRow.sealed).where(
            FrameBufferRow.event_id.in_(wanted)
        )
    )
    return {event_id: vault.unseal_bytes(sealed) for event_id, sealed in rows}


def decode_buffered(pictures: Mapping[str, bytes]) -> dict[str, RgbFrame]:
    """Pixels of buffered pictures. They decoded once at ingest; one that no longer does (a
    limit lowered since) is logged and left to hash matching on its stored PDQ."""
    out: dict[str, RgbFrame] = {}
    for event_id, data in pictures.items():
        try:
            out[event_id] = decode_image(data)
        except ImageDecodeError as exc:
            log.warning("buffered frame %s no longer decodes: %s", event_id, exc)
    return out


def drop_expired(session: Session, now: datetime, retention: timedelta = FRAME_RETENTION) -> None:
    """Forget pictures older than the retention window (preserved evidence has its own copy)."""
    session.execute(delete(FrameBufferRow).where(FrameBufferRow.received_at < now - retention))
