"""Pacts and compliance: the public pages, the monitor pages and the hooks of the security domain.

Public, read-only: ``/pacts`` (every pact), ``/pacts/{pact}`` (principles, members, commitments,
compliance per principle and per member, CSBM record, roadmap with frozen flags, incidents with
their UCDP conflicts), ``/sanctions`` (the register and reciprocal gestures), the country-page
block, the incidents CSV and the Atom feed's verdicts. Monitors (role ``monitor``) see
``/pacts/{pact}/monitor`` and ``/pacts/tracks``. Dialogue tracks are not public: discreet contacts
and private mediation stay among monitors.

The monitors' writes are :mod:`.security_pact_forms` (a pact's monitor page and the tracks) and
:mod:`.security_sanction_forms` (the sanctions register); they render the pages of this module
again when a write is refused. The JSON API is :mod:`.security_api`.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

import pandas as pd
from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import HTMLResponse, Response

from detente import security
from detente.analytics import load_panel
from detente.countries import get_state, iso3_to_gwno
from detente.errors import NotFoundError, UnknownCountryError
from detente.numbers import number
from detente.safetext import csv_row
from detente.settings import Settings
from detente.store import Database
from detente.web.deps import CurrentUser, get_database, get_settings, render, require_role
from detente.web.i18n import N_, gettext, request_language
from detente.web.names import country_name, name_sort_key
from detente.web.sections import Download, FeedEntry, NavItem, Section

router = APIRouter()
PACT = Path(..., min_length=1, max_length=40, description="Pact id or slug (e.g. osce)")


def record_number() -> Any:
    """A record's number in a form's URL: any integer, so that one naming no record (0, or
    beyond what an INTEGER column holds) is "not found" from the core, as on the API, not a 422.
    A new ``Path`` per route: FastAPI names a shared one after the first parameter it serves."""
    return Path(..., description="Number of a record (one that names no record is a 404)")


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


def country_year_panel(settings: Settings) -> pd.DataFrame | None:
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
    panel = country_year_panel(settings) if processes else None
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
    return render_tracks(request, database)


def render_tracks(
    request: Request, database: Database, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    """The tracks page; with ``error`` and its status when a form of
    :mod:`.security_pact_forms` was refused."""
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


def render_monitor(
    request: Request,
    settings: Settings,
    database: Database,
    pact: str,
    error: str | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    """A pact's monitor page; with ``error`` and its status when a form of
    :mod:`.security_pact_forms` was refused."""
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
    return render_monitor(request, settings, database, pact)


@router.get("/sanctions", include_in_schema=False)
def sanctions_page(request: Request, database: Database = Depends(get_database)) -> HTMLResponse:
    """The public register of sanctions and reciprocal gestures (forms for monitors)."""
    return render_sanctions(request, database)


def render_sanctions(
    request: Request, database: Database, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    """The sanctions register; with ``error`` and its status when a form of
    :mod:`.security_sanction_forms` was refused."""
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
            csv_row(
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
