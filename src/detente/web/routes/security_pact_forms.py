"""The monitors' forms of the security domain under ``/pacts``: one pact's record and the tracks.

A pact's monitor page (:func:`.security.monitor_page`) posts members, commitments, CSBM
notifications, incidents and verdicts, processes and their roadmap stages; the tracks page
(:func:`.security.tracks_page`) posts counterparts and contacts. Kept apart from the pages so
that module stays read-only. Every POST needs the ``monitor`` role and the CSRF token; a refused
write renders the page again with the reason and nothing stored, a stored one redirects (303)
back to it.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from detente import security
from detente.settings import Settings
from detente.store import Database
from detente.web.deps import (
    CurrentUser,
    get_database,
    get_settings,
    verify_csrf,
    write_then_redirect,
)
from detente.web.routes.security import (
    MONITOR,
    PACT,
    record_number,
    render_monitor,
    render_tracks,
)

router = APIRouter()


def _write(
    request: Request,
    settings: Settings,
    database: Database,
    pact: str,
    anchor: str,
    action: Callable[[Session], object],
) -> Response:
    """Run a write; back to the monitor page (at ``anchor``), or the page with the error."""
    return write_then_redirect(
        request,
        database,
        action,
        f"/pacts/{pact}/monitor#{anchor}",
        lambda problem, status: render_monitor(request, settings, database, pact, problem, status),
    )


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
    commitment_id: int = record_number(),
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
    notification_id: int = record_number(),
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
    incident_id: int = record_number(),
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
    incident_id: int = record_number(),
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
    process_id: int = record_number(),
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


def _track_write(
    request: Request, database: Database, action: Callable[[Session], object]
) -> Response:
    """Run a write; back to the tracks page, or the page with the error."""
    return write_then_redirect(
        request,
        database,
        action,
        "/pacts/tracks",
        lambda problem, status: render_tracks(request, database, problem, status),
    )


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
