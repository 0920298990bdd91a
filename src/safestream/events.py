"""The wire contract: every event a platform sends, validated with Pydantic.

Validation is strict on purpose: an event that is silently half-understood is worse than one
rejected with a message that names the field, because detection quietly degrades on it.
Platform-specific extras belong in ``meta``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    TypeAdapter,
    ValidationError,
    model_validator,
)

MAX_TEXT_CHARS = 4_000
"""Longest chat message or report text accepted; platforms cap chat far below this."""
MAX_ID_CHARS = 200
MAX_IMAGE_B64_CHARS = 14_000_000
"""About 10 MB of decoded image: a frame snapshot, never a video."""
MAX_META_CHARS = 4_000
MAX_EVENT_BYTES = 15_000_000
"""Largest single serialized event (a frame with its image) accepted on the wire."""

Id = Annotated[str, Field(min_length=1, max_length=MAX_ID_CHARS)]
SubjectKind = Literal["stream", "conversation", "account"]


class _Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=False)

    id: Id
    ts: AwareDatetime
    meta: dict[str, Any] | None = None

    @model_validator(mode="after")
    def _meta_is_small(self) -> _Event:
        if self.meta is not None and len(json.dumps(self.meta, default=str)) > MAX_META_CHARS:
            raise ValueError(f"meta is larger than {MAX_META_CHARS} characters")
        return self

    @property
    def subject_id(self) -> str:
        """The stream, conversation or account this event belongs to, for ordering."""
        raise NotImplementedError

    @property
    def subject_kind(self) -> SubjectKind:
        """Which kind of subject :attr:`subject_id` names: risk is kept per kind and id."""
        return "stream"

    @property
    def actor_id(self) -> str | None:
        """The account that did what the event records (none for calls and frames)."""
        return None


class AgeAssurance(BaseModel):
    """The platform's own age check: how it was done and what it concluded."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    method: Annotated[str, Field(min_length=1, max_length=64)]
    result: Literal["minor", "adult", "unknown"]
    estimated_age: Annotated[int, Field(ge=0, le=130)] | None = None


class AccountProfile(_Event):
    type: Literal["account.profile"]
    account_id: Id
    created_at: AwareDatetime
    declared_age: Annotated[int, Field(ge=0, le=130)] | None = None
    age_assurance: AgeAssurance | None = None
    display_name: Annotated[str, Field(max_length=200)] | None = None

    @property
    def subject_id(self) -> str:
        return self.account_id

    @property
    def subject_kind(self) -> SubjectKind:
        return "account"

    @property
    def actor_id(self) -> str:
        return self.account_id


class _StreamAccountEvent(_Event):
    stream_id: Id
    account_id: Id

    @property
    def subject_id(self) -> str:
        return self.stream_id

    @property
    def actor_id(self) -> str:
        return self.account_id


class StreamStart(_StreamAccountEvent):
    type: Literal["stream.start"]


class StreamEnd(_StreamAccountEvent):
    type: Literal["stream.end"]


class ViewerJoin(_StreamAccountEvent):
    type: Literal["viewer.join"]


class ViewerLeave(_StreamAccountEvent):
    type: Literal["viewer.leave"]


class RecordAttempt(_StreamAccountEvent):
    type: Literal["record.attempt"]


class _CallEvent(_Event):
    conversation_id: Id
    participants: Annotated[list[Id], Field(min_length=1, max_length=64)]

    @property
    def subject_id(self) -> str:
        return self.conversation_id

    @property
    def subject_kind(self) -> SubjectKind:
        return "conversation"


class CallStart(_CallEvent):
    type: Literal["call.start"]


class CallEnd(_CallEvent):
    type: Literal["call.end"]


class _StreamOrConversation(_Event):
    stream_id: Id | None = None
    conversation_id: Id | None = None

    @model_validator(mode="after")
    def _exactly_one_subject(self) -> _StreamOrConversation:
        if (self.stream_id is None) == (self.conversation_id is None):
            raise ValueError("give exactly one of stream_id or conversation_id")
        return self

    @property
    def subject_id(self) -> str:
        return self.stream_id or self.conversation_id or ""

    @property
    def subject_kind(self) -> SubjectKind:
        return "stream" if self.stream_id is not None else "conversation"


class ChatMessage(_StreamOrConversation):
    type: Literal["chat.message"]
    sender_id: Id
    text: Annotated[str, Field(min_length=1, max_length=MAX_TEXT_CHARS)]
    recipient_id: Id | None = None

    @property
    def actor_id(self) -> str:
        return self.sender_id


class Frame(_StreamOrConversation):
    """A snapshot of a stream or video call.

    The image comes as base64 (``image``), as a file path (``image_url``, embedded mode only),
    or not at all when the platform hashed it on the device (``pdq`` alone). SafeStream keeps
    the hash and what its detectors say, not the picture: see :mod:`safestream.frames`.
    """

    type: Literal["frame"]
    image: Annotated[str, Field(min_length=1, max_length=MAX_IMAGE_B64_CHARS)] | None = None
    image_url: Annotated[str, Field(min_length=1, max_length=4096)] | None = None
    pdq: Annotated[str, Field(pattern=r"^[0-9a-fA-F]{64}$")] | None = None
    pdq_quality: Annotated[int, Field(ge=0, le=100)] | None = None

    @model_validator(mode="after")
    def _has_one_image(self) -> Frame:
        if self.image is not None and self.image_url is not None:
            raise ValueError("give one of image (base64) or image_url, not both")
        if self.image is None and self.image_url is None and self.pdq is None:
            raise ValueError("give image (base64), image_url, or the pdq hashed on the device")
        if self.pdq_quality is not None and self.pdq is None:
            raise ValueError("pdq_quality needs pdq")
        return self


class Reaction(_Event):
    type: Literal["reaction"]
    stream_id: Id
    sender_id: Id
    kind: Literal["like", "gift", "follow"]
    count: Annotated[int, Field(ge=1, le=1_000_000)] = 1
    value: Annotated[float, Field(ge=0, le=1_000_000)] | None = None

    @property
    def subject_id(self) -> str:
        return self.stream_id

    @property
    def actor_id(self) -> str:
        return self.sender_id


class UserReport(_Event):
    type: Literal["user.report"]
    reporter_id: Id
    reason: Annotated[str, Field(min_length=1, max_length=200)]
    text: Annotated[str, Field(max_length=MAX_TEXT_CHARS)] = ""
    stream_id: Id | None = None
    conversation_id: Id | None = None
    account_id: Id | None = None

    @model_validator(mode="after")
    def _names_a_subject(self) -> UserReport:
        if self.stream_id is None and self.conversation_id is None and self.account_id is None:
            raise ValueError("name the reported subject: stream_id, conversation_id or account_id")
        return self

    @property
    def subject_id(self) -> str:
        return self.stream_id or self.conversation_id or self.account_id or ""

    @property
    def subject_kind(self) -> SubjectKind:
        if self.stream_id:
            return "stream"
        return "conversation" if self.conversation_id else "account"

    @property
    def actor_id(self) -> str:
        return self.reporter_id


Event = Annotated[
    AccountProfile
    | StreamStart
    | StreamEnd
    | CallStart
    | CallEnd
    | ChatMessage
    | Reaction
    | ViewerJoin
    | ViewerLeave
    | Frame
    | RecordAttempt
    | UserReport,
    Field(discriminator="type"),
]

EVENT_TYPES: tuple[str, ...] = (
    "account.profile",
    "stream.start",
    "stream.end",
    "call.start",
    "call.end",
    "chat.message",
    "reaction",
    "viewer.join",
    "viewer.leave",
    "frame",
    "record.attempt",
    "user.report",
)

_ADAPTER: TypeAdapter[Event] = TypeAdapter(Event)


@dataclass(frozen=True, slots=True)
class FieldError:
    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.field}: {self.problem}"


class EventValidationError(ValueError):
    """An event that does not meet the wire contract, with every problem named."""

    def __init__(self, event_id: str | None, errors: list[FieldError]) -> None:
        self.event_id = event_id
        self.errors = errors
        who = f"event {event_id!r}" if event_id else "event without an id"
        super().__init__(f"{who}: " + "; ".join(str(e) for e in errors))


def _raw_id(raw: Any) -> str | None:
    if isinstance(raw, dict):
        value = raw.get("id")
        if isinstance(value, str) and 0 < len(value) <= MAX_ID_CHARS:
            return value
    return None


def _field_errors(exc: ValidationError) -> list[FieldError]:
    out = []
    for err in exc.errors(include_url=False):
        # Drop the union tag (the event type) from the location: the type is already known.
        loc = [str(p) for p in err["loc"] if str(p) not in EVENT_TYPES]
        out.append(FieldError(".".join(loc) or "event", err["msg"]))
    return out


def parse_event(raw: Any) -> Event:
    """Validate one decoded JSON value as an event, or raise :class:`EventValidationError`."""
    event_id = _raw_id(raw)
    if not isinstance(raw, dict):
        raise EventValidationError(None, [FieldError("event", "must be a JSON object")])
    kind = raw.get("type")
    if kind is None:
        raise EventValidationError(event_id, [FieldError("type", "field required")])
    if kind not in EVENT_TYPES:
        problem = f"unknown event type {kind!r}; expected one of {', '.join(EVENT_TYPES)}"
        raise EventValidationError(event_id, [FieldError("type", problem)])
    try:
        return _ADAPTER.validate_python(raw)
    except ValidationError as exc:
        raise EventValidationError(event_id, _field_errors(exc)) from None


def event_json_schema() -> dict[str, Any]:
    """JSON Schema of one event, for the OpenAPI document."""
    return _ADAPTER.json_schema()
