"""``detente notify``: confidence-building (CSBM) notifications, their deadlines and imports.

See :mod:`detente.cli.security` for the conventions of every group.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import typer
from rich.table import Table

from detente import security
from detente.cli.context import actor, database
from detente.cli.security.common import (
    JSON_OPTION,
    parse_day,
    print_json,
    print_table,
)
from detente.security import checks
from detente.security.imports import import_notifications

notify = typer.Typer(no_args_is_help=True, help="Confidence-building (CSBM) notifications.")


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
            session, pact, as_of=parse_day(as_of, "as_of"), gwno=gw, status=status
        )
    if as_json:
        print_json(found)
    else:
        print_table(_notification_table(found, "Notifications"))


@notify.command("overdue")
def notify_overdue(
    pact: str = typer.Argument(...),
    as_of: str | None = typer.Option(None, help="Day (default today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Notifications past their deadline and not given, most overdue first."""
    with database().session() as session:
        found = security.overdue(session, pact, parse_day(as_of, "as_of"))
    if as_json:
        print_json(found)
    else:
        print_table(_notification_table(found, f"{len(found)} overdue"))


@notify.command("record")
def notify_record(
    pact: str = typer.Argument(...),
    as_of: str | None = typer.Option(None, help="Day (default today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """Per member: notifications on time, late, overdue, pending."""
    with database().session() as session:
        found = security.member_records(session, pact, parse_day(as_of, "as_of"))
    if as_json:
        print_json([{**dataclasses.asdict(r), "compliance_rate": r.compliance_rate} for r in found])
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
    print_table(table)


@notify.command("import")
def notify_import(
    pact: str = typer.Argument(...),
    file: Path = typer.Argument(..., help="CSV or JSON: country, kind, subject, ..."),
) -> None:
    """Import notifications from a file: all rows or none."""
    with database().session() as session:
        count = import_notifications(session, pact, file, actor=actor())
    typer.echo(f"imported {count} notifications from {file.name}")
