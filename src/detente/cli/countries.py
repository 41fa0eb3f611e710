"""``detente countries``: look up the country reference from the command line."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from detente.countries import CountryProfile, State, country_profile, states_alive

countries_app = typer.Typer(
    no_args_is_help=True, help="Gleditsch–Ward states, codes, neighbours and memberships."
)

YearOption = Annotated[
    int | None,
    typer.Option(
        "--year", min=1816, max=9999, help="A calendar year (any day of it); default: today."
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def _plain(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def _state_json(state: State) -> dict[str, Any]:
    return dict(_plain(asdict(state)))


def _period(state: State) -> str:
    return f"{state.start} – {state.end or 'today'}"


def _render_profile(profile: CountryProfile) -> None:
    state = profile.state
    console = Console()
    table = Table(title=f"{state.name} ({state.gwno})", show_header=False)
    table.add_column("field", style="bold")
    table.add_column("value")
    table.add_row("Gleditsch–Ward", f"{state.gwno} {state.gwc} ({state.gw_name or state.name})")
    table.add_row("ISO3", state.iso3 or "—")
    table.add_row("independent", "; ".join(_period(s) for s in profile.spells))
    if not profile.alive:
        table.add_row("on " + str(profile.on), "not an independent state")
    table.add_row("region", f"{state.region} / {state.subregion}")
    if state.microstate:
        table.add_row("microstate", "yes")
    if profile.neighbours is None:
        table.add_row("land neighbours", "not covered before 1946")
    else:
        names = ", ".join(f"{n.name} ({n.gwno})" for n in profile.neighbours)
        table.add_row("land neighbours", names or "none")
    table.add_row("memberships", ", ".join(profile.memberships) or "none")
    table.add_row("UN Security Council", "permanent member" if profile.permanent_member else "—")
    table.add_row("official languages", ", ".join(profile.languages) or "—")
    console.print(table)


@countries_app.command("show")
def show(
    code: Annotated[str, typer.Argument(help="GW code, ISO3/ISO2 code or name.")],
    year: YearOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show one state: dates, region, neighbours, memberships, languages."""
    profile = country_profile(code, year)
    if as_json:
        payload = {
            "state": _state_json(profile.state),
            "on": _plain(profile.on),
            "alive": profile.alive,
            "spells": [_state_json(s) for s in profile.spells],
            "neighbours": None
            if profile.neighbours is None
            else [{"gwno": n.gwno, "name": n.name} for n in profile.neighbours],
            "memberships": list(profile.memberships),
            "languages": list(profile.languages),
            "permanent_member": profile.permanent_member,
        }
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    _render_profile(profile)


@countries_app.command("list")
def list_states(
    year: YearOption = None,
    region: Annotated[
        str | None, typer.Option("--region", help="UN region or subregion, e.g. 'Africa'.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the states independent in a year (any day of it)."""
    on = year if year is not None else date.today().year
    states = states_alive(on, region=region)
    if as_json:
        typer.echo(json.dumps([_state_json(s) for s in states], ensure_ascii=False, indent=2))
        return
    table = Table(title=f"{len(states)} states in {on}" + (f" ({region})" if region else ""))
    for column in ("gwno", "ISO3", "name", "independent", "subregion"):
        table.add_column(column)
    for s in states:
        table.add_row(str(s.gwno), s.iso3 or "—", s.name, _period(s), s.subregion)
    Console().print(table)


def register(app: typer.Typer) -> None:
    """Add ``detente countries`` to the root app."""
    app.add_typer(countries_app, name="countries")
