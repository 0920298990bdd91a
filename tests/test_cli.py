"""The ``safestream`` command: scan, rules check, keys, and serve as a real process."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from safestream.cli import main


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def scan_json(*paths: Path) -> dict[tuple[str, str], dict]:
    code, out, _ = invoke("scan", *map(str, paths), "--json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    for row in rows:
        assert set(row) >= {
            "subject",
            "kind",
            "level",
            "score",
            "categories",
            "actions",
            "first_alert_event_id",
            "cases",
        }
    return {(r["kind"], r["subject"]): r for r in rows}


def test_scan_flags_the_likes_for_acts_stream() -> None:
    rows = scan_json(EXAMPLES / "likes-for-acts-stream.jsonl")
    stream = rows[("stream", "live-mia-1")]
    assert stream["level"] in ("high", "critical")
    assert stream["first_alert_event_id"] is not None
    assert {"likes_for_acts", "undress_request"} <= set(stream["categories"])
    assert any(a["kind"] == "open_case" for a in stream["actions"])
    assert stream["cases"]


def test_scan_flags_sextortion_as_critical() -> None:
    rows = scan_json(EXAMPLES / "sextortion-chat.jsonl")
    chat = rows[("conversation", "dm-sam-jay")]
    assert chat["level"] == "critical"
    assert "sextortion" in chat["categories"]
    assert rows[("account", "jay-14")]["level"] in ("high", "critical")


@pytest.mark.parametrize("name", ["benign-stream.jsonl", "benign-chat.jsonl"])
def test_scan_leaves_benign_scenarios_alone(name: str) -> None:
    for row in scan_json(EXAMPLES / name).values():
        assert row["level"] in ("none", "low"), row
        assert row["first_alert_event_id"] is None
        assert row["actions"] == []


def test_scan_events_mode_prints_one_object_per_event() -> None:
    path = EXAMPLES / "sextortion-chat.jsonl"
    code, out, _ = invoke("scan", str(path), "--events", "--json")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    ids = [json.loads(line)["id"] for line in path.read_text().splitlines()]
    assert [r["event_id"] for r in rows] == ids
    assert all(set(r) >= {"event_id", "subject", "signals", "level"} for r in rows)
    threat = next(r for r in rows if any(s["category"] == "sextortion" for s in r["signals"]))
    assert threat["level"] == "critical"
    assert threat["signals"][0]["detector"] == "text"


def test_scan_reports_bad_lines_and_keeps_the_rest(tmp_path: Path) -> None:
    source = (EXAMPLES / "sextortion-chat.jsonl").read_text().splitlines()
    broken = [
        source[0],
        "{not json",
        json.dumps({"type": "nope", "id": "z", "ts": "x"}),
        *source[1:],
        source[1],
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(broken) + "\n")
    code, out, err = invoke("scan", str(path), "--json")
    assert code == 0
    assert f"{path}:2: invalid JSON" in err
    assert f"{path}:3: type: unknown event type 'nope'" in err
    assert "1 duplicates ignored" in err
    rows = {(r["kind"], r["subject"]): r for r in map(json.loads, out.splitlines())}
    assert rows[("conversation", "dm-sam-jay")]["level"] == "critical"


def test_scan_table_output() -> None:
    code, out, _ = invoke("scan", *map(str, sorted(EXAMPLES.glob("*.jsonl"))))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:4] == ["SUBJECT", "KIND", "LEVEL", "SCORE"]
    assert " critical " in lines[1]  # riskiest first
    assert " none " in lines[-1]


def test_rules_check_accepts_the_default_pack() -> None:
    pack = Path(__file__).resolve().parent.parent / "src/safestream/policy/packs/default.yaml"
    code, out, _ = invoke("rules", "check", str(pack))
    assert code == 0
    assert out.strip().endswith(": ok")


def test_rules_check_gives_line_numbers(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(
        "pack: p\nversion: 1\nrules:\n  - id: r1\n    when: {level_at_least: high}\n"
        "    actions:\n      - kind: ban_forever\n"
    )
    code, _, err = invoke("rules", "check", str(path))
    assert code == 1
    assert err.startswith(f"{path}:7:")
    assert "ban_forever" in err


def test_keys_create_list_revoke(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'k.db'}"
    code, out, _ = invoke("keys", "create", "--scope", "ingest,read", "--name", "acme", "--db", db)
    assert code == 0
    key = out.strip()
    assert key.startswith("ss_")
    key_id = key.split("_")[1]
    _, listing, _ = invoke("keys", "list", "--db", db)
    assert key_id in listing
    assert "ingest,read" in listing
    assert key not in listing
    assert invoke("keys", "revoke", key_id, "--db", db)[0] == 0
    result = CliRunner().invoke(main, ["keys", "create", "--scope", "root", "--db", db])
    assert result.exit_code == 2
    assert "scopes must be among" in result.output


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_starts_prints_its_url_and_answers(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "SAFESTREAM_DATA_DIR": str(tmp_path)}
    env.pop("SAFESTREAM_DB", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "safestream.cli", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        lines = []
        assert proc.stdout is not None
        while not any("listening on" in line for line in lines):
            line = proc.stdout.readline()
            assert line, "serve exited early:\n" + "".join(lines)
            lines.append(line)
        text = "".join(lines)
        assert f"http://127.0.0.1:{port}" in text
        key = next(w for w in text.split() if w.startswith("ss_"))
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/readyz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "serve never became ready"
            time.sleep(0.1)
        response = httpx.get(
            f"http://127.0.0.1:{port}/v1/cases", headers={"Authorization": f"Bearer {key}"}
        )
        assert response.status_code == 200
        assert (tmp_path / "safestream.db").exists()
        assert (tmp_path / "evidence.key").stat().st_mode & 0o077 == 0
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_eval_command_reports_on_the_dev_set() -> None:
    dev = Path(__file__).resolve().parent.parent / "datasets" / "dev"
    code, out, _ = invoke("eval", str(dev), "--json")
    assert code == 0
    report = json.loads(out)
    assert set(report) >= {"messages", "conversations", "latency"}
