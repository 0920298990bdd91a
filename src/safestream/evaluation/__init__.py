"""Evaluation harness: detection quality on a labelled dev set, as ``safestream eval`` prints it.

Message level (per-category precision, recall and F1 of the detectors on single messages),
scenario level (replays through the full pipeline: risky conversations at ``high``, alerts on
benign ones, whether ``high`` came by the first explicit request) and the latency-weighted F1
of Vogt, Leser and Akbik (ACL 2021).
"""

from safestream.evaluation.cli import eval_command, main
from safestream.evaluation.dataset import DatasetError, load_dataset
from safestream.evaluation.report import EvalReport, format_report
from safestream.evaluation.run import run_eval

__all__ = [
    "DatasetError",
    "EvalReport",
    "eval_command",
    "format_report",
    "load_dataset",
    "main",
    "run_eval",
]
