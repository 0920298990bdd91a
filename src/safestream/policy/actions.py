"""What a policy can ask for, and the request that goes into the outbox."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class ActionKind(StrEnum):
    NUDGE = "nudge"
    RESTRICT_CHAT = "restrict_chat"
    PAUSE_STREAM = "pause_stream"
    END_STREAM = "end_stream"
    END_CALL = "end_call"
    OPEN_CASE = "open_case"
    PRESERVE_EVIDENCE = "preserve_evidence"
    SET_SAMPLING_RATE = "set_sampling_rate"


PROTECTIVE: frozenset[ActionKind] = frozenset(
    {
        ActionKind.NUDGE,
        ActionKind.RESTRICT_CHAT,
        ActionKind.PAUSE_STREAM,
        ActionKind.OPEN_CASE,
        ActionKind.PRESERVE_EVIDENCE,
        ActionKind.SET_SAMPLING_RATE,
    }
)
"""Actions that protect without punishing anyone; the rest end someone's stream or call."""


@dataclass(frozen=True, slots=True)
class ActionRequest:
    """One action a rule asks for on a subject, triggered by one event."""

    kind: ActionKind
    rule_id: str
    subject_id: str
    subject_kind: str
    event_id: str
    params: dict[str, Any] = field(default_factory=dict)
    shadow: bool = False
