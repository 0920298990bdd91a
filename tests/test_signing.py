"""Webhook signatures: what a receiver accepts and the reason it gives when it refuses."""

from __future__ import annotations

import hashlib
import hmac
import re

import pytest

from safestream.signing import SignatureError, sign, verify

SECRET = "whsec_test"
BODY = b'{"id":"1","kind":"nudge"}'
NOW = 1_750_000_000.0


def test_header_format_and_digest() -> None:
    header = sign(SECRET, BODY, now=NOW)
    assert re.fullmatch(r"t=1750000000,v1=[0-9a-f]{64}", header)
    expected = hmac.new(SECRET.encode(), b"1750000000." + BODY, hashlib.sha256).hexdigest()
    assert header.endswith(expected)


def test_round_trip() -> None:
    verify(SECRET, BODY, sign(SECRET, BODY, now=NOW), now=NOW + 10)


@pytest.mark.parametrize(
    ("secret", "body"),
    [("other-secret", BODY), (SECRET, BODY + b" "), (SECRET, b"")],
    ids=["wrong-secret", "tampered-body", "empty-body"],
)
def test_mismatch(secret: str, body: bytes) -> None:
    header = sign(SECRET, BODY, now=NOW)
    with pytest.raises(SignatureError, match="mismatch"):
        verify(secret, body, header, now=NOW)


def test_timestamp_is_signed() -> None:
    """Moving the timestamp forward to dodge the tolerance check breaks the signature."""
    header = sign(SECRET, BODY, now=NOW).replace("t=1750000000", "t=1750000900")
    with pytest.raises(SignatureError, match="mismatch"):
        verify(SECRET, BODY, header, now=NOW + 900)


def test_too_old_and_future() -> None:
    header = sign(SECRET, BODY, now=NOW)
    verify(SECRET, BODY, header, tolerance_seconds=300, now=NOW + 300)
    with pytest.raises(SignatureError, match="too old"):
        verify(SECRET, BODY, header, tolerance_seconds=300, now=NOW + 301)
    with pytest.raises(SignatureError, match="future"):
        verify(SECRET, BODY, header, tolerance_seconds=300, now=NOW - 301)


@pytest.mark.parametrize("header", [None, "", "   "])
def test_missing_header(header: str | None) -> None:
    with pytest.raises(SignatureError, match="missing"):
        verify(SECRET, BODY, header, now=NOW)


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        ("v1=abc", "no timestamp"),
        ("t=1750000000", "no v1"),
        ("t=1750000000,v0=abc", "no v1"),
        ("t=soon,v1=abc", "not an integer"),
        ("t=-5,v1=abc", "not an integer"),
        ("t=1750000000,t=1750000000,v1=abc", "more than one timestamp"),
        ("t=1750000000,v1abc", "bad element"),
        ("t=1750000000,,v1=abc", "bad element"),
    ],
)
def test_malformed(header: str, reason: str) -> None:
    with pytest.raises(SignatureError, match=f"malformed.*{reason}"):
        verify(SECRET, BODY, header, now=NOW)


def test_non_ascii_candidate_is_a_mismatch_not_a_crash() -> None:
    with pytest.raises(SignatureError, match="mismatch"):
        verify(SECRET, BODY, "t=1750000000,v1=é", now=NOW)


def test_rotation_sender_signs_with_both_secrets() -> None:
    header = sign(["old", "new"], BODY, now=NOW)
    assert header.count("v1=") == 2
    verify("old", BODY, header, now=NOW)
    verify("new", BODY, header, now=NOW)
    with pytest.raises(SignatureError, match="mismatch"):
        verify("neither", BODY, header, now=NOW)


def test_rotation_receiver_accepts_both_secrets() -> None:
    verify(["new", "old"], BODY, sign("old", BODY, now=NOW), now=NOW)


def test_unknown_schemes_are_ignored() -> None:
    header = sign(SECRET, BODY, now=NOW) + ",v2=future-scheme"
    verify(SECRET, BODY, header, now=NOW)


@pytest.mark.parametrize("secret", ["", [], ["ok", ""]])
def test_empty_secret_is_refused(secret: str | list[str]) -> None:
    with pytest.raises(ValueError, match="non-empty"):
        sign(secret, BODY)
    with pytest.raises(ValueError, match="non-empty"):
        verify(secret, BODY, "t=1,v1=x")
