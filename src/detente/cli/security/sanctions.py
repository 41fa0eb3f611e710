"""``detente sanctions``: sanctions, their lifting and reciprocal gesture pairs.

See :mod:`detente.cli.security` for the conventions of every group.
"""

from __future__ import annotations

import dataclasses

import typer
from rich.table import Table

from detente import security
from detente.cli.context import actor, database
from detente.cli.security.common import (
    JSON_OPTION,
    print_json,
    print_table,
)

sanctions = typer.Typer(no_args_is_help=True, help="Sanctions and reciprocal gestures.")


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
        print_json(
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
    print_table(table)
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
        print_table(table)
