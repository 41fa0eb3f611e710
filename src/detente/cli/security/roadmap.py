"""``detente roadmap``: settlement processes, their stages and frozen-conflict flags.

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
    optional_panel,
    parse_day,
    print_json,
    print_table,
)

roadmap = typer.Typer(no_args_is_help=True, help="Roadmap stages and frozen-conflict flags.")


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
    panel = optional_panel()
    checks = [
        security.frozen_check(p, panel, as_of=parse_day(as_of, "as_of"), months=months)
        for p in found
    ]
    if as_json:
        print_json(
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
    print_table(table)
