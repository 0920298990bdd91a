"""Is the sender family? A context fact that tempers rapport-stage signals, never requests.

Parents, grandparents and aunts ask a child the very questions grooming starts with ("are you
home alone?", "what class are you in now?", "send me a photo of the school play"). On the
platforms SafeStream watches, a relative shows up as an established account whose display
name says what they are to the child ("Mum", "Nana June", "Granny Pat", "Mark (Theo's dad)").
A stranger who wants to pass for family would have to go by "Mum" to a child who knows
their own mother, so the name is a usable cue, and it only ever lowers rapport-stage
evidence: requests to undress, sexual talk, acts for gifts, coercion, threats and extortion
weigh the same from anyone (see :data:`safestream.risk.weights.FAMILY_ORDINARY`).
"""

from __future__ import annotations

import re
from datetime import datetime

from safestream.detect.base import NEW_ACCOUNT_DAYS, AccountFacts

KIN_WORDS = frozenset(
    {
        "mum",
        "mom",
        "mummy",
        "mommy",
        "mam",
        "mammy",
        "mama",
        "momma",
        "mother",
        "dad",
        "daddy",
        "father",
        "papa",
        "nana",
        "nanna",
        "nan",
        "nanny",
        "gran",
        "granny",
        "grandma",
        "grandmother",
        "grammy",
        "grandad",
        "granddad",
        "grandpa",
        "grandfather",
        "gramps",
        "auntie",
        "aunty",
        "aunt",
        "uncle",
        "cousin",
        "abuela",
        "abuelo",
        "nonna",
        "nonno",
        "oma",
        "opa",
        "lola",
        "lolo",
        "tita",
        "tito",
    }
)
"""Words a relative's display name carries; slang that peers and offenders use for anyone
("bro", "sis", "babe", "cuz") is left out."""
_WORD = re.compile(r"[a-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def names_kin(display_name: str | None) -> bool:
    """True when a word of the display name is a family role: "Nana June", "mum_sarah"."""
    if not display_name:
        return False
    words = _WORD.findall(_CAMEL.sub(" ", display_name).lower())
    return any(word in KIN_WORDS for word in words)


def is_family(sender: AccountFacts | None, now: datetime) -> bool:
    """An established adult-or-unknown-age account that goes by a family role.

    New accounts never count (an offender's throwaway can take any name), and neither do
    declared minors: a child's "cousin" account gets the peer rules instead.
    """
    if sender is None or sender.is_minor or not names_kin(sender.display_name):
        return False
    days = sender.account_age_days(now)
    return days is not None and days >= NEW_ACCOUNT_DAYS
