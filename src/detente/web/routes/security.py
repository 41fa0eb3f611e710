"""Pacts and compliance: public pages, monitor pages and the JSON API of the security domain.

Public, read-only: ``/pacts`` (every pact), ``/pacts/{pact}`` (principles, members, commitments,
compliance per principle and per member, CSBM record, roadmap with frozen flags, incidents with
their UCDP conflicts), ``/sanctions`` (the register and reciprocal gestures), the country-page
block and ``/api/v1/pacts...``. Monitors (role ``monitor``) record through
``/pacts/{pact}/monitor`` and ``/pacts/tracks``; every POST checks the role and the CSRF token.
Dialogue tracks are not public: discreet contacts and private mediation stay among monitors.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
from typing import Any

import pandas as pd
from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from detente import security
from detente.analytics import load_panel
from detente.countries import get_state, iso3_to_gwno
from detente.errors import DetenteError, NotFoundError, UnknownCountryError
from detente.numbers import number
from detente.settings import Settings
from detente.store import MAX_ROW_ID, Database
from detente.web.deps import (
    CurrentUser,
    IsoDate,
    get_database,
    get_settings,
    render,
    require_role,
    verify_csrf,
)
from detente.web.errors import status_for
from detente.web.i18n import N_, gettext, request_language
from detente.web.names import country_name, name_sort_key
from detente.web.sections import Download, FeedEntry, NavItem, Section

router = APIRouter()
PACT = Path(..., min_length=1, max_length=40, description="Pact id or slug (e.g. osce)")
MAX_ID = MAX_ROW_ID
MONITOR = require_role("monitor")

LABELS: dict[str, str] = {
    "military_activity": N_("Prior notice of a military activity"),
    "information_exchange": N_("Exchange of military information"),
    "liaison": N_("Liaison or deconfliction contact"),
    "pre_alert": N_("Reply to a pre-alert"),
    "not_required": N_("not required"),
    "pending": N_("pending"),
    "overdue": N_("overdue"),
    "on_time": N_("on time"),
    "late": N_("late"),
    "reported": N_("reported"),
    "under_review": N_("under review"),
    "decided": N_("decided"),
    "withdrawn": N_("withdrawn"),
    "violation": N_("violation"),
    "no_violation": N_("no violation"),
    "inconclusive": N_("inconclusive"),
    "ground_arrangements": N_("Arrangements on the ground"),
    "diplomatic_dialogue": N_("Diplomatic dialogue"),
    "civil_society_awareness": N_("Awareness in civil society"),
    "regional_conference": N_("Regional conference"),
    "in_force": N_("in force"),
    "draft": N_("draft"),
    "suspended": N_("suspended"),
    "terminated": N_("terminated"),
    "open": N_("open"),
    "fulfilled": N_("fulfilled"),
    "dropped": N_("dropped"),
    "official": N_("official"),
    "private_intermediary": N_("private intermediary"),
    "discreet": N_("discreet"),
    "formal": N_("formal"),
    "private_mediator": N_("private mediator"),
    "direct": N_("direct"),
    "proposed": N_("proposed"),
    "agreed": N_("agreed"),
    "abandoned": N_("abandoned"),
}
"""English msgids for the codes the core uses (statuses, kinds, stages, channels)."""
BASKET_LABELS: dict[str, str] = {
    "security": N_("Security"),
    "cooperation": N_("Cooperation"),
    "civil_society": N_("Dialogue between civil societies"),
}
AUDIENCE_LABELS: dict[str, str] = {
    "state": N_("States"),
    "civil_society": N_("Civil societies"),
    "armed_group": N_("Armed groups"),
}
SANCTION_CATEGORY_LABELS: dict[str, str] = {
    "diplomatic": N_("diplomatic"),
    "individual": N_("individual (asset freeze, travel ban)"),
    "economic": N_("economic"),
    "financial": N_("financial"),
    "arms": N_("arms embargo"),
    "travel": N_("travel"),
    "other": N_("other"),
}
VOCABULARY: dict[str, Any] = {
    "labels": LABELS,
    "category_labels": SANCTION_CATEGORY_LABELS,
    "basket_labels": BASKET_LABELS,
    "audience_labels": AUDIENCE_LABELS,
}
# The reasons of a frozen check (``detente.security.roadmap``), written on the pact page.
FROZEN_REASONS = (
    N_("progress within %(months)s months (last on %(date)s)"),
    N_("no stage progress since %(date)s (%(stalled)s months, threshold %(months)s)"),
    N_("no UCDP data loaded: violence and settlement could not be checked"),
    N_("the parties have no rows in the UCDP panel"),
    N_(
        "UCDP %(year)s: %(deaths)s deaths in organized violence and %(conflicts)s active"
        " ACD conflict located in the parties"
    ),
    N_(
        "UCDP %(year)s: %(deaths)s deaths in organized violence and %(conflicts)s"
        " active ACD conflicts located in the parties"
    ),
    N_(
        "PA-X and UCDP: no data after %(year)s, so a settlement since the last progress"
        " (%(date)s) could not be checked"
    ),
    N_("PA-X: no comprehensive peace agreement for the parties from %(first)s to %(last)s"),
    N_("PA-X: %(count)s comprehensive agreement since %(year)s"),
    N_("PA-X: %(count)s comprehensive agreements since %(year)s"),
    N_("no violence and a settlement: stalled but not frozen"),
)
# The ten Helsinki principles (seeded titles), so the French page shows the official wording.
N_("Sovereign equality, respect for the rights inherent in sovereignty")
N_("Refraining from the threat or use of force")
N_("Inviolability of frontiers")
N_("Territorial integrity of States")
N_("Peaceful settlement of disputes")
N_("Non-intervention in internal affairs")
N_("Respect for human rights and fundamental freedoms")
N_("Equal rights and self-determination of peoples")
N_("Co-operation among States")
N_("Fulfillment in good faith of obligations under international law")


def nav_items() -> list[NavItem]:
    """Pacts for everyone; dialogue tracks for monitors."""
    return [
        NavItem(N_("Pacts"), "/pacts", order=60),
        NavItem(N_("Dialogue tracks"), "/pacts/tracks", order=61, roles=("monitor",)),
    ]


_PANELS: dict[str, tuple[float, pd.DataFrame]] = {}


def _panel(settings: Settings) -> pd.DataFrame | None:
    """The country-year panel for frozen checks, read once per version of the store file
    (keyed on its modification time), or ``None`` when no store is loaded."""
    path = settings.analytics_path
    try:
        key, mtime = str(path.resolve()), path.stat().st_mtime
    except FileNotFoundError:
        return None
    cached = _PANELS.get(key)
    if cached is not None and cached[0] == mtime:
        return cached[1]
    try:
        frame = load_panel(settings, "cy")
    except NotFoundError:
        return None
    _PANELS[key] = (mtime, frame)
    return frame


def _member_name(language: str, member: security.MemberSpell) -> str:
    """A member state's name in ``language`` (its reference name when the code is unknown)."""
    try:
        return country_name(get_state(member.gwno), language)
    except UnknownCountryError:
        return member.name


def _iso3_name(iso3: str, language: str) -> str:
    """A state's name in ``language`` from its ISO3 code (the code itself if unknown)."""
    try:
        return country_name(get_state(iso3_to_gwno(iso3)), language)
    except UnknownCountryError:
        return iso3


def reason_text(request: Request, reason: security.FrozenReason) -> str:
    """A frozen-check reason in the page's language, quantities written as it writes numbers."""
    language = request_language(request)
    values = {
        key: value if isinstance(value, str) else number(value, language)
        for key, value in reason.values
    }
    return gettext(request, reason.template, **values)


def _pact_context(
    request: Request, settings: Settings, database: Database, pact: str
) -> dict[str, Any]:
    """Everything the public pact page and the monitor page show."""
    today = dt.date.today()
    language = request_language(request)
    with database.session() as session:
        view = security.get_pact(session, pact)
        commitments = security.list_commitments(session, view.id, as_of=today)
        incidents = security.list_incidents(session, view.id)
        principles = security.by_principle(session, view.id, incidents)
        members = security.by_member(session, view.id, incidents)
        records = security.member_records(session, view.id, today)
        late = security.overdue(session, view.id, today)
        notifications = security.list_notifications(session, view.id, as_of=today)
        processes = security.list_processes(session, view.id)
    panel = _panel(settings) if processes else None
    current = sorted(view.members_on(today), key=lambda m: name_sort_key(_member_name(language, m)))
    return {
        "pact": view,
        "today": today,
        "current": current,
        "changes": [
            m
            for m in view.members
            if m.left_on is not None or (view.signed_on and m.joined_on > view.signed_on)
        ],
        "baskets": {b: [c for c in commitments if c.basket == b] for b in security.BASKETS},
        "incidents": incidents,
        "matches": security.ucdp_matches(settings.analytics_path, incidents),
        "by_principle": principles,
        "by_member": members,
        "records": records,
        "overdue": late,
        "notifications": notifications,
        "roadmap": [
            (
                p,
                security.frozen_check(p, panel, as_of=today),
                {s.stage: s.reached_on for s in p.stages},
            )
            for p in processes
        ],
        "stages": security.STAGES,
        "member_name": lambda m: _member_name(language, m),
        "reason_text": lambda reason: reason_text(request, reason),
        **VOCABULARY,
    }


@router.get("/pacts", include_in_schema=False)
def pact_index(request: Request, database: Database = Depends(get_database)) -> HTMLResponse:
    """Every pact with its status and member count."""
    with database.session() as session:
        found = security.list_pacts(session)
    return render(request, "security/index.html", pacts=found, **VOCABULARY)


@router.get("/pacts/tracks", include_in_schema=False)
def tracks_page(
    request: Request,
    user: CurrentUser = Depends(MONITOR),
    database: Database = Depends(get_database),
) -> HTMLResponse:
    """Dialogue tracks (monitors only): counterparts and contacts per audience."""
    return _tracks(request, database)


def _tracks(
    request: Request, database: Database, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    with database.session() as session:
        counterparts = security.list_counterparts(session)
        contacts = security.list_contacts(session)
        processes = security.list_processes(session)
    return render(
        request,
        "security/tracks.html",
        status_code=status_code,
        counterparts=counterparts,
        contacts=contacts,
        processes=processes,
        audiences=security.AUDIENCES,
        channels=security.CHANNELS,
        error=error,
        **VOCABULARY,
    )


@router.get("/pacts/{pact}", include_in_schema=False)
def pact_page(
    request: Request,
    pact: str = PACT,
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> HTMLResponse:
    """A pact's public page."""
    return render(request, "security/pact.html", **_pact_context(request, settings, database, pact))


def _monitor(
    request: Request,
    settings: Settings,
    database: Database,
    pact: str,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    return render(
        request,
        "security/monitor.html",
        status_code=status_code,
        error=error,
        kinds=security.NOTIFICATION_KINDS,
        findings=security.FINDINGS,
        **_pact_context(request, settings, database, pact),
    )


@router.get("/pacts/{pact}/monitor", include_in_schema=False)
def monitor_page(
    request: Request,
    pact: str = PACT,
    user: CurrentUser = Depends(MONITOR),
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> HTMLResponse:
    """The monitors' forms for one pact."""
    return _monitor(request, settings, database, pact)


def _write(
    request: Request,
    settings: Settings,
    database: Database,
    pact: str,
    anchor: str,
    action: Any,
) -> Response:
    """Run a write; back to the monitor page (at ``anchor``), or the page with the error."""
    try:
        with database.session() as session:
            action(session)
    except DetenteError as error:
        return _monitor(request, settings, database, pact, str(error), status_for(error))
    return RedirectResponse(f"/pacts/{pact}/monitor#{anchor}", status_code=303)


@router.post("/pacts/{pact}/members", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def add_member(
    request: Request,
    pact: str = PACT,
    country: str = Form(""),
    joined_on: str = Form(""),
    source: str = Form(""),
    user: CurrentUser = Depends(MONITOR),
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> Response:
    """Record a state joining the pact."""
    return _write(
        request,
        settings,
        database,
        pact,
        "members",
        lambda s: security.add_member(
            s, pact, country, joined_on, source=source, actor=user.username, origin="form"
        ),
    )


@router.post(
    "/pacts/{pact}/commitments", include_in_schema=False, dependencies=[Depends(verify_csrf)]
)
def add_commitment(
    request: Request,
    pact: str = PACT,
    basket: str = Form(""),
    title: str = Form(""),
    owner: str = Form(""),
    due_on: str = Form(""),
    user: CurrentUser = Depends(MONITOR),
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> Response:
    """Add a commitment under a basket."""
    return _write(
        request,
        settings,
        database,
        pact,
        "commitments",
        lambda s: security.add_commitment(
            s,
            pact,
            basket=basket,
            title=title,
            owner=owner,
            due_on=due_on or None,
            actor=user.username,
            origin="form",
        ),
    )


@router.post(
    "/pacts/{pact}/commitments/{commitment_id}/close",
    include_in_schema=False,
    dependencies=[Depends(verify_csrf)],
)
def close_commitment(
    request: Request,
    pact: str = PACT,
    commitment_id: int = Path(..., ge=1, le=MAX_ID),
    status: str = Form(""),
    user: CurrentUser = Depends(MONITOR),
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> Response:
    """Mark a commitment fulfilled or dropped today."""
    return _write(
        request,
        settings,
        database,
        pact,
        "commitments",
        lambda s: security.close_commitment(s, commitment_id, status, actor=user.username),
    )


@router.post(
    "/pacts/{pact}/notifications", include_in_schema=False, dependencies=[Depends(verify_csrf)]
)
def add_notification(
    request: Request,
    pact: str = PACT,
    country: str = Form(""),
    kind: str = Form(""),
    subject: str = Form(""),
    counterpart: str = Form(""),
    starts_on: str = Form(""),
    ends_on: str = Form(""),
    troops: str = Form(""),
    tanks: str = Form(""),
    acv: str = Form(""),
    artillery: str = Form(""),
    due_on: str = Form(""),
    sent_on: str = Form(""),
    user: CurrentUser = Depends(MONITOR),
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> Response:
    """Record a CSBM notification a member owes."""
    return _write(
        request,
        settings,
        database,
        pact,
        "notifications",
        lambda s: security.record_notification(
            s,
            pact,
            country=country,
            kind=kind,
            subject=subject,
            counterpart=counterpart or None,
            starts_on=starts_on or None,
            ends_on=ends_on or None,
            troops=troops or None,
            tanks=tanks or None,
            acv=acv or None,
            artillery=artillery or None,
            due_on=due_on or None,
            sent_on=sent_on or None,
            actor=user.username,
            origin="form",
        ),
    )


@router.post(
    "/pacts/{pact}/notifications/{notification_id}/sent",
    include_in_schema=False,
    dependencies=[Depends(verify_csrf)],
)
def notification_sent(
    request: Request,
    pact: str = PACT,
    notification_id: int = Path(..., ge=1, le=MAX_ID),
    sent_on: str = Form(""),
    user: CurrentUser = Depends(MONITOR),
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> Response:
    """Record the day a notification was given."""
    return _write(
        request,
        settings,
        database,
        pact,
        "notifications",
        lambda s: security.mark_sent(s, notification_id, sent_on, actor=user.username),
    )


@router.post(
    "/pacts/{pact}/incidents", include_in_schema=False, dependencies=[Depends(verify_csrf)]
)
def add_incident(
    request: Request,
    pact: str = PACT,
    occurred_on: str = Form(""),
    place: str = Form(""),
    reporting_party: str = Form(""),
    accused: str = Form(""),
    principles: list[str] = Form([]),
    summary: str = Form(""),
    evidence: str = Form(""),
    user: CurrentUser = Depends(MONITOR),
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> Response:
    """Report an incident (evidence: one link per line)."""
    return _write(
        request,
        settings,
        database,
        pact,
        "incidents",
        lambda s: security.report_incident(
            s,
            pact,
            occurred_on=occurred_on,
            place=place,
            reporting_party=reporting_party,
            accused=accused,
            principles=principles,
            summary=summary,
            evidence=[line for line in evidence.split() if line],
            actor=user.username,
            origin="form",
        ),
    )


@router.post(
    "/pacts/{pact}/incidents/{incident_id}/verdict",
    include_in_schema=False,
    dependencies=[Depends(verify_csrf)],
)
def incident_verdict(
    request: Request,
    pact: str = PACT,
    incident_id: int = Path(..., ge=1, le=MAX_ID),
    finding: str = Form(""),
    reasoning: str = Form(""),
    user: CurrentUser = Depends(MONITOR),
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> Response:
    """Give the monitors' verdict on an incident."""
    return _write(
        request,
        settings,
        database,
        pact,
        "incidents",
        lambda s: security.give_verdict(
            s,
            incident_id,
            finding=finding,
            reasoning=reasoning,
            actor=user.username,
            origin="form",
        ),
    )


@router.post(
    "/pacts/{pact}/incidents/{incident_id}/status",
    include_in_schema=False,
    dependencies=[Depends(verify_csrf)],
)
def incident_status(
    request: Request,
    pact: str = PACT,
    incident_id: int = Path(..., ge=1, le=MAX_ID),
    status: str = Form(""),
    user: CurrentUser = Depends(MONITOR),
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> Response:
    """Put an incident under review or withdraw it."""
    return _write(
        request,
        settings,
        database,
        pact,
        "incidents",
        lambda s: security.set_incident_status(s, incident_id, status, actor=user.username),
    )


@router.post(
    "/pacts/{pact}/processes", include_in_schema=False, dependencies=[Depends(verify_csrf)]
)
def add_process(
    request: Request,
    pact: str = PACT,
    name: str = Form(""),
    parties: str = Form(""),
    started_on: str = Form(""),
    user: CurrentUser = Depends(MONITOR),
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> Response:
    """Start following a process (parties: ISO3 codes separated by commas)."""
    return _write(
        request,
        settings,
        database,
        pact,
        "roadmap",
        lambda s: security.create_process(
            s,
            pact,
            name=name,
            parties=[p for p in parties.replace(";", ",").split(",") if p.strip()],
            started_on=started_on,
            actor=user.username,
            origin="form",
        ),
    )


@router.post(
    "/pacts/{pact}/processes/{process_id}/stages",
    include_in_schema=False,
    dependencies=[Depends(verify_csrf)],
)
def add_stage(
    request: Request,
    pact: str = PACT,
    process_id: int = Path(..., ge=1, le=MAX_ID),
    stage: str = Form(""),
    reached_on: str = Form(""),
    note: str = Form(""),
    user: CurrentUser = Depends(MONITOR),
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> Response:
    """Record a roadmap stage reached."""
    return _write(
        request,
        settings,
        database,
        pact,
        "roadmap",
        lambda s: security.reach_stage(
            s, process_id, stage, reached_on, note=note, actor=user.username, origin="form"
        ),
    )


def _track_write(request: Request, database: Database, action: Any) -> Response:
    try:
        with database.session() as session:
            action(session)
    except DetenteError as error:
        return _tracks(request, database, str(error), status_for(error))
    return RedirectResponse("/pacts/tracks", status_code=303)


@router.post(
    "/pacts/tracks/counterparts", include_in_schema=False, dependencies=[Depends(verify_csrf)]
)
def add_counterpart(
    request: Request,
    name: str = Form(""),
    audience: str = Form(""),
    country: str = Form(""),
    contact_ban: bool = Form(False),
    sanctioned: bool = Form(False),
    user: CurrentUser = Depends(MONITOR),
    database: Database = Depends(get_database),
) -> Response:
    """Add a counterpart to a track."""
    return _track_write(
        request,
        database,
        lambda s: security.add_counterpart(
            s,
            name=name,
            audience=audience,
            country=country or None,
            contact_ban=contact_ban,
            sanctioned=sanctioned,
            actor=user.username,
            origin="form",
        ),
    )


@router.post("/pacts/tracks/contacts", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def add_contact(
    request: Request,
    counterpart: str = Form(""),
    channel: str = Form(""),
    intermediary: str = Form(""),
    met_on: str = Form(""),
    summary: str = Form(""),
    user: CurrentUser = Depends(MONITOR),
    database: Database = Depends(get_database),
) -> Response:
    """Record a contact; refused (403, with the reason) for banned or sanctioned counterparts
    unless through a private mediator."""
    return _track_write(
        request,
        database,
        lambda s: security.record_contact(
            s,
            counterpart,
            channel=channel,
            intermediary=intermediary,
            met_on=met_on,
            summary=summary,
            actor=user.username,
            origin="form",
        ),
    )


@router.get("/sanctions", include_in_schema=False)
def sanctions_page(request: Request, database: Database = Depends(get_database)) -> HTMLResponse:
    """The public register of sanctions and reciprocal gestures (forms for monitors)."""
    return _sanctions(request, database)


def _sanctions(
    request: Request, database: Database, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    with database.session() as session:
        found = security.list_sanctions(session)
        pairs = security.list_pairs(session)
    return render(
        request,
        "security/sanctions.html",
        status_code=status_code,
        sanctions=found,
        pairs=pairs,
        categories=security.SANCTION_CATEGORIES,
        pair_statuses=("agreed", "fulfilled", "abandoned"),
        error=error,
        **VOCABULARY,
    )


def _sanction_write(request: Request, database: Database, action: Any) -> Response:
    try:
        with database.session() as session:
            action(session)
    except DetenteError as error:
        return _sanctions(request, database, str(error), status_for(error))
    return RedirectResponse("/sanctions", status_code=303)


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
    sanction_id: int = Path(..., ge=1, le=MAX_ID),
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
    pair_id: int = Path(..., ge=1, le=MAX_ID),
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


INCIDENT_COLUMNS = (
    "id",
    "pact",
    "occurred_on",
    "place",
    "reporting_party",
    "reporting_gwno",
    "accused_gwno",
    "accused_iso3",
    "principles",
    "status",
    "finding",
    "decided_on",
    "evidence",
    "ucdp_conflicts",
)


@router.get("/data/pact-incidents.csv", include_in_schema=False)
def incidents_csv(
    settings: Settings = Depends(get_settings), database: Database = Depends(get_database)
) -> Response:
    """Every incident report with its verdict and matching UCDP conflicts, as CSV."""
    with database.session() as session:
        found = security.list_incidents(session)
        slugs = {p.id: p.slug for p in security.list_pacts(session)}
    matches = security.ucdp_matches(settings.analytics_path, found)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(INCIDENT_COLUMNS)
    for i in found:
        writer.writerow(
            [
                i.id,
                slugs.get(i.pact_id, i.pact_id),
                i.occurred_on.isoformat(),
                i.place,
                i.reporting_party,
                "" if i.reporting_gwno is None else i.reporting_gwno,
                i.accused_gwno,
                i.accused_iso3,
                ";".join(map(str, i.principles)),
                i.status,
                i.verdict.finding if i.verdict else "",
                i.verdict.decided_on.isoformat() if i.verdict else "",
                " ".join(i.evidence),
                ";".join(str(m.conflict_id) for m in matches.get(i.id, [])),
            ]
        )
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="pact-incidents.csv"'},
    )


# ---------------------------------------------------------------- hooks


def downloads() -> list[Download]:
    """Incident reports under every pact, with verdicts and UCDP conflict ids."""
    return [
        Download(
            N_("Incident reports under security pacts"),
            N_(
                "Every incident reported to the pact monitors: date, place, reporting and accused "
                "parties, principles concerned, status and verdict, evidence links and the "
                "matching UCDP/PRIO conflict ids."
            ),
            "/data/pact-incidents.csv",
            "CSV",
        )
    ]


def country_section(request: Request, gwno: int) -> Section | None:
    """Pacts the state belongs to today, incidents it is party to, sanctions on it."""
    database = get_database(request)
    with database.session() as session:
        pacts = security.pacts_of(session, gwno)
        incidents = security.list_incidents(session, gwno=gwno)[:10]
        sanctions = security.list_sanctions(session, target_gwno=gwno)
    if not (pacts or incidents or sanctions):
        return None
    return Section(
        "security/country.html",
        {
            "pacts": pacts,
            "incidents": incidents,
            "sanctions": sanctions,
            "gwno": gwno,
            **VOCABULARY,
        },
        order=150,
    )


def feed_entries(request: Request) -> list[FeedEntry]:
    """Monitoring verdicts (the newest 20)."""
    database = get_database(request)
    with database.session() as session:
        decided = security.list_incidents(session, status="decided")
        slugs = {p.id: p.slug for p in security.list_pacts(session)}
    entries = []
    for incident in decided:
        if incident.verdict is None:
            continue
        day = incident.verdict.decided_on
        slug = slugs.get(incident.pact_id, str(incident.pact_id))
        finding = incident.verdict.finding
        entries.append(
            FeedEntry(
                id=f"urn:detente:security:incident:{incident.id}",
                title=gettext(
                    request,
                    "Verdict: %(finding)s — %(country)s, %(place)s (%(date)s)",
                    finding=gettext(request, LABELS.get(finding, finding.replace("_", " "))),
                    country=_iso3_name(incident.accused_iso3, request_language(request)),
                    place=incident.place,
                    date=incident.occurred_on,
                ),
                summary=incident.verdict.reasoning[:500],
                path=f"/pacts/{slug}#incident-{incident.id}",
                updated=dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC),
            )
        )
    return sorted(entries, key=lambda e: e.updated, reverse=True)[:20]


# ---------------------------------------------------------------- API


def _plain(item: Any) -> Any:
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    return item


@router.get("/api/v1/pacts", tags=["security"])
def api_pacts(
    on: IsoDate | None = Query(None, description="Count members on this day (default today)"),
    database: Database = Depends(get_database),
) -> list[dict[str, Any]]:
    """Every pact with its status and member count."""
    with database.session() as session:
        return [_plain(p) for p in security.list_pacts(session, on)]


@router.get("/api/v1/pacts/{pact}", tags=["security"])
def api_pact(pact: str = PACT, database: Database = Depends(get_database)) -> dict[str, Any]:
    """A pact: principles, thresholds, every membership spell."""
    with database.session() as session:
        view = security.get_pact(session, pact)
    data: dict[str, Any] = _plain(view)
    data["members_today"] = [m.gwno for m in view.members_on(dt.date.today())]
    return data


@router.get("/api/v1/pacts/{pact}/commitments", tags=["security"])
def api_commitments(
    pact: str = PACT,
    as_of: IsoDate | None = Query(None),
    database: Database = Depends(get_database),
) -> list[dict[str, Any]]:
    """Commitments per basket, overdue flagged as of a day."""
    with database.session() as session:
        return [_plain(c) for c in security.list_commitments(session, pact, as_of=as_of)]


@router.get("/api/v1/pacts/{pact}/incidents", tags=["security"])
def api_incidents(
    pact: str = PACT,
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> list[dict[str, Any]]:
    """Incidents with their verdicts and the UCDP conflicts they match."""
    with database.session() as session:
        found = security.list_incidents(session, pact)
    matches = security.ucdp_matches(settings.analytics_path, found)
    return [
        {**_plain(i), "ucdp": [{**_plain(m), "url": m.url} for m in matches.get(i.id, [])]}
        for i in found
    ]


@router.get("/api/v1/pacts/{pact}/compliance", tags=["security"])
def api_compliance(pact: str = PACT, database: Database = Depends(get_database)) -> dict[str, Any]:
    """Incidents and verdicts per principle and per accused member."""
    with database.session() as session:
        return {
            "by_principle": [_plain(r) for r in security.by_principle(session, pact)],
            "by_member": [_plain(r) for r in security.by_member(session, pact)],
        }


@router.get("/api/v1/pacts/{pact}/notifications", tags=["security"])
def api_notifications(
    pact: str = PACT,
    as_of: IsoDate | None = Query(None),
    database: Database = Depends(get_database),
) -> list[dict[str, Any]]:
    """CSBM notifications with their status as of a day (default today)."""
    with database.session() as session:
        return [_plain(n) for n in security.list_notifications(session, pact, as_of=as_of)]


@router.get("/api/v1/pacts/{pact}/roadmap", tags=["security"])
def api_roadmap(
    pact: str = PACT,
    months: int = Query(24, ge=1, le=600),
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> list[dict[str, Any]]:
    """Processes, their stages and the frozen-conflict check with its reasons."""
    with database.session() as session:
        found = security.list_processes(session, pact)
    panel = _panel(settings) if found else None
    return [
        {
            **_plain(p),
            "current_stage": p.current_stage,
            "frozen": _plain(security.frozen_check(p, panel, months=months)),
        }
        for p in found
    ]


@router.get("/api/v1/sanctions", tags=["security"])
def api_sanctions(database: Database = Depends(get_database)) -> dict[str, Any]:
    """The register: sanctions and reciprocal gesture pairs."""
    with database.session() as session:
        return {
            "sanctions": [_plain(s) for s in security.list_sanctions(session)],
            "pairs": [_plain(p) for p in security.list_pairs(session)],
        }
