"""Delivery of the action outbox to the platform as signed webhooks.

Delivery is at-least-once: a row leaves ``pending`` only after the platform answered 2xx, and
each request carries the action id in ``X-SafeStream-Delivery`` so the platform can drop
repeats. Failures back off exponentially; after ``max_attempts`` a row becomes ``dead`` and
stays in the table for an operator to inspect and requeue. ``shadow`` rows are never sent.

Each row is claimed in its own short transaction that pushes ``next_attempt_at`` forward by a
lease and counts the attempt, and the HTTP request runs outside any transaction. So a slow
receiver never holds database locks (on SQLite that would stall the whole pipeline), two
deliverers never send the same row at once (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, a single
atomic ``UPDATE`` everywhere), and a deliverer that dies mid-request leaves its row to be
retried once the lease runs out.
"""

from __future__ import annotations

import json
import logging
import random
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, cast

import httpx
from sqlalchemy import CursorResult, or_, select, update

from safestream import __version__
from safestream.signing import SIGNATURE_HEADER, sign
from safestream.store import Store
from safestream.store.models import ActionRow

PENDING = "pending"
DELIVERED = "delivered"
DEAD = "dead"

DELIVERY_HEADER = "X-SafeStream-Delivery"
USER_AGENT = f"safestream-webhooks/{__version__}"
LEASE_TIMEOUTS = 10
"""A claimed row is hidden from other deliverers for this many request timeouts."""
MAX_ERROR_CHARS = 500
MAX_BACKOFF_EXPONENT = 32
"""Caps the exponent so that a huge attempt count cannot overflow the float."""

Clock = Callable[[], datetime]
logger = logging.getLogger(__name__)


def utcnow() -> datetime:
    return datetime.now(UTC)


def _as_utc(value: datetime) -> datetime:
    # SQLite keeps no offset; the store writes UTC, so a naive value read back is UTC.
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def webhook_payload(row: ActionRow) -> dict[str, Any]:
    """The JSON body the platform receives for one action.

    The id is a string, like the delivery header, so 64-bit ids survive JSON parsers that
    read numbers as doubles.
    """
    return {
        "id": str(row.id),
        "kind": row.kind,
        "subject": {"kind": row.subject_kind, "id": row.subject_id},
        "event_id": row.event_id,
        "rule_id": row.rule_id,
        "params": row.params,
        "created_at": _as_utc(row.created_at).isoformat(),
    }


def requeue_dead(
    store: Store, ids: Iterable[int] | None = None, *, now: datetime | None = None
) -> int:
    """Put dead rows (all, or those in ``ids``) back to ``pending`` with a fresh budget.

    For operators once the receiver is fixed; needs no URL or secret, so the CLI can call it.
    ``last_error`` is kept as a record of why the row died. Returns how many rows moved.
    """
    stmt = (
        update(ActionRow)
        .where(ActionRow.status == DEAD)
        .values(status=PENDING, attempts=0, next_attempt_at=now or utcnow())
    )
    if ids is not None:
        stmt = stmt.where(ActionRow.id.in_(list(ids)))
    with store.session() as session, session.begin():
        result = session.execute(stmt, execution_options={"synchronize_session": False})
        return cast(CursorResult[Any], result).rowcount


@dataclass(slots=True)
class DeliveryStats:
    """What one pass did: delivered, scheduled for a retry, or dead-lettered."""

    delivered: int = 0
    retried: int = 0
    dead: int = 0

    @property
    def attempted(self) -> int:
        return self.delivered + self.retried + self.dead


class WebhookDeliverer:
    """Sends due ``pending`` actions to one platform URL, signed with ``secret``.

    ``secret`` may list several secrets while the platform rotates; each request then carries
    one signature per secret. ``clock`` returns the current time and exists so tests (and
    replays) can control backoff without sleeping.
    """

    def __init__(
        self,
        store: Store,
        url: str,
        secret: str | Sequence[str],
        *,
        max_attempts: int = 8,
        base_delay: float = 1.0,
        max_delay: float = 600.0,
        timeout: float = 5.0,
        jitter: float = 0.1,
        client: httpx.Client | None = None,
        clock: Clock = utcnow,
    ) -> None:
        if max_attempts < 1:
            raise ValueError("max_attempts must be at least 1")
        if not 0 <= jitter < 1:
            raise ValueError("jitter must be in [0, 1)")
        sign(secret, b"")  # fail at start-up, not at the first action, on an empty secret
        self.store = store
        self.url = url
        self.max_attempts = max_attempts
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.timeout = timeout
        self.jitter = jitter
        self._secret = secret
        self._clock = clock
        self._owns_client = client is None
        self._client = client if client is not None else httpx.Client()
        self._lease = timedelta(seconds=LEASE_TIMEOUTS * timeout)

    def close(self) -> None:
        if self._owns_client:
            self._client.close()

    def _now(self) -> datetime:
        return self._clock().astimezone(UTC)

    def backoff(self, attempts: int) -> float:
        """Seconds to wait after the ``attempts``-th failure.

        Jitter only shortens the delay, so it never exceeds ``max_delay`` and still grows with
        each failure, while spreading out rows that failed together.
        """
        exponent = min(max(attempts - 1, 0), MAX_BACKOFF_EXPONENT)
        delay = min(self.max_delay, self.base_delay * 2.0**exponent)
        return delay * (1 - self.jitter * random.random())  # noqa: S311 - not cryptographic

    def deliver_due(self, limit: int = 100) -> DeliveryStats:
        """One pass: deliver up to ``limit`` due rows, oldest id first."""
        stats = DeliveryStats()
        for _ in range(limit):
            row = self._claim()
            if row is None:
                break
            outcome = self._record(row, self._post(row))
            if outcome == DELIVERED:
                stats.delivered += 1
            elif outcome == DEAD:
                stats.dead += 1
            elif outcome == PENDING:
                stats.retried += 1
        return stats

    def run(self, stop: threading.Event, poll_interval: float = 0.5, limit: int = 100) -> None:
        """Deliver until ``stop`` is set; meant as the target of a background thread.

        A failing pass (database down, say) is logged and retried: the thread must outlive
        the outage, or actions would silently stop reaching the platform.
        """
        while not stop.is_set():
            try:
                attempted = self.deliver_due(limit).attempted
            except Exception:
                logger.exception("webhook delivery pass failed")
                attempted = 0
            if attempted < limit:
                stop.wait(poll_interval)

    def requeue_dead(self, ids: Iterable[int] | None = None) -> int:
        return requeue_dead(self.store, ids, now=self._now())

    def _claim(self) -> ActionRow | None:
        now = self._now()
        due = (
            select(ActionRow.id)
            .where(
                ActionRow.status == PENDING,
                ActionRow.shadow.is_(False),
                or_(ActionRow.next_attempt_at.is_(None), ActionRow.next_attempt_at <= now),
            )
            .order_by(ActionRow.id)
            .limit(1)
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        )
        stmt = (
            update(ActionRow)
            .where(ActionRow.id == due)
            .values(attempts=ActionRow.attempts + 1, next_attempt_at=now + self._lease)
            .returning(ActionRow)
        )
        with self.store.session() as session, session.begin():
            return session.scalars(
                stmt, execution_options={"synchronize_session": False}
            ).one_or_none()

    def _post(self, row: ActionRow) -> str | None:
        """Send one action; return why it failed, or None when the platform took it."""
        body = json.dumps(webhook_payload(row), separators=(",", ":"), sort_keys=True).encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": USER_AGENT,
            DELIVERY_HEADER: str(row.id),
            SIGNATURE_HEADER: sign(self._secret, body, self._now().timestamp()),
        }
        try:
            response = self._client.post(
                self.url, content=body, headers=headers, timeout=self.timeout
            )
        except httpx.HTTPError as exc:
            return f"{type(exc).__name__}: {exc}"[:MAX_ERROR_CHARS]
        if response.is_success:
            return None
        return f"HTTP {response.status_code}: {response.text}"[:MAX_ERROR_CHARS]

    def _record(self, row: ActionRow, error: str | None) -> str | None:
        """Store the outcome; return the row's new status, or None if it was taken over."""
        now = self._now()
        values: dict[str, Any]
        if error is None:
            status = DELIVERED
            values = {"delivered_at": now, "next_attempt_at": None}
        elif row.attempts >= self.max_attempts:
            status = DEAD
            values = {"last_error": error, "next_attempt_at": None}
            logger.warning("action %s dead after %s attempts: %s", row.id, row.attempts, error)
        else:
            status = PENDING
            retry_at = now + timedelta(seconds=self.backoff(row.attempts))
            values = {"last_error": error, "next_attempt_at": retry_at}
            logger.info("action %s attempt %s failed: %s", row.id, row.attempts, error)
        # Matching on the attempt count we claimed keeps a deliverer whose lease ran out from
        # overwriting the outcome of the one that took the row over.
        stmt = (
            update(ActionRow)
            .where(
                ActionRow.id == row.id,
                ActionRow.status == PENDING,
                ActionRow.attempts == row.attempts,
            )
            .values(status=status, **values)
        )
        with self.store.session() as session, session.begin():
            result = session.execute(stmt, execution_options={"synchronize_session": False})
            if cast(CursorResult[Any], result).rowcount != 1:
                logger.warning("action %s was taken over by another deliverer", row.id)
                return None
        return status
