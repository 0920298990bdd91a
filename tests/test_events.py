"""The wire contract: every type parses, and bad input is rejected with the field named."""

from __future__ import annotations

from typing import Any

import pytest

from safestream.events import (
    EVENT_TYPES,
    MAX_TEXT_CHARS,
    ChatMessage,
    EventValidationError,
    parse_event,
)

TS = "2026-11-20T17:00:00Z"

VALID: list[dict[str, Any]] = [
    {
        "type": "account.profile",
        "account_id": "a",
        "created_at": TS,
        "declared_age": 12,
        "age_assurance": {"method": "facial_estimation", "result": "minor", "estimated_age": 12},
        "display_name": "mia",
    },
    {"type": "stream.start", "stream_id": "s", "account_id": "a"},
    {"type": "stream.end", "stream_id": "s", "account_id": "a"},
    {"type": "call.start", "conversation_id": "c", "participants": ["a", "b"]},
    {"type": "call.end", "conversation_id": "c", "participants": ["a", "b"]},
    {"type": "chat.message", "stream_id": "s", "sender_id": "b", "text": "hello"},
    {
        "type": "chat.message",
        "conversation_id": "c",
        "sender_id": "b",
        "recipient_id": "a",
        "text": "hello",
    },
    {
        "type": "reaction",
        "stream_id": "s",
        "sender_id": "b",
        "kind": "gift",
        "count": 3,
        "value": 4.5,
    },
    {"type": "viewer.join", "stream_id": "s", "account_id": "b"},
    {"type": "viewer.leave", "stream_id": "s", "account_id": "b"},
    {"type": "frame", "stream_id": "s", "image": "aGVsbG8=", "pdq": "0" * 64},
    {"type": "frame", "conversation_id": "c", "image_url": "/tmp/f.png"},
    {"type": "frame", "stream_id": "s", "pdq": "f" * 64, "pdq_quality": 90},
    {"type": "record.attempt", "stream_id": "s", "account_id": "b"},
    {
        "type": "user.report",
        "reporter_id": "a",
        "account_id": "b",
        "reason": "harassment",
        "text": "they keep asking where I live",
    },
]


def _event(body: dict[str, Any], event_id: str = "e1") -> dict[str, Any]:
    return {"id": event_id, "ts": TS, **body}


def test_every_type_in_the_contract_has_a_valid_example() -> None:
    assert {v["type"] for v in VALID} == set(EVENT_TYPES)


@pytest.mark.parametrize("body", VALID, ids=lambda b: b["type"])
def test_valid_events_parse(body: dict[str, Any]) -> None:
    event = parse_event(_event(body))
    assert event.type == body["type"]
    assert event.id == "e1"
    assert event.subject_id


# (subject kind, subject id, actor) of each VALID example, in order: risk state is kept per
# subject, and what an event says about its actor goes to that account.
SUBJECTS = [
    ("account", "a", "a"),
    ("stream", "s", "a"),
    ("stream", "s", "a"),
    ("conversation", "c", None),
    ("conversation", "c", None),
    ("stream", "s", "b"),
    ("conversation", "c", "b"),
    ("stream", "s", "b"),
    ("stream", "s", "b"),
    ("stream", "s", "b"),
    ("stream", "s", None),
    ("conversation", "c", None),
    ("stream", "s", None),
    ("stream", "s", "b"),
    ("account", "b", "a"),
]


@pytest.mark.parametrize(("body", "expected"), list(zip(VALID, SUBJECTS, strict=True)))
def test_every_event_names_its_subject_and_actor(
    body: dict[str, Any], expected: tuple[str, str, str | None]
) -> None:
    event = parse_event(_event(body))
    assert (event.subject_kind, event.subject_id, event.actor_id) == expected


@pytest.mark.parametrize(
    ("subject", "kind"),
    [({"stream_id": "s"}, "stream"), ({"conversation_id": "c"}, "conversation")],
)
def test_a_report_is_about_the_subject_it_names(subject: dict[str, str], kind: str) -> None:
    body = {"type": "user.report", "reporter_id": "a", "reason": "spam", **subject}
    event = parse_event(_event(body))
    assert (event.subject_kind, event.actor_id) == (kind, "a")


def _errors(raw: Any) -> EventValidationError:
    with pytest.raises(EventValidationError) as info:
        parse_event(raw)
    return info.value


def test_unknown_type_names_the_type_and_the_choices() -> None:
    err = _errors(_event({"type": "chat.whisper", "stream_id": "s"}))
    assert err.event_id == "e1"
    assert err.errors[0].field == "type"
    assert "unknown event type 'chat.whisper'" in err.errors[0].problem
    assert "chat.message" in err.errors[0].problem


def test_missing_type() -> None:
    err = _errors({"id": "e9", "ts": TS})
    assert [e.field for e in err.errors] == ["type"]


def test_wrong_type_names_field() -> None:
    err = _errors(_event({"type": "chat.message", "stream_id": "s", "sender_id": 42, "text": "hi"}))
    assert [e.field for e in err.errors] == ["sender_id"]
    assert "string" in err.errors[0].problem


def test_missing_field_names_field() -> None:
    err = _errors(_event({"type": "reaction", "stream_id": "s", "kind": "like"}))
    assert [e.field for e in err.errors] == ["sender_id"]


def test_unknown_field_is_rejected_by_name() -> None:
    err = _errors(_event({"type": "viewer.join", "stream_id": "s", "account_id": "b", "colour": 1}))
    assert [e.field for e in err.errors] == ["colour"]


def test_naive_timestamp_is_rejected() -> None:
    err = _errors(
        {
            "id": "e1",
            "ts": "2026-11-20T17:00:00",
            "type": "stream.start",
            "stream_id": "s",
            "account_id": "a",
        }
    )
    assert [e.field for e in err.errors] == ["ts"]


def test_text_over_limit_is_rejected() -> None:
    err = _errors(
        _event(
            {
                "type": "chat.message",
                "stream_id": "s",
                "sender_id": "b",
                "text": "x" * (MAX_TEXT_CHARS + 1),
            }
        )
    )
    assert err.errors[0].field == "text"
    assert str(MAX_TEXT_CHARS) in err.errors[0].problem


def test_text_at_limit_is_accepted() -> None:
    event = parse_event(
        _event(
            {
                "type": "chat.message",
                "stream_id": "s",
                "sender_id": "b",
                "text": "x" * MAX_TEXT_CHARS,
            }
        )
    )
    assert isinstance(event, ChatMessage)


@pytest.mark.parametrize(
    "body",
    [
        {"type": "chat.message", "sender_id": "b", "text": "hi"},
        {
            "type": "chat.message",
            "stream_id": "s",
            "conversation_id": "c",
            "sender_id": "b",
            "text": "hi",
        },
    ],
)
def test_chat_needs_exactly_one_subject(body: dict[str, Any]) -> None:
    err = _errors(_event(body))
    assert "exactly one of stream_id or conversation_id" in str(err)


def test_frame_needs_an_image() -> None:
    assert "give image (base64), image_url, or the pdq" in str(
        _errors(_event({"type": "frame", "stream_id": "s"}))
    )
    both = {"type": "frame", "stream_id": "s", "image": "aGVsbG8=", "image_url": "/x.png"}
    assert "not both" in str(_errors(_event(both)))
    assert "pdq_quality needs pdq" in str(
        _errors(_event({"type": "frame", "stream_id": "s", "image": "aGVsbG8=", "pdq_quality": 80}))
    )


def test_bad_pdq_hash() -> None:
    err = _errors(_event({"type": "frame", "stream_id": "s", "image_url": "/x.png", "pdq": "zz"}))
    assert [e.field for e in err.errors] == ["pdq"]


def test_report_names_a_subject() -> None:
    err = _errors(_event({"type": "user.report", "reporter_id": "a", "reason": "spam"}))
    assert "name the reported subject" in str(err)


@pytest.mark.parametrize("raw", [None, 3, "text", ["a"]])
def test_non_objects_are_rejected(raw: Any) -> None:
    err = _errors(raw)
    assert err.event_id is None
    assert err.errors[0].problem == "must be a JSON object"


def test_oversized_meta_is_rejected() -> None:
    err = _errors(
        _event(
            {
                "type": "stream.start",
                "stream_id": "s",
                "account_id": "a",
                "meta": {"blob": "x" * 10_000},
            }
        )
    )
    assert "meta is larger" in str(err)


def test_error_message_names_event_and_every_problem() -> None:
    err = _errors(
        _event({"type": "reaction", "stream_id": 1, "sender_id": "b", "kind": "hug"}, "r-7")
    )
    text = str(err)
    assert text.startswith("event 'r-7':")
    assert "stream_id:" in text
    assert "kind:" in text
