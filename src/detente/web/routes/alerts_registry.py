"""The registry of regional-organisation actions and mediation initiatives on the web.

``/actions`` lists both (public); analysts record an action or an initiative with the forms
there, record the end of an ongoing initiative and withdraw a wrong record with a reason. These
records feed criteria (c) and (d) (:mod:`detente.warning.criteria`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from detente.countries import ORGANISATIONS, resolve
from detente.errors import ConflictError, DataValidationError, NotFoundError, UnknownCountryError
from detente.store import Database
from detente.warning.actions import (
    ACTION_KINDS,
    RECORD_KINDS,
    TRACKS,
    add_mediation,
    add_org_action,
    end_mediation,
    list_mediation,
    list_org_actions,
    withdraw_record,
)
from detente.web.deps import (
    CurrentUser,
    current_user,
    get_database,
    render,
    require_role,
    verify_csrf,
)
from detente.web.error_text import problem_text
from detente.web.routes.alerts_text import country_and_slug, template_labels

router = APIRouter()


@router.get("/actions", include_in_schema=False)
def actions_page(request: Request, database: Database = Depends(get_database)) -> HTMLResponse:
    """The registry of organisation actions and mediation initiatives (forms for analysts)."""
    return _actions(request, database)


def _actions(
    request: Request, database: Database, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    with database.session() as session:
        found_actions = list_org_actions(session)
        found_mediation = list_mediation(session)
    user = current_user(request)
    return render(
        request,
        "alerts/actions.html",
        status_code=status_code,
        actions=[(a, *country_and_slug(request, a.gwno)) for a in found_actions],
        mediation=[(m, *country_and_slug(request, m.gwno)) for m in found_mediation],
        ongoing=[
            (m, *country_and_slug(request, m.gwno)) for m in found_mediation if m.ended_on is None
        ],
        organisations=sorted(ORGANISATIONS),
        kinds=ACTION_KINDS,
        tracks=TRACKS,
        can_add=bool(user and user.has_role("analyst")),
        error=error,
        today=dt.date.today().isoformat(),
        **template_labels(),
    )


def _form_date(value: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise DataValidationError("form", None, field, f"'{value}' is not a date") from e


@router.post("/actions", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def add_action(
    request: Request,
    country: str = Form(..., max_length=60),
    org: str = Form(..., max_length=16),
    kind: str = Form(..., max_length=20),
    acted_on: str = Form(..., max_length=10),
    title: str = Form(..., max_length=300),
    source: str = Form(..., max_length=500),
    user: CurrentUser = Depends(require_role("analyst")),
    database: Database = Depends(get_database),
) -> Response:
    """Record an organisation action; the form comes back with the problem if it is wrong."""
    return _record(
        request,
        database,
        country,
        lambda session, gwno: add_org_action(
            session,
            gwno=gwno,
            org=org,
            kind=kind,
            acted_on=_form_date(acted_on, "acted_on"),
            title=title,
            source=source,
            actor=user.username,
        ),
    )


@router.post("/actions/mediation", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def add_mediation_route(
    request: Request,
    country: str = Form(..., max_length=60),
    track: str = Form(..., max_length=10),
    mediator: str = Form(..., max_length=200),
    started_on: str = Form(..., max_length=10),
    ended_on: str = Form("", max_length=10),
    title: str = Form(..., max_length=300),
    source: str = Form(..., max_length=500),
    user: CurrentUser = Depends(require_role("analyst")),
    database: Database = Depends(get_database),
) -> Response:
    """Record a mediation initiative."""
    return _record(
        request,
        database,
        country,
        lambda session, gwno: add_mediation(
            session,
            gwno=gwno,
            track=track,
            mediator=mediator,
            started_on=_form_date(started_on, "started_on"),
            ended_on=_form_date(ended_on, "ended_on") if ended_on else None,
            title=title,
            source=source,
            actor=user.username,
        ),
    )


@router.post("/actions/mediation/end", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def end_mediation_route(
    request: Request,
    mediation: str = Form(..., max_length=12),
    ended_on: str = Form(..., max_length=10),
    user: CurrentUser = Depends(require_role("analyst")),
    database: Database = Depends(get_database),
) -> Response:
    """Record the end of an ongoing mediation initiative."""
    return _write(
        request,
        database,
        lambda session: end_mediation(
            session,
            _form_id(mediation, "mediation"),
            ended_on=_form_date(ended_on, "ended_on"),
            actor=user.username,
        ),
    )


@router.post("/actions/withdraw", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def withdraw_route(
    request: Request,
    record: str = Form(..., max_length=24),
    reason: str = Form(..., max_length=300),
    user: CurrentUser = Depends(require_role("analyst")),
    database: Database = Depends(get_database),
) -> Response:
    """Withdraw a wrong record, named in the form as ``action:ID`` or ``mediation:ID``."""
    return _write(
        request,
        database,
        lambda session: withdraw_record(
            session, *_form_record(record), reason=reason, actor=user.username
        ),
    )


def _form_record(value: str) -> tuple[str, int]:
    """(kind, id) of a record the withdrawal form names."""
    kind, _, number = value.partition(":")
    if kind not in RECORD_KINDS or not number.isdigit():
        raise DataValidationError("form", None, "record", f"'{value}' is not a recorded item")
    return kind, int(number)


def _form_id(value: str, field: str) -> int:
    if not value.isdigit():
        raise DataValidationError("form", None, field, f"'{value}' is not a recorded item")
    return int(value)


def _record(
    request: Request, database: Database, country: str, write: Callable[[Session, int], object]
) -> Response:
    """Run one registry write for the state named in the form (see :func:`_write`)."""
    try:
        gwno = resolve(country).gwno
    except UnknownCountryError as e:
        return _actions(request, database, error=problem_text(request, e), status_code=422)
    return _write(request, database, lambda session: write(session, gwno))


def _write(request: Request, database: Database, write: Callable[[Session], object]) -> Response:
    """Run one registry write: back to the list when it is stored, the page again with the
    problem when a field is wrong (422), the record is gone (404) or already there (409); the
    write's session is rolled back, nothing half-stored."""
    try:
        with database.session() as session:
            write(session)
    except (DataValidationError, UnknownCountryError) as e:
        return _actions(request, database, error=problem_text(request, e), status_code=422)
    except NotFoundError as e:  # withdrawn or ended by someone else meanwhile
        return _actions(request, database, error=problem_text(request, e), status_code=404)
    except ConflictError as e:  # the same record again (a form sent twice)
        return _actions(request, database, error=problem_text(request, e), status_code=409)
    return RedirectResponse("/actions", status_code=303)
