"""The platform-side client: batching, retries, result parsing and webhook verification."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest

from safestream.client import ClientError, ItemResult, SafeStreamClient, verify_webhook
from safestream.signing import SignatureError, sign

API_KEY = "ssk_test.secret"
Handler = Callable[[httpx.Request], httpx.Response]


def chat(i: int) -> dict[str, Any]:
    return {
        "type": "chat.message",
        "id": f"msg-{i}",
        "ts": "2026-01-01T12:00:00Z",
        "conversation_id": "conv-1",
        "sender_id": "acct-2",
        "text": "hi",
    }


def ingest_answer(events: list[Any], seen: set[str] | None = None) -> dict[str, Any]:
    """What SafeStream answers to a batch: missing ``type`` rejected, repeated ids duplicates."""
    seen = set() if seen is None else seen
    results = []
    for index, event in enumerate(events):
        if "type" not in event:
            status, errors = "rejected", ["type: field required"]
        elif event["id"] in seen:
            status, errors = "duplicate", []
        else:
            status, errors = "accepted", []
            seen.add(event["id"])
        results.append({"index": index, "id": event.get("id"), "status": status, "errors": errors})
    counts = {s: sum(r["status"] == s for r in results) for s in ("accepted", "duplicate")}
    return {
        "accepted": counts["accepted"],
        "duplicates": counts["duplicate"],
        "rejected": len(results) - counts["accepted"] - counts["duplicate"],
        "results": results,
    }


class Recorder:
    """An ``httpx.MockTransport`` handler that plays scripted answers, then accepts."""

    def __init__(self, *script: httpx.Response | Exception) -> None:
        self.script = list(script)
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.script:
            step = self.script.pop(0)
            if isinstance(step, Exception):
                raise step
            return step
        return httpx.Response(202, json=ingest_answer(json.loads(request.content)))

    def batch_sizes(self) -> list[int]:
        return [len(json.loads(r.content)) for r in self.requests]


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make(sleeps: list[float]) -> Iterator[Callable[..., SafeStreamClient]]:
    made: list[SafeStreamClient] = []

    def factory(handler: Handler, **kwargs: Any) -> SafeStreamClient:
        client = SafeStreamClient(
            "https://safestream.test/",
            API_KEY,
            transport=httpx.MockTransport(handler),
            sleep=sleeps.append,
            **kwargs,
        )
        made.append(client)
        return client

    yield factory
    for client in made:
        client.close()


def test_batches_and_global_indexes(make: Callable[..., SafeStreamClient]) -> None:
    recorder = Recorder()
    results = make(recorder).send(chat(i) for i in range(1200))

    assert recorder.batch_sizes() == [500, 500, 200]
    assert [r.index for r in results] == list(range(1200))
    assert results[1199] == ItemResult(1199, "msg-1199", "accepted")
    request = recorder.requests[0]
    assert str(request.url) == "https://safestream.test/v1/events"
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    assert request.headers["Content-Type"] == "application/json"


def test_batches_are_cut_by_size_too(make: Callable[..., SafeStreamClient]) -> None:
    recorder = Recorder()
    frames = [{**chat(i), "text": "x" * 400} for i in range(10)]  # about 530 bytes each
    assert len(make(recorder, max_batch_bytes=1200).send(frames)) == 10
    assert recorder.batch_sizes() == [2, 2, 2, 2, 2]


def test_an_oversized_event_goes_alone(make: Callable[..., SafeStreamClient]) -> None:
    recorder = Recorder()
    events = [chat(0), {**chat(1), "text": "x" * 5000}, chat(2), chat(3)]
    assert len(make(recorder, max_batch_bytes=1200).send(events)) == 4
    assert recorder.batch_sizes() == [1, 1, 2]


def test_results_and_datetimes(make: Callable[..., SafeStreamClient]) -> None:
    recorder = Recorder()
    event = {**chat(1), "ts": datetime(2026, 1, 1, 12, tzinfo=UTC)}
    results = make(recorder).send([event, {"id": "no-type"}, chat(1)])

    assert json.loads(recorder.requests[0].content)[0]["ts"] == "2026-01-01T12:00:00+00:00"
    assert [(r.status, r.ok) for r in results] == [
        ("accepted", True),
        ("rejected", False),
        ("duplicate", True),
    ]
    assert results[1].errors == ("type: field required",)


def test_retries_503_with_growing_backoff(
    make: Callable[..., SafeStreamClient], sleeps: list[float]
) -> None:
    recorder = Recorder(httpx.Response(503), httpx.Response(502), httpx.Response(500))
    result = make(recorder, backoff=0.5).send_one(chat(1))

    assert result.status == "accepted"
    assert len(recorder.requests) == 4
    assert sleeps == [0.5, 1.0, 2.0]
    assert len({r.content for r in recorder.requests}) == 1, "a retry resends the same batch"


def test_retries_connection_errors(
    make: Callable[..., SafeStreamClient], sleeps: list[float]
) -> None:
    recorder = Recorder(httpx.ConnectError("refused"), httpx.ReadTimeout("slow"))
    assert make(recorder).send_one(chat(1)).ok
    assert len(sleeps) == 2


@pytest.mark.parametrize("status", [400, 401, 403, 413, 422])
def test_no_retry_on_client_errors(
    make: Callable[..., SafeStreamClient], sleeps: list[float], status: int
) -> None:
    recorder = Recorder(httpx.Response(status, json={"detail": "body is not valid JSON"}))
    with pytest.raises(ClientError, match=f"refused the batch: HTTP {status}") as info:
        make(recorder).send([chat(1)])

    assert info.value.status_code == status
    assert "body is not valid JSON" in info.value.body
    assert len(recorder.requests) == 1
    assert sleeps == []


def test_retry_after_seconds_is_honoured(
    make: Callable[..., SafeStreamClient], sleeps: list[float]
) -> None:
    recorder = Recorder(
        httpx.Response(429, headers={"Retry-After": "7"}),
        httpx.Response(503, headers={"Retry-After": "86400"}),
    )
    assert make(recorder, backoff=0.5).send_one(chat(1)).ok
    assert sleeps == [7.0, 300.0]


def test_retry_after_http_date_is_honoured(
    make: Callable[..., SafeStreamClient], sleeps: list[float]
) -> None:
    when = datetime.now(UTC) + timedelta(seconds=30)
    recorder = Recorder(httpx.Response(429, headers={"Retry-After": format_datetime(when, True)}))
    assert make(recorder).send_one(chat(1)).ok
    assert 25 < sleeps[0] <= 30


def test_short_retry_after_does_not_undercut_backoff(
    make: Callable[..., SafeStreamClient], sleeps: list[float]
) -> None:
    recorder = Recorder(httpx.Response(429, headers={"Retry-After": "0"}))
    assert make(recorder, backoff=0.5).send_one(chat(1)).ok
    assert sleeps == [0.5]


def test_gives_up_after_max_retries(
    make: Callable[..., SafeStreamClient], sleeps: list[float]
) -> None:
    recorder = Recorder(*[httpx.Response(503, text="overloaded") for _ in range(10)])
    with pytest.raises(ClientError, match="gave up after 3 attempts; last: HTTP 503: overloaded"):
        make(recorder, max_retries=2).send([chat(1)])
    assert len(recorder.requests) == 3
    assert len(sleeps) == 2


@pytest.mark.parametrize(
    "answer",
    [
        httpx.Response(202, text="not json"),
        httpx.Response(202, json={"accepted": 1}),
        httpx.Response(202, json={"results": []}),
        httpx.Response(202, json={"results": [{"index": 5, "status": "accepted"}]}),
        httpx.Response(202, json={"results": [{"index": 0, "status": "maybe"}]}),
    ],
    ids=["invalid-json", "no-results", "too-few", "bad-index", "bad-status"],
)
def test_unexpected_answers_raise(
    make: Callable[..., SafeStreamClient], answer: httpx.Response
) -> None:
    with pytest.raises(ClientError, match="SafeStream"):
        make(Recorder(answer)).send([chat(1)])


def test_nothing_to_send_sends_nothing(make: Callable[..., SafeStreamClient]) -> None:
    recorder = Recorder()
    assert make(recorder).send([]) == []
    assert recorder.requests == []


def test_context_manager_closes() -> None:
    transport = httpx.MockTransport(Recorder())
    with SafeStreamClient("https://safestream.test", API_KEY, transport=transport) as client:
        assert client.send_one(chat(1)).ok
    with pytest.raises(RuntimeError):
        client.send_one(chat(2))


class FakeIngest:
    """A real HTTP server that answers ``POST /v1/events`` the way SafeStream does."""

    def __init__(self) -> None:
        self.failures_to_serve = 0
        self.seen: set[str] = set()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                if self.headers.get("Authorization") != f"Bearer {API_KEY}":
                    self._answer(401, {"detail": "missing or unknown API key"})
                elif self.path != "/v1/events":
                    self._answer(404, {"detail": "not found"})
                elif fake.failures_to_serve:
                    fake.failures_to_serve -= 1
                    self._answer(503, {"detail": "store unavailable"})
                else:
                    self._answer(202, ingest_answer(json.loads(body), fake.seen))

            def _answer(self, status: int, payload: dict[str, Any]) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def ingest() -> Iterator[FakeIngest]:
    server = FakeIngest()
    yield server
    server.close()


def test_against_a_real_server(ingest: FakeIngest, sleeps: list[float]) -> None:
    ingest.failures_to_serve = 1
    with SafeStreamClient(ingest.url, API_KEY, batch_size=2, sleep=sleeps.append) as client:
        first = client.send([chat(1), chat(2), {"id": "bad"}])
        again = client.send([chat(1), chat(3)])

    assert sleeps == [0.5]
    assert [(r.index, r.id, r.status) for r in first] == [
        (0, "msg-1", "accepted"),
        (1, "msg-2", "accepted"),
        (2, "bad", "rejected"),
    ]
    assert [r.status for r in again] == ["duplicate", "accepted"]


def test_wrong_key_against_a_real_server(ingest: FakeIngest, sleeps: list[float]) -> None:
    with (
        SafeStreamClient(ingest.url, "wrong", sleep=sleeps.append) as client,
        pytest.raises(ClientError, match=r"401.*unknown API key"),
    ):
        client.send_one(chat(1))
    assert sleeps == []


class TestVerifyWebhook:
    SECRET = "whsec_platform"
    BODY = b'{"id":"7","kind":"nudge"}'

    def test_returns_payload_with_any_header_case(self) -> None:
        header = sign(self.SECRET, self.BODY)
        payload = verify_webhook(self.SECRET, self.BODY, {"x-safestream-signature": header})
        assert payload == {"id": "7", "kind": "nudge"}

    def test_accepts_old_or_new_secret(self) -> None:
        headers = {"X-SafeStream-Signature": sign("old", self.BODY)}
        assert verify_webhook(["new", "old"], self.BODY, headers)["id"] == "7"

    def test_missing_header(self) -> None:
        with pytest.raises(SignatureError, match="missing"):
            verify_webhook(self.SECRET, self.BODY, {})

    def test_tampered_body(self) -> None:
        headers = {"X-SafeStream-Signature": sign(self.SECRET, self.BODY)}
        with pytest.raises(SignatureError, match="mismatch"):
            verify_webhook(self.SECRET, self.BODY.replace(b"nudge", b"end_stream"), headers)

    def test_payload_must_be_an_object(self) -> None:
        headers = {"X-SafeStream-Signature": sign(self.SECRET, b"[1]")}
        with pytest.raises(ValueError, match="not a JSON object"):
            verify_webhook(self.SECRET, b"[1]", headers)
