"""Risk levels and the score bands that define them."""

from __future__ import annotations

from enum import IntEnum


class Level(IntEnum):
    """Ordered so that ``level >= Level.MEDIUM`` reads as intended.

    ``none``/``low`` need no one's attention; ``medium`` is worth a moderator's look (the first
    alert); ``high`` calls for protective action now; ``critical`` means a child is in danger at
    this moment.
    """

    NONE = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, value: str) -> Level:
        try:
            return cls[value.upper()]
        except KeyError:
            names = ", ".join(level.label for level in cls)
            raise ValueError(f"unknown level {value!r}; expected one of {names}") from None


LEVEL_FLOORS: tuple[tuple[float, Level], ...] = (
    (0.85, Level.CRITICAL),
    (0.60, Level.HIGH),
    (0.35, Level.MEDIUM),
    (0.15, Level.LOW),
)
"""Lowest score of each level, highest first."""


def level_for(score: float) -> Level:
    for floor, level in LEVEL_FLOORS:
        if score >= floor:
            return level
    return Level.NONE


def floor_of(level: Level) -> float:
    """The lowest score of a level above ``none``."""
    return next(floor for floor, band in LEVEL_FLOORS if band == level)
