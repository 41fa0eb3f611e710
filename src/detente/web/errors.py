"""Turn errors into 4xx answers: a JSON body under ``/api/``, a translated page elsewhere.

``DetenteError`` subclasses map to status codes in ``STATUS_OF``; FastAPI's own errors
(validation 422, ``HTTPException``) get the same two faces. A public visitor who hits a page
that needs a role is sent to ``/login?next=...``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any
from urllib.parse import quote, urlsplit

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, RedirectResponse, Response
from pydantic import BaseModel
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
    StoreMissingError,
    UnknownCountryError,
)
from detente.web.i18n import DEFAULT_LANGUAGE, N_, colon, gettext, request_language
from detente.web.middleware import add_vary

# Most specific first: the first class the error is an instance of decides.
STATUS_OF: tuple[tuple[type[DetenteError], int], ...] = (
    (TooManyAttemptsError, 429),
    (PermissionDeniedError, 403),
    (UnknownCountryError, 404),
    (StoreMissingError, 503),  # the server's state, not the client's error
    (NotFoundError, 404),
    (DataValidationError, 422),
    (ConflictError, 409),
    (InvalidTransitionError, 409),
    (NotFittedError, 409),
    (OfflineError, 503),
)


API_ERRORS = """\
**Errors.** Every error answers with a JSON object with one key, `detail`, in one of two shapes:

* 422 (a parameter is not valid): a list of problems, FastAPI's validation shape, whether the
  framework or Détente found the problem: `{"detail": [{"type": "value_error",
  "loc": ["query", "from"], "msg": "2021 is after the last year 2020", "input": "2021"}]}`
  (`loc` names where and which parameter, `input` is the value the request gave, `ctx`
  is there for the framework's constraints);
* every other status (401, 403, 404, 409, 429, 503): one line,
  `{"detail": "no alert 0"}`.

An unknown id, code or period answers 404; it is declared on each operation that can give it.
An operation that reads the analytics store answers 503 while the server has none loaded
(`{"detail": "no analytics store is loaded on this server"}`), declared the same way.
"""
"""What the OpenAPI description says about error answers (see :func:`install`)."""


class ErrorOut(BaseModel):
    """An error answer other than 422: one line saying what went wrong."""

    detail: str


NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorOut, "description": "No such id, code or period"},
}
"""``responses=`` of an API operation that answers 404 (an unknown id, code, state or period)."""

UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorOut, "description": "No analytics store is loaded on the server"},
}
"""``responses=`` of an API operation that reads the analytics store (``StoreMissingError``)."""
READS_STORE: dict[int | str, dict[str, Any]] = {**NOT_FOUND, **UNAVAILABLE}
"""``responses=`` of an operation that reads the analytics store and can answer 404."""

SIGNED_IN: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Not signed in"},
    403: {"model": ErrorOut, "description": "Signed in without the role"},
}
"""``responses=`` of an API operation behind ``require_role``: a client reads from the spec that
it can answer 401 and 403 (``tests/web/test_api_fuzz.py`` checks every such operation)."""


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


NOT_FOUND_PAGES: Mapping[str, str] = {
    # route path -> what a 404 on that page means, in the visitor's words (path parameters)
    "/countries/{code}": N_(
        "No country is known as '%(code)s'. Look it up in the list of countries."
    ),
    "/alerts/{alert_id}": N_("There is no alert %(alert_id)s."),
    "/brief/{period}": N_("There is no brief for %(period)s."),
    "/initiatives/{slug}": N_("There is no initiative '%(slug)s'."),
    "/texts/{text_id}": N_("There is no text %(text_id)s."),
    "/response/deployments/{deployment_id}": N_("There is no deployment %(deployment_id)s."),
    "/pacts/{pact}": N_("There is no pact '%(pact)s'."),
    "/pacts/{pact}/monitor": N_("There is no pact '%(pact)s'."),
    "/data/forecast-cy.{kind}": N_(
        "This forecast file is not available (no forecast yet, or no such format)."
    ),
    "/data/panel-cy.{kind}": N_(
        "This panel file is not available (no data loaded yet, or no such format)."
    ),
    "/data/endorsements.{kind}": N_("There is no endorsements file in this format."),
}
GENERIC_DETAIL: Mapping[int, str] = {
    400: N_("The request could not be understood."),
    404: N_("There is nothing at this address. Check it, or start again from the home page."),
    405: N_("This address does not accept this kind of request."),
    409: N_("This conflicts with the current state of the record; reload the page and try again."),
    422: N_("Something in the request is not valid."),
    500: N_("Something went wrong on our side. Please try again later."),
    503: N_("A source this page needs cannot be reached right now. Please try again later."),
}
_CLI_COMMAND = re.compile(r"[`'\"]detente [^`'\"]*[`'\"]")


def without_cli_hints(detail: str) -> str:
    """``detail`` without the clauses that point to a command line ("; see 'detente ...'")."""
    clauses = re.split(r"(?<=;)\s+|(?<=\.)\s+", detail)
    kept = [clause for clause in clauses if not _CLI_COMMAND.search(clause)]
    return " ".join(kept).strip().rstrip(";").rstrip()


def page_detail(request: Request, status: int, detail: str) -> tuple[str, bool]:
    """What an error page says below its heading, and whether it is in the page's language.

    A 404 on a known page says what was not found (:data:`NOT_FOUND_PAGES`); the framework's
    bare phrases ("Not Found") become a sentence per status (:data:`GENERIC_DETAIL`); other
    details are the core's English message, without command-line hints.
    """
    route = request.scope.get("route")
    params = request.scope.get("path_params") or {}
    template = NOT_FOUND_PAGES.get(getattr(route, "path", "")) if status == 404 else None
    if template is not None:
        return gettext(request, template, **{k: str(v) for k, v in params.items()}), True
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = ""
    cleaned = "" if detail in ("", phrase) else without_cli_hints(detail)
    if not cleaned:
        generic = GENERIC_DETAIL.get(status, GENERIC_DETAIL[500 if status >= 500 else 400])
        return gettext(request, generic), True
    return cleaned, request_language(request) == DEFAULT_LANGUAGE


def error_response(
    request: Request, status: int, detail: str, *, localised: bool = False
) -> Response:
    """The JSON or HTML face of an error (``localised``: ``detail`` is already in the page's
    language, as the validation problems are)."""
    return negotiated(request, _error_face(request, status, detail, localised=localised))


def negotiated(request: Request, response: Response) -> Response:
    """``response`` with ``Vary: Accept`` outside ``/api/``, where an error's face (JSON or a
    page) follows the ``Accept`` header: a 404 is cacheable by default, and a shared cache
    would otherwise hand the JSON error a script asked for to the next browser on that
    address, or the page to the script."""
    if not request.url.path.startswith("/api/"):
        add_vary(response.headers, "Accept")
    return response


def _error_face(request: Request, status: int, detail: str, *, localised: bool) -> Response:
    if wants_json(request):
        # an API client has no command line: "no officer 99", not "...; see 'detente ...'"
        return JSONResponse({"detail": without_cli_hints(detail) or detail}, status_code=status)
    if status == 401 and request.method == "GET":
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
    from detente.web.deps import render  # deps imports templating; keep this module light

    text, translated = (detail, True) if localised else page_detail(request, status, detail)
    return render(
        request,
        "error.html",
        status_code=status,
        status=status,
        detail=text,
        detail_translated=translated,
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
    return f"{where}{colon(request_language(request))}{problem.get('msg', '')}"


def request_input(request: Request, location: tuple[str, ...]) -> Any:
    """The value the request gave at ``location`` (``("query", name)`` or ``("path", name)``).

    Problems Détente finds itself are reported in FastAPI's validation shape; this fills their
    ``input`` with what was sent, as FastAPI does for its own (``None`` when not found).
    """
    if len(location) != 2:
        return None
    where, name = location
    if where == "path":
        return request.path_params.get(name)
    if where == "query":
        values = request.query_params.getlist(name)
        return values if len(values) > 1 else (values[0] if values else None)
    return None


def data_problem(request: Request, error: DataValidationError) -> dict[str, Any]:
    """A ``DataValidationError`` as one problem of FastAPI's validation list.

    The field is located among the path and query parameters (a form field when neither).
    """
    field = error.field or "query"
    if field in request.path_params:
        location = ("path", field)
    elif field in request.query_params:
        location = ("query", field)
    else:
        location = ("body", field)
    return {
        "type": "value_error",
        "loc": list(location),
        "msg": error.problem,
        "input": request_input(request, location),
    }


def _with_inputs(request: Request, problems: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``problems`` where a missing ``input`` is filled from the request (routes that raise
    ``RequestValidationError`` themselves do not know it)."""
    return [
        {**p, "input": request_input(request, tuple(str(x) for x in p.get("loc", ())))}
        if p.get("input") is None
        else p
        for p in problems
    ]


def install(app: FastAPI) -> None:
    """Register the handlers on ``app``."""

    async def detente_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, DetenteError)
        if isinstance(error, DataValidationError) and wants_json(request):
            problem = data_problem(request, error)
            return negotiated(request, JSONResponse({"detail": [problem]}, status_code=422))
        from detente.web.error_text import page_text  # it reads NOT_FOUND_PAGES from here

        status = status_for(error)
        if isinstance(error, StoreMissingError):  # its message names a path on the server
            return error_response(request, status, error.public)
        text, localised = page_text(request, error, status)
        return error_response(request, status, text, localised=localised)

    async def http_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, StarletteHTTPException)
        response = error_response(request, error.status_code, str(error.detail))
        for name, value in (error.headers or {}).items():
            response.headers[name] = value
        return response

    async def validation_error(request: Request, error: Exception) -> Response:
        assert isinstance(error, RequestValidationError)
        if wants_json(request):
            listed = _with_inputs(request, list(error.errors()))
            body = {"detail": jsonable_encoder(listed)}
            return negotiated(request, JSONResponse(body, status_code=422))
        problems = "; ".join(plain_problem(request, e) for e in error.errors())
        return error_response(request, 422, problems, localised=True)

    async def server_error(request: Request, error: Exception) -> Response:
        try:
            return error_response(request, 500, "Internal Server Error")
        except Exception:  # the page itself failed: answer in plain text
            return PlainTextResponse("Internal Server Error", status_code=500)

    app.add_exception_handler(DetenteError, detente_error)
    app.add_exception_handler(Exception, server_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
