"""The vision detector: nudity and minor-likelihood on a frame's pixels.

It runs on frames whose picture is still in the frame buffer (``DetectionContext.frame``);
a frame hashed on the device brings no pixels and only meets the hash banks. Scores follow
the decision point of 0.5: open_nsfw's own P(nsfw), and :func:`minor_likelihood`, which lets
the platform's age check and the declared age outweigh a face estimate. ``minor_likely`` is
for triage, never the sole basis for punishing anyone.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from safestream.detect.base import AccountFacts, DetectionContext
from safestream.detect.vision.age import FaceAgeModel
from safestream.detect.vision.minor import minor_likelihood
from safestream.detect.vision.nudity import NudityModel
from safestream.events import Event, Frame
from safestream.signals import Category, Evidence, Signal

REPORT_FLOOR = 0.3
"""Weaker scores say nothing a moderator could use and are not reported."""


class VisionDetector:
    """open_nsfw nudity and dlib face ages, both from models shipped in their wheels."""

    name = "vision"
    event_types = frozenset({"frame"})

    def __init__(
        self, nudity: NudityModel | None = None, faces: FaceAgeModel | None = None
    ) -> None:
        # dlib's face detector runs on one core; the nudity pass runs beside it on one more
        # (measured on 2 cores: 19 frames/s against 16 with ONNX Runtime taking both).
        self.nudity = nudity or NudityModel(threads=1)
        self.faces = faces or FaceAgeModel()
        self.version = f"open_nsfw {self.nudity.version}; {self.faces.version}"
        self._face_worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="faces")

    def detect(self, event: Event, context: DetectionContext) -> list[Signal]:
        if not isinstance(event, Frame) or context.frame is None:
            return []
        signals = []
        evidence = Evidence((event.id,), frame_ids=(event.id,))
        faces = self._face_worker.submit(self.faces.faces, context.frame)
        nudity = self.nudity.score(context.frame)
        if nudity >= REPORT_FLOOR:
            signals.append(Signal(self.name, self.version, Category.NUDITY, nudity, evidence))
        owner = context.target
        estimate = minor_likelihood(
            faces.result(),
            owner.declared_age if owner else None,
            _assurance(owner),
        )
        if estimate.score >= REPORT_FLOOR:
            note = "; ".join(estimate.reasons)
            signals.append(
                Signal(
                    self.name,
                    self.version,
                    Category.MINOR_LIKELY,
                    estimate.score,
                    Evidence((event.id,), frame_ids=(event.id,), note=note),
                )
            )
        return signals


def _assurance(owner: AccountFacts | None) -> tuple[str, str] | None:
    """The platform's age check of the stream's owner, in the form the estimate takes."""
    if owner is None:
        return None
    if owner.assurance_result in ("minor", "adult"):
        return ("platform age assurance", owner.assurance_result)
    if owner.assurance_age is not None:
        return ("platform age estimate", "minor" if owner.is_minor else "adult")
    return None
