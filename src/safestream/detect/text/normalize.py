"""Chat text to a canonical lower-case form for matching, with offsets back to the original.

People who groom children write to get past filters: ``s e n d  p i c s``, ``a1one``,
Cyrillic look-alike letters, zero-width characters, emoji for words. Patterns are written once
against the canonical form; every rewrite step records its edits, so that a match can be traced
back and evidence quotes exactly the characters the sender typed.

Most messages are plain ASCII with nothing to undo, so each step first checks cheaply whether
it has anything to do, and tracing back happens only for the rare message that matches.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import lru_cache
from typing import NamedTuple

from safestream.signals import TextSpan

_INVISIBLE = (
    "\u00ad\u034f\u061c\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"
)
_HOMOGLYPHS = {
    # Cyrillic and Greek letters that render like Latin ones, lower and upper case.
    **dict(zip("аеорсхуіјѕԁһӏкмнтвѵԛԝ", "aeopcxyijsdhlkmhtbvqw", strict=True)),
    **dict(zip("АЕОРСХУІЈЅКМНТВ", "aeopcxyijskmhtb", strict=True)),
    **dict(zip("οαεικνρτυχωβηςμ", "oaeiknptuxwbnsu", strict=True)),
    **dict(zip("ΟΑΕΙΚΝΡΤΥΧΒΗΖΜ", "oaeiknptyxbhzm", strict=True)),
    "ı": "i",
    "ł": "l",
    "ø": "o",
    "đ": "d",
    "ß": "ss",
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "\u2032": "'",
}
_EMOJI_WORDS = {
    "clothes": "👗👕👚👖👙🩱🩲🩳👘🥻",
    "camera": "📷",
    "pics": "📸🖼",
    "video": "📹🎥",
    "secret": "🤫🤐",
    "gift": "🎁",
    "crying": "😢😭😿",
    "scared": "😨😰😱😟",
    "please": "🥺🙏",
    "lock": "🔒🔐",
    "bathroom": "🛁🚿🛀🚽",
    "bed": "🛏",
    "door": "🚪",
    "money": "💰💵💸💲🤑",
    "phone": "📱",
    "snapchat": "👻",
    "home": "🏠🏡",
    # Innuendo emoji stand for a word the sexual-talk patterns know, never for a description.
    "innuendo": "🍆🍑💦👅",
}
_SPECIAL = {
    **dict.fromkeys(_INVISIBLE, ""),
    **_HOMOGLYPHS,
    **{c: f" {word} " for word, chars in _EMOJI_WORDS.items() for c in chars},
}

_LEET = {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
_LEET_I = str.maketrans(_LEET)
_LEET_L = str.maketrans({**_LEET, "1": "l"})

ABBREVIATIONS: dict[str, str] = {
    "u": "you",
    "ya": "you",
    "ur": "your",
    "urself": "yourself",
    "r": "are",
    "ru": "are you",
    "wbu": "what about you",
    "hbu": "how about you",
    "hru": "how are you",
    "wyd": "what are you doing",
    "wya": "where are you",
    "pls": "please",
    "plz": "please",
    "plss": "please",
    "pleez": "please",
    "pic": "pics",
    "pix": "pics",
    "pik": "pics",
    "piks": "pics",
    "picz": "pics",
    "rn": "right now",
    "bc": "because",
    "bcuz": "because",
    "becuz": "because",
    "cuz": "because",
    "coz": "because",
    "ppl": "people",
    "snap": "snapchat",
    "sc": "snapchat",
    "insta": "instagram",
    "ig": "instagram",
    "fb": "facebook",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "gimme": "give me",
    "lemme": "let me",
    "tmrw": "tomorrow",
    "tmr": "tomorrow",
    "2moro": "tomorrow",
    "2morrow": "tomorrow",
    "2nite": "tonight",
    "tonite": "tonight",
    "2day": "today",
    "bday": "birthday",
    "vid": "video",
    "vids": "videos",
    "cam": "camera",
    "msg": "message",
    "msgs": "messages",
    "txt": "text",
    "dl": "download",
    "n": "and",
    "nd": "and",
    "abt": "about",
    "bout": "about",
    "sum1": "someone",
    "some1": "someone",
    "any1": "anyone",
    "no1": "no one",
    "every1": "everyone",
    "b4": "before",
    "l8r": "later",
    "bf": "boyfriend",
    "gf": "girlfriend",
    "yr": "year",
    "yrs": "years",
    "wat": "what",
    "wut": "what",
    "wats": "whats",
    "rly": "really",
    "ily": "i love you",
    "luv": "love",
    "gurl": "girl",
    "fr": "for real",
    "wud": "would",
    "cud": "could",
    "shud": "should",
    "dnt": "dont",
}
"""Chat shorthand and its spelled-out form, so patterns need to know only one spelling."""
_ABBREVIATION_KEYS = frozenset(ABBREVIATIONS)

_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Patterns start with a character class where they can: CPython's regex engine then skips
# ahead to candidate characters instead of trying every position.
_HAS_LEET = re.compile(r"[0-9@$](?:(?=[a-z])|(?<=[a-z][0-9@$]))")
_LEET_WORD = re.compile(r"[a-z0-9@$]+")
_EMBEDDED_LEET = re.compile(r"[a-z][0-9@$]+[a-z]")
_SPACED = re.compile(
    r"(?<![a-z0-9])[a-z](?![a-z0-9])(?:(?: {1,3}| ?[._\-*~/|+] ?)[a-z](?![a-z0-9])){2,}"
)
_SEPARATOR = re.compile(r"[^a-z]+")
_WORD_GAP = "  "
_REPEAT = re.compile(r"([a-z])\1\1")
_REPEAT_WORD = re.compile(r"[a-z]*([a-z])\1\1[a-z]*")
_RUN = re.compile(r"([a-z])\1{2,}")
_TOKEN = re.compile(r"[a-z0-9]+")
_TOKEN_BYTES = bytes(c if c in b"abcdefghijklmnopqrstuvwxyz0123456789" else 32 for c in range(256))
_MIN_SPACED_LETTERS = 4
"""Runs of single letters split by plain spaces must be this long: "r u a" is not spelling."""
_MAX_RUNS = 4


class _Edit(NamedTuple):
    """Characters ``start:end`` of a step's input became ``length`` characters of its output."""

    start: int
    end: int
    length: int


def _trace(edits: tuple[_Edit, ...], index: int) -> tuple[int, int]:
    """The input range that output character ``index`` of one rewrite step came from.

    A same-length replacement keeps characters apart; any other stands for its whole input range.
    """
    shift = 0
    for edit in edits:
        out_start = edit.start + shift
        if index < out_start:
            break
        if index < out_start + edit.length:
            if edit.length == edit.end - edit.start:
                here = edit.start + index - out_start
                return here, here + 1
            return edit.start, edit.end
        shift += edit.length - (edit.end - edit.start)
    return index - shift, index - shift + 1


class Normalized(NamedTuple):
    """Canonical text, its tokens, and the edits that lead back to the original.

    ``tokens`` are the words of ``text`` (runs of a-z and 0-9) in order, repeats included.
    """

    original: str
    text: str
    tokens: tuple[str, ...]
    steps: tuple[tuple[_Edit, ...], ...] = ()

    def span(self, start: int, end: int) -> TextSpan:
        """The original characters behind ``text[start:end]``."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"empty or out-of-range span {start}:{end}")
        first, last = start, end - 1
        for edits in reversed(self.steps):
            first, last = _trace(edits, first)[0], _trace(edits, last)[1] - 1
        return TextSpan(first, last + 1, self.original[first : last + 1])


_Repl = Callable[[re.Match[str]], str]


def _rewrite(
    text: str, pattern: re.Pattern[str], repl: _Repl, steps: list[tuple[_Edit, ...]]
) -> str:
    """Replace each match of ``pattern`` by ``repl(match)``; record the edits in ``steps``."""
    parts: list[str] = []
    edits: list[_Edit] = []
    pos = 0
    for m in pattern.finditer(text):
        new = repl(m)
        if new == m.group():
            continue
        i, j = m.span()
        parts += (text[pos:i], new)
        edits.append(_Edit(i, j, len(new)))
        pos = j
    if not edits:
        return text
    parts.append(text[pos:])
    steps.append(tuple(edits))
    return "".join(parts)


@lru_cache(maxsize=8192)
def _fold_char(char: str) -> str:
    """One non-ASCII character as plain lower-case text.

    Compatibility forms (fullwidth, circled, mathematical letters) and accented letters become
    their ASCII letters (NFKC plus accent stripping); invisible characters and combining marks
    vanish; other symbols, emoji among them, become a space.
    """
    if char in _SPECIAL:
        return _SPECIAL[char]
    category = unicodedata.category(char)
    if category == "Cf" or category[0] == "M":
        return ""
    decomposed = unicodedata.normalize("NFKD", char)
    out = "".join(_SPECIAL.get(c, c) for c in decomposed if not unicodedata.combining(c)).lower()
    if out.isascii() and out.strip():
        return out
    if category[0] in "SCZ":
        return "" if category == "Sk" else " "
    # Later steps lower-case the whole text and must not change its length.
    return out if out.lower() == out else " "


def _fold(match: re.Match[str]) -> str:
    return _fold_char(match.group())


def _drop_apostrophes(text: str, steps: list[tuple[_Edit, ...]]) -> str:
    """Drop every apostrophe: "don't" reads "dont", and a quote mark never separates words."""
    text = text.replace("`", "'")
    edits = []
    at = text.find("'")
    while at != -1:
        edits.append(_Edit(at, at + 1, 0))
        at = text.find("'", at + 1)
    steps.append(tuple(edits))
    return text.replace("'", "")


def _tokens(text: str) -> tuple[str, ...]:
    if text.isascii():
        # Byte-level translate and split: several times faster than a regex in CPython.
        return tuple(text.encode().translate(_TOKEN_BYTES).decode().split())
    return tuple(_TOKEN.findall(text))


@lru_cache(maxsize=256)
def _abbreviation_pattern(keys: frozenset[str]) -> re.Pattern[str]:
    """A pattern for just the shorthand a message uses; few distinct sets occur in practice."""
    alternation = "|".join(sorted(keys, key=len, reverse=True))
    return re.compile(r"(?<![a-z0-9])(?:" + alternation + r")(?![a-z0-9])")


class Normalizer:
    """Callable that turns chat text into :class:`Normalized`.

    ``vocabulary`` holds the words the patterns are written in. Where an evasion has more than
    one reading ("a1one": alone or aione; "cooool": col or cool), the reading that is a known
    word wins.
    """

    def __init__(self, vocabulary: Iterable[str] = ()) -> None:
        words = set(vocabulary) | set(ABBREVIATIONS)
        for expansion in ABBREVIATIONS.values():
            words.update(expansion.split())
        self._vocabulary = frozenset(words)

    def __call__(self, original: str) -> Normalized:
        steps: list[tuple[_Edit, ...]] = []
        text = original
        if not text.isascii():
            text = _rewrite(text, _NON_ASCII, _fold, steps)
        text = text.lower()
        # Each step runs only where a cheap test shows it has something to undo.
        if "'" in text or "`" in text:
            text = _drop_apostrophes(text, steps)
        if _HAS_LEET.search(text):
            text = _rewrite(text, _LEET_WORD, self._unleet, steps)
        tokens = _tokens(text)
        done = len(steps)
        if list(map(len, tokens)).count(1) >= _MIN_SPACED_LETTERS - 1:
            text = _rewrite(text, _SPACED, self._unspace, steps)
        if _REPEAT.search(text):
            text = _rewrite(text, _REPEAT_WORD, self._unrepeat, steps)
        if len(steps) > done:
            tokens = _tokens(text)
        shorthand = _ABBREVIATION_KEYS.intersection(tokens)
        if shorthand:
            pattern = _abbreviation_pattern(frozenset(shorthand))
            text = _rewrite(text, pattern, _expand_abbreviation, steps)
            tokens = _tokens(text)
        return Normalized(original, text, tokens, tuple(steps))

    def _unleet(self, match: re.Match[str]) -> str:
        """Digits and symbols inside words become letters; numbers standing alone stay."""
        word = match.group()
        if word.isalpha() or not any(c.isalpha() for c in word) or any(c in "2689" for c in word):
            return word
        for reading in (word.translate(_LEET_I), word.translate(_LEET_L)):
            if reading in self._vocabulary:
                return reading
        # "12yo" or "girl13" are an age and a name: convert only letters-digit-letters and
        # symbol leet such as "$nap".
        if _EMBEDDED_LEET.search(word) or "@" in word or "$" in word:
            return word.translate(_LEET_I)
        return word

    def _unspace(self, match: re.Match[str]) -> str:
        """Join letters typed one by one; a wider gap or a known-word split separates words."""
        run = match.group()
        separators = _SEPARATOR.findall(run)
        if len(separators) + 1 < _MIN_SPACED_LETTERS and not any(s.strip() for s in separators):
            return run
        return " ".join(
            self._segment("".join(_SEPARATOR.split(chunk))) for chunk in run.split(_WORD_GAP)
        )

    def _segment(self, letters: str) -> str:
        """Split joined letters into the fewest known words, or leave them as one word."""
        best: list[list[str] | None] = [[]] + [None] * len(letters)
        for end in range(1, len(letters) + 1):
            for start in range(end):
                before = best[start]
                piece = letters[start:end]
                if before is not None and piece in self._vocabulary:
                    candidate = [*before, piece]
                    current = best[end]
                    if current is None or len(candidate) < len(current):
                        best[end] = candidate
        found = best[-1]
        return " ".join(found) if found else letters

    def _unrepeat(self, match: re.Match[str]) -> str:
        """Collapse runs of three or more letters to the one or two that make a known word."""
        word = match.group()
        runs = list(_RUN.finditer(word))[:_MAX_RUNS]
        for mask in range(1 << len(runs)):
            out, pos = [], 0
            for bit, run in enumerate(runs):
                out.append(word[pos : run.start()])
                out.append(run.group(1) * (2 if mask >> bit & 1 else 1))
                pos = run.end()
            out.append(word[pos:])
            reading = "".join(out)
            if reading in self._vocabulary:
                return reading
        return _RUN.sub(r"\1\1", word)


def _expand_abbreviation(match: re.Match[str]) -> str:
    return ABBREVIATIONS[match.group()]
