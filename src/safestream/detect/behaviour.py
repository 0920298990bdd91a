"""Behaviour detectors: what the pattern of events shows, beyond any one message's words.

- ``likes_for_acts``: reactions (likes, gifts, follows) that follow a request in a minor's stream
  within seconds: the "game" where acts are traded for likes or gifts. Coded requests that no
  word list knows still show as a viewer who pays right after each of his own messages.
- ``stranger_swarm``: new accounts joining a minor's stream in a burst.
- ``recorded_capture``: the client saw a screen recording or capture of a minor's stream.
- ``mass_contact``: one account messaging many different minors privately.
- ``age_deception``: an age claimed in chat, or declared on a profile, that the account's
  other facts (its declared age, the platform's age check) contradict.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from safestream.detect.base import ADULT_AGE, NEW_ACCOUNT_DAYS, AccountFacts, DetectionContext
from safestream.events import (
    AccountProfile,
    ChatMessage,
    Event,
    Reaction,
    RecordAttempt,
    ViewerJoin,
)
from safestream.signals import Category, Evidence, Signal, TextSpan

REQUEST_CATEGORIES = frozenset(
    {
        Category.LIKES_FOR_ACTS,
        Category.UNDRESS_REQUEST,
        Category.CAMERA_DIRECTION,
        Category.IMAGE_REQUEST,
        Category.GIFT_OFFER,
        Category.COERCION,
        Category.SEXUAL_TALK,
    }
)
REQUEST_WINDOW = timedelta(seconds=120)
PAID_MESSAGE_WINDOW = timedelta(seconds=30)
PAID_MESSAGES_TO_FLAG = 3
SWARM_WINDOW = timedelta(minutes=10)
SWARM_MIN_NEW_ACCOUNTS = 5
MASS_CONTACT_MINORS = 5
AGE_GAP_YEARS = 4

_AGE_CLAIM = re.compile(
    r"\b(?:i'?m|i am|im|me)\s+(?:only\s+|just\s+|also\s+)?(\d{1,2})\b(?!\s*(?:min|mins|minutes|"
    r"hours|h|%|percent|dollars|bucks|lbs|kg|cm|times|x))",
    re.IGNORECASE,
)


def _minor_or_unknown(facts: AccountFacts | None) -> bool:
    return facts is None or facts.is_minor is not False


def _new_or_unknown(facts: AccountFacts | None, now: datetime) -> bool:
    days = facts.account_age_days(now) if facts else None
    return days is None or days < NEW_ACCOUNT_DAYS


def _claimed_age(text: str) -> tuple[int, re.Match[str]] | None:
    match = _AGE_CLAIM.search(text)
    if match is None:
        return None
    age = int(match.group(1))
    return (age, match) if 5 <= age <= 99 else None


class BehaviourDetector:
    name = "behaviour"
    version = "1.0.0"
    event_types = frozenset(
        {"reaction", "viewer.join", "record.attempt", "chat.message", "account.profile"}
    )

    def detect(self, event: Event, context: DetectionContext) -> list[Signal]:
        if isinstance(event, Reaction):
            return self._reaction(event, context)
        if isinstance(event, ViewerJoin):
            return self._swarm(event, context)
        if isinstance(event, RecordAttempt):
            return self._capture(event, context)
        if isinstance(event, ChatMessage):
            return self._chat(event, context)
        if isinstance(event, AccountProfile):
            return self._profile(event)
        return []

    def _signal(self, category: Category, score: float, evidence: Evidence) -> Signal:
        return Signal(self.name, self.version, category, min(1.0, score), evidence)

    def _reaction(self, event: Reaction, context: DetectionContext) -> list[Signal]:
        if event.sender_id == (context.target.account_id if context.target else None):
            return []
        if not _minor_or_unknown(context.target):
            return []
        since = event.ts - REQUEST_WINDOW
        requests = [
            m
            for m in context.history
            if m.ts >= since
            and m.categories & REQUEST_CATEGORIES
            and m.sender_id != (context.target.account_id if context.target else None)
        ]
        if requests:
            last = requests[-1]
            # A new or unknown account paying for its own request is the game itself, and
            # another one joining in is likely part of it. Offenders come on fresh accounts;
            # an established account's like after a message that merely resembled a request
            # (an aunt asking to see the costume) is only a hint.
            fresh = _new_or_unknown(context.sender, event.ts)
            if last.sender_id == event.sender_id:
                score = 0.8 if fresh else 0.45
            else:
                score = 0.65 if fresh else 0.4
            score += 0.1 if event.kind == "gift" else 0.0
            gap = int((event.ts - last.ts).total_seconds())
            note = f"{event.count} {event.kind}(s) within {gap} s of a request"
            return [
                self._signal(
                    Category.LIKES_FOR_ACTS,
                    score,
                    Evidence((last.event_id, event.id), note=note),
                )
            ]
        if event.kind != "gift":
            return []
        return self._paid_messages(event, context)

    def _paid_messages(self, event: Reaction, context: DetectionContext) -> list[Signal]:
        """A viewer who gifts right after each of his own messages: dares paid per message."""
        own = [m for m in context.history if m.sender_id == event.sender_id]
        gifts = [
            a
            for a in context.activity
            if a.type == "reaction" and a.kind == "gift" and a.actor_id == event.sender_id
        ]
        paid = [
            m
            for m in own
            if any(m.ts <= g.ts <= m.ts + PAID_MESSAGE_WINDOW for g in gifts)
            or m.ts <= event.ts <= m.ts + PAID_MESSAGE_WINDOW
        ]
        if len(paid) < PAID_MESSAGES_TO_FLAG:
            return []
        score = min(0.75, 0.45 + 0.05 * len(paid))
        ids = (*tuple(m.event_id for m in paid[-5:]), event.id)
        note = f"gifts followed {len(paid)} of this viewer's messages within seconds"
        return [self._signal(Category.LIKES_FOR_ACTS, score, Evidence(ids, note=note))]

    def _swarm(self, event: ViewerJoin, context: DetectionContext) -> list[Signal]:
        if context.target is None or context.target.is_minor is not True:
            return []
        new_account = (
            context.sender is not None
            and context.sender.created_at is not None
            and ((event.ts - context.sender.created_at) < timedelta(days=7))
        )
        if not new_account:
            return []
        since = event.ts - SWARM_WINDOW
        joins = [
            a
            for a in context.activity
            if a.type == "viewer.join" and a.ts >= since and a.actor_new_account
        ]
        count = len({a.actor_id for a in joins} | {event.account_id})
        if count < SWARM_MIN_NEW_ACCOUNTS:
            return []
        score = min(0.9, 0.5 + 0.05 * (count - SWARM_MIN_NEW_ACCOUNTS))
        ids = (*tuple(a.event_id for a in joins[-10:]), event.id)
        note = (
            f"{count} new accounts joined a minor's stream within {SWARM_WINDOW.seconds // 60} min"
        )
        return [self._signal(Category.STRANGER_SWARM, score, Evidence(ids, note=note))]

    def _capture(self, event: RecordAttempt, context: DetectionContext) -> list[Signal]:
        minor = context.target.is_minor if context.target else None
        if minor is False:
            return []
        score = 0.9 if minor else 0.6
        note = "screen capture of a minor's stream" if minor else "screen capture of a stream"
        return [self._signal(Category.RECORDED_CAPTURE, score, Evidence((event.id,), note=note))]

    def _chat(self, event: ChatMessage, context: DetectionContext) -> list[Signal]:
        out = []
        if context.sender_minor_contacts >= MASS_CONTACT_MINORS:
            n = context.sender_minor_contacts
            score = min(0.9, 0.55 + 0.05 * (n - MASS_CONTACT_MINORS))
            note = f"this account has messaged {n} different minors privately"
            out.append(self._signal(Category.MASS_CONTACT, score, Evidence((event.id,), note=note)))
        claim = _claimed_age(event.text)
        sender = context.sender
        if claim is None or sender is None:
            return out
        age, match = claim
        known = sender.assurance_age if sender.assurance_age is not None else sender.declared_age
        adult_by_check = sender.assurance_result == "adult"
        contradicted = (age < ADULT_AGE and adult_by_check) or (
            known is not None and abs(known - age) >= AGE_GAP_YEARS
        )
        if not contradicted:
            return out
        span = TextSpan(match.start(), match.end(), event.text[match.start() : match.end()])
        facts = "age check says adult" if adult_by_check else f"account says {known}"
        out.append(
            self._signal(
                Category.AGE_DECEPTION,
                0.8 if age < ADULT_AGE else 0.6,
                Evidence((event.id,), spans=(span,), note=f"claims {age}; {facts}"),
            )
        )
        return out

    def _profile(self, event: AccountProfile) -> list[Signal]:
        check = event.age_assurance
        declared = event.declared_age
        if check is None or declared is None:
            return []
        if declared < ADULT_AGE and check.result == "adult":
            note = f"declares {declared}; the platform's age check ({check.method}) says adult"
            return [self._signal(Category.AGE_DECEPTION, 0.85, Evidence((event.id,), note=note))]
        return []
