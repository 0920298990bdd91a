"""How likely it is that a minor is involved, from what the platform and the camera tell us.

``minor_likely`` is a triage signal: it decides how fast a human looks and which protective
steps are offered, never on its own the basis for punishing anyone. The evidence is ranked
by how much it can be trusted, and the strongest present sets the score:

1. the platform's age assurance (``minor`` / ``adult``) decides;
2. otherwise the declared age decides, and the youngest face on camera only nudges it;
3. otherwise the youngest face's estimated age, capped at :data:`FACE_CAP` — a face
   estimate is weak (years of error, more for poorly lit or turned faces);
4. with nothing known the score is a low prior, below the decision point.

Declared and assured ages describe the account holder, faces describe whoever is on camera;
the face evidence is always listed in the reasons so a moderator sees a child on an adult's
stream even when the account's age outweighs it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from safestream.detect.base import ADULT_AGE

ASSURED_MINOR = 0.95
ASSURED_ADULT = 0.05
DECLARED_MINOR = 0.8
DECLARED_ADULT = 0.2
FACE_NUDGE_DECLARED_MINOR = 0.1
"""A young-looking face agreeing with a declared minor age."""
FACE_NUDGE_DECLARED_ADULT = 0.2
"""A young-looking face disagreeing with a declared adult age: worth noting, not deciding."""
NO_INFORMATION = 0.1
FACE_CAP = 0.6
"""The most a face estimate alone can score."""

# (highest age, label, score): estimated-age brackets; reasons name the bracket, not the
# point estimate, because the estimate is not precise enough to quote to the year.
_FACE_BRACKETS: tuple[tuple[int, str, float], ...] = (
    (8, "0–8", FACE_CAP),
    (12, "9–12", FACE_CAP),
    (15, "13–15", 0.5),
    (17, "16–17", 0.4),
    (24, "18–24", 0.2),
)
_FACE_OLDER = ("25+", 0.05)
_ASSURANCE_RESULTS = ("minor", "adult", "unknown")


class EstimatedFace(Protocol):
    """A face with an estimated age in years (e.g. :class:`~.age.FaceAge`)."""

    @property
    def age(self) -> int: ...


class MinorInputError(ValueError):
    """An age or an age-assurance result that cannot be read."""


@dataclass(frozen=True, slots=True)
class MinorEstimate:
    """A score in [0, 1] (0.5 is the decision point) and why, in words a moderator reads."""

    score: float
    reasons: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _FaceEvidence:
    age: int
    reason: str
    score: float


def minor_likelihood(
    faces: Sequence[EstimatedFace],
    declared_age: int | None,
    age_assurance: tuple[str, str] | None,
) -> MinorEstimate:
    """Combine age assurance ``(method, result)``, declared age and face ages; see module doc."""
    if declared_age is not None and not 0 <= declared_age <= 130:
        raise MinorInputError(f"declared age must be between 0 and 130, got {declared_age}")
    face = _youngest_face(faces)
    face_notes = [face.reason] if face else []
    looks_minor = face is not None and face.age < ADULT_AGE

    assured = _assurance(age_assurance)
    if assured is not None:
        method, is_minor = assured
        score = ASSURED_MINOR if is_minor else ASSURED_ADULT
        label = "minor" if is_minor else "adult"
        outweighed = [f"{note} (outweighed)" for note in face_notes]
        if declared_age is not None:
            outweighed.insert(0, f"declared age {declared_age} (outweighed)")
        return MinorEstimate(score, [f"age assurance ({method}): {label}", *outweighed])

    if declared_age is not None:
        reasons = [f"declared age {declared_age}", *face_notes]
        if declared_age < ADULT_AGE:
            nudge = FACE_NUDGE_DECLARED_MINOR if looks_minor else 0.0
            return MinorEstimate(DECLARED_MINOR + nudge, reasons)
        nudge = FACE_NUDGE_DECLARED_ADULT if looks_minor else 0.0
        return MinorEstimate(DECLARED_ADULT + nudge, reasons)

    if face is not None:
        return MinorEstimate(face.score, face_notes)
    return MinorEstimate(NO_INFORMATION, ["no age information"])


def _assurance(age_assurance: tuple[str, str] | None) -> tuple[str, bool] | None:
    """``(method, is_minor)`` for a conclusive result; None when absent or ``unknown``."""
    if age_assurance is None:
        return None
    method, result = age_assurance
    if result not in _ASSURANCE_RESULTS:
        raise MinorInputError(
            f"age assurance result must be one of {', '.join(_ASSURANCE_RESULTS)}, got {result!r}"
        )
    if result == "unknown":
        return None
    return method, result == "minor"


def _youngest_face(faces: Sequence[EstimatedFace]) -> _FaceEvidence | None:
    """The evidence of the youngest-looking face; None without faces."""
    if not faces:
        return None
    youngest = min(face.age for face in faces)
    if youngest < 0:
        raise MinorInputError(f"an estimated face age must not be negative, got {youngest}")
    span, score = next(
        ((label, score) for high, label, score in _FACE_BRACKETS if youngest <= high), _FACE_OLDER
    )
    of_many = f" (youngest of {len(faces)} faces)" if len(faces) > 1 else ""
    return _FaceEvidence(youngest, f"estimated face age {span} (weak){of_many}", score)
