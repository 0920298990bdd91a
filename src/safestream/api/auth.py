"""Request authentication: every endpoint but health needs a key with the right scope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security, status
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from safestream.api.keys import Principal, authenticate
from safestream.service import Service

_bearer = HTTPBearer(auto_error=False, description="Authorization: Bearer <API key>")
_header = APIKeyHeader(name="X-API-Key", auto_error=False)


def get_service(request: Request) -> Service:
    service: Service = request.app.state.service
    return service


def require(scope: str) -> Callable[..., Principal]:
    """A dependency that admits keys holding ``scope`` (or ``admin``)."""

    def check(
        service: Annotated[Service, Depends(get_service)],
        bearer: Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)],
        header_key: Annotated[str | None, Security(_header)],
    ) -> Principal:
        presented = bearer.credentials if bearer else header_key
        if not presented:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "an API key is required (Authorization: Bearer <key>)",
                headers={"WWW-Authenticate": "Bearer"},
            )
        with service.store.session() as session:
            principal = authenticate(session, presented)
        if principal is None:
            raise HTTPException(
                status.HTTP_401_UNAUTHORIZED,
                "unknown or revoked API key",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not principal.allows(scope):
            raise HTTPException(status.HTTP_403_FORBIDDEN, f"this key lacks the {scope!r} scope")
        return principal

    return check
