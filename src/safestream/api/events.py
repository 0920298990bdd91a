"""``POST /v1/events``: one event or a batch, stored before the 202 is sent."""

from __future__ import annotations

import json
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request, status
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from safestream.api.auth import get_service, require
from safestream.api.keys import Principal
from safestream.events import MAX_EVENT_BYTES, event_json_schema
from safestream.service import Service

MAX_BODY_BYTES = 64 * 1024 * 1024
MAX_BATCH_ITEMS = 5_000

router = APIRouter()


class ItemOut(BaseModel):
    index: int
    id: str | None
    status: str
    errors: list[str]


class IngestOut(BaseModel):
    accepted: int
    duplicates: int
    rejected: int
    results: list[ItemOut]


async def _read_capped(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE, f"body over the {MAX_BODY_BYTES} byte limit"
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY_BYTES:
            raise HTTPException(
                status.HTTP_413_CONTENT_TOO_LARGE, f"body over the {MAX_BODY_BYTES} byte limit"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(body: bytes) -> list[Any]:
    try:
        data = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise HTTPException(status.HTTP_400_BAD_REQUEST, f"body is not valid JSON: {exc}") from None
    items = data if isinstance(data, list) else [data]
    if len(items) > MAX_BATCH_ITEMS:
        raise HTTPException(
            status.HTTP_413_CONTENT_TOO_LARGE,
            f"batch of {len(items)} events; send at most {MAX_BATCH_ITEMS} per request",
        )
    return items


def _oversized(body: bytes, items: list[Any]) -> set[int]:
    """Indexes of items over the per-event limit; none can be when the whole body is under."""
    if len(body) <= MAX_EVENT_BYTES:
        return set()
    return {
        i
        for i, item in enumerate(items)
        if len(json.dumps(item, separators=(",", ":"))) > MAX_EVENT_BYTES
    }


@router.post(
    "/v1/events",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=IngestOut,
    summary="Send one event or a batch (JSON array)",
    description=(
        "Each event is validated on its own: valid events are durably stored before this "
        "answers 202, invalid ones are reported with the field and the problem, and an id "
        "already seen is reported as a duplicate and not processed again."
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {
                        "oneOf": [
                            {"$ref": "#/components/schemas/Event"},
                            {"type": "array", "items": {"$ref": "#/components/schemas/Event"}},
                        ]
                    }
                }
            },
        }
    },
)
async def post_events(
    request: Request,
    service: Annotated[Service, Depends(get_service)],
    _: Annotated[Principal, Depends(require("ingest"))],
) -> IngestOut:
    body = await _read_capped(request)
    items = _decode(body)
    # The durable write blocks; keep it off the event loop.
    result = await run_in_threadpool(service.pipeline.submit, items, _oversized(body, items))
    service.notify()
    return IngestOut(
        accepted=result.count("accepted"),
        duplicates=result.count("duplicate"),
        rejected=result.count("rejected"),
        results=[ItemOut(**item.to_dict()) for item in result.items],
    )


def event_schema_components() -> dict[str, Any]:
    """The Event schema and its parts, for the OpenAPI document's components."""
    schema = event_json_schema()
    relinked: dict[str, Any] = json.loads(
        json.dumps(schema).replace("#/$defs/", "#/components/schemas/")
    )
    components: dict[str, Any] = relinked.pop("$defs", {})
    components["Event"] = relinked
    return components
