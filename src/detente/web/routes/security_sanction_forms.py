"""The monitors' forms of the sanctions register: measures and the gestures paired with them.

``/sanctions`` (the page is :func:`.security.sanctions_page`) posts a measure, a gesture linked
to lifting one, and a pair's status. Every POST needs the ``monitor`` role and the CSRF token; a
refused write renders the register again with the reason, a stored one redirects (303) to it.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from detente import security
from detente.store import Database
from detente.web.deps import CurrentUser, get_database, verify_csrf, write_then_redirect
from detente.web.routes.security import MONITOR, record_number, render_sanctions

router = APIRouter()


def _sanction_write(
    request: Request, database: Database, action: Callable[[Session], object]
) -> Response:
    """Run a write; back to the sanctions page, or the page with the error."""
    return write_then_redirect(
        request,
        database,
        action,
        "/sanctions",
        lambda problem, status: render_sanctions(request, database, problem, status),
    )


@router.post("/sanctions", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def add_sanction(
    request: Request,
    imposed_by: str = Form(""),
    target: str = Form(""),
    target_country: str = Form(""),
    category: str = Form(""),
    reason: str = Form(""),
    adopted_on: str = Form(""),
    legal_act: str = Form(""),
    source: str = Form(""),
    user: CurrentUser = Depends(MONITOR),
    database: Database = Depends(get_database),
) -> Response:
    """Register a measure (its source link is required)."""
    return _sanction_write(
        request,
        database,
        lambda s: security.add_sanction(
            s,
            imposed_by=imposed_by,
            target=target,
            target_country=target_country or None,
            category=category,
            reason=reason,
            adopted_on=adopted_on,
            legal_act=legal_act,
            source=source,
            actor=user.username,
            origin="form",
        ),
    )


@router.post(
    "/sanctions/{sanction_id}/pairs", include_in_schema=False, dependencies=[Depends(verify_csrf)]
)
def add_pair(
    request: Request,
    sanction_id: int = record_number(),
    gesture: str = Form(""),
    gesture_country: str = Form(""),
    illustrative: bool = Form(False),
    user: CurrentUser = Depends(MONITOR),
    database: Database = Depends(get_database),
) -> Response:
    """Link a gesture to lifting a measure."""
    return _sanction_write(
        request,
        database,
        lambda s: security.pair_gesture(
            s,
            sanction_id,
            gesture=gesture,
            gesture_country=gesture_country or None,
            illustrative=illustrative,
            actor=user.username,
            origin="form",
        ),
    )


@router.post(
    "/sanctions/pairs/{pair_id}/status",
    include_in_schema=False,
    dependencies=[Depends(verify_csrf)],
)
def pair_status(
    request: Request,
    pair_id: int = record_number(),
    status: str = Form(""),
    user: CurrentUser = Depends(MONITOR),
    database: Database = Depends(get_database),
) -> Response:
    """Move a gesture pair along proposed → agreed → fulfilled (or abandoned)."""
    return _sanction_write(
        request,
        database,
        lambda s: security.set_pair_status(s, pair_id, status, actor=user.username),
    )
