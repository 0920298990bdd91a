"""Bank files in and out: CSV, and the local-file format of Meta's ``threatexchange`` tool.

CSV: a header row, then one hash per row. Columns (any order, names case-insensitive):

- ``pdq`` (required): the PDQ hash, 64 hex digits;
- ``content_id`` (optional): the partner's id for the content, unique within a bank;
- any other column: metadata, kept as text under the column's name (empty cells are absent).

A file whose first row is already a hash has no header; its columns are then ``pdq`` and
optionally ``content_id``. Export writes ``pdq,content_id`` then the metadata columns by name,
so an exported file imports back unchanged.

ThreatExchange local file (``threatexchange`` collab api ``local_file``): one signal per line,
``pdq <hex>``, or a bare ``<hex>`` when the collab fixes the signal type. The format has no
content ids or metadata, so export writes hashes only. The tool's own reader
(``LocalFileSignalExchangeAPI``) is not used: it drops unreadable lines without saying which,
and a hotline list must never lose lines silently.

Readers never stop at a bad line: they return the good entries and each refused line with its
number and reason.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TextIO

from safestream.detect.hashing.banks import (
    BankEntry,
    BankError,
    EntryBatch,
    InvalidEntryError,
    Rejection,
    make_entry,
)

PDQ_COLUMN = "pdq"
CONTENT_ID_COLUMN = "content_id"
TE_SIGNAL_TYPE = "pdq"
"""The name ``threatexchange`` gives PDQ signals (``PdqSignal.get_name()``)."""


class BankFileError(BankError):
    """A bank file that cannot be read at all (as opposed to single bad lines)."""


def _read_text(path: Path) -> str:
    try:
        # utf-8-sig: spreadsheets often start CSV files with a byte-order mark.
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BankFileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise BankFileError(f"{path}: cannot read ({exc.strerror})") from None


def _is_hash(cell: str) -> bool:
    try:
        make_entry(cell)
    except InvalidEntryError:
        return False
    return True


def _columns(first_row: Sequence[str], path: Path) -> tuple[list[str], bool]:
    """Column names, and whether the first row was a header (rather than the first entry)."""
    if _is_hash(first_row[0]):
        return [PDQ_COLUMN, CONTENT_ID_COLUMN], False
    names = [cell.strip().lower() for cell in first_row]
    if PDQ_COLUMN not in names:
        raise BankFileError(
            f"{path}: the first row must be a header with a {PDQ_COLUMN!r} column, or a hash"
        )
    repeated = sorted({n for n in names if names.count(n) > 1})
    if repeated or "" in names:
        raise BankFileError(f"{path}: header has empty or repeated column names {repeated}")
    return names, True


def read_csv(path: Path) -> EntryBatch:
    """Entries of a CSV bank file (see the module docs for the columns)."""
    reader = csv.reader(io.StringIO(_read_text(path), newline=""))
    entries: list[tuple[int, BankEntry]] = []
    rejected: list[Rejection] = []
    names: list[str] | None = None
    headerless = False
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        line = reader.line_num
        if names is None:
            names, has_header = _columns(row, path)
            headerless = not has_header
            if has_header:
                continue
        width_ok = len(row) == len(names) or (headerless and len(row) == 1)
        if not width_ok:
            rejected.append(Rejection(line, f"expected {len(names)} columns, found {len(row)}"))
            continue
        cells = dict(zip(names, row, strict=False))
        metadata = {k: v for k, v in cells.items() if k not in (PDQ_COLUMN, CONTENT_ID_COLUMN)}
        try:
            entry = make_entry(cells[PDQ_COLUMN], cells.get(CONTENT_ID_COLUMN), metadata)
        except InvalidEntryError as exc:
            rejected.append(Rejection(line, str(exc)))
            continue
        entries.append((line, entry))
    return EntryBatch(entries, rejected, source=f"{path.name} (csv)")


def write_csv(entries: Iterable[BankEntry], out: TextIO) -> None:
    rows = list(entries)
    keys = sorted({k for e in rows for k in e.metadata})
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([PDQ_COLUMN, CONTENT_ID_COLUMN, *keys])
    for e in rows:
        writer.writerow([e.hash, e.content_id or "", *(e.metadata.get(k, "") for k in keys)])


def read_threatexchange(path: Path) -> EntryBatch:
    """Entries of a ``threatexchange`` local file: ``pdq <hex>`` or ``<hex>`` per line."""
    entries: list[tuple[int, BankEntry]] = []
    rejected: list[Rejection] = []
    for line, text in enumerate(_read_text(path).splitlines(), start=1):
        parts = text.split(maxsplit=1)
        if not parts:
            continue
        if len(parts) == 2 and parts[0] != TE_SIGNAL_TYPE:
            rejected.append(Rejection(line, f"signal type {parts[0]!r} is not {TE_SIGNAL_TYPE!r}"))
            continue
        try:
            entries.append((line, make_entry(parts[-1])))
        except InvalidEntryError as exc:
            rejected.append(Rejection(line, str(exc)))
    return EntryBatch(entries, rejected, source=f"{path.name} (threatexchange)")


def write_threatexchange(entries: Iterable[BankEntry], out: TextIO) -> None:
    for e in entries:
        out.write(f"{TE_SIGNAL_TYPE} {e.hash}\n")


Reader = Callable[[Path], EntryBatch]
Writer = Callable[[Iterable[BankEntry], TextIO], None]
FORMATS: dict[str, tuple[Reader, Writer]] = {
    "csv": (read_csv, write_csv),
    "threatexchange": (read_threatexchange, write_threatexchange),
}
