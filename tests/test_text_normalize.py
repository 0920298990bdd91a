"""The normalizer: evasions undone, numbers kept, and every offset traced back to the original."""

from __future__ import annotations

import random
import re

import pytest

from safestream.detect.text.normalize import Normalized, Normalizer
from safestream.detect.text.patterns import VOCABULARY

NORMALIZE = Normalizer(VOCABULARY)


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        # case and Unicode compatibility forms
        ("ARE You ALONE", "are you alone"),
        ("Ｓｅｎｄ ｍｅ", "send me"),
        ("ⓢⓔⓝⓓ 𝐩𝐢𝐜𝐬", "send pics"),
        ("sénd pícs", "send pics"),
        ("a\u0301lone", "alone"),
        # homoglyphs: Cyrillic and Greek letters that look Latin
        ("ѕеnd ріcѕ", "send pics"),
        ("АRЕ УОU", "are you"),
        ("hοw οld", "how old"),
        # leetspeak inside words
        ("s3nd p1cs", "send pics"),
        ("a1one", "alone"),
        ("h0w 0ld r u", "how old are you"),
        ("@lone", "alone"),
        ("add me on $nap", "add me on snapchat"),
        ("l0ck y0ur d00r", "lock your door"),
        # numbers that are numbers stay digits
        ("i'm 12", "im 12"),
        ("im 13 yrs", "im 13 years"),
        ("12yo", "12yo"),
        ("girl13", "girl13"),
        ("room 101 at 3pm", "room 101 at 3pm"),
        ("gr8 2day", "gr8 today"),
        # letters typed one by one
        ("s e n d  p i c s", "send pics"),
        ("a.l.o.n.e", "alone"),
        ("s-e-n-d", "send"),
        ("r u a l o n e", "are you alone"),
        ("a/s/l", "asl"),
        ("u r a cutie", "you are a cutie"),
        # repeated letters: the reading that is a word
        ("pleeeease", "please"),
        ("aloooone", "alone"),
        ("cooool", "cool"),
        ("keeeep it", "keep it"),
        ("brrrrr", "brr"),
        # invisible characters
        ("a\u200bl\u200co\u200dn\u2060e", "alone"),
        ("se\u00adnd\ufeff pics", "send pics"),
        # emoji: a few stand for words, the rest become spaces
        ("take ur 👕 off", "take your  clothes  off"),
        ("📸 pls", " pics  please"),
        ("🤫", " secret "),
        ("🎁😭🔒🚿", " gift  crying  lock  bathroom "),
        ("ok 👍🏽!", "ok  !"),
        # chat shorthand
        ("wbu", "what about you"),
        ("ur pic rn bc ppl", "your pics right now because people"),
        ("cuz sc plz", "because snapchat please"),
        ("asl?", "asl?"),
        ("don’t", "dont"),
    ],
)
def test_canonical_form(text: str, canonical: str) -> None:
    assert NORMALIZE(text).text == canonical


def test_tokens_are_the_words_of_the_canonical_text() -> None:
    for text in ["Hey!! how old r u?", "s e n d  p i c s 📸", "ѕеnd 12 ріcѕ", "x_y-z 3pm"]:
        norm = NORMALIZE(text)
        assert norm.tokens == tuple(re.findall(r"[a-z0-9]+", norm.text))


def spans_of_words(norm: Normalized) -> list[tuple[str, str]]:
    out = []
    for m in re.finditer(r"[a-z0-9]+", norm.text):
        span = norm.span(*m.span())
        assert norm.original[span.start : span.end] == span.text
        out.append((m.group(), span.text))
    return out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Are You Alone", [("are", "Are"), ("you", "You"), ("alone", "Alone")]),
        ("s3nd p1cs", [("send", "s3nd"), ("pics", "p1cs")]),
        ("r u ok", [("are", "r"), ("you", "u"), ("ok", "ok")]),
        (
            "hi a\u200bl\u200bo\u200bn\u200be",
            [("hi", "hi"), ("alone", "a\u200bl\u200bo\u200bn\u200be")],
        ),
        ("🔒 ur door", [("lock", "🔒"), ("your", "ur"), ("door", "door")]),
        ("don't go", [("dont", "don't"), ("go", "go")]),
        ("Ｓｅｎｄ ｐｉｃ", [("send", "Ｓｅｎｄ"), ("pics", "ｐｉｃ")]),
        ("tаke yоur tоp", [("take", "tаke"), ("your", "yоur"), ("top", "tоp")]),
        ("soooo pretty", [("so", "soooo"), ("pretty", "pretty")]),
    ],
)
def test_each_word_traces_back_to_what_was_typed(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert spans_of_words(NORMALIZE(text)) == expected


def test_letters_joined_from_a_spaced_run_quote_the_whole_run() -> None:
    norm = NORMALIZE("ok s e n d  p i c s now")
    assert norm.text == "ok send pics now"
    words = dict(spans_of_words(norm))
    assert words["pics"] == "s e n d  p i c s"
    assert words["now"] == "now"


def test_span_rejects_empty_and_out_of_range() -> None:
    norm = NORMALIZE("hello")
    with pytest.raises(ValueError, match="span"):
        norm.span(2, 2)
    with pytest.raises(ValueError, match="span"):
        norm.span(0, 99)


def test_plain_text_needs_no_rewrite() -> None:
    norm = NORMALIZE("nice play, see you tomorrow")
    assert norm.steps == ()
    assert norm.span(5, 9).text == "play"


def test_offsets_hold_for_random_obfuscated_text() -> None:
    """Whatever mix of evasions, every word's span is a real, ordered slice of the original."""
    pieces = [
        "send",
        "p1cs",
        "a.l.o.n.e",
        "s e n d",
        "ur",
        "🔒",
        "👕",
        "Ｓ",
        "ѕ",
        "\u200b",
        "’",
        "!!",
    ]
    pieces += ["pleeease", "12", "13yo", "@lone", "$nap", "x", " ", "  ", "é", "ok"]
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice(pieces) + rng.choice(["", " "]) for _ in range(rng.randint(1, 9)))
        norm = NORMALIZE(text)
        previous = 0
        for m in re.finditer(r"[a-z0-9]+", norm.text):
            span = norm.span(*m.span())
            assert 0 <= span.start < span.end <= len(text), text
            assert text[span.start : span.end] == span.text
            assert span.start >= previous, text
            previous = span.start
