"""Text detectors: indicator patterns over normalized chat text."""

from safestream.detect.text.detector import TextIndicatorDetector
from safestream.detect.text.normalize import Normalized, Normalizer

__all__ = ["Normalized", "Normalizer", "TextIndicatorDetector"]
