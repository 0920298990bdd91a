"""The one frame format every visual classifier accepts: an H×W×3 uint8 RGB array.

Checking it in one place means a bad frame fails with the same clear error in every model,
instead of as an obscure shape error deep inside ONNX Runtime or dlib.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

RgbFrame = NDArray[np.uint8]
"""A decoded frame: ``(height, width, 3)`` uint8, channels in RGB order."""


class InvalidFrameError(ValueError):
    """The input is not a non-empty H×W×3 uint8 RGB array."""


def require_rgb(frame: object) -> RgbFrame:
    """Return ``frame`` as a C-contiguous RGB array, or raise :class:`InvalidFrameError`.

    Never converts silently: a float image or a grey frame is a caller bug (a decoder that
    skipped a step), so it is named in the error rather than guessed at.
    """
    if not isinstance(frame, np.ndarray):
        raise InvalidFrameError(f"frame must be a numpy array, got {type(frame).__name__}")
    if frame.dtype != np.uint8:
        raise InvalidFrameError(f"frame must have dtype uint8, got {frame.dtype}")
    if frame.ndim != 3 or frame.shape[2] != 3:
        raise InvalidFrameError(f"frame must have shape (height, width, 3), got {frame.shape}")
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise InvalidFrameError(f"frame must not be empty, got shape {frame.shape}")
    return np.ascontiguousarray(frame)
