"""Semantic tier of the text detector: a static embedding distilled from all-MiniLM-L6-v2,
exemplar banks written for this project, and calibrated heads per chat category.

The run-time path needs numpy, tokenizers and scikit-learn (the lexical view's hashing), never
torch; ``build.py`` makes the artefact.
"""

from safestream.detect.text.semantic.detector import (
    SemanticTextDetector,
    load_model,
    worth_scoring,
)
from safestream.detect.text.semantic.model import SemanticModel, SemanticScores

__all__ = [
    "SemanticModel",
    "SemanticScores",
    "SemanticTextDetector",
    "load_model",
    "worth_scoring",
]
