"""``safestream hash``, ``safestream bank …`` and ``safestream match`` through click."""

from __future__ import annotations

import json
from pathlib import Path

import click
import numpy as np
import pytest
from click.testing import CliRunner
from PIL import Image
from skimage import data
from sqlalchemy import select

from safestream.detect.hashing.cli import bank, hash_command, match_command
from safestream.detect.hashing.pdq import pdq_hash
from safestream.store.db import Store
from safestream.store.models import AuditRow

H1 = "f8f8f0cee0f4a84f06370a22038f63f0b36e2ed596621e1d33e6b39c4e9c9b22"
H2 = "d8f8f0cec0f4a84f8e370a22038f67f0b36a2ed597231e1d72e6b39c4a9c9b22"


def run(command: click.Command, *args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(command, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def save(array: np.ndarray, path: Path, **options: object) -> Path:
    Image.fromarray(array).save(path, **options)
    return path


@pytest.fixture
def images(tmp_path: Path) -> dict[str, Path]:
    return {
        "astronaut": save(data.astronaut(), tmp_path / "astronaut.png"),
        "mirrored": save(np.fliplr(data.astronaut()), tmp_path / "mirrored.jpg", quality=75),
        "camera": save(data.camera(), tmp_path / "camera.png"),
        "flat": save(np.full((64, 64, 3), 200, dtype=np.uint8), tmp_path / "flat.png"),
    }


def audit(sqlite_url: str) -> list[tuple[str, str, str]]:
    store = Store(sqlite_url)
    with store.session() as session:
        rows = [(r.actor, r.action, r.target) for r in session.scalars(select(AuditRow))]
    store.close()
    return rows


def test_create_and_list(sqlite_url: str) -> None:
    assert (
        run(bank, "create", "hotline", "--description", "partner list", "--db", sqlite_url)[0] == 0
    )
    code, out, _ = run(bank, "create", "fp", "--negative", "--threshold", "20", "--db", sqlite_url)
    assert (code, out.strip()) == (0, "created negative bank fp (threshold 20)")
    _, listed, _ = run(bank, "list", "--json", "--db", sqlite_url)
    rows = [json.loads(line) for line in listed.splitlines()]
    assert [(r["name"], r["kind"], r["threshold"], r["enabled"], r["entries"]) for r in rows] == [
        ("fp", "negative", 20, True, 0),
        ("hotline", "positive", 31, True, 0),
    ]
    code, out, err = run(bank, "create", "hotline", "--db", sqlite_url)
    assert code == 1
    assert "already exists" in err
    assert run(bank, "create", "x", "--threshold", "65", "--db", sqlite_url)[0] == 2


def test_add_images_and_hashes_reports_each_outcome(
    sqlite_url: str, images: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("USER", "analyst1")
    run(bank, "create", "hotline", "--db", sqlite_url)
    code, out, _ = run(
        bank, "add", "hotline", images["astronaut"], "--content-id", "cid-1", "--db", sqlite_url
    )
    assert (code, out.strip()) == (0, "added 1, duplicates 0, rejected 0")
    code, out, err = run(
        bank,
        "add",
        "hotline",
        images["astronaut"],
        images["flat"],
        "--hash",
        H1,
        "--hash",
        "xyz",
        "--meta",
        "source=test",
        "--db",
        sqlite_url,
    )
    assert (code, out.strip()) == (0, "added 1, duplicates 1, rejected 2")
    assert err.splitlines() == [
        "rejected xyz: not a PDQ hash (64 hex digits): 'xyz'",
        f"rejected {images['flat']}: PDQ quality 0 is below 50: too featureless to bank",
    ]
    assert ("analyst1", "bank.add", "bank:hotline") in audit(sqlite_url)
    _, exported, _ = run(bank, "export", "hotline", "--db", sqlite_url)
    assert exported.splitlines() == [
        "pdq,content_id,source",
        f"{pdq_hash(data.astronaut()).hex},cid-1,",
        f"{H1},,test",
    ]


def test_add_usage_errors(sqlite_url: str, images: dict[str, Path]) -> None:
    run(bank, "create", "hotline", "--db", sqlite_url)
    code, _, err = run(
        bank, "add", "hotline", "--hash", H1, "--hash", H2, "--content-id", "c", "--db", sqlite_url
    )
    assert code == 2
    assert "--content-id names one item" in err
    assert run(bank, "add", "hotline", "--db", sqlite_url)[0] == 2
    assert (
        run(bank, "add", "hotline", "--hash", H1, "--meta", "novalue", "--db", sqlite_url)[0] == 2
    )
    code, _, err = run(bank, "add", "missing", "--hash", H1, "--db", sqlite_url)
    assert (code, err.strip()) == (1, "Error: no hash bank named 'missing'")


def test_import_reports_bad_lines_and_export_round_trips(sqlite_url: str, tmp_path: Path) -> None:
    run(bank, "create", "hotline", "--db", sqlite_url)
    source = tmp_path / "list.csv"
    source.write_text(
        f"pdq,content_id,category\n{H1},c1,A1\nnot-a-hash,c2,A1\n{H2},c3\n{H2},c4,B\n"
    )
    code, out, err = run(bank, "import", "hotline", source, "--actor", "ops", "--db", sqlite_url)
    assert (code, out.strip()) == (0, "added 2, duplicates 0, rejected 2")
    assert err.splitlines() == [
        f"rejected {source}:3: not a PDQ hash (64 hex digits): 'not-a-hash'",
        f"rejected {source}:4: expected 3 columns, found 2",
    ]
    exported = tmp_path / "out.csv"
    assert run(bank, "export", "hotline", "-o", exported, "--db", sqlite_url)[0] == 0
    assert exported.read_text().splitlines() == [
        "pdq,content_id,category",
        f"{H1},c1,A1",
        f"{H2},c4,B",
    ]
    run(bank, "create", "copy", "--db", sqlite_url)
    assert run(bank, "import", "copy", exported, "--db", sqlite_url)[1].startswith("added 2,")
    _, again, _ = run(bank, "export", "copy", "--db", sqlite_url)
    assert again == exported.read_text()
    assert [a for a in audit(sqlite_url) if a[0] == "ops"] == [("ops", "bank.add", "bank:hotline")]


def test_threatexchange_import_and_export(sqlite_url: str, tmp_path: Path) -> None:
    run(bank, "create", "te", "--db", sqlite_url)
    source = tmp_path / "signals.txt"
    source.write_text(f"pdq {H1}\n{H2}\nurl https://example.org\n")
    code, out, err = run(
        bank, "import", "te", source, "--format", "threatexchange", "--db", sqlite_url
    )
    assert (code, out.strip()) == (0, "added 2, duplicates 0, rejected 1")
    assert f"{source}:3: signal type 'url' is not 'pdq'" in err
    _, exported, _ = run(bank, "export", "te", "--format", "threatexchange", "--db", sqlite_url)
    assert exported.splitlines() == [f"pdq {H1}", f"pdq {H2}"]


def test_unreadable_import_file_is_an_error(sqlite_url: str, tmp_path: Path) -> None:
    run(bank, "create", "hotline", "--db", sqlite_url)
    source = tmp_path / "list.csv"
    source.write_text("hash,id\n")
    code, _, err = run(bank, "import", "hotline", source, "--db", sqlite_url)
    assert code == 1
    assert "'pdq' column" in err


def test_enable_disable_threshold_remove(sqlite_url: str) -> None:
    run(bank, "create", "b", "--db", sqlite_url)
    run(bank, "add", "b", "--hash", H1, "--hash", H2, "--db", sqlite_url)
    for args in (["disable", "b"], ["threshold", "b", "12"], ["enable", "b"]):
        assert run(bank, *args, "--actor", "lead", "--db", sqlite_url)[0] == 0
    code, out, _ = run(bank, "remove", "b", "--hash", H2.upper(), "--db", sqlite_url)
    assert (code, out.strip()) == (0, "removed 1 entries from b")
    _, listed, _ = run(bank, "list", "--json", "--db", sqlite_url)
    row = json.loads(listed)
    assert (row["enabled"], row["threshold"], row["entries"]) == (True, 12, 1)
    assert [a[1] for a in audit(sqlite_url) if a[0] == "lead"] == [
        "bank.disable",
        "bank.threshold",
        "bank.enable",
    ]
    assert run(bank, "threshold", "b", "99", "--db", sqlite_url)[0] == 2
    assert run(bank, "remove", "b", "--db", sqlite_url)[0] == 2


def test_hash_prints_json_lines(images: dict[str, Path], tmp_path: Path) -> None:
    code, out, _ = run(hash_command, images["astronaut"], images["camera"])
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    expected = pdq_hash(data.astronaut())
    assert lines[0] == {
        "file": str(images["astronaut"]),
        "signal_type": "pdq",
        "hash": expected.hex,
        "quality": expected.quality,
    }
    assert lines[1]["file"] == str(images["camera"])
    assert lines[1]["hash"] != expected.hex
    junk = tmp_path / "junk.png"
    junk.write_text("not an image")
    code, out, err = run(hash_command, junk, images["camera"])
    assert code == 1
    assert str(junk) in err
    assert json.loads(out)["file"] == str(images["camera"])


def test_match_json_per_file(sqlite_url: str, images: dict[str, Path]) -> None:
    run(bank, "create", "hotline", "--db", sqlite_url)
    run(bank, "add", "hotline", images["astronaut"], "--content-id", "cid-1", "--db", sqlite_url)
    flat_hash = pdq_hash(np.asarray(Image.open(images["flat"]).convert("RGB"))).hex
    run(bank, "add", "hotline", "--hash", flat_hash, "--db", sqlite_url)  # even if banked
    files = [images["mirrored"], images["camera"], images["flat"]]
    code, out, _ = run(match_command, *files, "--json", "--db", sqlite_url)
    assert code == 0
    mirrored, camera, flat = (json.loads(line) for line in out.splitlines())
    assert mirrored["file"] == str(images["mirrored"])
    assert mirrored["hash"] == pdq_hash(np.asarray(Image.open(images["mirrored"]))).hex
    assert mirrored["quality"] >= 50
    ((match),) = mirrored["matches"]
    assert (match["bank"], match["content_id"]) == ("hotline", "cid-1")
    assert 0 <= match["distance"] <= 31
    assert "warning" not in mirrored
    assert camera["matches"] == []
    assert flat["matches"] == []
    assert "too featureless" in flat["warning"]


def test_match_text_negative_bank_and_bad_file(
    sqlite_url: str, images: dict[str, Path], tmp_path: Path
) -> None:
    for args in (["create", "hotline"], ["create", "fp", "--negative"]):
        run(bank, *args, "--db", sqlite_url)
    run(bank, "add", "hotline", images["astronaut"], "--content-id", "cid-1", "--db", sqlite_url)
    _, out, _ = run(match_command, images["mirrored"], "--db", sqlite_url)
    assert out.startswith(f"{images['mirrored']}: MATCH hotline distance ")
    run(bank, "add", "fp", images["astronaut"], "--db", sqlite_url)
    _, out, _ = run(match_command, images["mirrored"], "--json", "--db", sqlite_url)
    result = json.loads(out)
    assert result["matches"] == []
    assert [m["bank"] for m in result["suppressed_by"]] == ["fp"]
    junk = tmp_path / "junk.jpg"
    junk.write_bytes(b"\x00" * 10)
    code, out, _ = run(match_command, junk, images["camera"], "--json", "--db", sqlite_url)
    assert code == 1
    bad, good = (json.loads(line) for line in out.splitlines())
    assert bad["file"] == str(junk)
    assert "error" in bad
    assert good["matches"] == []


def test_commands_are_registered_on_the_safestream_command() -> None:
    from safestream.cli import main

    assert isinstance(main, click.Group)
    assert {"hash", "bank", "match"} <= set(main.commands)
