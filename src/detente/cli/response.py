"""Crisis management unit CLI: ``detente officers``, ``team`` and ``deployments``.

Commands parse options, call one core function of :mod:`detente.response` and render a table
or ``--json``. Officers marked as generated are labelled "generated demo data" wherever shown.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from detente.cli.context import actor, check_out_file, database, settings
from detente.errors import DataValidationError
from detente.response import deployments as core
from detente.response.officers import export_csv, import_csv, list_officers
from detente.response.teams import TeamProposal, propose_team, rule_text, team_requirements
from detente.response.vocab import EXPERTISE, SENIORITY

officers = typer.Typer(no_args_is_help=True, help="The roster of policy officers.")
team = typer.Typer(no_args_is_help=True, help="Assemble a crisis team.")
deployments = typer.Typer(no_args_is_help=True, help="Team deployments and envoy hand-over.")

GENERATED_LABEL = "generated demo data (invented people)"


def _codes(values: list[str] | None) -> list[str] | None:
    """Repeated options and comma-separated lists both work: ``--languages fr,en``."""
    if values is None:
        return None
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise DataValidationError(
            "command line", None, option, f"'{value}' is not YYYY-MM-DD"
        ) from e


# ------------------------------------------------------------------------------------ officers


@officers.command("import")
def import_(
    path: Path = typer.Argument(..., help="Roster CSV (see 'detente officers tags')."),
) -> None:
    """Import officers from CSV: all rows or none (empty id adds, an existing id updates)."""
    with database().session() as session:
        summary = import_csv(session, path, actor=actor())
    typer.echo(f"imported {path.name}: {summary.created} added, {summary.updated} updated")


@officers.command("export")
def export(
    out: Path | None = typer.Option(None, "--out", "-o", help="File (default: stdout)."),
) -> None:
    """Export the roster as CSV (the import format plus current_deployment)."""
    if out is not None:
        check_out_file(out)
    with database().session() as session:
        text = export_csv(session)
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {text.count(chr(10)) - 1} officers to {out}")


@officers.command("list")
def list_(
    region: str | None = typer.Option(None, help="UN region, e.g. Africa."),
    language: str | None = typer.Option(None, help="ISO 639 code, e.g. fr."),
    expertise: str | None = typer.Option(None, help="Expertise tag, e.g. mediation."),
    available_on: str | None = typer.Option(None, help="Available on this day (YYYY-MM-DD)."),
    limit: int = typer.Option(50, min=1, help="At most this many rows."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List officers with filters."""
    with database().session() as session:
        found = list_officers(
            session,
            region=region,
            language=language,
            expertise=expertise,
            available_on=_date(available_on, "available-on"),
            limit=limit,
        )
    if as_json:
        typer.echo(json.dumps([{**o.as_row(), "region": o.region} for o in found], indent=2))
        return
    table = Table("id", "name", "nationality", "region", "languages", "expertise", "seniority")
    for o in found:
        table.add_row(
            str(o.id),
            o.name + (" *" if o.generated else ""),
            o.iso3 or str(o.gwno),
            o.region,
            " ".join(o.languages),
            " ".join(o.expertise),
            str(o.seniority),
        )
    Console().print(table)
    if any(o.generated for o in found):
        typer.echo(f"* {GENERATED_LABEL}")


@officers.command("tags")
def tags() -> None:
    """The expertise tags and seniority levels the roster uses."""
    typer.echo("expertise: " + ", ".join(EXPERTISE))
    typer.echo("seniority: " + ", ".join(f"{k} {v}" for k, v in SENIORITY.items()))


# ---------------------------------------------------------------------------------------- team


def _print_proposal(proposal: TeamProposal) -> None:
    data = proposal.to_json()
    req = data["requirements"]
    typer.echo(
        f"team for {data['country']['iso3']} ({req['start']} to {req['end']}): {proposal.status}, "
        f"{len(proposal.members)}/{req['size']} members; "
        f"{proposal.candidates} officers meet every rule on their own"
    )
    typer.echo(f"objective: {data['objective']}")
    for rule in proposal.broken_rules:
        typer.echo(f"cannot be met: {rule} - {rule_text(rule)}")
    if proposal.broken_rules:
        typer.echo("closest team:")
    table = Table("id", "name", "nationality", "region", "why")
    for m in proposal.members:
        table.add_row(
            str(m.officer_id), m.name, m.iso3 or str(m.gwno), m.region, "; ".join(m.reasons)
        )
    Console().print(table)
    if any(m.name.startswith("Demo-") for m in proposal.members):
        typer.echo(f"names marked Demo- are {GENERATED_LABEL}")


@team.command("propose")
def propose_cmd(
    country: str = typer.Option(..., "--country", "-c", help="ISO3, GW code or name."),
    size: int = typer.Option(..., "--size", "-n", help="Team size."),
    languages: list[str] | None = typer.Option(
        None, help="Required ISO 639 codes (default: the country's official languages)."
    ),
    expertise: list[str] | None = typer.Option(None, help="Required expertise tags."),
    date: str | None = typer.Option(None, "--date", help="First day (default today)."),
    end: str | None = typer.Option(None, "--end", help="Last day (default date + 90 days)."),
    min_regions: int | None = typer.Option(
        None, help="Distinct UN regions (default min(3, size))."
    ),
    allow_conflict_of_interest: bool = typer.Option(
        False, help="Allow nationals of the country, a party or a neighbour."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Propose the optimal team (read only: nothing is booked)."""
    request = team_requirements(
        settings(),
        country,
        size,
        languages=_codes(languages),
        expertise=_codes(expertise) or (),
        start=_date(date, "date"),
        end=_date(end, "end"),
        min_regions=min_regions,
        allow_conflict_of_interest=allow_conflict_of_interest,
    )
    with database().session() as session:
        proposal = propose_team(session, request)
    if as_json:
        typer.echo(json.dumps(proposal.to_json(), indent=2))
    else:
        _print_proposal(proposal)


# --------------------------------------------------------------------------------- deployments


def _print_deployment(view: core.DeploymentView) -> None:
    typer.echo(
        f"deployment {view.id}: {view.status}, {view.iso3} {view.start} to {view.end}, "
        f"team {', '.join(m.name for m in view.team) or '-'}"
    )
    if view.envoy_name:
        typer.echo(f"handed over to special envoy {view.envoy_name} on {view.handover_date}")


@deployments.command("request")
def request_cmd(
    country: str = typer.Option(..., "--country", "-c"),
    size: int = typer.Option(..., "--size", "-n"),
    languages: list[str] | None = typer.Option(None),
    expertise: list[str] | None = typer.Option(None),
    date: str | None = typer.Option(None, "--date"),
    end: str | None = typer.Option(None, "--end"),
    min_regions: int | None = typer.Option(None),
    allow_conflict_of_interest: bool = typer.Option(False),
    alert: int | None = typer.Option(None, help="The alert this request answers."),
    propose_now: bool = typer.Option(True, "--propose/--no-propose", help="Propose a team now."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Request a team for a country (and propose one right away, unless --no-propose)."""
    current = settings()
    with database().session() as session:
        view = core.request_deployment(
            session,
            current,
            country=country,
            size=size,
            languages=_codes(languages),
            expertise=_codes(expertise) or (),
            start=_date(date, "date"),
            end=_date(end, "end"),
            min_regions=min_regions,
            allow_conflict_of_interest=allow_conflict_of_interest,
            alert_id=alert,
            actor=actor(),
        )
        proposal = None
        if propose_now:
            view, proposal = core.propose(session, current, view.id, actor=actor())
    if as_json:
        typer.echo(json.dumps(view.to_json(), indent=2))
    else:
        _print_deployment(view)
    if proposal is not None and not proposal.feasible:
        typer.echo(
            f"warning: no team meets this request ({'; '.join(proposal.to_json()['explanation'])});"
            f" the team shown is the closest and cannot be approved",
            err=True,
        )


@deployments.command("propose")
def propose_again(deployment_id: int = typer.Argument(...)) -> None:
    """Propose (again) the team of a requested or proposed deployment."""
    with database().session() as session:
        view, _proposal = core.propose(session, settings(), deployment_id, actor=actor())
    _print_deployment(view)


@deployments.command("approve")
def approve_cmd(deployment_id: int = typer.Argument(...)) -> None:
    """Approve the proposed team: books its officers (refused if one is booked elsewhere)."""
    with database().session() as session:
        view = core.approve(session, deployment_id, actor=actor())
    _print_deployment(view)


@deployments.command("deploy")
def deploy_cmd(deployment_id: int = typer.Argument(...)) -> None:
    """The approved team is in the field."""
    with database().session() as session:
        view = core.deploy(session, deployment_id, actor=actor())
    _print_deployment(view)


@deployments.command("end")
def end_cmd(
    deployment_id: int = typer.Argument(...),
    on: str | None = typer.Option(None, "--on", help="Last day (default today)."),
) -> None:
    """The team comes home."""
    with database().session() as session:
        view = core.end(session, deployment_id, actor=actor(), on=_date(on, "on"))
    _print_deployment(view)


@deployments.command("handover")
def handover_cmd(
    deployment_id: int = typer.Argument(...),
    envoy: str = typer.Option(..., "--envoy", help="The special envoy's name."),
    on: str | None = typer.Option(None, "--on", help="Hand-over day (default today)."),
    note: str = typer.Option("", "--note"),
) -> None:
    """Hand over to a special envoy (recorded; the deployment ends that day)."""
    with database().session() as session:
        view = core.handover(
            session, deployment_id, envoy_name=envoy, on=_date(on, "on"), note=note, actor=actor()
        )
    _print_deployment(view)


@deployments.command("cancel")
def cancel_cmd(deployment_id: int = typer.Argument(...)) -> None:
    """Cancel a request, proposal or approval."""
    with database().session() as session:
        view = core.cancel(session, deployment_id, actor=actor())
    _print_deployment(view)


@deployments.command("list")
def list_deployments_cmd(
    status: str | None = typer.Option(None, help=f"One of {', '.join(core.STATUSES)}."),
    as_json: bool = typer.Option(False, "--json"),
) -> None:
    """Deployments, newest first."""
    with database().session() as session:
        found = core.list_deployments(session, status=status)
    if as_json:
        typer.echo(json.dumps([d.to_json() for d in found], indent=2))
        return
    table = Table("id", "status", "country", "start", "end", "team", "envoy")
    for d in found:
        table.add_row(
            str(d.id),
            d.status,
            d.iso3 or str(d.gwno),
            str(d.start),
            str(d.end),
            str(len(d.team)),
            d.envoy_name or "",
        )
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add ``officers``, ``team`` and ``deployments``."""
    app.add_typer(officers, name="officers")
    app.add_typer(team, name="team")
    app.add_typer(deployments, name="deployments")
