"""``detente pacts``: create pacts, add and end members, record and close commitments.

See :mod:`detente.cli.security` for the conventions of every group.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

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

pacts = typer.Typer(no_args_is_help=True, help="Collective-security pacts and commitments.")


@pacts.command("list")
def pacts_list(
    on: str | None = typer.Option(None, help="Count members on this day (default today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """List pacts with their status and current member count."""
    with database().session() as session:
        found = security.list_pacts(session, parse_day(on, "on"))
    if as_json:
        print_json(found)
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
    print_table(table)


@pacts.command("show")
def pacts_show(
    pact: str = typer.Argument(..., help="Pact id or slug (e.g. osce)."),
    on: str | None = typer.Option(None, help="Members on this day (default today)."),
    as_json: bool = JSON_OPTION,
) -> None:
    """A pact: principles, members, commitments, compliance per principle and member."""
    day = parse_day(on, "on") or dt.date.today()
    with database().session() as session:
        view = security.get_pact(session, pact)
        commitments = security.list_commitments(session, view.id, as_of=day)
        principles = security.by_principle(session, view.id)
        members = security.by_member(session, view.id)
    current = view.members_on(day)
    if as_json:
        print_json(
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
    print_table(table)
    if commitments:
        table = Table("id", "basket", "commitment", "owner", "due", "status", title="Commitments")
        for c in commitments:
            status = "OVERDUE" if c.overdue else c.status
            table.add_row(str(c.id), c.basket, c.title, c.owner, str(c.due_on or ""), status)
        print_table(table)


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
