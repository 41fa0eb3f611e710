"""Turn errors into 4xx answers: a JSON body under ``/api/``, a translated page elsewhere.

``DetenteError`` subclasses map to status codes in ``STATUS_OF``; FastAPI's own errors
(validation 422, ``HTTPException``) get the same two faces. A public visitor who hits a page
that needs a role is sent to ``/login?next=...``.
"""

from __future__ import annotations

from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from detente.accounts.login import TooManyAttemptsError
from detente.errors import (
    ConflictError,
    DataValidationError,
    DetenteError,
    InvalidTransitionError,
    NotFittedError,
    NotFoundError,
    OfflineError,
    PermissionDeniedError,
    UnknownCountryError,
)

# Most specific first: the first class the error is an instance of decides.
STATUS_OF: tuple[tuple[type[DetenteError], int], ...] = (
    (TooManyAttemptsError, 429),
    (PermissionDeniedError, 403),
    (UnknownCountryError, 404),
    (NotFoundError, 404),
    (DataValidationError, 422),
    (ConflictError, 409),
    (InvalidTransitionError, 409),
    (NotFittedError, 409),
    (OfflineError, 503),
)


def status_for(error: DetenteError) -> int:
    """The HTTP status a ``DetenteError`` answers with (400 when unlisted)."""
    for cls, status in STATUS_OF:
        if isinstance(error, cls):
            return status
    return 400


def wants_json(request: Request) -> bool:
    """API paths and clients that ask for JSON get JSON errors."""
    if request.url.path.startswith("/api/"):
        return True
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def error_response(request: Request, status: int, detail: str) -> Response:
    """The JSON or HTML face of an error."""
    if wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    if status == 401 and request.method == "GET":
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    from detente.web.deps import render  # deps imports templating; keep this module light

    return render(request, "error.html", status_code=status, status=status, detail=detail)


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    async def detente_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, DetenteError)
        return error_response(request, status_for(error), str(error))

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        response = error_response(request, error.status_code, str(error.detail))
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response

    async def validation_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        if wants_json(request):
            return JSONResponse({"detail": jsonable_encoder(error.errors())}, status_code=422)
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', '')}"
            for e in error.errors()
        )
        return error_response(request, 422, problems)

    app.add_exception_handler(DetenteError, detente_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
