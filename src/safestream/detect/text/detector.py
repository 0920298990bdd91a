"""The text indicator detector: chat message in, one signal per category shown.

Stateless: what it knows beyond the message comes from the context — who is writing to whom
(a child saying "i'm 12" is not an adult posing as one) and the earlier messages of the
conversation (a vague "do it now" after a request renews that request).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from safestream.detect.base import DetectionContext, HistoryMessage
from safestream.detect.text.normalize import Normalized, Normalizer
from safestream.detect.text.patterns import (
    ADULT_SENDER_FACTOR,
    ADULT_TO_MINOR_BOOST,
    ESCALATIONS,
    FOLLOW_UP_CATEGORIES,
    FOLLOW_UP_MAX_WORDS,
    FOLLOW_UPS,
    FRAME_CARRIED,
    FRAME_WINDOW,
    HISTORY_WINDOW,
    INDICATORS,
    MINOR_SENDER_FACTOR,
    NEGATIVES,
    REPORT_FLOOR,
    VOCABULARY,
    Indicator,
)
from safestream.events import ChatMessage, Event
from safestream.signals import DECISION_THRESHOLD, Category, Evidence, Signal, TextSpan

_MAX_SCORE = 0.99


@dataclass(frozen=True, slots=True)
class _Finding:
    score: float
    start: int
    end: int
    note: str
    earlier: tuple[str, ...] = ()
    spans: tuple[TextSpan, ...] = ()
    """Spans already in the original text (the semantic tier's key words); else start:end."""
    exemplar: str | None = None

    @property
    def fires(self) -> bool:
        return self.score >= DECISION_THRESHOLD


@dataclass(frozen=True, slots=True)
class _Table:
    """Indicators with their key words as bit masks: a cheap prefilter before any regex runs.

    ``masks[g]`` maps a word to the indicators whose key group ``g`` holds it; ``needs[g - 1]``
    are the indicators that have a group ``g`` at all (the others pass it).
    """

    indicators: tuple[Indicator, ...]
    masks: tuple[dict[str, int], ...]
    words: tuple[frozenset[str], ...]
    needs: tuple[int, ...]

    @classmethod
    def of(cls, indicators: tuple[Indicator, ...]) -> _Table:
        groups = max(len(i.keys) for i in indicators)
        masks: list[defaultdict[str, int]] = [defaultdict(int) for _ in range(groups)]
        needs = [0] * (groups - 1)
        for position, indicator in enumerate(indicators):
            bit = 1 << position
            for g, keys in enumerate(indicator.keys):
                for key in keys:
                    masks[g][key] |= bit
                if g:
                    needs[g - 1] |= bit
        return cls(indicators, tuple(map(dict, masks)), tuple(map(frozenset, masks)), tuple(needs))

    def candidates(self, tokens: tuple[str, ...]) -> list[Indicator]:
        """The indicators whose key words occur in the message, in table order."""
        found = 0
        first = self.masks[0]
        for word in self.words[0].intersection(tokens):
            found |= first[word]
        for masks, words, needs in zip(self.masks[1:], self.words[1:], self.needs, strict=True):
            if found & needs:
                allowed = ~needs
                for word in words.intersection(tokens):
                    allowed |= masks[word]
                found &= allowed
        out = []
        while found:
            lowest = found & -found
            out.append(self.indicators[lowest.bit_length() - 1])
            found ^= lowest
        return out


class TextIndicatorDetector:
    """Matches the indicator table against normalized chat text."""

    name = "text-indicators"
    version = "1.1.0"
    event_types = frozenset({"chat.message"})

    def __init__(self) -> None:
        self._normalize = Normalizer(VOCABULARY)
        self._indicators = _Table.of(INDICATORS)
        self._follow_ups = _Table.of(FOLLOW_UPS)
        self._negatives = _Table.of(NEGATIVES)

    def detect(self, event: Event, context: DetectionContext) -> list[Signal]:
        if not isinstance(event, ChatMessage):
            return []
        return self.detect_with_hints(event, context, ())

    def detect_with_hints(
        self, event: ChatMessage, context: DetectionContext, hints: Sequence[Signal]
    ) -> list[Signal]:
        """Rules plus another tier's findings (``hints``) for the same message.

        Hints join before history, sender weighting and the benign look-alike rules, so a
        semantic finding escalates, is weighed by who speaks and is lowered by a negative
        exactly as a pattern finding would be.
        """
        norm = self._normalize(event.text)
        sender_minor = context.sender.is_minor if context.sender else None
        target_minor = context.target.is_minor if context.target else None
        found = self._match(norm, self._indicators, sender_minor)
        for hint in hints:
            _merge_hint(found, hint, len(norm.text))
        if context.history:
            self._from_history(found, norm, event.sender_id, context.history)
        if not found:
            return []
        if sender_minor is not None:
            _weigh_by_sender(found, sender_minor, target_minor is True)
        self._apply_negatives(found, norm)
        if context.history:
            self._apply_earlier_frame(found, event.sender_id, context.history)
        return [
            Signal(
                detector=self.name,
                version=self.version,
                category=category,
                score=finding.score,
                evidence=Evidence(
                    event_ids=(event.id, *finding.earlier),
                    spans=finding.spans or (norm.span(finding.start, finding.end),),
                    exemplar=finding.exemplar,
                    note=finding.note,
                ),
            )
            for category, finding in found.items()
            if finding.score >= REPORT_FLOOR
        ]

    @staticmethod
    def _match(
        norm: Normalized, table: _Table, sender_minor: bool | None
    ) -> dict[Category, _Finding]:
        found: dict[Category, _Finding] = {}
        for indicator in table.candidates(norm.tokens):
            score = indicator.score
            if sender_minor is False and indicator.adult_score is not None:
                score = indicator.adult_score
            current = found.get(indicator.category)
            if current is not None and current.score >= score and not indicator.also:
                continue
            match = indicator.regex.search(norm.text)
            if match is not None and match.end() > match.start():
                finding = _Finding(score, *match.span(), indicator.label)
                for category in (indicator.category, *indicator.also):
                    _keep_best(found, category, finding)
        return found

    def _from_history(
        self,
        found: dict[Category, _Finding],
        norm: Normalized,
        sender_id: str,
        history: Sequence[HistoryMessage],
    ) -> None:
        """Raise what earlier messages of the same sender make plain.

        A short pressing message renews the sender's earlier request; a threat after image
        requests is sextortion.
        """
        latest: dict[str, str] = {}
        for message in history[-HISTORY_WINDOW:]:
            if message.sender_id == sender_id:
                for category in message.categories:
                    latest[category] = message.event_id
        if not latest:
            return
        press = self._match(norm, self._follow_ups, None).get(Category.COERCION)
        if press is not None and len(norm.tokens) <= FOLLOW_UP_MAX_WORDS:
            # "now point it at your lego" renews nothing: its own words are a benign look-alike.
            benign = self._negated(norm)
            for category in sorted(
                c for c in FOLLOW_UP_CATEGORIES if c in latest and c not in benign
            ):
                note = f"follow-up to an earlier {category} request"
                renewed = replace(press, note=note, earlier=(latest[category],))
                _keep_best(found, category, renewed)
                _keep_best(found, Category.COERCION, replace(renewed, note=f"pressure: {note}"))
        for now, earlier, implied, score in ESCALATIONS:
            before = sorted(c for c in earlier if c in latest)
            triggers = sorted(c for c in now if c in found and found[c].fires)
            trigger = found[triggers[0]] if triggers else None
            if trigger is not None and before:
                note = f"{trigger.note}, after an earlier {before[0].value}"
                escalated = replace(
                    trigger, score=score, note=note, earlier=(latest[before[0]],), exemplar=None
                )
                _keep_best(found, implied, escalated)

    def _benign_look_alikes(self, norm: Normalized) -> list[Indicator]:
        """The benign look-alike rules that match this message."""
        return [n for n in self._negatives.candidates(norm.tokens) if n.regex.search(norm.text)]

    def _negated(self, norm: Normalized) -> set[Category]:
        """Categories a benign look-alike rule speaks for in this message."""
        return {negative.category for negative in self._benign_look_alikes(norm)}

    def _apply_negatives(self, found: dict[Category, _Finding], norm: Normalized) -> None:
        for negative in self._benign_look_alikes(norm):
            finding = found.get(negative.category)
            if finding is not None and finding.score > negative.score:
                note = f"{finding.note} (lowered: {negative.label})"
                found[negative.category] = replace(finding, score=negative.score, note=note)

    def _apply_earlier_frame(
        self, found: dict[Category, _Finding], sender_id: str, history: Sequence[HistoryMessage]
    ) -> None:
        """Keep a benign frame the same sender set a few messages ago.

        "it's for her surprise party" makes a later "keep it secret!!" from the same sender part
        of the surprise; only :data:`FRAME_CARRIED` categories carry, over :data:`FRAME_WINDOW`
        messages, so a frame cannot cover a conversation's later turn.
        """
        open_ = {c for c in FRAME_CARRIED if c in found and found[c].fires}
        if not open_:
            return
        for message in history[-FRAME_WINDOW:]:
            if message.sender_id != sender_id:
                continue
            for negative in self._benign_look_alikes(self._normalize(message.text)):
                category = negative.category
                if category in open_:
                    finding = found[category]
                    note = f"{finding.note} (lowered: earlier {negative.label})"
                    found[category] = replace(
                        finding, score=min(finding.score, negative.score), note=note
                    )
                    open_.discard(category)


def _weigh_by_sender(found: dict[Category, _Finding], sender_minor: bool, to_minor: bool) -> None:
    """Peer small talk counts less from a child; an adult writing to a child counts more."""
    for category, finding in found.items():
        if sender_minor:
            score = finding.score * MINOR_SENDER_FACTOR.get(category, 1.0)
        else:
            score = finding.score * ADULT_SENDER_FACTOR.get(category, 1.0)
            if to_minor and category is not Category.CHILD_DISTRESS:
                score = min(score + ADULT_TO_MINOR_BOOST, _MAX_SCORE)
        if score != finding.score:
            found[category] = replace(finding, score=score)


def _merge_hint(found: dict[Category, _Finding], hint: Signal, length: int) -> None:
    """Join a hint to the pattern finding of its category, keeping the pattern's exact span.

    The stronger score wins; a firing hint lends its nearest exemplar either way.
    """
    current = found.get(hint.category)
    exemplar = hint.evidence.exemplar if hint.fires else None
    if current is None:
        note = hint.evidence.note or hint.detector
        found[hint.category] = _Finding(
            hint.score, 0, length, note, spans=hint.evidence.spans, exemplar=exemplar
        )
    elif hint.score > current.score or (exemplar and current.exemplar is None):
        found[hint.category] = replace(
            current,
            score=max(current.score, hint.score),
            exemplar=current.exemplar or exemplar,
        )


def _keep_best(found: dict[Category, _Finding], category: Category, finding: _Finding) -> None:
    current = found.get(category)
    if current is None or finding.score > current.score:
        found[category] = finding
