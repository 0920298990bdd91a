"""Does a child say they are alone at home? A context fact, not a risk category.

A child telling a friend "im home alone til 6" is ordinary; what matters is what comes next.
So the statement raises nothing by itself: the pipeline remembers it on the subject, and for a
while afterwards requests to that child weigh more and policy rules can test ``target_alone``.
96 % of captured abuse streams showed a child alone at home.
"""

from __future__ import annotations

import re

from safestream.detect.text.normalize import Normalizer
from safestream.detect.text.patterns import VOCABULARY

_CARER = (
    r"(?:my\s+)?(?:parents|mum|mom|mummy|mommy|dad|daddy|mum\s+and\s+dad|mom\s+and\s+dad|"
    r"dad\s+and\s+(?:mum|mom)|family|folks|grandma|nan|nanna|granny|babysitter|carer)"
)
_AWAY = (
    r"(?:are|is|r|s)?\s*(?:out|away|gone|at\s+work|working|at\s+the\s+shops?|"
    r"not\s+(?:home|here|back)|wont\s+be\s+(?:home|back)|left|asleep|sleeping)"
)
_SAYS_ALONE = re.compile(
    r"\b(?:"
    rf"(?:home|house)\s+(?:all\s+)?alone|alone\s+(?:at\s+)?(?:home|in\s+the\s+house)|"
    r"(?:nobody|no\s+one|noone|no1)\s*(?:is|s|else\s+is|else)?\s*(?:home|here|in)\b|"
    r"(?:just|only)\s+me\s+(?:here|home|in\s+the\s+house|at\s+home|tonight|rn|right\s+now)|"
    r"(?:by\s+myself|on\s+my\s+own)\s+(?:at\s+home|tonight|rn|right\s+now|till|til|until)|"
    rf"{_CARER}\s+{_AWAY}"
    r")"
)
_DENIES = re.compile(
    r"\b(?:are|r)\s+(?:u|you|ya)\b|"  # a question to someone else, not a statement
    r"\b(?:not|never|isnt|arent|wasnt|dont|cant|wont)\s+(?:\w+\s+){0,2}"
    r"(?:home\s+alone|alone|out|away|gone|at\s+work)"
    r"|\b(?:nobody|no\s+one)\s+(?:\w+\s+){0,2}(?:leaves|left)\s+me"
)


class AloneStatement:
    """Recognises a child's own words that they are at home without a carer."""

    def __init__(self) -> None:
        self._normalize = Normalizer(VOCABULARY)

    def says_alone(self, text: str) -> bool:
        """True for "im home alone", "nobodys home til 8", "mum and dad are at work"."""
        norm = self._normalize(text).text
        return _SAYS_ALONE.search(norm) is not None and _DENIES.search(norm) is None
