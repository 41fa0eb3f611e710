"""What every route needs: settings, database, the signed-in user, roles, CSRF, rendering.

Use them as FastAPI dependencies::

    @router.get("/alerts")
    def alert_list(request: Request, database: Database = Depends(get_database)) -> HTMLResponse:
        with database.session() as session:
            alerts = list_alerts(session)
        return render(request, "alerts/list.html", alerts=alerts)

    @router.post("/alerts/{alert_id}/acknowledge", dependencies=[Depends(verify_csrf)])
    def acknowledge(
        alert_id: int,
        user: CurrentUser = Depends(require_role("analyst")),
        database: Database = Depends(get_database),
    ) -> RedirectResponse:
        with database.session() as session:
            transition(session, alert_id, "acknowledged", actor=user.username)
        return RedirectResponse(f"/alerts/{alert_id}", status_code=303)

Rules (checked by ``tests/web/test_route_security.py``): every non-GET route depends on
``require_role(...)`` (``admin`` always passes) and on ``verify_csrf``. Forms include
``{{ csrf_field() }}``; htmx requests send the token as the ``X-CSRF-Token`` header (``base.html``
sets it for signed-in users). A missing user gives 401 (HTML: redirect to ``/login``), a wrong
role 403. The audit actor of a web change is ``user.username``. ``verify_csrf`` also refuses
(422) a form whose fields hold a control character, so no route checks its own text for them.

Pages: ``render(request, "domain/page.html", **context)`` adds ``request``, ``user``,
``language``, ``_``/``gettext``/``ngettext``, ``csrf_field()``, ``csrf_token()``, ``nav`` and
``static()``. Content-Security-Policy forbids inline scripts: put JavaScript in
``static/js/<domain>.js`` and pass data in ``<script type="application/json" id="...">``.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import BeforeValidator
from sqlalchemy.orm import Session

from detente import numbers
from detente.accounts.roles import ROLES, Role
from detente.accounts.users import find_active_user
from detente.errors import DetenteError
from detente.safetext import CONTROL_PROBLEM, control_character
from detente.settings import Settings
from detente.store import Database
from detente.web import provenance, sections
from detente.web.error_text import problem_text
from detente.web.errors import status_for
from detente.web.i18n import LANGUAGE_NAMES, LANGUAGES, N_, colon, gettext, request_language
from detente.web.templating import environment, gettext_callables

CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
SESSION_USER = "uid"
SESSION_CSRF = "csrf"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
# Role names as pages show them (``_(user.role)``); listed so the extractor finds them.
ROLE_NAMES = (N_("analyst"), N_("coordinator"), N_("delegate"), N_("monitor"), N_("admin"))


@dataclass(frozen=True)
class CurrentUser:
    """The signed-in user as routes and templates see them."""

    username: str
    role: Role
    gwno: int | None
    display_name: str

    def has_role(self, *roles: str) -> bool:
        """Whether the user holds one of ``roles`` (admins hold every role)."""
        return self.role == "admin" or self.role in roles


def get_settings(request: Request) -> Settings:
    """The settings the app was created with."""
    settings: Settings = request.app.state.settings
    return settings


def get_database(request: Request) -> Database:
    """The application-state database of the app."""
    database: Database = request.app.state.database
    return database


def current_user(request: Request) -> CurrentUser | None:
    """The signed-in, still active user, or ``None`` for a public visitor."""
    if hasattr(request.state, "detente_user"):
        cached: CurrentUser | None = request.state.detente_user
        return cached
    user: CurrentUser | None = None
    user_id = request.session.get(SESSION_USER) if "session" in request.scope else None
    if isinstance(user_id, int):
        with get_database(request).session() as session:
            view = find_active_user(session, user_id)
        if view is not None:
            user = CurrentUser(view.username, view.role, view.gwno, view.display_name)
        else:
            request.session.clear()
    request.state.detente_user = user
    return user


def require_role(*roles: Role) -> Callable[[Request], CurrentUser]:
    """A dependency that returns the signed-in user holding one of ``roles`` (or admin).

    Raises 401 for a public visitor and 403 for a user without the role.
    """
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}; choose from {ROLES}")

    def dependency(request: Request) -> CurrentUser:
        user = current_user(request)
        if user is None:
            raise HTTPException(status_code=401, detail="sign in to do this")
        if not user.has_role(*roles):
            raise HTTPException(
                status_code=403, detail=f"this needs the role {' or '.join(roles) or 'admin'}"
            )
        return user

    dependency.detente_roles = roles  # type: ignore[attr-defined]  # read by the route test
    dependency.__name__ = f"require_role({', '.join(roles)})"
    return dependency


def csrf_token(request: Request) -> str:
    """The session's CSRF token, created on first use."""
    token = request.session.get(SESSION_CSRF)
    if not isinstance(token, str):
        token = secrets.token_urlsafe(32)
        request.session[SESSION_CSRF] = token
    return token


async def refuse_control_characters(request: Request) -> None:
    """Refuse (422, naming the field) a form with a control character in any of its fields.

    Part of :func:`verify_csrf`, which every write route depends on (the route test checks),
    so no form can store a NUL or a vertical tab (they would come back out raw in pages, CSV
    files and the Atom feed, where XML forbids them) and no route has to remember to check; a
    forged request is still a 403 first. Tab, line feed and carriage return stay allowed:
    multi-line fields need them. (The API under ``/api/v1`` only reads.)
    """
    content_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if content_type not in FORM_TYPES:
        return
    form = await request.form()
    for name, value in form.multi_items():
        code = control_character(value) if isinstance(value, str) else None
        if code is not None:
            message = gettext(request, CONTROL_PROBLEM, code=code)
            raise RequestValidationError(
                [{"type": "value_error", "loc": ("body", name), "msg": message}]
            )


async def verify_csrf(request: Request) -> None:
    """Refuse (403) a request whose CSRF token is missing or not the session's, then (422) a
    form with a control character in a field (:func:`refuse_control_characters`).

    The token comes from the ``X-CSRF-Token`` header or the ``csrf_token`` form field.
    """
    expected = request.session.get(SESSION_CSRF)
    sent = request.headers.get(CSRF_HEADER)
    if sent is None and request.headers.get("content-type", "").startswith(FORM_TYPES):
        form = await request.form()
        value = form.get(CSRF_FIELD)
        sent = value if isinstance(value, str) else None
    if not isinstance(expected, str) or not sent or not hmac.compare_digest(expected, sent):
        raise HTTPException(
            status_code=403, detail="the form has expired or is not ours; reload the page"
        )
    await refuse_control_characters(request)


verify_csrf.detente_csrf = True  # type: ignore[attr-defined]  # read by the route test


def _with_language(request: Request, code: str) -> str:
    """This page's path and query with ``lang=code`` (relative, so it never leaves the site)."""
    url = request.url.include_query_params(lang=code)
    return f"{url.path}?{url.query}"


def page_context(request: Request, template: str) -> dict[str, Any]:
    """What every template can use besides its own variables."""
    language = request_language(request)
    user = current_user(request)

    def csrf_field() -> Markup:
        return Markup('<input type="hidden" name="{}" value="{}">').format(
            CSRF_FIELD, csrf_token(request)
        )

    return {
        "request": request,
        "user": user,
        "language": language,
        "nav": sections.nav_items(request, user.role if user else None),
        "csrf_field": csrf_field,
        "csrf_token": lambda: csrf_token(request),
        "settings": get_settings(request),
        "language_links": [
            (code, LANGUAGE_NAMES[code], _with_language(request, code)) for code in LANGUAGES
        ],
        "sources": provenance.in_language(
            provenance.published_sources(get_settings(request).snapshot_dir), language
        ),
        "number": lambda value, digits=0, sign=False: numbers.number(
            value, language, digits, sign=sign
        ),
        "percent": lambda value, digits=0: numbers.percent(value, language, digits),
        "colon": colon(language),
        **gettext_callables(language, template),
    }


def render_template(request: Request, template: str, **context: Any) -> str:
    """A template rendered to a string with the page context (for sections and fragments)."""
    return environment().get_template(template).render(page_context(request, template), **context)


def render(request: Request, template: str, status_code: int = 200, **context: Any) -> HTMLResponse:
    """An HTML response of ``template`` (which extends ``base.html``) with ``context``."""
    return HTMLResponse(render_template(request, template, **context), status_code=status_code)


def render_section(request: Request, section: sections.Section) -> Markup:
    """One domain block, rendered with its own context and translations."""
    return Markup(render_template(request, section.template, **section.context))


def _iso_date_only(value: object) -> object:
    """Refuse anything but ``YYYY-MM-DD`` text: pydantic would read ``0`` as 1970-01-01."""
    if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise ValueError(f"'{value}' is not a date; write YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date_only)]
"""A date query parameter that accepts only ``YYYY-MM-DD``."""


def write_then_redirect(
    request: Request,
    database: Database,
    write: Callable[[Session], object],
    done: str,
    show_form: Callable[[str, int], Response],
) -> Response:
    """Run one form's write in a transaction: on success see-other to ``done`` (a reload does
    not post twice); when the core refuses it, the form's page again with the problem and the
    error's status (422, 404, 409), in the page's language as far as it is known, and nothing
    stored (the session rolls back)."""
    try:
        with database.session() as session:
            write(session)
    except DetenteError as error:
        return show_form(problem_text(request, error), status_for(error))
    return RedirectResponse(done, status_code=303)
