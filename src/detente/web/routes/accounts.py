"""Sign in and sign out (the user administration lives in the CLI: ``detente users``)."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from detente.accounts import ROLES, AuthenticationError, TooManyAttemptsError, authenticate
from detente.store import Database
from detente.web.deps import (
    SESSION_CSRF,
    SESSION_USER,
    CurrentUser,
    get_database,
    render,
    require_role,
    verify_csrf,
)
from detente.web.i18n import gettext

router = APIRouter(include_in_schema=False)


def safe_next(target: str | None) -> str:
    """A local path to go to after signing in; anything else (another site) becomes ``/``."""
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return "/"
    return target


@router.get("/login")
def login_page(request: Request, next: str = "/") -> HTMLResponse:
    """The sign-in form."""
    return render(request, "accounts/login.html", next=safe_next(next), username="", error=None)


@router.post("/login", dependencies=[Depends(verify_csrf)])
def login(
    request: Request,
    username: str = Form(..., max_length=64),
    password: str = Form(..., max_length=1024),
    next: str = Form("/"),
    database: Database = Depends(get_database),
) -> Response:
    """Check the password (rate-limited per username and address) and start a session."""
    address = request.client.host if request.client else "unknown"
    try:
        user = authenticate(database, username, password, address)
    except TooManyAttemptsError as error:
        minutes = max(1, int(error.retry_after.total_seconds() // 60) + 1)
        message = gettext(
            request, "Too many failed attempts. Try again in %(minutes)s minutes.", minutes=minutes
        )
        return _form_again(request, username, next, message, 429)
    except AuthenticationError:
        message = gettext(request, "Wrong username or password.")
        return _form_again(request, username, next, message, 401)
    request.session.clear()  # a new session for the new identity
    request.session[SESSION_USER] = user.id
    request.session[SESSION_CSRF] = secrets.token_urlsafe(32)
    return RedirectResponse(safe_next(next), status_code=303)


def _form_again(request: Request, username: str, next_: str, error: str, status: int) -> Response:
    return render(
        request,
        "accounts/login.html",
        status_code=status,
        next=safe_next(next_),
        username=username,
        error=error,
    )


@router.post("/logout", dependencies=[Depends(verify_csrf)])
def logout(request: Request, _user: CurrentUser = Depends(require_role(*ROLES))) -> Response:
    """End the session."""
    request.session.clear()
    return RedirectResponse("/", status_code=303)
