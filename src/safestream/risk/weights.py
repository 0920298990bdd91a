"""How much each category weighs in a subject's risk, and how the context scales a signal.

The weights encode severity: a category at full evidence on its own reaches the level its
weight falls in (see :mod:`safestream.risk.levels`): sextortion and hash matches alone are
critical, explicit requests alone are high, grooming stages alone are medium or low and only
add up to more when they come together.
"""

from __future__ import annotations

from dataclasses import dataclass

from safestream.risk.levels import Level, floor_of
from safestream.signals import Category

C = Category

CATEGORY_WEIGHT: dict[str, float] = {
    C.SEXTORTION: 1.0,
    C.KNOWN_ABUSE_HASH: 1.0,
    C.NUDITY: 0.9,
    C.THREAT: 0.85,
    C.UNDRESS_REQUEST: 0.85,
    C.SEXUAL_TALK: 0.85,
    C.LIKES_FOR_ACTS: 0.8,
    C.CAMERA_DIRECTION: 0.75,
    C.IMAGE_REQUEST: 0.75,
    C.COERCION: 0.75,
    C.CHILD_DISTRESS: 0.7,
    C.MEETING: 0.7,
    C.RECORDED_CAPTURE: 0.7,
    C.AGE_DECEPTION: 0.6,
    C.MASS_CONTACT: 0.6,
    C.OFF_PLATFORM: 0.5,
    C.SECRECY: 0.5,
    C.ISOLATION: 0.5,
    C.STRANGER_SWARM: 0.5,
    C.REACTION_BURST: 0.5,
    C.ISOLATION_PROBE: 0.45,
    C.PERSONAL_INFO: 0.45,
    C.GIFT_OFFER: 0.45,
    C.AGE_PROBE: 0.3,
    C.FLATTERY: 0.25,
    C.MINOR_LIKELY: 0.2,
}
DEFAULT_WEIGHT = 0.5
"""For categories a third-party detector invents."""

CHILD_VOICE: frozenset[str] = frozenset({C.CHILD_DISTRESS})
"""Categories that describe the child's own state, so they count fully when the child speaks."""

TARGET_INDEPENDENT: frozenset[str] = frozenset(
    {C.SEXTORTION, C.KNOWN_ABUSE_HASH, C.CHILD_DISTRESS, C.NUDITY, C.THREAT}
)
"""Harms serious whoever the target is: an unknown age does not discount them."""

GROOMING_STAGES: frozenset[str] = frozenset(
    {
        C.AGE_PROBE,
        C.ISOLATION_PROBE,
        C.PERSONAL_INFO,
        C.FLATTERY,
        C.SECRECY,
        C.ISOLATION,
        C.OFF_PLATFORM,
        C.GIFT_OFFER,
        C.MEETING,
    }
)
"""Rapport-building that children also do with each other every day; requests, threats and
extortion are not in this set, since peers do those too."""
PEER_FACTOR = 0.6
EXPLICIT_REQUESTS: frozenset[str] = frozenset(
    {C.UNDRESS_REQUEST, C.CAMERA_DIRECTION, C.IMAGE_REQUEST, C.LIKES_FOR_ACTS, C.MEETING}
)
"""Asking a child for an act, a picture, undressing, a camera move or a meeting: the moment
protective action is due, whatever came before it."""
SHOWING: frozenset[str] = frozenset({C.IMAGE_REQUEST, C.CAMERA_DIRECTION})
EXPLICIT: frozenset[str] = frozenset({C.UNDRESS_REQUEST, C.SEXUAL_TALK})
PEER_ORDINARY: frozenset[str] = GROOMING_STAGES | {
    C.IMAGE_REQUEST,
    C.RECORDED_CAPTURE,
    C.COERCION,
    C.LIKES_FOR_ACTS,
}
"""What an established child account does with another child every day: rapport, secrets,
plans, "send a pic of ur outfit so we dont match", screen-recording a friend's stream for a
funny edit, pestering ("just do it", "no promises 😈") and the dares friends set each other for
likes. Undressing, sexual talk, threats and extortion count in full from peers too."""
FAMILY_ORDINARY: frozenset[str] = GROOMING_STAGES | {C.IMAGE_REQUEST, C.CAMERA_DIRECTION}
"""What a relative asks a child every day: are you home alone, which class are you in, send me
a photo of the school play, turn the camera to the cake; and what a long-standing account asks
a group in front of everyone (a teacher's "move the camera closer so we can all see", a club's
"send your photos by Friday"). Requests to undress, sexual talk, acts for gifts, coercion,
threats and extortion are not here: they weigh the same from anyone."""

REQUESTS: frozenset[str] = EXPLICIT_REQUESTS | {C.OFF_PLATFORM}
"""Asking the child to do something, go somewhere or show something."""
ALONE_FACTOR = 1.25
"""Requests to a child who has just said no adult is home: the setting of almost every
captured abuse stream."""

HALF_LIFE_SECONDS: dict[str, float] = {
    "stream": 30 * 60,
    "conversation": 24 * 3600,
    "account": 14 * 24 * 3600,
}
"""A live stream calms down in minutes; grooming in private chat spans days; an account's
history spans weeks."""


@dataclass(frozen=True, slots=True)
class Parties:
    """Who says it to whom: the facts about an event's sender and target that weigh its
    signals (see :func:`context_factor` and :func:`hint_only`). Unknown ages stay ``None``."""

    target_minor: bool | None = None
    sender_minor: bool | None = None
    sender_is_target: bool = False
    sender_new_account: bool = False
    sender_stranger: bool = False
    sender_established: bool = False
    sender_family: bool = False
    in_group: bool = False
    target_alone: bool = False


def weight(category: str) -> float:
    return CATEGORY_WEIGHT.get(category, DEFAULT_WEIGHT)


def request_floor(category: str, *, target_minor: bool | None) -> float:
    """The least evidence a confident explicit request to a child counts as.

    Enough for the request alone to make the subject ``high``: a detector sure that a child
    was asked for a picture should not leave the subject at ``medium`` because the earlier
    messages happened to be polite. Zero for everything else.
    """
    if not target_minor or category not in EXPLICIT_REQUESTS:
        return 0.0
    return min(1.0, floor_of(Level.HIGH) / weight(category))


def hint_only(category: str, parties: Parties, alongside: frozenset[str] = frozenset()) -> bool:
    """Whether a signal may only ever be a hint in this subject, however often it repeats.

    Four kinds of words describe ordinary life rather than an approach to a child, so they
    add context without making a category present: the child's own words (a streamer's
    "every 50 likes we do a dare", "our secret 🤝", a declared minor's replies to a known
    adult; their fear still counts in full), what a child account with months of history does
    with other children (:data:`PEER_ORDINARY`; adults posing as children use accounts days or
    weeks old), a relative's everyday questions and requests (:data:`FAMILY_ORDINARY`), and
    the same requests from a long-standing account said to a group conversation in front of
    everyone (``in_group``), where a teacher, coach or club runs things; offenders single a
    child out, with new accounts. ``alongside`` names the categories the same message shows: a
    photo asked for together with undressing or sexual talk is never ordinary.
    """
    if category in CHILD_VOICE:
        return False
    if category in SHOWING and alongside & EXPLICIT:
        return False
    if parties.sender_is_target or (parties.sender_minor and parties.target_minor is False):
        return True
    if parties.sender_minor and parties.sender_established and category in PEER_ORDINARY:
        return True
    if parties.in_group and parties.sender_established and category in FAMILY_ORDINARY:
        return True
    return parties.sender_family and category in FAMILY_ORDINARY


def context_factor(category: str, parties: Parties) -> float:
    """Scale a signal by who says it to whom.

    The same words weigh most when a declared minor is the target and the sender is a new
    account or a stranger; they weigh less when the target is an adult or the sender's account
    is established (its rapport is a friend's or a parent's), and a child's own words about
    themselves are not grooming by the child. Requests weigh more once the child has said no
    adult is home.
    """
    if category in CHILD_VOICE:
        return 1.0 if parties.sender_is_target or parties.sender_minor is not False else 0.6
    if parties.sender_is_target:
        return 0.5
    alone = ALONE_FACTOR if parties.target_alone and category in REQUESTS else 1.0
    if parties.target_minor is False:
        return alone * (0.8 if category in TARGET_INDEPENDENT else 0.4)
    factor = alone * (1.0 if parties.target_minor or category in TARGET_INDEPENDENT else 0.85)
    if parties.sender_established and category in GROOMING_STAGES:
        # Two established child accounts sharing secrets and plans is childhood, and a parent's,
        # teacher's or babysitter's long-standing account asks where the child is all the
        # time; a younger account that merely declares a child's age (how adults pose as peers)
        # gets no such discount.
        return factor * PEER_FACTOR
    if parties.sender_new_account or parties.sender_stranger:
        factor *= 1.15
    return factor
