"""Detectors: stateless functions from an event and its context to signals."""

from safestream.detect.base import (
    AccountFacts,
    Activity,
    DetectionContext,
    Detector,
    HistoryMessage,
    Role,
    load_detectors,
)

__all__ = [
    "AccountFacts",
    "Activity",
    "DetectionContext",
    "Detector",
    "HistoryMessage",
    "Role",
    "load_detectors",
]
