"""Outbox delivery against a real HTTP receiver on 127.0.0.1, with time under test control."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from safestream.client import verify_webhook
from safestream.policy.delivery import DeliveryStats, WebhookDeliverer, requeue_dead
from safestream.signing import SignatureError
from safestream.store import Store
from safestream.store.models import ActionRow

SECRET = "whsec_delivery_test"
START = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass(frozen=True)
class Received:
    headers: dict[str, str]
    body: bytes


class Receiver:
    """A platform's webhook endpoint: records requests; can answer an error or go down."""

    def __init__(self) -> None:
        self.requests: list[Received] = []
        self.status = 200
        self.delay = 0.0
        self.port = 0
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks/safestream"

    def delivery_ids(self) -> list[str]:
        return [r.headers["X-SafeStream-Delivery"] for r in self.requests]

    def start(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append(Received(dict(self.headers.items()), body))
                time.sleep(receiver.delay)
                self.send_response(receiver.status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"no" if receiver.status >= 300 else b"ok")

            def log_message(self, format: str, *args: Any) -> None:
                pass

        # Reusing the port after a stop is what "the receiver came back" looks like.
        self._server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None


class FakeClock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def aware(value: datetime | None) -> datetime:
    assert value is not None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    server = Receiver()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


Make = Callable[..., WebhookDeliverer]


@pytest.fixture
def make(store: Store, receiver: Receiver, clock: FakeClock) -> Iterator[Make]:
    made: list[WebhookDeliverer] = []

    def factory(**kwargs: Any) -> WebhookDeliverer:
        kwargs.setdefault("clock", clock)
        deliverer = WebhookDeliverer(store, receiver.url, SECRET, **kwargs)
        made.append(deliverer)
        return deliverer

    yield factory
    for deliverer in made:
        deliverer.close()


def add_action(
    store: Store, at: datetime = START, *, status: str = "pending", kind: str = "nudge"
) -> int:
    shadow = status == "shadow"
    row = ActionRow(
        kind=kind,
        rule_id="grooming.isolation",
        subject_kind="conversation",
        subject_id="conv-1",
        event_id="evt-1",
        params={"message": "You can always talk to someone you trust.", "audience": "child"},
        shadow=shadow,
        status=status,
        attempts=0,
        next_attempt_at=None if shadow else at,
        created_at=at,
    )
    with store.session() as session, session.begin():
        session.add(row)
    return row.id


def get(store: Store, action_id: int) -> ActionRow:
    with store.session() as session:
        row = session.get(ActionRow, action_id)
        assert row is not None
        return row


def test_delivers_signed_payload(
    make: Make, store: Store, receiver: Receiver, clock: FakeClock
) -> None:
    action_id = add_action(store, kind="pause_stream")
    clock.advance(2)

    assert make().deliver_due() == DeliveryStats(delivered=1)

    (request,) = receiver.requests
    payload = verify_webhook(SECRET, request.body, request.headers, now=clock.now.timestamp())
    assert payload == {
        "id": str(action_id),
        "kind": "pause_stream",
        "subject": {"kind": "conversation", "id": "conv-1"},
        "event_id": "evt-1",
        "rule_id": "grooming.isolation",
        "params": {"message": "You can always talk to someone you trust.", "audience": "child"},
        "created_at": "2026-01-01T00:00:00+00:00",
    }
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-SafeStream-Delivery"] == str(action_id)
    assert request.headers["User-Agent"].startswith("safestream-webhooks/")
    with pytest.raises(SignatureError, match="mismatch"):
        verify_webhook("not-the-secret", request.body, request.headers, now=clock.now.timestamp())

    row = get(store, action_id)
    assert row.status == "delivered"
    assert row.attempts == 1
    assert aware(row.delivered_at) == clock.now
    assert make().deliver_due() == DeliveryStats()


def test_receiver_down_then_up(
    make: Make, store: Store, receiver: Receiver, clock: FakeClock
) -> None:
    receiver.stop()
    action_id = add_action(store)
    deliverer = make(base_delay=1.0, jitter=0.1)

    delays = []
    for failure in range(1, 6):
        assert deliverer.deliver_due() == DeliveryStats(retried=1)
        row = get(store, action_id)
        assert row.status == "pending"
        assert row.attempts == failure
        assert row.last_error is not None
        assert row.last_error.startswith("ConnectError")
        retry_at = aware(row.next_attempt_at)
        delays.append((retry_at - clock.now).total_seconds())
        clock.now = retry_at - timedelta(milliseconds=1)
        assert deliverer.deliver_due() == DeliveryStats(), "retried before it was due"
        clock.now = retry_at

    assert delays == sorted(delays)
    for failure, delay in enumerate(delays, start=1):
        assert 0.9 * 2 ** (failure - 1) <= delay <= 2 ** (failure - 1)

    receiver.start()
    assert deliverer.deliver_due() == DeliveryStats(delivered=1)
    assert receiver.delivery_ids() == [str(action_id)]
    row = get(store, action_id)
    assert (row.status, row.attempts) == ("delivered", 6)


def test_backoff_is_capped(make: Make) -> None:
    deliverer = make(base_delay=1.0, max_delay=600.0, jitter=0.0)
    assert [deliverer.backoff(n) for n in (1, 2, 3, 10, 11, 5000)] == [
        1.0,
        2.0,
        4.0,
        512.0,
        600.0,
        600.0,
    ]


def test_error_status_and_timeout_are_retried(
    make: Make, store: Store, receiver: Receiver, clock: FakeClock
) -> None:
    receiver.status = 503
    first = add_action(store)
    deliverer = make(timeout=0.2)
    assert deliverer.deliver_due() == DeliveryStats(retried=1)
    assert get(store, first).last_error == "HTTP 503: no"

    receiver.status, receiver.delay = 200, 1.0
    clock.advance(60)
    assert deliverer.deliver_due() == DeliveryStats(retried=1)
    last_error = get(store, first).last_error
    assert last_error is not None
    assert "Timeout" in last_error


def test_dead_letter_after_max_attempts(
    make: Make, store: Store, receiver: Receiver, clock: FakeClock
) -> None:
    receiver.status = 500
    action_id = add_action(store)
    deliverer = make(max_attempts=3)

    outcomes = []
    for _ in range(3):
        outcomes.append(deliverer.deliver_due())
        clock.advance(3600)
    assert outcomes == [DeliveryStats(retried=1), DeliveryStats(retried=1), DeliveryStats(dead=1)]
    assert len(receiver.requests) == 3

    clock.advance(86_400)
    assert deliverer.deliver_due() == DeliveryStats()
    row = get(store, action_id)
    assert (row.status, row.attempts, row.next_attempt_at) == ("dead", 3, None)
    assert row.last_error == "HTTP 500: no"


def test_requeue_dead(make: Make, store: Store, receiver: Receiver, clock: FakeClock) -> None:
    first, second = add_action(store, status="dead"), add_action(store, status="dead")
    pending = add_action(store, at=START + timedelta(days=1))
    deliverer = make()

    assert deliverer.requeue_dead([first, pending]) == 1
    assert get(store, second).status == "dead"
    assert requeue_dead(store, now=clock.now) == 1, "the CLI requeues without a deliverer"
    assert deliverer.requeue_dead() == 0

    assert deliverer.deliver_due() == DeliveryStats(delivered=2)
    assert receiver.delivery_ids() == [str(first), str(second)]
    assert get(store, first).attempts == 1


def test_shadow_rows_are_never_sent(
    make: Make, store: Store, receiver: Receiver, clock: FakeClock
) -> None:
    shadow = add_action(store, status="shadow")
    live = add_action(store)
    clock.advance(86_400)

    assert make().deliver_due() == DeliveryStats(delivered=1)
    assert receiver.delivery_ids() == [str(live)]
    row = get(store, shadow)
    assert (row.status, row.attempts, row.delivered_at) == ("shadow", 0, None)


def test_oldest_first_and_limit(make: Make, store: Store, receiver: Receiver) -> None:
    ids = [add_action(store) for _ in range(3)]
    later = add_action(store, at=START + timedelta(hours=1))
    deliverer = make()

    assert deliverer.deliver_due(limit=2) == DeliveryStats(delivered=2)
    assert deliverer.deliver_due(limit=2) == DeliveryStats(delivered=1)
    assert receiver.delivery_ids() == [str(i) for i in ids]
    assert get(store, later).status == "pending"


def test_second_deliverer_skips_a_claimed_row(
    make: Make, store: Store, receiver: Receiver, clock: FakeClock
) -> None:
    first, second = add_action(store), add_action(store)
    other = make()
    seen_by_other: list[DeliveryStats] = []

    def slow_platform(request: httpx.Request) -> httpx.Response:
        # While this deliverer is mid-request, the other one runs a whole pass.
        seen_by_other.append(other.deliver_due())
        return httpx.Response(200)

    mine = make(client=httpx.Client(transport=httpx.MockTransport(slow_platform)))
    assert mine.deliver_due() == DeliveryStats(delivered=1)
    assert seen_by_other == [DeliveryStats(delivered=1)]
    assert receiver.delivery_ids() == [str(second)]
    assert {get(store, first).status, get(store, second).status} == {"delivered"}


def test_crashed_delivery_is_retried_after_the_lease(
    make: Make, store: Store, receiver: Receiver, clock: FakeClock
) -> None:
    action_id = add_action(store)

    def crash(request: httpx.Request) -> httpx.Response:
        raise RuntimeError("worker killed mid-request")

    crashing = make(timeout=5.0, client=httpx.Client(transport=httpx.MockTransport(crash)))
    with pytest.raises(RuntimeError):
        crashing.deliver_due()

    survivor = make(timeout=5.0)
    clock.advance(49)
    assert survivor.deliver_due() == DeliveryStats()
    clock.advance(1)
    assert survivor.deliver_due() == DeliveryStats(delivered=1)
    assert get(store, action_id).attempts == 2


def test_run_delivers_in_the_background_and_survives_errors(
    store: Store, receiver: Receiver, caplog: pytest.LogCaptureFixture
) -> None:
    calls = 0

    def flaky_clock() -> datetime:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OSError("clock source unavailable")
        return datetime.now(UTC)

    deliverer = WebhookDeliverer(store, receiver.url, SECRET, clock=flaky_clock)
    stop = threading.Event()
    thread = threading.Thread(target=deliverer.run, args=(stop, 0.01))
    with caplog.at_level(logging.ERROR, logger="safestream.policy.delivery"):
        thread.start()
        action_id = add_action(store, at=datetime.now(UTC))
        deadline = time.monotonic() + 5
        while get(store, action_id).status != "delivered" and time.monotonic() < deadline:
            time.sleep(0.01)
        stop.set()
        thread.join(timeout=5)
    deliverer.close()

    assert not thread.is_alive()
    assert get(store, action_id).status == "delivered"
    assert "webhook delivery pass failed" in caplog.text


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def any_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    db = Store(url)
    yield db
    db.close()


def test_concurrent_deliverers_send_each_row_once(any_store: Store, receiver: Receiver) -> None:
    store = any_store
    ids = [add_action(store, at=datetime.now(UTC)) for _ in range(40)]
    receiver.delay = 0.005  # keep requests in flight so the deliverers overlap
    deliverers = [WebhookDeliverer(store, receiver.url, SECRET) for _ in range(4)]
    totals: list[int] = []

    def drain(deliverer: WebhookDeliverer) -> None:
        totals.append(sum(deliverer.deliver_due(limit=5).delivered for _ in range(20)))

    threads = [threading.Thread(target=drain, args=(d,)) for d in deliverers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    for deliverer in deliverers:
        deliverer.close()

    assert sorted(receiver.delivery_ids(), key=int) == [str(i) for i in ids]
    assert sum(totals) == len(ids)
    with store.session() as session:
        statuses = session.scalars(select(ActionRow.status).distinct()).all()
        assert statuses == ["delivered"]
        assert session.scalar(select(func.count()).select_from(ActionRow)) == len(ids)
