"""Crisis management unit pages (coordinators): roster, team request, proposal, deployments.

Every page here needs the ``coordinator`` role (admins pass): the roster is about people, even
though the bundled one is generated demo data. Writes also check the CSRF token.

``/response/teams/new?alert=<id>&country=<ISO3>`` is where the alert page sends a coordinator;
when ``detente.warning.alerts`` is present the alert pre-fills the country, and submitting the
form marks the alert ``team_requested`` (in the same transaction as the request).
"""

from __future__ import annotations

import datetime as dt
import importlib
import re
from typing import Any

from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from detente.countries import gwno_to_iso3, official_languages, resolve
from detente.errors import (
    ConflictError,
    DataValidationError,
    InvalidTransitionError,
    NotFoundError,
    UnknownCountryError,
)
from detente.response import deployments as core
from detente.response.officers import REGIONS, list_officers
from detente.response.teams import REGION_COUNTS, TEAM_SIZES
from detente.response.vocab import EXPERTISE, language_name
from detente.settings import Settings
from detente.store import Database
from detente.web.deps import (
    CurrentUser,
    current_user,
    get_database,
    get_settings,
    render,
    require_role,
    verify_csrf,
)
from detente.web.error_text import problem_text
from detente.web.i18n import N_, request_language
from detente.web.names import country_name
from detente.web.sections import NavItem, Section

router = APIRouter()
DEPLOYMENT_ID = Path(..., ge=1, le=2**31 - 1, description="deployment id")
COORDINATOR = require_role("coordinator")
PAGE_SIZE = 100
STATUS_LABELS = {
    "requested": N_("requested"),
    "proposed": N_("proposed"),
    "approved": N_("approved"),
    "deployed": N_("deployed"),
    "ended": N_("ended"),
    "cancelled": N_("cancelled"),
}
EXPERTISE_LABELS = {
    "mediation": N_("mediation"),
    "ceasefire-monitoring": N_("ceasefire monitoring"),
    "ddr": N_("disarmament, demobilisation and reintegration (DDR)"),
    "humanitarian-law": N_("humanitarian law"),
    "elections": N_("elections"),
    "gender": N_("gender"),
    "climate-security": N_("climate security"),
    "cyber": N_("cyber"),
    "human-rights": N_("human rights"),
    "security-sector-reform": N_("security sector reform"),
    "rule-of-law": N_("rule of law"),
    "political-analysis": N_("political analysis"),
    "negotiation-support": N_("negotiation support"),
    "protection-of-civilians": N_("protection of civilians"),
    "early-warning": N_("early warning"),
}
SENIORITY_LABELS = {
    1: N_("junior"),
    2: N_("mid-career"),
    3: N_("senior"),
    4: N_("principal"),
    5: N_("chief"),
}
RULE_LABELS = {
    "language": N_("No eligible officer speaks %(item)s."),
    "expertise": N_("No eligible officer has the expertise %(item)s."),
    "min_regions": N_("Eligible officers do not come from enough UN regions."),
    "region_cap": N_("A team this size cannot avoid one region holding over half of it."),
    "availability": N_("Too few officers are available for the whole deployment."),
    "conflict_of_interest": N_(
        "Too few officers are not nationals of the country, a party or a neighbour."
    ),
    "size": N_("Too few eligible officers to fill the team."),
}
ACTIONS = {
    "approved": N_("Approve and book the team"),
    "deployed": N_("Deploy"),
    "ended": N_("End the deployment"),
    "cancelled": N_("Cancel"),
    "proposed": N_("Propose the team again"),
}


def nav_items() -> list[NavItem]:
    """The crisis unit link, for coordinators."""
    return [NavItem(N_("Crisis unit"), "/response/deployments", order=40, roles=("coordinator",))]


def _alert(database: Database, alert_id: int | None) -> Any:
    """The alert (warning domain) if that domain provides ``get_alert`` and the id exists."""
    if alert_id is None:
        return None
    try:
        alerts = importlib.import_module("detente.warning.alerts")
    except ImportError:
        return None
    if not hasattr(alerts, "get_alert"):
        return None
    try:
        with database.session() as session:
            return alerts.get_alert(session, alert_id)
    except NotFoundError:
        return None


def _alert_strength(request: Request, alert: Any) -> str | None:
    """The alert's chance or score as its own page words it ("chance 26%", "score 0.41"), when
    the alerts pages are installed."""
    if alert is None:
        return None
    try:
        pages = importlib.import_module("detente.web.routes.alerts_text")
    except ImportError:
        return None
    return str(pages.strength(request, alert))


def _form_defaults(country: str | None, alert: Any) -> dict[str, Any]:
    code = country or (getattr(alert, "iso3", None) if alert is not None else None)
    values: dict[str, Any] = {
        "country": code or "",
        "size": 5,
        "languages": "",
        "expertise": [],
        "start": dt.date.today().isoformat(),
        "end": (dt.date.today() + dt.timedelta(days=90)).isoformat(),
        "min_regions": 3,
        "allow_conflict_of_interest": False,
    }
    if code:
        try:
            state = resolve(code)
        except UnknownCountryError:
            return values
        values["country"] = state.iso3 or str(state.gwno)
        values["languages"] = ", ".join(official_languages(state.gwno))
    return values


def _team_form(
    request: Request,
    values: dict[str, Any],
    alert: Any,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    language = request_language(request)
    return render(
        request,
        "response/team_form.html",
        status_code=status_code,
        values=values,
        alert=alert,
        alert_strength=_alert_strength(request, alert),
        error=error,
        expertise=[(tag, EXPERTISE_LABELS[tag]) for tag in EXPERTISE],
        language_names={
            code: language_name(code, language)
            for code in (values["languages"] or "").replace(",", " ").split()
        },
    )


@router.get("/response/teams/new", include_in_schema=False)
def team_form(
    request: Request,
    alert: int | None = Query(None, ge=1, le=2**31 - 1),
    country: str | None = Query(None, max_length=60),
    _user: CurrentUser = Depends(COORDINATOR),
    database: Database = Depends(get_database),
) -> HTMLResponse:
    """The team request form, pre-filled from the alert or the country."""
    found = _alert(database, alert)
    return _team_form(request, _form_defaults(country, found), found)


def _date(value: str, field: str, what: str = "team request") -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise DataValidationError(what, None, field, f"'{value}' is not a date") from e


NUMBER_CHARS = 100
"""How much of a number field is kept: enough to quote, short of what ``int`` refuses."""
WHOLE_NUMBER = re.compile(r"[+-]?[0-9]+")


def _whole_number(value: str, field: str, bounds: tuple[int, int]) -> int:
    """The form's number within ``bounds``, else an error quoting it as typed (its first 20
    characters): "-1" is a whole number that is too small, and a 23-digit number must not be
    echoed as the different number a cut of it makes."""
    text = value.strip()
    shown = text if len(text) <= 20 else f"{text[:20]}…"
    low, high = bounds
    if not text:
        problem = f"give a whole number between {low} and {high}"
        raise DataValidationError("team request", None, field, problem)
    if not WHOLE_NUMBER.fullmatch(text):
        problem = f"'{shown}' is not a whole number"
        raise DataValidationError("team request", None, field, problem)
    if not low <= int(text) <= high:
        problem = f"'{shown}' is not between {low} and {high}"
        raise DataValidationError("team request", None, field, problem)
    return int(text)


@router.post("/response/teams", include_in_schema=False, dependencies=[Depends(verify_csrf)])
async def team_request(
    request: Request,
    user: CurrentUser = Depends(COORDINATOR),
    database: Database = Depends(get_database),
    settings: Settings = Depends(get_settings),
) -> Response:
    """Record the request, propose the optimal team, and show it."""
    form = await request.form()
    alert_text = str(form.get("alert") or "")
    alert_id = int(alert_text) if alert_text.isdigit() and len(alert_text) <= 9 else None
    values: dict[str, Any] = {
        "country": str(form.get("country") or "")[:60],
        "size": str(form.get("size") or "")[:NUMBER_CHARS],
        "languages": str(form.get("languages") or "")[:200],
        "expertise": [str(v) for v in form.getlist("expertise")][:20],
        "start": str(form.get("start") or "")[:32],
        "end": str(form.get("end") or "")[:32],
        "min_regions": str(form.get("min_regions") or "")[:NUMBER_CHARS],
        "allow_conflict_of_interest": form.get("allow_conflict_of_interest") == "on",
    }
    alert = _alert(database, alert_id)
    try:
        size = _whole_number(values["size"], "size", TEAM_SIZES)
        min_regions = _whole_number(values["min_regions"], "min_regions", REGION_COUNTS)
        with database.session() as session:
            view = core.request_deployment(
                session,
                settings,
                country=values["country"],
                size=size,
                languages=values["languages"].replace(",", " ").split(),
                expertise=values["expertise"],
                start=_date(values["start"], "start"),
                end=_date(values["end"], "end"),
                min_regions=min_regions,
                allow_conflict_of_interest=values["allow_conflict_of_interest"],
                alert_id=alert.id if alert is not None else None,
                actor=user.username,
            )
            core.propose(session, settings, view.id, actor=user.username)
    except (DataValidationError, UnknownCountryError) as error:
        return _team_form(request, values, alert, problem_text(request, error), status_code=422)
    return RedirectResponse(f"/response/deployments/{view.id}", status_code=303)


@router.get("/response/deployments", include_in_schema=False)
def deployment_log(
    request: Request,
    status: str | None = Query(None, max_length=20),
    _user: CurrentUser = Depends(COORDINATOR),
    database: Database = Depends(get_database),
) -> HTMLResponse:
    """Every deployment, newest first (filter by status)."""
    if status and status not in core.STATUSES:
        raise DataValidationError(
            "deployments filter",
            None,
            "status",
            f"'{status}' is not one of {', '.join(core.STATUSES)}",
        )
    chosen = status or None
    with database.session() as session:
        found = core.list_deployments(session, status=chosen)
    language = request_language(request)
    return render(
        request,
        "response/deployments.html",
        deployments=found,
        names={d.id: _name(d.gwno, language) for d in found},
        status=chosen,
        statuses=[(s, STATUS_LABELS[s]) for s in core.STATUSES],
        status_labels=STATUS_LABELS,
    )


def _name(gwno: int, language: str) -> str:
    try:
        return country_name(resolve(gwno), language)
    except UnknownCountryError:
        return str(gwno)


def _deployment_page(
    request: Request, database: Database, deployment_id: int, error: str | None = None
) -> HTMLResponse:
    with database.session() as session:
        view = core.get_deployment(session, deployment_id)
    language = request_language(request)
    proposal = view.proposal or {}
    broken = [
        (rule, RULE_LABELS.get(rule.partition(":")[0], rule), rule.partition(":")[2])
        for rule in proposal.get("broken_rules", [])
    ]
    return render(
        request,
        "response/deployment.html",
        status_code=409 if error else 200,
        deployment=view,
        country=_name(view.gwno, language),
        proposal=proposal,
        members=proposal.get("members", []) if view.team else [],
        broken=broken,
        error=error,
        status_labels=STATUS_LABELS,
        actions=[
            (target, ACTIONS[target]) for target in core.STATUSES if target in view.next_steps()
        ],
        expertise_labels=EXPERTISE_LABELS,
        seniority_labels=SENIORITY_LABELS,
    )


@router.get("/response/deployments/{deployment_id}", include_in_schema=False)
def deployment_page(
    request: Request,
    deployment_id: int = DEPLOYMENT_ID,
    _user: CurrentUser = Depends(COORDINATOR),
    database: Database = Depends(get_database),
) -> HTMLResponse:
    """A deployment: requirements, the proposed team with reasons, and the next steps."""
    return _deployment_page(request, database, deployment_id)


STEPS = {
    "approved": "approve",
    "deployed": "deploy",
    "ended": "end",
    "cancelled": "cancel",
}


@router.post(
    "/response/deployments/{deployment_id}/step",
    include_in_schema=False,
    dependencies=[Depends(verify_csrf)],
)
def deployment_step(
    request: Request,
    deployment_id: int = DEPLOYMENT_ID,
    to: str = Form(..., max_length=20),
    user: CurrentUser = Depends(COORDINATOR),
    database: Database = Depends(get_database),
    settings: Settings = Depends(get_settings),
) -> Response:
    """Move a deployment on: propose again, approve (books), deploy, end or cancel."""
    try:
        with database.session() as session:
            if to == "proposed":
                core.propose(session, settings, deployment_id, actor=user.username)
            elif to in STEPS:
                getattr(core, STEPS[to])(session, deployment_id, actor=user.username)
            else:
                raise InvalidTransitionError(f"'{to}' is not a deployment step")
    except (ConflictError, InvalidTransitionError, DataValidationError) as error:
        return _deployment_page(request, database, deployment_id, problem_text(request, error))
    return RedirectResponse(f"/response/deployments/{deployment_id}", status_code=303)


@router.post(
    "/response/deployments/{deployment_id}/handover",
    include_in_schema=False,
    dependencies=[Depends(verify_csrf)],
)
def deployment_handover(
    request: Request,
    deployment_id: int = DEPLOYMENT_ID,
    envoy: str = Form(..., max_length=120),
    on: str = Form("", max_length=10),
    note: str = Form("", max_length=2000),
    user: CurrentUser = Depends(COORDINATOR),
    database: Database = Depends(get_database),
) -> Response:
    """Record the hand-over to a special envoy (the deployment ends that day)."""
    try:
        with database.session() as session:
            core.handover(
                session,
                deployment_id,
                envoy_name=envoy,
                on=_date(on, "on") if on else None,
                note=note,
                actor=user.username,
            )
    except (InvalidTransitionError, DataValidationError) as error:
        return _deployment_page(request, database, deployment_id, problem_text(request, error))
    return RedirectResponse(f"/response/deployments/{deployment_id}", status_code=303)


@router.get("/response/officers", include_in_schema=False)
def roster(
    request: Request,
    region: str | None = Query(None, max_length=20),
    language: str | None = Query(None, max_length=10),
    expertise: str | None = Query(None, max_length=40),
    available_on: str | None = Query(None, max_length=10),
    page: int = Query(1, ge=1, le=10_000),
    _user: CurrentUser = Depends(COORDINATOR),
    database: Database = Depends(get_database),
) -> HTMLResponse:
    """The roster with filters (region, language, expertise, available on a day)."""
    day = _date(available_on, "available_on", "roster filter") if available_on else None
    with database.session() as session:
        found = list_officers(
            session,
            region=region or None,
            language=(language or "").strip().lower() or None,
            expertise=expertise or None,
            available_on=day,
        )
    shown = found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    return render(
        request,
        "response/officers.html",
        officers=shown,
        total=len(found),
        page=page,
        pages=max(1, -(-len(found) // PAGE_SIZE)),
        filters={
            "region": region or "",
            "language": language or "",
            "expertise": expertise or "",
            "available_on": day.isoformat() if day else "",
        },
        regions=REGIONS,
        expertise_options=[(tag, EXPERTISE_LABELS[tag]) for tag in EXPERTISE],
        expertise_labels=EXPERTISE_LABELS,
        any_generated=any(o.generated for o in found),
    )


def country_section(request: Request, gwno: int) -> Section | None:
    """For coordinators: this country's deployments and a link to request a team."""
    user = current_user(request)
    if user is None or not user.has_role("coordinator"):
        return None
    with get_database(request).session() as session:
        found = [d for d in core.list_deployments(session) if d.gwno == gwno]
    iso3 = gwno_to_iso3(gwno)
    return Section(
        "response/country_section.html",
        {
            "deployments": found[:10],
            "status_labels": STATUS_LABELS,
            "team_url": f"/response/teams/new?country={iso3 or gwno}",
        },
        order=150,
    )
