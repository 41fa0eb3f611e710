"""``detente incidents``: compliance incident reports, reviews, verdicts and imports.

See :mod:`detente.cli.security` for the conventions of every group.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import typer
from rich.table import Table

from detente import security
from detente.cli.context import actor, database, settings
from detente.cli.security.common import (
    JSON_OPTION,
    print_json,
    print_table,
)
from detente.security import checks
from detente.security.imports import import_incidents

incidents = typer.Typer(no_args_is_help=True, help="Compliance: incident reports and verdicts.")


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
        print_json(
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
    print_table(table)


@incidents.command("import")
def incidents_import(
    pact: str = typer.Argument(...),
    file: Path = typer.Argument(..., help="CSV or JSON: occurred_on, place, reporting_party, ..."),
) -> None:
    """Import incident reports from a file: all rows or none."""
    with database().session() as session:
        count = import_incidents(session, pact, file, actor=actor())
    typer.echo(f"imported {count} incidents from {file.name}")
