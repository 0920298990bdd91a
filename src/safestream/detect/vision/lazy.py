"""Build an expensive object (a model session) once, on first use, safely across threads.

Models are loaded lazily so that importing the detectors stays cheap and a worker that never
sees a frame never pays for them; the lock keeps two threads that race on the first frame
from loading the same model twice.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Lazy(Generic[T]):
    """A value built by ``build`` the first time :meth:`get` is called."""

    def __init__(self, build: Callable[[], T]) -> None:
        self._build = build
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        value = self._value
        if value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._build()
                value = self._value
        return value

    @property
    def loaded(self) -> bool:
        return self._value is not None
