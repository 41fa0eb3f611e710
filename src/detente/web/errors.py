"""Turn errors into 4xx answers: a JSON body under ``/api/``, a translated page elsewhere.

``DetenteError`` subclasses map to status codes in ``STATUS_OF``; FastAPI's own errors
(validation 422, ``HTTPException``) get the same two faces. A public visitor who hits a page
that needs a role is sent to ``/login?next=...``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote, urlsplit

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
from detente.web.i18n import N_, gettext

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

    return render(
        request,
        "error.html",
        status_code=status,
        status=status,
        detail=detail,
        back_to=_same_site_referer(request),
    )


def _same_site_referer(request: Request) -> str | None:
    """The page the visitor came from, as a path, when it is on this site (else ``None``)."""
    referer = urlsplit(request.headers.get("referer", ""))
    if referer.netloc != request.url.netloc or not referer.path.startswith("/"):
        return None
    return referer.path + (f"?{referer.query}" if referer.query else "")


_WHERE = {
    "body": N_("Form field '%(name)s'"),
    "query": N_("Parameter '%(name)s'"),
    "path": N_("The address part '%(name)s'"),
}


def plain_problem(request: Request, problem: Mapping[str, Any]) -> str:
    """One validation problem in words a visitor reads ("Form field 'country' is required").

    FastAPI's own wording ("body.country: Field required") names its internals; the constraint
    messages of pydantic ("Input should be less than or equal to 8") are kept, after the field.
    """
    location = tuple(str(part) for part in problem.get("loc", ()))
    name = location[-1] if len(location) > 1 else (location[0] if location else "?")
    where = gettext(request, _WHERE.get(location[0] if location else "", "'%(name)s'"), name=name)
    if problem.get("type") == "missing":
        return gettext(request, "%(where)s is required", where=where)
    return f"{where}: {problem.get('msg', '')}"


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
        problems = "; ".join(plain_problem(request, e) for e in error.errors())
        return error_response(request, 422, problems)

    app.add_exception_handler(DetenteError, detente_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
