"""HMAC-SHA256 signatures for the webhooks SafeStream sends to a platform.

The header reads ``t=<unix seconds>,v1=<hex digest>``. The digest covers the timestamp as well
as the body, so a captured request cannot be replayed once it falls outside the tolerance
window. While a secret is being rotated the sender signs with both secrets and the header
carries one ``v1`` entry per secret; a receiver accepts the request if any entry matches.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Sequence

SIGNATURE_HEADER = "X-SafeStream-Signature"
SCHEME = "v1"
DEFAULT_TOLERANCE_SECONDS = 300


class SignatureError(ValueError):
    """A webhook signature that is missing, malformed, stale or wrong."""


def _secrets(secret: str | Sequence[str]) -> list[str]:
    secrets = [secret] if isinstance(secret, str) else list(secret)
    if not secrets or not all(secrets):
        # An empty key would make every signature trivially forgeable.
        raise ValueError("a webhook secret must be a non-empty string")
    return secrets


def _digest(secret: str, timestamp: int, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign(secret: str | Sequence[str], body: bytes, now: float | None = None) -> str:
    """Return the signature header value for ``body``; one ``v1`` entry per secret given."""
    timestamp = int(time.time() if now is None else now)
    entries = [f"{SCHEME}={_digest(s, timestamp, body)}" for s in _secrets(secret)]
    return ",".join([f"t={timestamp}", *entries])


def _parse(header: str) -> tuple[int, list[str]]:
    timestamp: int | None = None
    candidates: list[str] = []
    for item in header.split(","):
        key, sep, value = item.strip().partition("=")
        if not sep or not key:
            raise SignatureError(f"malformed signature header: bad element {item.strip()!r}")
        if key == "t":
            if timestamp is not None:
                raise SignatureError("malformed signature header: more than one timestamp")
            if not (value.isascii() and value.isdigit()):
                raise SignatureError("malformed signature header: timestamp is not an integer")
            timestamp = int(value)
        elif key == SCHEME:
            candidates.append(value)
        # Other schemes are skipped so that a future scheme can be added alongside v1.
    if timestamp is None:
        raise SignatureError("malformed signature header: no timestamp (t=)")
    if not candidates:
        raise SignatureError(f"malformed signature header: no {SCHEME}= signature")
    return timestamp, candidates


def verify(
    secret: str | Sequence[str],
    body: bytes,
    header: str | None,
    tolerance_seconds: int = DEFAULT_TOLERANCE_SECONDS,
    now: float | None = None,
) -> None:
    """Raise :class:`SignatureError` unless ``header`` is a fresh, valid signature of ``body``.

    ``secret`` may list several secrets, so a receiver can accept both while it rotates.
    """
    secrets = _secrets(secret)
    if not header or not header.strip():
        raise SignatureError(f"missing {SIGNATURE_HEADER} header")
    timestamp, candidates = _parse(header)
    current = time.time() if now is None else now
    if current - timestamp > tolerance_seconds:
        raise SignatureError(
            f"timestamp too old: {current - timestamp:.0f} s > tolerance {tolerance_seconds} s"
        )
    if timestamp - current > tolerance_seconds:
        raise SignatureError(
            f"timestamp in the future: {timestamp - current:.0f} s > tolerance "
            f"{tolerance_seconds} s (check the clocks)"
        )
    for key in secrets:
        expected = _digest(key, timestamp, body)
        for candidate in candidates:
            # compare_digest rejects non-ASCII str; such a candidate cannot match anyway.
            if candidate.isascii() and hmac.compare_digest(candidate, expected):
                return
    raise SignatureError("signature mismatch: no v1 entry matches the body and secret")
