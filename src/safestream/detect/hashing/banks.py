"""Hash banks: lists of known perceptual hashes kept in the store, with an audit trail.

A *positive* bank holds hashes of known abuse material from a hotline or partner; a *negative*
bank holds hashes the platform has reviewed as false positives, which silence positive matches.
Each change writes its audit row in the caller's transaction, so the log cannot miss a change
that committed nor record one that rolled back.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray
from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.orm import Session

from safestream.detect.hashing.pdq import PDQ_MATCH_THRESHOLD, PdqHash, PdqHashError
from safestream.review.audit import record
from safestream.store.models import BankEntryRow, HashBankRow

MAX_THRESHOLD = 64
"""Highest allowed match distance (of 256 bits). Meta calibrated 31 for few false positives;
past a quarter of the bits unrelated photos start to collide, so a bank can't be set looser."""
MAX_NAME = 200
MAX_CONTENT_ID = 200
MAX_METADATA_BYTES = 2048
"""Metadata is a label for a moderator (source, category), not a place for documents."""
RESERVED_KEYS = frozenset({"pdq", "content_id"})
"""Metadata keys that would clash with the CSV columns of the same name on export."""
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


class BankKind(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"


class BankError(Exception):
    """A bank operation that cannot be done; the message says why."""


class BankNotFoundError(BankError):
    pass


class BankExistsError(BankError):
    pass


class InvalidEntryError(BankError):
    """A hash, content id or metadata that cannot go into a bank."""


@dataclass(frozen=True, slots=True)
class Bank:
    name: str
    kind: BankKind
    enabled: bool
    threshold: int
    description: str
    created_by: str
    created_at: datetime
    size: int = 0


@dataclass(frozen=True, slots=True)
class BankEntry:
    """One hash (lower-case PDQ hex) with the partner's content id and labels, if any."""

    hash: str
    content_id: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Rejection:
    """An input item that did not go in: its line (or position) and the reason."""

    line: int
    reason: str


@dataclass(frozen=True, slots=True)
class EntryBatch:
    """Entries to add, numbered by where they came from, and the items already refused."""

    entries: Sequence[tuple[int, BankEntry]]
    rejected: Sequence[Rejection] = ()
    source: str = "command line"


@dataclass(frozen=True, slots=True)
class AddResult:
    added: int
    duplicates: int
    rejected: tuple[Rejection, ...]


def make_entry(
    hash_hex: str, content_id: str | None = None, metadata: Mapping[str, str] | None = None
) -> BankEntry:
    """A validated entry; empty content ids and metadata values count as absent."""
    try:
        # Bank lists carry no quality score; only the hex is checked here.
        normalized = PdqHash.from_hex(hash_hex, quality=100).hex
    except PdqHashError:
        shown = hash_hex if len(hash_hex) <= 80 else hash_hex[:77] + "..."
        raise InvalidEntryError(f"not a PDQ hash (64 hex digits): {shown!r}") from None
    cid = (content_id or "").strip() or None
    if cid is not None and len(cid) > MAX_CONTENT_ID:
        raise InvalidEntryError(f"content id longer than {MAX_CONTENT_ID} characters")
    meta = {k.strip(): v for k, v in (metadata or {}).items() if v != ""}
    bad_keys = sorted(k for k in meta if not k or k in RESERVED_KEYS)
    if bad_keys:
        raise InvalidEntryError(
            f"metadata keys must be non-empty and not pdq/content_id: {bad_keys}"
        )
    if meta and len(json.dumps(meta).encode()) > MAX_METADATA_BYTES:
        raise InvalidEntryError(f"metadata larger than {MAX_METADATA_BYTES} bytes")
    return BankEntry(normalized, cid, meta)


def _check_threshold(threshold: int) -> None:
    if not 0 <= threshold <= MAX_THRESHOLD:
        raise BankError(f"threshold must be between 0 and {MAX_THRESHOLD} bits; got {threshold}")


def _row(session: Session, name: str) -> HashBankRow:
    row = session.scalars(select(HashBankRow).where(HashBankRow.name == name)).first()
    if row is None:
        raise BankNotFoundError(f"no hash bank named {name!r}")
    return row


def _bank(row: HashBankRow, size: int) -> Bank:
    return Bank(
        name=row.name,
        kind=BankKind(row.kind),
        enabled=row.enabled,
        threshold=row.threshold,
        description=row.description,
        created_by=row.created_by,
        created_at=row.created_at,
        size=size,
    )


def create_bank(
    session: Session,
    name: str,
    *,
    actor: str,
    kind: BankKind = BankKind.POSITIVE,
    threshold: int = PDQ_MATCH_THRESHOLD,
    description: str = "",
) -> Bank:
    """Create an empty, enabled bank."""
    if len(name) > MAX_NAME or not _NAME.fullmatch(name):
        raise BankError(
            f"bank name {name!r} must be 1-{MAX_NAME} letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    _check_threshold(threshold)
    if session.scalars(select(HashBankRow.id).where(HashBankRow.name == name)).first():
        raise BankExistsError(f"a hash bank named {name!r} already exists")
    row = HashBankRow(
        name=name,
        kind=kind.value,
        enabled=True,
        threshold=threshold,
        description=description,
        created_by=actor,
        created_at=datetime.now(UTC),
    )
    session.add(row)
    record(
        session,
        actor,
        "bank.create",
        f"bank:{name}",
        {"kind": kind.value, "threshold": threshold, "description": description},
    )
    return _bank(row, 0)


def list_banks(session: Session) -> list[Bank]:
    """Every bank with its number of entries, by name."""
    counts = select(BankEntryRow.bank_id, func.count()).group_by(BankEntryRow.bank_id)
    sizes: dict[int, int] = dict(session.execute(counts).all())
    rows = session.scalars(select(HashBankRow).order_by(HashBankRow.name))
    return [_bank(row, sizes.get(row.id, 0)) for row in rows]


def get_bank(session: Session, name: str) -> Bank:
    row = _row(session, name)
    size = session.scalar(select(func.count()).where(BankEntryRow.bank_id == row.id)) or 0
    return _bank(row, size)


def set_enabled(session: Session, name: str, enabled: bool, *, actor: str) -> None:
    """Switch a bank on or off for matching; its entries stay."""
    row = _row(session, name)
    row.enabled = enabled
    record(session, actor, "bank.enable" if enabled else "bank.disable", f"bank:{name}")


def set_threshold(session: Session, name: str, threshold: int, *, actor: str) -> None:
    _check_threshold(threshold)
    row = _row(session, name)
    previous, row.threshold = row.threshold, threshold
    record(session, actor, "bank.threshold", f"bank:{name}", {"from": previous, "to": threshold})


def add_entries(session: Session, name: str, batch: EntryBatch, *, actor: str) -> AddResult:
    """Add a batch: a hash already in the bank is a duplicate; a content id naming another hash
    is refused. Everything else goes in, and one audit row counts the outcome."""
    row = _row(session, name)
    known_hashes = set(
        session.scalars(select(BankEntryRow.hash).where(BankEntryRow.bank_id == row.id))
    )
    known_ids = set(
        session.scalars(
            select(BankEntryRow.content_id).where(
                BankEntryRow.bank_id == row.id, BankEntryRow.content_id.is_not(None)
            )
        )
    )
    now = datetime.now(UTC)
    new_rows: list[dict[str, object]] = []
    duplicates = 0
    rejected = list(batch.rejected)
    for line, entry in batch.entries:
        if entry.hash in known_hashes:
            duplicates += 1
            continue
        if entry.content_id is not None and entry.content_id in known_ids:
            rejected.append(
                Rejection(line, f"content id {entry.content_id!r} already names another hash")
            )
            continue
        known_hashes.add(entry.hash)
        if entry.content_id is not None:
            known_ids.add(entry.content_id)
        new_rows.append(
            {
                "bank_id": row.id,
                "hash": entry.hash,
                "content_id": entry.content_id,
                "meta": dict(entry.metadata),
                "added_by": actor,
                "added_at": now,
            }
        )
    if new_rows:
        # Core executemany (not ORM bulk): hotline lists run to hundreds of thousands of hashes.
        table = BankEntryRow.metadata.tables[BankEntryRow.__tablename__]
        session.execute(insert(table), new_rows)
    rejected.sort(key=lambda r: r.line)
    record(
        session,
        actor,
        "bank.add",
        f"bank:{name}",
        {
            "source": batch.source,
            "added": len(new_rows),
            "duplicates": duplicates,
            "rejected": len(rejected),
        },
    )
    return AddResult(len(new_rows), duplicates, tuple(rejected))


def remove_entries(
    session: Session,
    name: str,
    *,
    actor: str,
    hashes: Iterable[str] = (),
    content_ids: Iterable[str] = (),
) -> int:
    """Remove entries by hash or content id; returns how many went."""
    row = _row(session, name)
    wanted_hashes = sorted(make_entry(h).hash for h in hashes)
    wanted_ids = sorted(set(content_ids))
    result = session.execute(
        delete(BankEntryRow).where(
            BankEntryRow.bank_id == row.id,
            or_(BankEntryRow.hash.in_(wanted_hashes), BankEntryRow.content_id.in_(wanted_ids)),
        )
    )
    removed = int(getattr(result, "rowcount", 0))
    record(
        session,
        actor,
        "bank.remove",
        f"bank:{name}",
        {"hashes": wanted_hashes, "content_ids": wanted_ids, "removed": removed},
    )
    return removed


def bank_entries(session: Session, name: str) -> list[BankEntry]:
    """A bank's entries in the order they were added."""
    row = _row(session, name)
    rows = session.execute(
        select(BankEntryRow.hash, BankEntryRow.content_id, BankEntryRow.meta)
        .where(BankEntryRow.bank_id == row.id)
        .order_by(BankEntryRow.id)
    )
    return [BankEntry(hash_, content_id, meta) for hash_, content_id, meta in rows]


@dataclass(frozen=True, slots=True)
class EnabledEntries:
    """The entries of the enabled banks as columns, so that millions of them stay compact.

    Row ``i`` is a hash (``hashes[i]``, 32 bytes) of bank ``banks[bank_of[i]]``; its content
    id is ``content_ids[i]``.
    """

    banks: list[Bank]
    bank_of: NDArray[np.int32]
    hashes: NDArray[np.uint8]
    content_ids: OptionalStrings


class OptionalStrings:
    """Many short optional strings held as one string and offsets rather than as objects:
    a 10-million-entry hotline list's content ids cost their characters, not 10M objects."""

    def __init__(self, present: NDArray[np.bool_], text: str, ends: NDArray[np.int64]) -> None:
        self._present, self._text, self._ends = present, text, ends

    @classmethod
    def of(cls, values: Iterable[str | None]) -> OptionalStrings:
        items = list(values)
        present = np.fromiter((v is not None for v in items), dtype=bool, count=len(items))
        lengths = np.fromiter((len(v or "") for v in items), dtype=np.int64, count=len(items))
        return cls(present, "".join(v or "" for v in items), np.cumsum(lengths))

    @classmethod
    def joined(cls, parts: Sequence[OptionalStrings]) -> OptionalStrings:
        if not parts:
            return cls.of(())
        offsets = np.cumsum([0] + [len(p._text) for p in parts[:-1]])
        return cls(
            np.concatenate([p._present for p in parts]),
            "".join(p._text for p in parts),
            np.concatenate([p._ends + o for p, o in zip(parts, offsets, strict=True)]),
        )

    def __len__(self) -> int:
        return len(self._present)

    def __getitem__(self, i: int) -> str | None:
        if not self._present[i]:
            return None
        start = int(self._ends[i - 1]) if i else 0
        return self._text[start : int(self._ends[i])]


ENTRY_CHUNK = 100_000
"""Rows read from the store at a time while loading banks for matching."""


def enabled_entries(session: Session) -> EnabledEntries:
    """The enabled banks' hashes and content ids (no metadata), for matching."""
    rows = {row.id: row for row in session.scalars(select(HashBankRow).where(HashBankRow.enabled))}
    position = {bank_id: i for i, bank_id in enumerate(sorted(rows))}
    hashes: list[NDArray[np.uint8]] = []
    bank_of: list[NDArray[np.int32]] = []
    content_ids: list[OptionalStrings] = []
    result = session.execute(
        select(BankEntryRow.bank_id, BankEntryRow.hash, BankEntryRow.content_id)
        .where(BankEntryRow.bank_id.in_(rows))
        .order_by(BankEntryRow.id)
        .execution_options(yield_per=ENTRY_CHUNK)
    )
    for chunk in result.partitions():
        hashes.append(np.frombuffer(bytes.fromhex("".join(r[1] for r in chunk)), dtype=np.uint8))
        bank_of.append(np.fromiter((position[r[0]] for r in chunk), dtype=np.int32))
        content_ids.append(OptionalStrings.of(r[2] for r in chunk))
    owner = np.concatenate(bank_of) if bank_of else np.zeros(0, dtype=np.int32)
    sizes = np.bincount(owner, minlength=len(rows))
    return EnabledEntries(
        banks=[_bank(rows[i], int(sizes[position[i]])) for i in sorted(rows)],
        bank_of=owner,
        hashes=(np.concatenate(hashes) if hashes else np.zeros(0, dtype=np.uint8)).reshape(-1, 32),
        content_ids=OptionalStrings.joined(content_ids),
    )


def banks_version(session: Session) -> tuple[object, ...]:
    """A cheap fingerprint of everything matching depends on: it changes with any bank change.

    Banks are few, so their settings are read whole; entries are summarised by count and
    highest id, which an add or a removal always moves.
    """
    settings = tuple(
        tuple(row)
        for row in session.execute(
            select(
                HashBankRow.id, HashBankRow.enabled, HashBankRow.threshold, HashBankRow.kind
            ).order_by(HashBankRow.id)
        )
    )
    entries = session.execute(select(func.count(BankEntryRow.id), func.max(BankEntryRow.id))).one()
    return (settings, tuple(entries))


def export_entries(session: Session, name: str, fmt: str, *, actor: str) -> list[BankEntry]:
    """A bank's entries for export; hash lists are shared under agreements, so who took them
    is recorded."""
    entries = bank_entries(session, name)
    record(session, actor, "bank.export", f"bank:{name}", {"format": fmt, "entries": len(entries)})
    return entries
