"""CLI of the security domain: ``detente pacts``, ``notify``, ``incidents``, ``roadmap``,
``tracks`` and ``sanctions``.

Commands parse options, call one core function of :mod:`detente.security` and render a rich
table or JSON. Dates are ``YYYY-MM-DD``; countries are a GW code, an ISO3 code or a name.
Bad input ends with ``error: <file or input>, row, field: problem`` and exit 1, writing nothing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from detente import security
from detente.analytics import load_panel
from detente.cli.context import actor, database, settings
from detente.errors import DataValidationError, NotFoundError
from detente.security import checks
from detente.security.imports import import_incidents, import_notifications

pacts = typer.Typer(no_args_is_help=True, help="Collective-security pacts and commitments.")
notify = typer.Typer(no_args_is_help=True, help="Confidence-building (CSBM) notifications.")
incidents = typer.Typer(no_args_is_help=True, help="Compliance: incident reports and verdicts.")
roadmap = typer.Typer(no_args_is_help=True, help="Roadmap stages and frozen-conflict flags.")
tracks = typer.Typer(no_args_is_help=True, help="Dialogue tracks and contacts.")
sanctions = typer.Typer(no_args_is_help=True, help="Sanctions and reciprocal gestures.")

JSON_OPTION = typer.Option(False, "--json", help="Print JSON.")


def _day(value: str | None, field: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise DataValidationError("option", None, field, f"'{value}' is not YYYY-MM-DD") from error


def _json(items: Any) -> None:
    def plain(item: Any) -> Any:
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            return dataclasses.asdict(item)
        return item

    data = [plain(i) for i in items] if isinstance(items, list) else plain(items)
    typer.echo(json.dumps(data, indent=2, default=str, ensure_ascii=False))


def _print(table: Table) -> None:
    Console(width=160).print(table)


def _panel() -> pd.DataFrame | None:
    """The country-year panel, or ``None`` when no analytics store is loaded."""
    try:
        return load_panel(settings(), "cy")
    except NotFoundError:
        return None


# ---------------------------------------------------------------- pacts


@pacts.command("list")
def pacts_list(
    on: str | None = typer.Option(None, help="Count members on this day (default today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List pacts with their status and current member count."""
    with database().session() as session:
        found = security.list_pacts(session, _day(on, "on"))
    if as_json:
        _json(found)
        return
    table = Table("id", "slug", "name", "region", "status", "signed", "members")
    for p in found:
        table.add_row(
            str(p.id),
            p.slug,
            p.name,
            p.region,
            p.status,
            str(p.signed_on or ""),
            str(p.member_count),
        )
    _print(table)


@pacts.command("show")
def pacts_show(
    pact: str = typer.Argument(..., help="Pact id or slug (e.g. osce)."),
    on: str | None = typer.Option(None, help="Members on this day (default today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """A pact: principles, members, commitments, compliance per principle and member."""
    day = _day(on, "on") or dt.date.today()
    with database().session() as session:
        view = security.get_pact(session, pact)
        commitments = security.list_commitments(session, view.id, as_of=day)
        principles = security.by_principle(session, view.id)
        members = security.by_member(session, view.id)
    current = view.members_on(day)
    if as_json:
        _json(
            {
                **dataclasses.asdict(view),
                "members_on": {"day": day, "gwno": [m.gwno for m in current]},
                "commitments": [dataclasses.asdict(c) for c in commitments],
                "compliance_by_principle": [dataclasses.asdict(r) for r in principles],
                "compliance_by_member": [dataclasses.asdict(r) for r in members],
            }
        )
        return
    typer.echo(f"{view.name} ({view.slug}) — {view.region}, {view.status}, signed {view.signed_on}")
    typer.echo(
        f"CSBM thresholds: {view.thresholds.troops:,} troops / {view.thresholds.tanks} tanks / "
        f"{view.thresholds.acv} ACV / {view.thresholds.artillery} artillery, "
        f"{view.thresholds.days} days' notice"
    )
    typer.echo(f"{len(current)} members on {day}: {', '.join(sorted(m.iso3 for m in current))}")
    table = Table("#", "principle", "incidents", "violations", "open", title="Compliance")
    for row in principles:
        table.add_row(
            str(row.key), row.label, str(row.incidents), str(row.violations), str(row.open)
        )
    _print(table)
    if commitments:
        table = Table("id", "basket", "commitment", "owner", "due", "status", title="Commitments")
        for c in commitments:
            status = "OVERDUE" if c.overdue else c.status
            table.add_row(str(c.id), c.basket, c.title, c.owner, str(c.due_on or ""), status)
        _print(table)


@pacts.command("create")
def pacts_create(
    slug: str = typer.Argument(..., help="Short name: lower-case letters, digits, -."),
    name: str = typer.Option(..., help="Full name."),
    region: str = typer.Option(..., help="Region covered."),
    signed: str | None = typer.Option(None, help="Signature date."),
    status: str = typer.Option("in_force", help="draft, in_force, suspended or terminated."),
    source: str = typer.Option("", help="Link to the text."),
) -> None:
    """Create a pact with the ten Helsinki principles and Vienna Document thresholds."""
    with database().session() as session:
        view = security.create_pact(
            session,
            slug=slug,
            name=name,
            region=region,
            signed_on=signed,
            status=status,
            source=source,
            actor=actor(),
            origin="pacts create",
        )
    typer.echo(f"created pact {view.id} '{view.slug}' with {len(view.principles)} principles")


@pacts.command("status")
def pacts_status(pact: str = typer.Argument(...), status: str = typer.Argument(...)) -> None:
    """Move a pact to another status (in_force, suspended, terminated)."""
    with database().session() as session:
        view = security.set_pact_status(session, pact, status, actor=actor())
    typer.echo(f"pact '{view.slug}' is now {view.status}")


@pacts.command("add-member")
def pacts_add_member(
    pact: str = typer.Argument(...),
    country: str = typer.Argument(..., help="GW code, ISO3 or name."),
    joined: str = typer.Option(..., help="Day it joined (YYYY-MM-DD)."),
    source: str = typer.Option("", help="Where this is documented."),
) -> None:
    """Record that a state joined a pact."""
    with database().session() as session:
        spell = security.add_member(
            session, pact, country, joined, source=source, actor=actor(), origin="pacts add-member"
        )
    typer.echo(f"{spell.iso3} is a member from {spell.joined_on}")


@pacts.command("end-member")
def pacts_end_member(
    pact: str = typer.Argument(...),
    country: str = typer.Argument(...),
    left: str = typer.Option(..., help="First day it is no longer a member."),
) -> None:
    """Record that a state left a pact."""
    with database().session() as session:
        spell = security.end_membership(
            session, pact, country, left, actor=actor(), origin="pacts end-member"
        )
    typer.echo(f"{spell.iso3} left on {spell.left_on}")


@pacts.command("commit")
def pacts_commit(
    pact: str = typer.Argument(...),
    basket: str = typer.Option(..., help="security, cooperation or civil_society."),
    title: str = typer.Option(..., help="What is promised."),
    owner: str = typer.Option(..., help="A state (ISO3, name) or a body."),
    due: str | None = typer.Option(None, help="Due date."),
) -> None:
    """Add a commitment under a basket."""
    with database().session() as session:
        c = security.add_commitment(
            session,
            pact,
            basket=basket,
            title=title,
            owner=owner,
            due_on=due,
            actor=actor(),
            origin="pacts commit",
        )
    typer.echo(f"commitment {c.id} ({c.basket}) owned by {c.owner}, due {c.due_on or '-'}")


@pacts.command("close")
def pacts_close(
    commitment_id: int = typer.Argument(...),
    status: str = typer.Option("fulfilled", help="fulfilled or dropped."),
    on: str | None = typer.Option(None, help="Day (default today)."),
) -> None:
    """Mark a commitment fulfilled or dropped."""
    with database().session() as session:
        c = security.close_commitment(session, commitment_id, status, on=on, actor=actor())
    typer.echo(f"commitment {c.id} {c.status} on {c.done_on}")


# ---------------------------------------------------------------- notify


def _notification_table(found: list[security.NotificationView], title: str) -> Table:
    table = Table("id", "member", "kind", "subject", "starts", "due", "sent", "status", title=title)
    for n in found:
        status = f"{n.status} ({n.days_overdue} d)" if n.days_overdue else n.status
        table.add_row(
            str(n.id),
            n.iso3,
            n.kind,
            n.subject,
            str(n.starts_on or ""),
            str(n.due_on or ""),
            str(n.sent_on or ""),
            status,
        )
    return table


@notify.command("add")
def notify_add(
    pact: str = typer.Argument(...),
    country: str = typer.Option(..., help="The member that owes the notification."),
    kind: str = typer.Option(
        ..., help="military_activity, information_exchange, liaison, pre_alert."
    ),
    subject: str = typer.Option(..., help="What it is about."),
    counterpart: str | None = typer.Option(None, help="The other state (liaison, pre-alert)."),
    starts: str | None = typer.Option(None, help="Start of the activity / day a pre-alert came."),
    ends: str | None = typer.Option(None, help="End of the activity."),
    troops: int | None = typer.Option(None, min=0),
    tanks: int | None = typer.Option(None, min=0),
    acv: int | None = typer.Option(None, min=0, help="Armoured combat vehicles."),
    artillery: int | None = typer.Option(None, min=0),
    due: str | None = typer.Option(None, help="Due date (information exchange, liaison)."),
    sent: str | None = typer.Option(None, help="Day it was given, if it was."),
) -> None:
    """Record a notification a member owes (and if given, when)."""
    with database().session() as session:
        n = security.record_notification(
            session,
            pact,
            country=country,
            kind=kind,
            subject=subject,
            counterpart=counterpart,
            starts_on=starts,
            ends_on=ends,
            troops=troops,
            tanks=tanks,
            acv=acv,
            artillery=artillery,
            due_on=due,
            sent_on=sent,
            actor=actor(),
            origin="notify add",
        )
    required = "required" if n.required else "below the thresholds, not required"
    typer.echo(f"notification {n.id}: {n.kind} by {n.iso3}, {required}, due {n.due_on or '-'}")


@notify.command("sent")
def notify_sent(
    notification_id: int = typer.Argument(...),
    on: str = typer.Option(..., help="Day it was given."),
) -> None:
    """Record the day a member gave a notification."""
    with database().session() as session:
        n = security.mark_sent(session, notification_id, on, actor=actor())
    typer.echo(f"notification {n.id} sent on {n.sent_on}: {n.status}")


@notify.command("list")
def notify_list(
    pact: str = typer.Argument(...),
    as_of: str | None = typer.Option(None, help="Status as of this day (default today)."),
    country: str | None = typer.Option(None, help="Only this member."),
    status: str | None = typer.Option(None, help="pending, overdue, on_time, late, not_required."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List notifications with their status."""
    with database().session() as session:
        gw = checks.optional_gwno(country, "option", "country")
        found = security.list_notifications(
            session, pact, as_of=_day(as_of, "as_of"), gwno=gw, status=status
        )
    if as_json:
        _json(found)
    else:
        _print(_notification_table(found, "Notifications"))


@notify.command("overdue")
def notify_overdue(
    pact: str = typer.Argument(...),
    as_of: str | None = typer.Option(None, help="Day (default today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Notifications past their deadline and not given, most overdue first."""
    with database().session() as session:
        found = security.overdue(session, pact, _day(as_of, "as_of"))
    if as_json:
        _json(found)
    else:
        _print(_notification_table(found, f"{len(found)} overdue"))


@notify.command("record")
def notify_record(
    pact: str = typer.Argument(...),
    as_of: str | None = typer.Option(None, help="Day (default today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Per member: notifications on time, late, overdue, pending."""
    with database().session() as session:
        found = security.member_records(session, pact, _day(as_of, "as_of"))
    if as_json:
        _json([{**dataclasses.asdict(r), "compliance_rate": r.compliance_rate} for r in found])
        return
    table = Table("member", "on time", "late", "overdue", "pending", "not required", "rate")
    for r in found:
        rate = "" if r.compliance_rate is None else f"{r.compliance_rate:.0%}"
        table.add_row(
            r.iso3,
            *(
                str(r.counts.get(k, 0))
                for k in ("on_time", "late", "overdue", "pending", "not_required")
            ),
            rate,
        )
    _print(table)


@notify.command("import")
def notify_import(
    pact: str = typer.Argument(...),
    file: Path = typer.Argument(..., help="CSV or JSON: country, kind, subject, ..."),
) -> None:
    """Import notifications from a file: all rows or none."""
    with database().session() as session:
        count = import_notifications(session, pact, file, actor=actor())
    typer.echo(f"imported {count} notifications from {file.name}")


# ---------------------------------------------------------------- incidents


@incidents.command("report")
def incidents_report(
    pact: str = typer.Argument(...),
    date: str = typer.Option(..., "--date", help="When it happened."),
    place: str = typer.Option(...),
    by: str = typer.Option(..., "--by", help="Reporting party: a state or any body."),
    accused: str = typer.Option(..., help="The state accused."),
    principle: list[int] = typer.Option(
        ..., "--principle", "-p", help="Principle number (repeat)."
    ),
    summary: str = typer.Option(...),
    evidence: list[str] = typer.Option([], "--evidence", "-e", help="An http(s) link (repeat)."),
) -> None:
    """Report an incident under a pact's principles."""
    with database().session() as session:
        view = security.report_incident(
            session,
            pact,
            occurred_on=date,
            place=place,
            reporting_party=by,
            accused=accused,
            principles=principle,
            summary=summary,
            evidence=evidence,
            actor=actor(),
            origin="incidents report",
        )
    typer.echo(f"incident {view.id} reported against {view.accused_iso3}")


@incidents.command("review")
def incidents_review(incident_id: int = typer.Argument(...)) -> None:
    """Put an incident under review."""
    with database().session() as session:
        view = security.set_incident_status(session, incident_id, "under_review", actor=actor())
    typer.echo(f"incident {view.id} is {view.status}")


@incidents.command("withdraw")
def incidents_withdraw(incident_id: int = typer.Argument(...)) -> None:
    """Withdraw an incident report."""
    with database().session() as session:
        view = security.set_incident_status(session, incident_id, "withdrawn", actor=actor())
    typer.echo(f"incident {view.id} is {view.status}")


@incidents.command("verdict")
def incidents_verdict(
    incident_id: int = typer.Argument(...),
    finding: str = typer.Option(..., help="violation, no_violation or inconclusive."),
    reasoning: str = typer.Option(...),
    on: str | None = typer.Option(None, help="Day of the decision (default today)."),
) -> None:
    """Give the monitors' verdict on an incident."""
    with database().session() as session:
        view = security.give_verdict(
            session,
            incident_id,
            finding=finding,
            reasoning=reasoning,
            decided_on=on,
            actor=actor(),
            origin="incidents verdict",
        )
    assert view.verdict is not None
    typer.echo(f"incident {view.id}: {view.verdict.finding}")


@incidents.command("list")
def incidents_list(
    pact: str | None = typer.Option(None, help="Only this pact."),
    country: str | None = typer.Option(None, help="Accused or reporting state."),
    status: str | None = typer.Option(None, help="reported, under_review, decided, withdrawn."),
    principle: int | None = typer.Option(None, help="Only this principle number."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List incidents with verdicts and the UCDP conflicts they match."""
    with database().session() as session:
        gw = checks.optional_gwno(country, "option", "country")
        found = security.list_incidents(session, pact, gwno=gw, status=status, principle=principle)
    matches = security.ucdp_matches(settings().analytics_path, found)
    if as_json:
        _json(
            [
                {
                    **dataclasses.asdict(i),
                    "ucdp": [dataclasses.asdict(m) | {"url": m.url} for m in matches.get(i.id, [])],
                }
                for i in found
            ]
        )
        return
    table = Table("id", "date", "place", "by", "accused", "principles", "status", "verdict", "UCDP")
    for i in found:
        table.add_row(
            str(i.id),
            str(i.occurred_on),
            i.place,
            i.reporting_party,
            i.accused_iso3,
            ",".join(map(str, i.principles)),
            i.status,
            i.verdict.finding if i.verdict else "",
            ", ".join(str(m.conflict_id) for m in matches.get(i.id, [])),
        )
    _print(table)


@incidents.command("import")
def incidents_import(
    pact: str = typer.Argument(...),
    file: Path = typer.Argument(..., help="CSV or JSON: occurred_on, place, reporting_party, ..."),
) -> None:
    """Import incident reports from a file: all rows or none."""
    with database().session() as session:
        count = import_incidents(session, pact, file, actor=actor())
    typer.echo(f"imported {count} incidents from {file.name}")


# ---------------------------------------------------------------- roadmap


@roadmap.command("add")
def roadmap_add(
    pact: str = typer.Argument(...),
    name: str = typer.Option(...),
    party: list[str] = typer.Option(..., "--party", help="A state party (repeat)."),
    started: str = typer.Option(..., help="Start of the process."),
    note: str = typer.Option(""),
) -> None:
    """Start following a process under a pact."""
    with database().session() as session:
        view = security.create_process(
            session,
            pact,
            name=name,
            parties=party,
            started_on=started,
            note=note,
            actor=actor(),
            origin="roadmap add",
        )
    typer.echo(f"process {view.id} '{view.name}'")


@roadmap.command("stage")
def roadmap_stage(
    process_id: int = typer.Argument(...),
    stage: str = typer.Argument(
        ...,
        help=", ".join(security.STAGES),
    ),
    on: str = typer.Option(..., help="Day reached."),
    note: str = typer.Option(""),
) -> None:
    """Record a roadmap stage reached."""
    with database().session() as session:
        view = security.reach_stage(
            session, process_id, stage, on, note=note, actor=actor(), origin="roadmap stage"
        )
    typer.echo(f"process {view.id} now at {view.current_stage}")


@roadmap.command("list")
def roadmap_list(
    pact: str | None = typer.Argument(None),
    as_of: str | None = typer.Option(None, help="Day (default today)."),
    months: int = typer.Option(24, min=1, help="Months without progress before a flag."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Processes, their stage and whether they look frozen (with reasons)."""
    with database().session() as session:
        found = security.list_processes(session, pact)
    panel = _panel()
    checks = [
        security.frozen_check(p, panel, as_of=_day(as_of, "as_of"), months=months) for p in found
    ]
    if as_json:
        _json(
            [
                {
                    **dataclasses.asdict(p),
                    "current_stage": p.current_stage,
                    "frozen": dataclasses.asdict(c),
                }
                for p, c in zip(found, checks, strict=True)
            ]
        )
        return
    table = Table("id", "process", "stage", "last progress", "frozen", "reasons")
    for p, c in zip(found, checks, strict=True):
        table.add_row(
            str(p.id),
            p.name,
            p.current_stage or "-",
            str(p.last_progress),
            "FROZEN" if c.frozen else "no",
            "; ".join(c.reasons),
        )
    _print(table)


# ---------------------------------------------------------------- tracks


@tracks.command("add-counterpart")
def tracks_add_counterpart(
    name: str = typer.Argument(...),
    audience: str = typer.Option(..., help="state, civil_society or armed_group."),
    country: str | None = typer.Option(None, help="The state (for a state counterpart)."),
    contact_ban: bool = typer.Option(False, "--contact-ban", help="Under a ban on contact."),
    sanctioned: bool = typer.Option(False, "--sanctioned", help="Under sanctions."),
    note: str = typer.Option(""),
) -> None:
    """Add someone a dialogue track talks to."""
    with database().session() as session:
        view = security.add_counterpart(
            session,
            name=name,
            audience=audience,
            country=country,
            contact_ban=contact_ban,
            sanctioned=sanctioned,
            note=note,
            actor=actor(),
            origin="tracks add-counterpart",
        )
    typer.echo(f"counterpart {view.id} '{view.name}' ({view.audience})")


@tracks.command("contact")
def tracks_contact(
    counterpart: str = typer.Argument(..., help="Counterpart id or name."),
    channel: str = typer.Option(
        ..., help="official, private_intermediary, discreet, formal, private_mediator, direct."
    ),
    on: str = typer.Option(..., help="Day of the contact."),
    summary: str = typer.Option(...),
    via: str = typer.Option("", help="The mediator or intermediary's name."),
    process: int | None = typer.Option(None, help="Process id it belongs to."),
) -> None:
    """Record a contact (refused for banned or sanctioned groups unless via a private mediator)."""
    with database().session() as session:
        view = security.record_contact(
            session,
            counterpart,
            channel=channel,
            met_on=on,
            summary=summary,
            intermediary=via,
            process_id=process,
            actor=actor(),
            origin="tracks contact",
        )
    typer.echo(f"contact {view.id} with '{view.counterpart}' via {view.channel}")


@tracks.command("list")
def tracks_list(
    audience: str | None = typer.Option(None, help="state, civil_society or armed_group."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Contacts per track, newest first."""
    with database().session() as session:
        found = security.list_contacts(session, audience=audience)
    if as_json:
        _json(found)
        return
    table = Table("id", "date", "track", "counterpart", "channel", "via", "summary")
    for c in found:
        table.add_row(
            str(c.id),
            str(c.met_on),
            c.audience,
            c.counterpart,
            c.channel,
            c.intermediary,
            c.summary,
        )
    _print(table)


# ---------------------------------------------------------------- sanctions


@sanctions.command("add")
def sanctions_add(
    by: str = typer.Option(..., "--by", help="Who imposed it (EU, UN, a state)."),
    target: str = typer.Option(..., help="Who it targets."),
    category: str = typer.Option(
        ..., help="diplomatic, individual, economic, financial, arms, travel, other."
    ),
    reason: str = typer.Option(..., help="The stated reason."),
    adopted: str = typer.Option(..., help="Adoption date."),
    source: str = typer.Option(..., help="Link to the legal act or official page."),
    target_country: str | None = typer.Option(None, help="The target state, if one."),
    legal_act: str = typer.Option(""),
) -> None:
    """Register a sanction."""
    with database().session() as session:
        view = security.add_sanction(
            session,
            imposed_by=by,
            target=target,
            category=category,
            reason=reason,
            adopted_on=adopted,
            source=source,
            target_country=target_country,
            legal_act=legal_act,
            actor=actor(),
            origin="sanctions add",
        )
    typer.echo(f"sanction {view.id}: {view.imposed_by} on {view.target} ({view.category})")


@sanctions.command("lift")
def sanctions_lift(
    sanction_id: int = typer.Argument(...), on: str = typer.Option(..., help="Day lifted.")
) -> None:
    """Record that a sanction was lifted."""
    with database().session() as session:
        view = security.lift_sanction(session, sanction_id, on, actor=actor())
    typer.echo(f"sanction {view.id} lifted on {view.lifted_on}")


@sanctions.command("pair")
def sanctions_pair(
    sanction_id: int = typer.Argument(...),
    gesture: str = typer.Option(..., help="The gesture asked of the other side."),
    by: str | None = typer.Option(None, "--by", help="The state making the gesture."),
    illustrative: bool = typer.Option(False, "--illustrative", help="An example, not a deal."),
    note: str = typer.Option(""),
    source: str = typer.Option(""),
) -> None:
    """Link a gesture to the lifting of a sanction."""
    with database().session() as session:
        view = security.pair_gesture(
            session,
            sanction_id,
            gesture=gesture,
            gesture_country=by,
            illustrative=illustrative,
            note=note,
            source=source,
            actor=actor(),
            origin="sanctions pair",
        )
    typer.echo(f"pair {view.id} ({view.status}) on sanction {view.sanction.id}")


@sanctions.command("pair-status")
def sanctions_pair_status(
    pair_id: int = typer.Argument(...),
    status: str = typer.Argument(..., help="agreed, fulfilled or abandoned."),
) -> None:
    """Move a gesture pair along proposed → agreed → fulfilled (or abandoned)."""
    with database().session() as session:
        view = security.set_pair_status(session, pair_id, status, actor=actor())
    typer.echo(f"pair {view.id} is {view.status}")


@sanctions.command("list")
def sanctions_list(as_json: bool = JSON_OPTION) -> None:
    """The register: sanctions and the gestures paired with them."""
    with database().session() as session:
        found = security.list_sanctions(session)
        pairs = security.list_pairs(session)
    if as_json:
        _json(
            {
                "sanctions": [dataclasses.asdict(s) for s in found],
                "pairs": [dataclasses.asdict(p) for p in pairs],
            }
        )
        return
    table = Table("id", "by", "target", "category", "reason", "adopted", "lifted", "legal act")
    for s in found:
        table.add_row(
            str(s.id),
            s.imposed_by,
            s.target,
            s.category,
            s.reason,
            str(s.adopted_on),
            str(s.lifted_on or ""),
            s.legal_act,
        )
    _print(table)
    if pairs:
        table = Table(
            "pair", "sanction", "gesture", "status", "illustrative", title="Reciprocal gestures"
        )
        for p in pairs:
            table.add_row(
                str(p.id),
                str(p.sanction.id),
                p.gesture,
                p.status,
                "yes" if p.illustrative else "no",
            )
        _print(table)


def register(app: typer.Typer) -> None:
    """Add the groups pacts, notify, incidents, roadmap, tracks and sanctions."""
    app.add_typer(pacts, name="pacts")
    app.add_typer(notify, name="notify")
    app.add_typer(incidents, name="incidents")
    app.add_typer(roadmap, name="roadmap")
    app.add_typer(tracks, name="tracks")
    app.add_typer(sanctions, name="sanctions")
