"""Risk state per subject: evidence that rises with signals and decays with time."""

from safestream.risk.levels import Level, level_for

__all__ = ["Level", "level_for"]
