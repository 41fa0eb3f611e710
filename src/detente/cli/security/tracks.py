"""``detente tracks``: dialogue-track counterparts and contacts.

See :mod:`detente.cli.security` for the conventions of every group.
"""

from __future__ import annotations

import typer
from rich.table import Table

from detente import security
from detente.cli.context import actor, database
from detente.cli.security.common import (
    JSON_OPTION,
    print_json,
    print_table,
)

tracks = typer.Typer(no_args_is_help=True, help="Dialogue tracks and contacts.")


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
        print_json(found)
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
    print_table(table)
