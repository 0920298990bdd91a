"""``safestream eval DATASET``: the command, to be registered on the ``safestream`` group."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import click

from safestream.detect.base import DetectorLoadError, load_detectors
from safestream.evaluation.dataset import DatasetError
from safestream.evaluation.metrics import WINDOW
from safestream.evaluation.report import format_report
from safestream.evaluation.run import run_eval


@click.command("eval")
@click.argument("dataset", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON document.")
@click.option(
    "--skepticism",
    default=1,
    show_default=True,
    type=click.IntRange(1, WINDOW),
    help=f"Fired messages among the last {WINDOW} needed to raise a latency-F1 warning.",
)
@click.option(
    "--detector",
    "detector_names",
    multiple=True,
    help="Evaluate only these registered detectors (repeatable); default: all.",
)
@click.option("--errors", "show_errors", is_flag=True, help="List every misjudged message.")
def eval_command(
    dataset: Path,
    as_json: bool,
    skepticism: int,
    detector_names: tuple[str, ...],
    show_errors: bool,
) -> None:
    """Measure detection on a labelled dataset: per-category, conversation and latency scores."""

    try:
        detectors = load_detectors(detector_names or None)
        report = run_eval(dataset, detectors, skepticism=skepticism)
    except (DatasetError, DetectorLoadError) as exc:
        raise click.ClickException(str(exc)) from None
    if as_json:
        click.echo(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    else:
        click.echo(format_report(report, show_errors=show_errors))


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``eval`` outside the ``safestream`` group, returning the exit status."""
    try:
        eval_command.main(
            args=list(argv) if argv is not None else None,
            prog_name="safestream eval",
            standalone_mode=False,
        )
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    return 0
