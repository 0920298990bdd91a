"""The HTTP API with its workers running, on a real SQLite store."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from pipeline_support import WORDS, Clock, child_stream, say
from safestream.api.app import create_app
from safestream.api.events import MAX_BATCH_ITEMS
from safestream.api.keys import create_key, revoke_key
from safestream.config import Settings
from safestream.events import MAX_EVENT_BYTES
from safestream.service import Service
from safestream.store.models import ApiKeyRow, AuditRow


@pytest.fixture
def service(tmp_path: Path) -> Service:
    settings = Settings(db_url=f"sqlite:///{tmp_path / 'api.db'}", data_dir=tmp_path)
    return Service(settings, detectors=[WORDS])


@pytest.fixture
def client(service: Service) -> Iterator[TestClient]:
    with TestClient(create_app(service)) as c:
        yield c


def key(service: Service, *scopes: str) -> dict[str, str]:
    with service.store.session() as s, s.begin():
        return {"Authorization": f"Bearer {create_key(s, 'test', scopes)}"}


def wait_for(predicate, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("condition not reached in time")


def test_health_needs_no_key(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200, ready.text
    assert ready.json()["status"] == "ready"


def test_no_key_no_access(client: TestClient) -> None:
    for method, path in [("post", "/v1/events"), ("get", "/v1/cases"), ("get", "/v1/subjects/x")]:
        response = client.request(method, path)
        assert response.status_code == 401, path
        assert "API key" in response.json()["detail"]


def test_wrong_and_revoked_keys_are_refused(client: TestClient, service: Service) -> None:
    assert (
        client.get("/v1/cases", headers={"Authorization": "Bearer ss_nope_nope"}).status_code == 401
    )
    headers = key(service, "read")
    assert client.get("/v1/cases", headers=headers).status_code == 200
    key_id = headers["Authorization"].split("_")[1]
    with service.store.session() as s, s.begin():
        assert revoke_key(s, key_id)
    assert client.get("/v1/cases", headers=headers).status_code == 401


def test_scopes_are_least_privilege(client: TestClient, service: Service) -> None:
    ingest_only = key(service, "ingest")
    read_only = key(service, "read")
    assert client.get("/v1/cases", headers=ingest_only).status_code == 403
    assert client.post("/v1/events", headers=read_only, json=[]).status_code == 403
    assert client.get("/v1/evidence/1", headers=read_only).status_code == 403
    assert client.get("/v1/cases", headers=key(service, "admin")).status_code == 200


def test_key_is_stored_only_as_a_digest(service: Service) -> None:
    headers = key(service, "ingest")
    secret = headers["Authorization"].split("_", 2)[2]
    with service.store.session() as s:
        row = s.scalars(select(ApiKeyRow)).one()
        assert secret not in row.secret_hash
        assert len(row.secret_hash) == 64


def test_ingest_reports_each_item_and_processes_in_background(
    client: TestClient, service: Service
) -> None:
    headers = key(service, "ingest", "read")
    clock = Clock()
    events = [*child_stream(clock), say(clock, "UNDRESS")]
    bad = {"type": "chat.message", "id": "bad-1", "ts": "2026-11-20T17:00:00Z", "stream_id": "x"}
    response = client.post("/v1/events", headers=headers, json=[*events, bad, events[0]])
    assert response.status_code == 202
    body = response.json()
    assert (body["accepted"], body["duplicates"], body["rejected"]) == (4, 1, 1)
    rejected = body["results"][4]
    assert rejected["id"] == "bad-1"
    assert rejected["errors"] == ["sender_id: Field required", "text: Field required"]

    def high() -> bool:
        r = client.get("/v1/subjects/live-1", headers=headers)
        return r.status_code == 200 and r.json()["subjects"][0]["level"] in ("high", "critical")

    wait_for(high)
    subject = client.get("/v1/subjects/live-1?kind=stream", headers=headers).json()["subjects"][0]
    assert subject["categories"] == ["undress_request"]
    assert subject["reasons"][0]["event_id"] == events[-1]["id"]
    wait_for(lambda: client.get("/v1/cases", headers=headers).json()["cases"] != [])
    case = client.get("/v1/cases", headers=headers).json()["cases"][0]
    assert client.get(f"/v1/cases/{case['id']}", headers=headers).json()["id"] == case["id"]
    actions = client.get("/v1/actions", headers=headers).json()["actions"]
    assert {"open_case", "restrict_chat"} <= {a["kind"] for a in actions}


def test_single_event_body_is_accepted(client: TestClient, service: Service) -> None:
    clock = Clock()
    response = client.post("/v1/events", headers=key(service, "ingest"), json=say(clock, "hi"))
    assert response.status_code == 202
    assert response.json()["accepted"] == 1


def test_invalid_json_is_a_clear_400(client: TestClient, service: Service) -> None:
    response = client.post(
        "/v1/events",
        headers={**key(service, "ingest"), "Content-Type": "application/json"},
        content=b'[{"type": "chat.message",',
    )
    assert response.status_code == 400
    assert "not valid JSON" in response.json()["detail"]


def test_too_many_items_is_413(client: TestClient, service: Service) -> None:
    response = client.post(
        "/v1/events", headers=key(service, "ingest"), json=[{}] * (MAX_BATCH_ITEMS + 1)
    )
    assert response.status_code == 413
    assert str(MAX_BATCH_ITEMS) in response.json()["detail"]


def test_oversized_event_is_rejected_and_the_rest_go_in(
    client: TestClient, service: Service
) -> None:
    clock = Clock()
    small = say(clock, "hello")
    huge = clock.ev("frame", stream_id="live-1", image="A" * (MAX_EVENT_BYTES + 10))
    response = client.post("/v1/events", headers=key(service, "ingest"), json=[small, huge])
    assert response.status_code == 202
    results = response.json()["results"]
    assert results[0]["status"] == "accepted"
    assert results[1]["status"] == "rejected"
    assert "larger than" in results[1]["errors"][0]


def test_unknown_subject_is_404(client: TestClient, service: Service) -> None:
    assert client.get("/v1/subjects/nobody", headers=key(service, "read")).status_code == 404


def test_evidence_read_is_audited(client: TestClient, service: Service) -> None:
    admin = key(service, "admin")
    clock = Clock()
    client.post("/v1/events", headers=admin, json=[*child_stream(clock), say(clock, "EXTORT")])

    def preserved() -> bool:
        actions = client.get("/v1/actions", headers=admin).json()["actions"]
        return any(a["kind"] == "preserve_evidence" for a in actions)

    wait_for(preserved)
    action = next(
        a
        for a in client.get("/v1/actions", headers=admin).json()["actions"]
        if a["kind"] == "preserve_evidence"
    )
    evidence_id = action["params"]["evidence_id"]
    bundle = client.get(f"/v1/evidence/{evidence_id}", headers=admin).json()
    assert any(e.get("text") == "EXTORT" for e in bundle["events"])
    with service.store.session() as s:
        audit = s.scalars(select(AuditRow).where(AuditRow.action == "evidence.read")).one()
        assert audit.target == f"evidence:{evidence_id}"
        assert audit.actor.startswith("key:")


def test_openapi_documents_the_event_contract(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/v1/events" in spec["paths"]
    schemas = spec["components"]["schemas"]
    assert "Event" in schemas
    assert "ChatMessage" in schemas
    text = json.dumps(spec)
    assert "#/$defs/" not in text


def test_actions_reach_the_platform_as_signed_webhooks(tmp_path: Path) -> None:
    from safestream.client import verify_webhook
    from test_delivery import Receiver

    receiver = Receiver()
    receiver.start()
    settings = Settings(
        db_url=f"sqlite:///{tmp_path / 'hooks.db'}",
        data_dir=tmp_path,
        webhook_url=receiver.url,
        webhook_secret="whsec-test",
    )
    service = Service(settings, detectors=[WORDS])
    try:
        with TestClient(create_app(service)) as client:
            clock = Clock()
            events = [*child_stream(clock), say(clock, "UNDRESS")]
            client.post("/v1/events", headers=key(service, "ingest"), json=events)
            wait_for(lambda: any(b"restrict_chat" in r.body for r in receiver.requests))
        payloads = [verify_webhook("whsec-test", r.body, r.headers) for r in receiver.requests]
        kinds = {p["kind"] for p in payloads}
        assert {"open_case", "restrict_chat"} <= kinds
        assert all(
            p["event_id"] == events[-1]["id"] for p in payloads if p["subject"]["id"] == "live-1"
        )
    finally:
        receiver.stop()
