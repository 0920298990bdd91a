"""The FastAPI application: routes, health checks and the OpenAPI document."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.responses import JSONResponse
from sqlalchemy import text

from safestream import __version__
from safestream.api import events, reads
from safestream.service import Service


def create_app(service: Service, *, manage_service: bool = True) -> FastAPI:
    """Build the app around a service; with ``manage_service`` it starts and stops its workers."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        if manage_service:
            service.start()
        try:
            yield
        finally:
            if manage_service:
                service.stop()

    app = FastAPI(
        title="SafeStream",
        version=__version__,
        description="Child-safety detection and response for live streams and private chats.",
        lifespan=lifespan,
    )
    app.state.service = service
    app.include_router(events.router)
    app.include_router(reads.router)

    @app.get("/healthz", tags=["health"], summary="Liveness: the process answers")
    def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/readyz", tags=["health"], summary="Readiness: store reachable, workers running")
    def readyz() -> JSONResponse:
        problems = []
        try:
            with service.store.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as exc:
            problems.append(f"store: {type(exc).__name__}")
        if manage_service and not service.running:
            problems.append("workers: not running")
        if problems:
            return JSONResponse({"status": "unavailable", "problems": problems}, status_code=503)
        return JSONResponse({"status": "ready"})

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title, version=app.version, routes=app.routes, description=app.description
            )
            schema.setdefault("components", {}).setdefault("schemas", {}).update(
                events.event_schema_components()
            )
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app
