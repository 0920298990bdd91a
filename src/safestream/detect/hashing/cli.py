"""``safestream hash``, ``safestream bank …`` and ``safestream match``."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import click
from sqlalchemy.orm import Session

from safestream.cli_options import DB_OPTION
from safestream.config import Settings
from safestream.detect.hashing.bank_io import FORMATS
from safestream.detect.hashing.banks import (
    MAX_THRESHOLD,
    BankEntry,
    BankError,
    BankKind,
    EntryBatch,
    InvalidEntryError,
    Rejection,
    add_entries,
    create_bank,
    export_entries,
    list_banks,
    make_entry,
    remove_entries,
    set_enabled,
    set_threshold,
)
from safestream.detect.hashing.files import HashFileError, hash_file
from safestream.detect.hashing.matcher import BankMatcher, MatchResult, VideoMatch, match_video
from safestream.detect.hashing.pdq import PDQ_MATCH_THRESHOLD, PDQ_QUALITY_FLOOR, pdq_hash
from safestream.detect.hashing.video import VideoHashError, vpdq_hash_file
from safestream.detect.vision.decode import ImageDecodeError, is_image_file, load_image_file
from safestream.store.db import Store

FILES = click.argument(
    "files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
ACTOR_OPTION = click.option(
    "--actor",
    default=lambda: os.environ.get("USER") or "cli",
    show_default="$USER, else cli",
    help="Who makes the change, for the audit log.",
)
FORMAT_OPTION = click.option(
    "--format", "fmt", type=click.Choice(sorted(FORMATS)), default="csv", show_default=True
)


@contextmanager
def _transaction(db_url: str | None) -> Iterator[Session]:
    """A session whose work commits together, with bank errors turned into CLI errors."""
    store = Store(Settings.from_env(db_url).db_url)
    try:
        with store.session() as session, session.begin():
            yield session
    except BankError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        store.close()


def _report(added: int, duplicates: int, rejected: list[str]) -> None:
    for problem in rejected:
        click.echo(f"rejected {problem}", err=True)
    click.echo(f"added {added}, duplicates {duplicates}, rejected {len(rejected)}")


@click.command("hash")
@FILES
def hash_command(files: tuple[Path, ...]) -> None:
    """Print the perceptual hashes of image and video files, one JSON object per line."""
    failed = False
    for path in files:
        try:
            hashes = hash_file(path)
        except HashFileError as exc:
            click.echo(str(exc), err=True)
            failed = True
            continue
        for h in hashes:
            click.echo(json.dumps(asdict(h)))
    if failed:
        sys.exit(1)


@click.group()
def bank() -> None:
    """Hash banks: lists of known-abuse (or known false-positive) PDQ hashes."""


@bank.command("create")
@click.argument("name")
@click.option(
    "--negative",
    is_flag=True,
    help="Known false positives: a match here silences matches in positive banks.",
)
@click.option(
    "--threshold",
    type=click.IntRange(0, MAX_THRESHOLD),
    default=PDQ_MATCH_THRESHOLD,
    show_default=True,
    help="Largest Hamming distance (of 256 bits) that counts as a match.",
)
@click.option("--description", default="", help="Where the list comes from, what it holds.")
@ACTOR_OPTION
@DB_OPTION
def bank_create(  # click passes options by name
    *, name: str, negative: bool, threshold: int, description: str, actor: str, db_url: str | None
) -> None:
    """Create an empty, enabled bank."""
    kind = BankKind.NEGATIVE if negative else BankKind.POSITIVE
    with _transaction(db_url) as session:
        create_bank(
            session, name, actor=actor, kind=kind, threshold=threshold, description=description
        )
    click.echo(f"created {kind.value} bank {name} (threshold {threshold})")


@bank.command("add")
@click.argument("name")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--hash", "hashes", multiple=True, help="A PDQ hash (64 hex digits); repeatable.")
@click.option("--content-id", default=None, help="The partner's id (for a single item only).")
@click.option("--meta", multiple=True, help="KEY=VALUE metadata for every item; repeatable.")
@ACTOR_OPTION
@DB_OPTION
def bank_add(  # click passes options by name
    *,
    name: str,
    files: tuple[Path, ...],
    hashes: tuple[str, ...],
    content_id: str | None,
    meta: tuple[str, ...],
    actor: str,
    db_url: str | None,
) -> None:
    """Add images (hashed here) and/or hashes to a bank."""
    items = [*hashes, *map(str, files)]
    if not items:
        raise click.UsageError("give image files or --hash values to add")
    if content_id is not None and len(items) > 1:
        raise click.UsageError("--content-id names one item; add several items without it")
    metadata = dict(_key_value(m) for m in meta)
    entries: list[tuple[int, BankEntry]] = []
    rejected: list[Rejection] = []
    for position, item in enumerate(items):
        try:
            hex_hash = item if position < len(hashes) else _image_hash(Path(item))
            entries.append((position, make_entry(hex_hash, content_id, metadata)))
        except (InvalidEntryError, ImageDecodeError) as exc:
            rejected.append(Rejection(position, str(exc)))
    with _transaction(db_url) as session:
        result = add_entries(session, name, EntryBatch(entries, rejected), actor=actor)
    _report(
        result.added, result.duplicates, [f"{items[r.line]}: {r.reason}" for r in result.rejected]
    )


def _key_value(text: str) -> tuple[str, str]:
    key, sep, value = text.partition("=")
    if not sep or not key.strip():
        raise click.BadParameter(f"expected KEY=VALUE, got {text!r}", param_hint="--meta")
    return key.strip(), value


def _image_hash(path: Path) -> str:
    """The PDQ hash of an image file; a featureless one is refused (it would match anything)."""
    pdq = pdq_hash(load_image_file(path))
    if pdq.quality < PDQ_QUALITY_FLOOR:
        raise InvalidEntryError(
            f"PDQ quality {pdq.quality} is below {PDQ_QUALITY_FLOOR}: too featureless to bank"
        )
    return pdq.hex


@bank.command("import")
@click.argument("name")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@FORMAT_OPTION
@ACTOR_OPTION
@DB_OPTION
def bank_import(name: str, path: Path, fmt: str, actor: str, db_url: str | None) -> None:
    """Add the hashes of a bank file; bad lines are reported by number, the rest go in."""
    read, _ = FORMATS[fmt]
    try:
        batch = read(path)
    except BankError as exc:
        raise click.ClickException(str(exc)) from None
    with _transaction(db_url) as session:
        result = add_entries(session, name, batch, actor=actor)
    _report(
        result.added,
        result.duplicates,
        [f"{path}:{r.line}: {r.reason}" for r in result.rejected],
    )


@bank.command("export")
@click.argument("name")
@FORMAT_OPTION
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Default: stdout."
)
@ACTOR_OPTION
@DB_OPTION
def bank_export(name: str, fmt: str, output: Path | None, actor: str, db_url: str | None) -> None:
    """Write a bank's entries (each export is audited)."""
    _, write = FORMATS[fmt]
    with _transaction(db_url) as session:
        entries = export_entries(session, name, fmt, actor=actor)
    if output is None:
        write(entries, sys.stdout)
        return
    with output.open("w", encoding="utf-8", newline="") as out:
        write(entries, out)
    click.echo(f"exported {len(entries)} entries to {output}", err=True)


@bank.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per bank.")
@DB_OPTION
def bank_list(as_json: bool, db_url: str | None) -> None:
    """List banks: name, kind, on/off, threshold, entries, description."""
    with _transaction(db_url) as session:
        banks = list_banks(session)
    for b in banks:
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "name": b.name,
                        "kind": b.kind.value,
                        "enabled": b.enabled,
                        "threshold": b.threshold,
                        "entries": b.size,
                        "description": b.description,
                        "created_by": b.created_by,
                        "created_at": b.created_at.isoformat(),
                    }
                )
            )
        else:
            state = "enabled" if b.enabled else "disabled"
            click.echo(
                f"{b.name:<24} {b.kind.value:<8} {state:<8} t={b.threshold:<3} "
                f"{b.size:>8} entries  {b.description}"
            )


@bank.command("enable")
@click.argument("name")
@ACTOR_OPTION
@DB_OPTION
def bank_enable(name: str, actor: str, db_url: str | None) -> None:
    """Use the bank for matching again."""
    _switch(name, enabled=True, actor=actor, db_url=db_url)


@bank.command("disable")
@click.argument("name")
@ACTOR_OPTION
@DB_OPTION
def bank_disable(name: str, actor: str, db_url: str | None) -> None:
    """Stop matching against the bank; its entries stay."""
    _switch(name, enabled=False, actor=actor, db_url=db_url)


def _switch(name: str, *, enabled: bool, actor: str, db_url: str | None) -> None:
    with _transaction(db_url) as session:
        set_enabled(session, name, enabled, actor=actor)
    click.echo(f"{'enabled' if enabled else 'disabled'} {name}")


@bank.command("threshold")
@click.argument("name")
@click.argument("threshold", type=click.IntRange(0, MAX_THRESHOLD))
@ACTOR_OPTION
@DB_OPTION
def bank_threshold(name: str, threshold: int, actor: str, db_url: str | None) -> None:
    """Set the largest distance that counts as a match in this bank."""
    with _transaction(db_url) as session:
        set_threshold(session, name, threshold, actor=actor)
    click.echo(f"{name}: threshold {threshold}")


@bank.command("remove")
@click.argument("name")
@click.option("--hash", "hashes", multiple=True, help="Remove the entry with this hash.")
@click.option("--content-id", "content_ids", multiple=True, help="Remove by content id.")
@ACTOR_OPTION
@DB_OPTION
def bank_remove(
    name: str,
    hashes: tuple[str, ...],
    content_ids: tuple[str, ...],
    actor: str,
    db_url: str | None,
) -> None:
    """Remove entries by hash or content id."""
    if not hashes and not content_ids:
        raise click.UsageError("give --hash or --content-id values to remove")
    with _transaction(db_url) as session:
        removed = remove_entries(session, name, actor=actor, hashes=hashes, content_ids=content_ids)
    click.echo(f"removed {removed} entries from {name}")


@click.command("match")
@FILES
@click.option("--json", "as_json", is_flag=True, help="One JSON object per file.")
@DB_OPTION
def match_command(files: tuple[Path, ...], as_json: bool, db_url: str | None) -> None:
    """Match images (rotated and mirrored copies included) and videos (every sampled frame)
    against the enabled banks."""
    with _transaction(db_url) as session:
        matcher = BankMatcher.load(session)
    failed = False
    for path in files:
        try:
            if not is_image_file(path):
                found = match_video(matcher, vpdq_hash_file(path))
                click.echo(
                    json.dumps(_video_json(path, found)) if as_json else _video_text(path, found)
                )
                continue
            result = matcher.match_image(load_image_file(path))
        except (ImageDecodeError, VideoHashError) as exc:
            failed = True
            if as_json:
                click.echo(json.dumps({"file": str(path), "error": str(exc)}))
            else:
                click.echo(f"{path}: {exc}", err=True)
            continue
        click.echo(json.dumps(_match_json(path, result)) if as_json else _match_text(path, result))
    if failed:
        sys.exit(1)


def _match_json(path: Path, result: MatchResult) -> dict[str, object]:
    out: dict[str, object] = {
        "file": str(path),
        "hash": result.query.hex,
        "quality": result.query.quality,
        "matches": [m.to_dict() for m in result.matches],
    }
    if result.suppressed_by:
        out["suppressed_by"] = [m.to_dict() for m in result.suppressed_by]
    if result.low_quality:
        out["warning"] = _LOW_QUALITY.format(quality=result.query.quality)
    return out


def _video_json(path: Path, found: list[VideoMatch]) -> dict[str, object]:
    return {"file": str(path), "signal_type": "vpdq", "matches": [v.to_dict() for v in found]}


def _video_text(path: Path, found: list[VideoMatch]) -> str:
    if not found:
        return f"{path}: no match"
    return f"{path}: MATCH " + "; ".join(
        f"{v.match.bank} distance {v.match.distance} content {v.match.content_id or '-'} "
        f"at {v.at_seconds:.0f} s"
        for v in found
    )


def _match_text(path: Path, result: MatchResult) -> str:
    if result.low_quality:
        return f"{path}: " + _LOW_QUALITY.format(quality=result.query.quality)
    if result.suppressed_by:
        banks = ", ".join(sorted({m.bank for m in result.suppressed_by}))
        return f"{path}: no match (known false positive in {banks})"
    if not result.matches:
        return f"{path}: no match"
    found = "; ".join(
        f"{m.bank} distance {m.distance} content {m.content_id or '-'}" for m in result.matches
    )
    return f"{path}: MATCH {found}"


_LOW_QUALITY = (
    "PDQ quality {quality} is below " + str(PDQ_QUALITY_FLOOR) + ": too featureless to match "
    "reliably, not matched"
)
