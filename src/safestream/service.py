"""The long-running service: the pipeline's processing worker and the webhook deliverer.

Both run as background threads beside the HTTP API in one process on embedded defaults. The
processing worker wakes on every ingest and also polls, so events stored by an earlier run or
another process are never stranded.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Sequence

from safestream.config import Settings
from safestream.detect.base import Detector
from safestream.pipeline import Pipeline
from safestream.policy.delivery import WebhookDeliverer
from safestream.policy.engine import PolicyEngine, default_engine
from safestream.policy.rules import load_rules
from safestream.review.evidence import EvidenceVault
from safestream.store.db import Store

log = logging.getLogger(__name__)

POLL_SECONDS = 0.5
ERROR_BACKOFF_SECONDS = 2.0


def build_engine(settings: Settings) -> PolicyEngine:
    """The shipped default pack, or the platform's own rule files when configured."""
    if not settings.rule_files:
        return default_engine()
    return PolicyEngine([load_rules(path) for path in settings.rule_files])


class Service:
    def __init__(self, settings: Settings, *, detectors: Sequence[Detector] | None = None) -> None:
        """``detectors`` defaults to every detector registered as an entry point."""
        self.settings = settings
        self.store = Store(settings.db_url)
        self.vault = EvidenceVault.from_env_or_file(settings.data_dir / "evidence.key")
        self.pipeline = Pipeline(
            self.store, detectors=detectors, policy=build_engine(settings), vault=self.vault
        )
        self.deliverer = (
            WebhookDeliverer(self.store, settings.webhook_url, settings.webhook_secret)
            if settings.webhook_url and settings.webhook_secret
            else None
        )
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []

    def start(self) -> None:
        self._stop.clear()
        self._threads = [threading.Thread(target=self._process_loop, name="safestream-process")]
        if self.deliverer is not None:
            self._threads.append(
                threading.Thread(
                    target=self.deliverer.run, args=(self._stop,), name="safestream-webhooks"
                )
            )
        for thread in self._threads:
            thread.daemon = True
            thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        for thread in self._threads:
            thread.join(timeout=10)
        if self.deliverer is not None:
            self.deliverer.close()
        self.store.close()

    def notify(self) -> None:
        """Tell the processing worker that events are waiting."""
        self._wake.set()

    @property
    def running(self) -> bool:
        return bool(self._threads) and all(t.is_alive() for t in self._threads)

    def _process_loop(self) -> None:
        while not self._stop.is_set():
            try:
                if self.pipeline.process_pending():
                    continue
            except Exception:
                # Events stay pending in the log; the batch is retried after a pause.
                log.exception("processing batch failed; retrying")
                self._stop.wait(ERROR_BACKOFF_SECONDS)
                continue
            self._wake.wait(POLL_SECONDS)
            self._wake.clear()
