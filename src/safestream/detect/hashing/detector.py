"""The hash-bank detector: frames matched against the store's banks of known-abuse hashes.

Matching needs the banks, which live in the store and change while the service runs, so this
detector is bound to the store and, once per chunk that holds frames, checks a fingerprint of
the banks and re-indexes them when it moved. A frame whose picture is buffered is matched with
its eight rotations and mirror images; one hashed on the device only as it came.
"""

from __future__ import annotations

from collections.abc import Sequence

from safestream.detect.base import DetectionContext
from safestream.detect.hashing.banks import banks_version
from safestream.detect.hashing.matcher import DETECTOR, VERSION, BankMatcher, match_signals
from safestream.detect.hashing.pdq import PdqHash, pdq_dihedral
from safestream.events import Event, Frame
from safestream.signals import Signal
from safestream.store.db import Store

DEVICE_QUALITY = 100
"""Quality assumed for a device hash sent without one: the platform chose to send it."""


class HashBankDetector:
    """``known_abuse_hash`` signals with bank, distance and content id."""

    name = DETECTOR
    version = VERSION
    event_types = frozenset({"frame"})

    def __init__(self) -> None:
        self._store: Store | None = None
        self._matcher: BankMatcher | None = None
        self._seen: tuple[object, ...] | None = None

    def bind_store(self, store: Store) -> None:
        self._store = store
        self._matcher = None
        self._seen = None

    def prefetch(self, events: Sequence[Event]) -> None:
        if self._store is None or not any(isinstance(e, Frame) for e in events):
            return
        with self._store.session() as session:
            current = banks_version(session)
            if current != self._seen or self._matcher is None:
                self._matcher = BankMatcher.load(session)
                self._seen = current

    def detect(self, event: Event, context: DetectionContext) -> list[Signal]:
        if not isinstance(event, Frame):
            return []
        if self._matcher is None:
            self.prefetch([event])
        if self._matcher is None or not len(self._matcher):
            return []
        if context.frame is not None:
            variants: Sequence[PdqHash] = pdq_dihedral(context.frame)
        elif event.pdq is not None:
            quality = DEVICE_QUALITY if event.pdq_quality is None else event.pdq_quality
            variants = (PdqHash.from_hex(event.pdq, quality),)
        else:
            return []
        return match_signals(self._matcher.match(variants), event.id, event.id)
