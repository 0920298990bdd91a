"""Is the sender family? A context fact that tempers rapport-stage signals, never requests.

Parents, grandparents and aunts ask a child the very questions grooming starts with ("are you
home alone?", "what class are you in now?", "send me a photo of the school play"). Two cues
say a sender is family, and the child gives the stronger one:

- the child calls them by a family role ("hi nana i can hear u", "love u grandad", "ok mum"):
  an offender can claim to be anyone, but cannot make a child greet them as their gran;
- an established account whose display name gives the role ("Mum", "Nana June", "Mark
  (Theo's dad)"): a stranger would have to go by "Mum" to a child who knows their mother.

Either only ever lowers rapport-stage evidence: requests to undress, sexual talk, acts for
gifts, coercion, threats and extortion weigh the same from anyone (see
:data:`safestream.risk.weights.FAMILY_ORDINARY`).
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
GREETINGS = frozenset(
    {
        "hi",
        "hii",
        "hey",
        "heyy",
        "hello",
        "hiya",
        "ok",
        "okay",
        "k",
        "yes",
        "yeah",
        "ya",
        "yep",
        "no",
        "nah",
        "thanks",
        "thank",
        "thx",
        "ty",
        "love",
        "luv",
        "you",
        "u",
        "night",
        "goodnight",
        "morning",
        "bye",
        "sorry",
        "omg",
        "ugh",
        "please",
        "pls",
        "dear",
        "dearest",
    }
)
"""Words that come before a name when a child greets, thanks or answers someone."""
NOT_VOCATIVE_AFTER = frozenset(
    {
        "is",
        "isnt",
        "s",
        "was",
        "wasnt",
        "are",
        "says",
        "said",
        "will",
        "wont",
        "would",
        "has",
        "had",
        "wants",
        "told",
        "thinks",
        "and",
        "just",
        "gets",
        "got",
        "can",
        "cant",
        "does",
        "doesnt",
        "did",
        "didnt",
        "went",
        "goes",
        "left",
        "needs",
        "made",
        "makes",
        "let",
        "lets",
        "asked",
        "asks",
        "knows",
        "took",
        "keeps",
        "never",
        "always",
        "still",
        "works",
        "gonna",
    }
)
"""A family word followed by a verb is someone talked about ("mum says no"), not addressed."""
NOT_VOCATIVE_BEFORE = frozenset(
    {
        "my",
        "your",
        "ur",
        "his",
        "her",
        "their",
        "our",
        "the",
        "a",
        "to",
        "with",
        "ask",
        "tell",
        "from",
        "for",
        "at",
        "of",
        "like",
        "and",
        "by",
        "about",
        "call",
        "text",
        "ring",
        "only",
        "just",
        "me",
        "n",
        "or",
        "both",
        "not",
        "than",
        "without",
        "except",
    }
)
"""A family word after these ends a sentence about someone ("i told my mum")."""
SIGN_OFF = frozenset({"x", "xx", "xxx", "xo", "xoxo", "lol", "haha"})
_WORD = re.compile(r"[a-z]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def names_kin(display_name: str | None) -> bool:
    """True when a word of the display name is a family role: "Nana June", "mum_sarah"."""
    if not display_name:
        return False
    words = _WORD.findall(_CAMEL.sub(" ", display_name).lower())
    return any(word in KIN_WORDS for word in words)


def addresses_kin(text: str) -> bool:
    """True when the text calls its reader by a family role: "HI NANA", "love u grandad"."""
    words = _WORD.findall(text.lower())
    while words and words[-1] in SIGN_OFF:
        words.pop()
    start = 0
    while start < min(len(words), 3) and words[start] in GREETINGS:
        start += 1
    if start < len(words) and words[start] in KIN_WORDS and len(words) > 1:
        # A bare "mum" may answer "who's home?": only a greeting or more words make it a name.
        following = words[start + 1] if start + 1 < len(words) else ""
        if following not in NOT_VOCATIVE_AFTER:
            return True
    if len(words) >= 2 and words[-1] in KIN_WORDS:
        return words[-2] not in NOT_VOCATIVE_BEFORE
    return False


def is_family(sender: AccountFacts | None, now: datetime) -> bool:
    """An established adult-or-unknown-age account that goes by a family role.

    New accounts never count (an offender's throwaway can take any name), and neither do
    declared minors: a child's "cousin" account gets the peer rules instead.
    """
    if sender is None or sender.is_minor or not names_kin(sender.display_name):
        return False
    days = sender.account_age_days(now)
    return days is not None and days >= NEW_ACCOUNT_DAYS
