"""The Python client a platform uses to send events to SafeStream and to check its webhooks.

Sending is safe to repeat: every event carries its own id and the server keeps one copy per id,
so after an error the caller can resend the whole lot. Only failures that a retry can fix
(connection errors, 429, 5xx) are retried; any other refusal needs the caller to change
something, so it raises at once.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any, Literal, Self, cast

import httpx

from safestream import __version__
from safestream.signing import DEFAULT_TOLERANCE_SECONDS, SIGNATURE_HEADER, verify

USER_AGENT = f"safestream-client/{__version__}"
DEFAULT_MAX_BATCH_BYTES = 16 * 1024 * 1024
"""Keeps a batch of frames well under the server's body limit, yet fits any valid event."""
MAX_RETRY_AFTER = 300.0
"""Longest Retry-After honoured, so a confused server cannot park the caller for hours."""
ItemStatus = Literal["accepted", "duplicate", "rejected"]
_STATUSES: frozenset[str] = frozenset({"accepted", "duplicate", "rejected"})


class ClientError(Exception):
    """A request SafeStream refused, or one that still failed after every retry."""

    def __init__(self, message: str, status_code: int | None = None, body: str = "") -> None:
        super().__init__(message)
        self.status_code = status_code
        self.body = body


@dataclass(frozen=True, slots=True)
class ItemResult:
    """The server's verdict on one event; ``index`` counts across the whole ``send`` call."""

    index: int
    id: str | None
    status: ItemStatus
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Accepted now or earlier: either way SafeStream has the event."""
        return self.status != "rejected"


def _json_default(value: object) -> str:
    if isinstance(value, date):  # datetime too
        return value.isoformat()
    raise TypeError(f"cannot send a {type(value).__name__} as JSON")


def _batches(
    events: Iterable[dict[str, Any]], max_items: int, max_bytes: int
) -> Iterator[list[bytes]]:
    """Encoded events grouped under both limits; an event larger than ``max_bytes`` goes alone."""
    batch: list[bytes] = []
    size = 0
    for event in events:
        item = json.dumps(event, default=_json_default, separators=(",", ":")).encode()
        if batch and (len(batch) == max_items or size + len(item) > max_bytes):
            yield batch
            batch, size = [], 0
        batch.append(item)
        size += len(item) + 1
    if batch:
        yield batch


def _retry_after(response: httpx.Response) -> float | None:
    """Seconds the server asked us to wait, from either form of ``Retry-After``."""
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max(0.0, (when - datetime.now(UTC)).total_seconds()), MAX_RETRY_AFTER)


def _parse_results(data: Any, offset: int, size: int) -> list[ItemResult]:
    if not isinstance(data, dict) or not isinstance(data.get("results"), list):
        raise ClientError("unexpected response from SafeStream: no results list")
    if len(data["results"]) != size:
        raise ClientError(
            f"unexpected response from SafeStream: {len(data['results'])} results for {size} events"
        )
    out = []
    for item in data["results"]:
        if not isinstance(item, dict):
            raise ClientError("unexpected response from SafeStream: result is not an object")
        index, status = item.get("index"), item.get("status")
        if not isinstance(index, int) or not 0 <= index < size or status not in _STATUSES:
            raise ClientError(f"unexpected response from SafeStream: bad result {item!r}")
        item_id = item.get("id")
        out.append(
            ItemResult(
                index=offset + index,
                id=item_id if isinstance(item_id, str) else None,
                status=cast(ItemStatus, status),
                errors=tuple(str(e) for e in item.get("errors") or ()),
            )
        )
    return sorted(out, key=lambda r: r.index)


class SafeStreamClient:
    """Sends events to ``POST {base_url}/v1/events`` in batches, with retries.

    A batch ends at ``batch_size`` events or about ``max_batch_bytes`` of JSON, whichever
    comes first, so batches of frames stay under the server's body limit. Retries wait
    ``backoff`` seconds, doubling up to ``max_backoff``, or longer if the server asks.
    ``transport`` and ``sleep`` let tests replace the network and the waiting.
    """

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        batch_size: int = 500,
        max_batch_bytes: int = DEFAULT_MAX_BATCH_BYTES,
        max_retries: int = 5,
        timeout: float = 10,
        backoff: float = 0.5,
        max_backoff: float = 30.0,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if batch_size < 1:
            raise ValueError("batch_size must be at least 1")
        if max_retries < 0:
            raise ValueError("max_retries must not be negative")
        self.batch_size = batch_size
        self.max_batch_bytes = max_batch_bytes
        self.max_retries = max_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self._sleep = sleep
        self._http = httpx.Client(
            base_url=base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {api_key}", "User-Agent": USER_AGENT},
            timeout=timeout,
            transport=transport,
        )

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._http.close()

    def send(self, events: Iterable[dict[str, Any]]) -> list[ItemResult]:
        """Send ``events`` (any iterable, read lazily) and return one result per event.

        Raises :class:`ClientError` if a batch is refused or keeps failing; batches before it
        are already stored, and sending everything again is harmless.
        """
        results: list[ItemResult] = []
        offset = 0
        for batch in _batches(events, self.batch_size, self.max_batch_bytes):
            body = b"[" + b",".join(batch) + b"]"
            results.extend(_parse_results(self._post_batch(body), offset, len(batch)))
            offset += len(batch)
        return results

    def send_one(self, event: dict[str, Any]) -> ItemResult:
        (result,) = self.send([event])
        return result

    def _post_batch(self, body: bytes) -> Any:
        headers = {"Content-Type": "application/json"}
        problem = ""
        for attempt in range(self.max_retries + 1):
            asked: float | None = None
            try:
                response = self._http.post("/v1/events", content=body, headers=headers)
            except httpx.TransportError as exc:
                problem = f"{type(exc).__name__}: {exc}"
            else:
                if response.is_success:
                    return _json(response)
                problem = f"HTTP {response.status_code}: {response.text[:500]}"
                if response.status_code != 429 and response.status_code < 500:
                    raise ClientError(
                        f"SafeStream refused the batch: {problem}",
                        response.status_code,
                        response.text,
                    )
                asked = _retry_after(response)
            if attempt < self.max_retries:
                delay = min(self.max_backoff, self.backoff * 2**attempt)
                self._sleep(max(delay, asked or 0.0))
        raise ClientError(f"gave up after {self.max_retries + 1} attempts; last: {problem}")


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        raise ClientError("SafeStream answered with invalid JSON", response.status_code) from None


def verify_webhook(
    secret: str | Sequence[str],
    body: bytes,
    headers: Mapping[str, str],
    *,
    tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> dict[str, Any]:
    """Check a SafeStream webhook's signature and return its JSON payload.

    Pass the raw request body, before any JSON parsing: the signature covers the exact bytes.
    Raises :class:`safestream.signing.SignatureError` when the request is not from SafeStream.
    """
    header = httpx.Headers(headers).get(SIGNATURE_HEADER)
    verify(secret, body, header, tolerance_seconds=tolerance_seconds, now=now)
    payload = json.loads(body)
    if not isinstance(payload, dict):
        raise ValueError("webhook payload is not a JSON object")
    return payload
