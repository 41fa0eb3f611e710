"""Alerts, the brief, the four criteria and analogues on the web pages.

Public pages: ``/alerts`` (list, filter by status and rule), ``/alerts/{id}`` (why it fired:
the rule's inputs, the criteria, analogues, the model's contributions), ``/brief`` and
``/brief/{period}``. Writes: acknowledge and close (analyst or coordinator), request a team
(coordinator: then on to the response domain's
``/response/teams/new?alert=<id>&country=<ISO3>``).
Hooks: top alerts and the latest brief on the home page, the criteria and analogues on each
country page, alerts and briefs in the Atom feed. The action registry is
:mod:`.alerts_registry`, the JSON API :mod:`.alerts_api`, the wording :mod:`.alerts_text`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path as FilePath

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from detente.caching import single_flight_cache
from detente.errors import DataValidationError, NotFoundError, UnknownCountryError
from detente.settings import Settings
from detente.store import Database
from detente.warning.alert_rules import RULE_NAMES
from detente.warning.alerts import (
    STATUSES,
    Alert,
    alert_events,
    get_alert,
    list_alerts,
    request_team,
    transition,
)
from detente.warning.analogues import AnalogueSet, find_analogues
from detente.warning.brief import Brief, latest_period, make_brief, parse_period, to_html
from detente.warning.criteria import country_criteria, load_sources
from detente.warning.features import FEATURE_LABELS
from detente.web.deps import (
    CurrentUser,
    current_user,
    get_database,
    get_settings,
    render,
    require_role,
    verify_csrf,
)
from detente.web.i18n import N_, gettext, request_language
from detente.web.routes.alerts_text import (
    RULE_LABELS,
    alert_rows,
    country_and_slug,
    reason,
    strength,
    template_labels,
    template_names,
)
from detente.web.sections import FeedEntry, NavItem, Section

router = APIRouter()
CODE = Path(..., min_length=1, max_length=60, description="ISO3, gwno or name of a state")
# checked by the domain's parser in brief_of(), not by a pattern here: its message is the one
# the command line gives, not the regular expression
PERIOD = Path(..., description="YYYY-MM (a monthly brief) or YYYY, e.g. 2026-11")

HOME_ALERTS = 5


def nav_items() -> list[NavItem]:
    """Alerts and the brief in the main navigation."""
    return [NavItem(N_("Alerts"), "/alerts", order=30), NavItem(N_("Brief"), "/brief", order=35)]


def _team_url(alert: Alert) -> str:
    return f"/response/teams/new?alert={alert.id}&country={alert.iso3 or alert.gwno}"


def data_year(settings: Settings) -> int | None:
    try:
        return load_sources(settings).last_year
    except NotFoundError:
        return None


@single_flight_cache(maxsize=512)
def _analogues_cached(
    path: FilePath, mtime: float, settings: Settings, gwno: int, year: int
) -> AnalogueSet:
    return find_analogues(settings, gwno, year, k=5)


def _analogues(settings: Settings, gwno: int, year: int) -> AnalogueSet | None:
    """The page's analogues (cached per store version: the search takes ~25 ms)."""
    path = settings.analytics_path
    try:
        return _analogues_cached(path, path.stat().st_mtime, settings, gwno, year)
    except (DataValidationError, FileNotFoundError, NotFoundError):
        return None


# --------------------------------------------------------------------------- pages


@router.get("/alerts", include_in_schema=False)
def alert_list(
    request: Request,
    status: str | None = Query(None, max_length=20),
    rule: str | None = Query(None, max_length=40),
    database: Database = Depends(get_database),
) -> HTMLResponse:
    """Every alert in :func:`list_alerts` order, optionally by status and rule."""
    if status and status not in STATUSES:
        raise DataValidationError(
            "alerts filter", None, "status", f"'{status}' is not one of {', '.join(STATUSES)}"
        )
    if rule and rule not in RULE_NAMES:
        raise DataValidationError(
            "alerts filter", None, "rule", f"'{rule}' is not one of {', '.join(RULE_NAMES)}"
        )
    chosen, chosen_rule = status or None, rule or None
    with database.session() as session:
        found = list_alerts(session, chosen, rule=chosen_rule)
    return render(
        request,
        "alerts/list.html",
        rows=alert_rows(request, found),
        status=chosen,
        statuses=STATUSES,
        rule=chosen_rule,
        rules=RULE_NAMES,
        **template_labels(),
    )


@router.get("/alerts/{alert_id}", include_in_schema=False)
def alert_page(
    request: Request, alert_id: int, database: Database = Depends(get_database)
) -> HTMLResponse:
    """One alert: why it fired, the criteria, analogues, contributions, lifecycle, actions."""
    with database.session() as session:
        alert = get_alert(session, alert_id)
        events = alert_events(session, alert_id)
        # other rules often fire for the same state and period (escalation and surge read the
        # same forecast): the analyst sees them together rather than as unrelated alerts
        siblings = [
            a
            for a in list_alerts(session, gwno=alert.gwno)
            if a.period == alert.period and a.id != alert.id
        ]
    name, slug = country_and_slug(request, alert.gwno)
    explanation = alert.explanation
    why = reason(request, alert)
    # the creation step stores the rule's English sentence; show it in the page's language
    events = [
        replace(e, note=why) if e.from_status is None and e.note == alert.summary else e
        for e in events
    ]
    user = current_user(request)
    return render(
        request,
        "alerts/alert.html",
        alert=alert,
        country=name,
        slug=slug,
        reason=why,
        is_chance=alert.score_kind == "probability",
        siblings=[(a, strength(request, a)) for a in siblings],
        events=events,
        rule=explanation.get("rule", {}),
        forecast=explanation.get("forecast", {}),
        criteria=explanation.get("criteria", {}).get("criteria", []),
        analogues=explanation.get("analogues") or {},
        contributions=[
            (gettext(request, FEATURE_LABELS.get(name, name)), name, value)
            for name, value in explanation.get("contributions") or []
        ],
        team_url=_team_url(alert),
        can_review=bool(user and user.has_role("analyst", "coordinator")),
        can_request=bool(user and user.has_role("coordinator")),
        **template_labels(),
        **template_names(request),
    )


def _step(database: Database, alert_id: int, to: str, user: CurrentUser, note: str) -> Alert:
    with database.session() as session:
        if to == "team_requested":
            return request_team(session, alert_id, user.username, note)
        return transition(session, alert_id, to, actor=user.username, note=note)


@router.post(
    "/alerts/{alert_id}/acknowledge",
    include_in_schema=False,
    dependencies=[Depends(verify_csrf)],
)
def acknowledge_alert(
    alert_id: int,
    note: str = Form("", max_length=2000),
    user: CurrentUser = Depends(require_role("analyst", "coordinator")),
    database: Database = Depends(get_database),
) -> RedirectResponse:
    """Acknowledge a new alert."""
    _step(database, alert_id, "acknowledged", user, note)
    return RedirectResponse(f"/alerts/{alert_id}", status_code=303)


@router.post(
    "/alerts/{alert_id}/close", include_in_schema=False, dependencies=[Depends(verify_csrf)]
)
def close_alert(
    alert_id: int,
    note: str = Form("", max_length=2000),
    user: CurrentUser = Depends(require_role("analyst", "coordinator")),
    database: Database = Depends(get_database),
) -> RedirectResponse:
    """Close an alert."""
    _step(database, alert_id, "closed", user, note)
    return RedirectResponse(f"/alerts/{alert_id}", status_code=303)


@router.post(
    "/alerts/{alert_id}/request-team",
    include_in_schema=False,
    dependencies=[Depends(verify_csrf)],
)
def request_team_route(
    alert_id: int,
    note: str = Form("", max_length=2000),
    user: CurrentUser = Depends(require_role("coordinator")),
    database: Database = Depends(get_database),
) -> RedirectResponse:
    """Ask for a team, then go on to assembling it (the response domain's page)."""
    alert = _step(database, alert_id, "team_requested", user, note)
    return RedirectResponse(_team_url(alert), status_code=303)


def brief_of(request: Request, database: Database, period: str) -> Brief:
    """The brief of ``period`` for the page and the API alike.

    A malformed period is a bad request (``DataValidationError``, 422, the command line's
    message); a well-formed one with no brief (before the data, in the future) is not found
    (404 "There is no brief for P"), which the domain does not distinguish by itself.
    """
    parse_period(period)
    with database.session() as session:
        try:
            return make_brief(get_settings(request), session, period)
        except DataValidationError as error:
            raise NotFoundError(f"There is no brief for {period}: {error.problem}") from error


@router.get("/brief", include_in_schema=False)
def brief_latest() -> RedirectResponse:
    """The current month's brief."""
    return RedirectResponse(f"/brief/{latest_period()}", status_code=307)


@router.get("/brief/{period}", include_in_schema=False)
def brief_page(
    request: Request,
    period: str = PERIOD,
    database: Database = Depends(get_database),
) -> HTMLResponse:
    """The brief of a month (YYYY-MM) or year (YYYY), generated from the data."""
    brief = brief_of(request, database, period)
    language = request_language(request)
    body = to_html(brief, language, name_of=lambda gwno: country_and_slug(request, gwno)[0])
    return render(request, "alerts/brief.html", brief=brief, body=body, previous=brief.previous)


def home_section(request: Request) -> Section | None:
    """Top open alerts and the latest brief's lead."""
    database = get_database(request)
    settings = get_settings(request)
    with database.session() as session:
        top = list_alerts(session, open_only=True, limit=HOME_ALERTS)
        try:
            brief = make_brief(settings, session, latest_period())
        except (NotFoundError, DataValidationError):
            brief = None
    return Section(
        "alerts/home_section.html",
        {
            "rows": alert_rows(request, top),
            "brief": brief,
            **template_labels(),
            **template_names(request),
        },
        order=110,
    )


def country_section(request: Request, gwno: int) -> Section | None:
    """The four criteria with their inputs, analogues and this state's open alerts."""
    settings = get_settings(request)
    year = data_year(settings)
    database = get_database(request)
    with database.session() as session:
        alerts = list_alerts(session, gwno=gwno, open_only=True)
        criteria = None
        if year is not None:
            try:
                criteria = country_criteria(settings, gwno, year, session)
            except UnknownCountryError:
                criteria = None
    analogues = _analogues(settings, gwno, year) if year is not None and criteria else None
    return Section(
        "alerts/country_section.html",
        {
            "year": year,
            "criteria": criteria,
            "analogues": analogues,
            "alert_rows": alert_rows(request, alerts),
            "slug_of": lambda g: country_and_slug(request, g)[1],
            **template_labels(),
            **template_names(request),
        },
        order=120,
    )


def last_months(today: dt.date, count: int) -> list[dt.date]:
    """The first days of this month and the ``count - 1`` calendar months before it."""
    index = today.year * 12 + today.month - 1
    return [dt.date((index - back) // 12, (index - back) % 12 + 1, 1) for back in range(count)]


def feed_entries(request: Request) -> list[FeedEntry]:
    """Every alert (newest 50) and the briefs of the last three months."""
    database = get_database(request)
    entries = []
    with database.session() as session:
        for alert in list_alerts(session, limit=50):
            name, _ = country_and_slug(request, alert.gwno)
            rule = gettext(request, RULE_LABELS.get(alert.rule, alert.rule))
            entries.append(
                FeedEntry(
                    id=f"urn:detente:alert:{alert.id}",
                    title=gettext(
                        request, "Alert: %(country)s, %(period)s", country=name, period=alert.period
                    )
                    + f" ({rule})",
                    summary=reason(request, alert),
                    path=f"/alerts/{alert.id}",
                    updated=alert.updated_at or alert.created_at,  # a status change is news
                )
            )
    for month in last_months(dt.date.today(), 3):
        period = f"{month:%Y-%m}"
        entries.append(
            FeedEntry(
                id=f"urn:detente:brief:{period}",
                title=gettext(request, "Brief %(period)s", period=period),
                summary=gettext(
                    request,
                    "Deteriorations, improvements and new alerts, generated from the data.",
                ),
                path=f"/brief/{period}",
                updated=dt.datetime(month.year, month.month, 1, tzinfo=dt.UTC),
            )
        )
    return entries
