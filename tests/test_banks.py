"""Hash banks: the store service, bank files, and matching pictures against banks.

Images are scikit-image's benign samples, written to temporary files and re-read.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from skimage import data
from sqlalchemy import select

from safestream.detect.hashing.bank_io import (
    TE_SIGNAL_TYPE,
    BankFileError,
    read_csv,
    read_threatexchange,
    write_csv,
    write_threatexchange,
)
from safestream.detect.hashing.banks import (
    MAX_METADATA_BYTES,
    BankEntry,
    BankError,
    BankExistsError,
    BankKind,
    BankNotFoundError,
    EntryBatch,
    InvalidEntryError,
    add_entries,
    bank_entries,
    create_bank,
    export_entries,
    get_bank,
    list_banks,
    make_entry,
    remove_entries,
    set_enabled,
    set_threshold,
)
from safestream.detect.hashing.matcher import BankMatcher, MatchResult, match_signals
from safestream.detect.hashing.pdq import PDQ_MATCH_THRESHOLD, pdq_hash
from safestream.detect.vision.decode import load_image_file
from safestream.signals import Category
from safestream.store.db import Store
from safestream.store.models import AuditRow

H1 = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"
H2 = "d8f8f0cec0f4a84f8e370a22038f67f0b36a2ed597231e1d72e6b39c4a9c9b22"
H3 = "0" * 63 + "1"


@pytest.fixture(params=["sqlite", "postgres"])
def any_store(request: pytest.FixtureRequest) -> Iterator[Store]:
    url = request.getfixturevalue("sqlite_url" if request.param == "sqlite" else "pg_url")
    s = Store(url)
    yield s
    s.close()


def batch(*entries: BankEntry) -> EntryBatch:
    return EntryBatch([(i + 1, e) for i, e in enumerate(entries)])


def audit_actions(store: Store) -> list[tuple[str, str, str]]:
    with store.session() as session:
        rows = session.scalars(select(AuditRow).order_by(AuditRow.id))
        return [(r.actor, r.action, r.target) for r in rows]


# --- the bank service ---------------------------------------------------------------------


def test_create_bank_defaults_and_audit(any_store: Store) -> None:
    with any_store.session() as session, session.begin():
        bank = create_bank(session, "ncmec-2026", actor="alice", description="hotline list")
    assert (bank.kind, bank.enabled, bank.threshold) == (BankKind.POSITIVE, True, 31)
    with any_store.session() as session:
        (listed,) = list_banks(session)
    assert listed.name == "ncmec-2026"
    assert listed.created_by == "alice"
    assert listed.size == 0
    assert audit_actions(any_store) == [("alice", "bank.create", "bank:ncmec-2026")]


def test_create_bank_refuses_duplicates_bad_names_and_thresholds(any_store: Store) -> None:
    with any_store.session() as session, session.begin():
        create_bank(session, "b1", actor="a")
    with any_store.session() as session, pytest.raises(BankExistsError, match="b1"):
        create_bank(session, "b1", actor="a")
    with any_store.session() as session, pytest.raises(BankError, match="between 0 and 64"):
        create_bank(session, "b2", actor="a", threshold=65)
    with any_store.session() as session, pytest.raises(BankError, match="bank name"):
        create_bank(session, "has space", actor="a")


def test_add_entries_dedupes_and_refuses_reused_content_ids(any_store: Store) -> None:
    with any_store.session() as session, session.begin():
        create_bank(session, "b", actor="a")
        first = add_entries(session, "b", batch(make_entry(H1.upper(), "c1")), actor="a")
    assert (first.added, first.duplicates, first.rejected) == (1, 0, ())
    with any_store.session() as session, session.begin():
        second = add_entries(
            session,
            "b",
            batch(
                make_entry(H1, "other-id"),  # same hash: a duplicate, whatever its id
                make_entry(H2, "c1"),  # c1 already names H1
                make_entry(H3, "c3", {"source": "partner"}),
                make_entry(H3),  # repeated within the batch
            ),
            actor="bob",
        )
    assert (second.added, second.duplicates) == (1, 2)
    assert [(r.line, "c1" in r.reason) for r in second.rejected] == [(2, True)]
    with any_store.session() as session:
        assert bank_entries(session, "b") == [
            BankEntry(H1, "c1", {}),
            BankEntry(H3, "c3", {"source": "partner"}),
        ]
        assert get_bank(session, "b").size == 2
    assert audit_actions(any_store)[-1] == ("bob", "bank.add", "bank:b")


def test_enable_threshold_remove_and_export_are_audited(any_store: Store) -> None:
    with any_store.session() as session, session.begin():
        create_bank(session, "b", actor="a")
        add_entries(session, "b", batch(make_entry(H1, "c1"), make_entry(H2, "c2")), actor="a")
        set_enabled(session, "b", False, actor="carol")
        set_threshold(session, "b", 20, actor="carol")
        removed = remove_entries(session, "b", actor="dave", content_ids=["c2"])
        export_entries(session, "b", "csv", actor="erin")
    assert removed == 1
    with any_store.session() as session:
        bank = get_bank(session, "b")
        details = session.scalars(
            select(AuditRow.details).where(AuditRow.action == "bank.threshold")
        ).one()
    assert (bank.enabled, bank.threshold, bank.size) == (False, 20, 1)
    assert details == {"from": 31, "to": 20}
    assert [a[:2] for a in audit_actions(any_store)[2:]] == [
        ("carol", "bank.disable"),
        ("carol", "bank.threshold"),
        ("dave", "bank.remove"),
        ("erin", "bank.export"),
    ]


def test_unknown_bank_is_named(store: Store) -> None:
    with store.session() as session, pytest.raises(BankNotFoundError, match="'nope'"):
        set_enabled(session, "nope", True, actor="a")


def test_rollback_leaves_no_audit_row(store: Store) -> None:
    with store.session() as session:
        session.begin()
        create_bank(session, "b", actor="a")
        session.rollback()
    assert audit_actions(store) == []


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("abc",), "64 hex digits"),
        (("g" * 64,), "64 hex digits"),
        ((H1, "x" * 201), "content id longer"),
        ((H1, None, {"pdq": "x"}), "metadata keys"),
        ((H1, None, {"note": "x" * MAX_METADATA_BYTES}), "metadata larger"),
    ],
)
def test_make_entry_refuses_bad_input(args: tuple[object, ...], problem: str) -> None:
    with pytest.raises(InvalidEntryError, match=problem):
        make_entry(*args)  # type: ignore[arg-type]


# --- bank files ---------------------------------------------------------------------------


def test_csv_round_trip(tmp_path: Path) -> None:
    entries = [
        BankEntry(H1, "c1", {"source": "hotline", "category": "A1"}),
        BankEntry(H2, None, {"note": 'comma, "quote"'}),
        BankEntry(H3),
    ]
    path = tmp_path / "bank.csv"
    with path.open("w", newline="") as out:
        write_csv(entries, out)
    assert path.read_text().splitlines()[0] == "pdq,content_id,category,note,source"
    parsed = read_csv(path)
    assert parsed.rejected == []
    assert [e for _, e in parsed.entries] == entries


def test_csv_reports_bad_lines_by_number_and_keeps_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "bank.csv"
    path.write_text(
        "\ufeffPDQ,content_id,source\n"  # byte-order mark and upper-case header are fine
        f"{H1},c1,x\n"
        "\n"
        "nothex,c2,x\n"
        f"{H2},c3\n"
        f"{H3},c4,x,extra\n"
        f"{H2},,y\n"
    )
    parsed = read_csv(path)
    assert [(line, e.hash, e.content_id) for line, e in parsed.entries] == [
        (2, H1, "c1"),
        (7, H2, None),
    ]
    assert [(r.line, r.reason) for r in parsed.rejected] == [
        (4, "not a PDQ hash (64 hex digits): 'nothex'"),
        (5, "expected 3 columns, found 2"),
        (6, "expected 3 columns, found 4"),
    ]


def test_headerless_csv_takes_hash_and_optional_content_id(tmp_path: Path) -> None:
    path = tmp_path / "plain.csv"
    path.write_text(f"{H1}\n{H2},c2\n{H3},c3,extra\n")
    parsed = read_csv(path)
    assert [(e.hash, e.content_id) for _, e in parsed.entries] == [(H1, None), (H2, "c2")]
    assert [r.line for r in parsed.rejected] == [3]


@pytest.mark.parametrize(
    ("content", "problem"),
    [(b"hash,id\n", "'pdq' column"), (b"pdq,pdq\n", "repeated"), (b"\xff\xfe\x00", "UTF-8")],
)
def test_unreadable_csv_is_a_file_error(tmp_path: Path, content: bytes, problem: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(BankFileError, match=problem):
        read_csv(path)


def test_threatexchange_round_trip_and_compatibility(tmp_path: Path) -> None:
    from threatexchange.exchanges.impl.file_api import (
        FileCollaborationConfig,
        LocalFileSignalExchangeAPI,
    )
    from threatexchange.signal_type.pdq.signal import PdqSignal

    assert PdqSignal.get_name() == TE_SIGNAL_TYPE
    entries = [BankEntry(H1, "c1", {"a": "b"}), BankEntry(H2)]
    path = tmp_path / "te.txt"
    with path.open("w") as out:
        write_threatexchange(entries, out)
    parsed = read_threatexchange(path)
    assert [e.hash for _, e in parsed.entries] == [H1, H2]
    assert parsed.rejected == []
    # The threatexchange tool itself reads our export as the same PDQ signals.
    collab = FileCollaborationConfig(name="t", api="local_file", enabled=True, filename=str(path))
    (delta,) = LocalFileSignalExchangeAPI(collab).fetch_iter([PdqSignal], None)
    assert set(delta.updates) == {("pdq", H1), ("pdq", H2)}


def test_threatexchange_reader_takes_bare_hashes_and_reports_other_lines(tmp_path: Path) -> None:
    path = tmp_path / "te.txt"
    md5 = "d41d8cd98f00b204e9800998ecf8427e"
    path.write_text(f"pdq {H1}\n{H2.upper()}\n\nvideo_md5 {md5}\npdq zz\n")
    parsed = read_threatexchange(path)
    assert [(line, e.hash) for line, e in parsed.entries] == [(1, H1), (2, H2)]
    assert [(r.line, r.reason.split(" ")[0]) for r in parsed.rejected] == [
        (4, "signal"),
        (5, "not"),
    ]


# --- matching pictures --------------------------------------------------------------------


def save(array: np.ndarray, path: Path, **options: object) -> Path:
    Image.fromarray(array).save(path, **options)
    return path


def recompressed(array: np.ndarray, quality: int, scale: float) -> np.ndarray:
    image = Image.fromarray(array)
    image = image.resize((int(image.width * scale), int(image.height * scale)), Image.BILINEAR)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return np.asarray(Image.open(buffer).convert("RGB"))


@pytest.fixture
def astronaut_png(tmp_path: Path) -> Path:
    return save(data.astronaut(), tmp_path / "astronaut.png")


def bank_with(store: Store, name: str, image: Path, *, kind: BankKind, content_id: str) -> None:
    entry = make_entry(pdq_hash(load_image_file(image)).hex, content_id)
    with store.session() as session, session.begin():
        create_bank(session, name, actor="t", kind=kind)
        add_entries(session, name, batch(entry), actor="t")


def match_file(store: Store, path: Path) -> MatchResult:
    with store.session() as session:
        matcher = BankMatcher.load(session)
    return matcher.match_image(load_image_file(path))


def test_altered_copies_match_with_content_id_and_others_do_not(
    store: Store, astronaut_png: Path, tmp_path: Path
) -> None:
    bank_with(store, "hotline", astronaut_png, kind=BankKind.POSITIVE, content_id="cid-1")
    copies = {
        "recompressed": save(recompressed(data.astronaut(), 40, 0.6), tmp_path / "small.jpg"),
        "mirrored": save(np.fliplr(data.astronaut()), tmp_path / "mirror.jpg", quality=80),
        "rotated": save(np.rot90(data.astronaut()).copy(), tmp_path / "rot.png"),
    }
    for kind, path in copies.items():
        result = match_file(store, path)
        assert [(m.bank, m.content_id) for m in result.matches] == [("hotline", "cid-1")], kind
        assert result.matches[0].distance <= PDQ_MATCH_THRESHOLD
    other = match_file(store, save(data.camera(), tmp_path / "camera.png"))
    assert other.matches == ()
    assert not other.low_quality


def test_mirrored_copy_needs_the_dihedral_variants(store: Store, astronaut_png: Path) -> None:
    bank_with(store, "hotline", astronaut_png, kind=BankKind.POSITIVE, content_id="cid-1")
    with store.session() as session:
        matcher = BankMatcher.load(session)
    mirrored = np.fliplr(data.astronaut()).copy()
    assert matcher.match([pdq_hash(mirrored)]).matches == ()
    assert len(matcher.match_image(mirrored).matches) == 1


def test_negative_bank_suppresses_positive_matches(store: Store, astronaut_png: Path) -> None:
    bank_with(store, "hotline", astronaut_png, kind=BankKind.POSITIVE, content_id="cid-1")
    bank_with(store, "reviewed-ok", astronaut_png, kind=BankKind.NEGATIVE, content_id="fp-7")
    result = match_file(store, astronaut_png)
    assert result.matches == ()
    assert [(m.bank, m.content_id) for m in result.suppressed_by] == [("reviewed-ok", "fp-7")]
    assert match_signals(result, "ev-1") == []


def test_disabled_bank_does_not_match(store: Store, astronaut_png: Path) -> None:
    bank_with(store, "hotline", astronaut_png, kind=BankKind.POSITIVE, content_id="cid-1")
    with store.session() as session, session.begin():
        set_enabled(session, "hotline", False, actor="t")
    assert match_file(store, astronaut_png).matches == ()


def test_each_bank_uses_its_own_threshold(
    store: Store, astronaut_png: Path, tmp_path: Path
) -> None:
    bank_with(store, "loose", astronaut_png, kind=BankKind.POSITIVE, content_id="a")
    bank_with(store, "strict", astronaut_png, kind=BankKind.POSITIVE, content_id="b")
    copy = save(recompressed(data.astronaut(), 30, 0.5), tmp_path / "copy.jpg")
    (distance,) = {m.distance for m in match_file(store, copy).matches}
    assert 0 < distance <= PDQ_MATCH_THRESHOLD
    with store.session() as session, session.begin():
        set_threshold(session, "strict", distance - 1, actor="t")
    assert [m.bank for m in match_file(store, copy).matches] == ["loose"]
    with store.session() as session, session.begin():
        set_threshold(session, "strict", distance, actor="t")
    assert [m.bank for m in match_file(store, copy).matches] == ["loose", "strict"]


def test_featureless_pictures_are_not_matched(store: Store, tmp_path: Path) -> None:
    flat = save(np.full((64, 64, 3), 128, dtype=np.uint8), tmp_path / "flat.png")
    bank_with(store, "hotline", flat, kind=BankKind.POSITIVE, content_id="x")
    result = match_file(store, flat)
    assert result.low_quality
    assert result.matches == ()


def test_matches_become_known_abuse_hash_signals(
    store: Store, astronaut_png: Path, tmp_path: Path
) -> None:
    bank_with(store, "hotline", astronaut_png, kind=BankKind.POSITIVE, content_id="cid-1")
    exact = match_signals(match_file(store, astronaut_png), "ev-1", "frame-1")
    copy = save(recompressed(data.astronaut(), 30, 0.5), tmp_path / "copy.jpg")
    near = match_signals(match_file(store, copy), "ev-2")
    (signal,) = exact
    assert signal.category is Category.KNOWN_ABUSE_HASH
    assert signal.score == 1.0
    assert signal.evidence.to_dict() == {
        "event_ids": ["ev-1"],
        "frame_ids": ["frame-1"],
        "hash_distance": 0,
        "note": "bank=hotline content_id=cid-1",
    }
    (weaker,) = near
    assert weaker.fires
    assert weaker.score < signal.score
    assert (weaker.evidence.hash_distance or 0) > 0


def test_empty_matcher_matches_nothing(store: Store, astronaut_png: Path) -> None:
    result = match_file(store, astronaut_png)
    assert result.matches == ()
    assert result.query == pdq_hash(data.astronaut())


def test_optional_strings_round_trip_across_chunks() -> None:
    from safestream.detect.hashing.banks import OptionalStrings

    values = ["C-1", None, "", "longer id 7", None, "x"]
    parts = [
        OptionalStrings.of(values[:2]),
        OptionalStrings.of(values[2:5]),
        OptionalStrings.of(values[5:]),
    ]
    joined = OptionalStrings.joined(parts)
    assert len(joined) == len(values)
    assert [joined[i] for i in range(len(values))] == values
    assert len(OptionalStrings.joined([])) == 0


def test_banks_load_the_same_in_small_chunks(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from safestream.detect.hashing import banks as bank_module

    with store.session() as session, session.begin():
        create_bank(session, "a", actor="t")
        create_bank(session, "b", actor="t", kind=BankKind.NEGATIVE)
        add_entries(session, "a", batch(make_entry(H1, "cid-1"), make_entry(H3)), actor="t")
        add_entries(session, "b", batch(make_entry(H2, "fp-1")), actor="t")
    with store.session() as session:
        whole = bank_module.enabled_entries(session)
        monkeypatch.setattr(bank_module, "ENTRY_CHUNK", 1)
        chunked = bank_module.enabled_entries(session)
    assert [b.name for b in chunked.banks] == ["a", "b"]
    assert [b.size for b in chunked.banks] == [2, 1]
    assert chunked.hashes.tobytes() == whole.hashes.tobytes()
    assert [bytes(h).hex() for h in chunked.hashes] == [H1, H3, H2]
    assert list(chunked.bank_of) == [0, 0, 1]
    assert [chunked.content_ids[i] for i in range(3)] == ["cid-1", None, "fp-1"]
