"""``detente data status|import|update`` and ``detente panel``: the analytics store from a shell.

Each command parses its options, calls one core function of :mod:`detente.analytics` and
renders the result (rich tables, ``--json``). Imports and downloads show rich progress.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    DownloadColumn,
    Progress,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from detente.analytics import (
    DataStatus,
    ImportResult,
    data_status,
    export_panel,
    import_release,
    update_releases,
)
from detente.cli.context import check_out_file, settings
from detente.sources import KINDS

data_app = typer.Typer(help="The analytics store: imported releases and panels.")
console = Console(stderr=True)


def _phase_progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )


def _describe(result: ImportResult) -> str:
    if result.status == "unchanged":
        return (
            f"unchanged: {result.kind} {result.release} ({Path(result.file).name}) was already "
            "imported"
        )
    line = (
        f"imported {result.kind} {result.release}: {result.rows:,} rows, "
        f"{result.first_period}..{result.last_period}, in {result.seconds:.1f} s"
    )
    if result.replaced:
        line += f" (replaced rows of: {', '.join(result.replaced)})"
    return line


def _status_tables(status: DataStatus) -> list[Table]:
    sources = Table(title="Sources")
    for column in ("source", "releases in force", "rows", "coverage"):
        sources.add_column(column)
    for s in status.sources:
        sources.add_row(
            s.title,
            ", ".join(s.releases),
            f"{s.rows:,}",
            f"{s.first_period}..{s.last_period}",
        )
    releases = Table(title="Releases (sha256 in --json)")
    for column in ("id", "kind", "release", "imported (UTC)", "rows", "in force", "coverage"):
        releases.add_column(column)
    for r in status.releases:
        releases.add_row(
            str(r.release_id),
            r.kind,
            r.release,
            r.imported_at.strftime("%Y-%m-%d %H:%M"),
            f"{r.rows_imported:,}",
            f"{r.rows_current:,}",
            f"{r.first_period}..{r.last_period}",
        )
    panels = Table(title="Panels")
    for column in ("unit", "rows", "countries", "coverage"):
        panels.add_column(column)
    for p in (status.cy, status.cm):
        coverage = f"{p.first_period}..{p.last_period}" if p.first_period else "empty"
        panels.add_row(p.unit, f"{p.rows:,}", str(p.countries), coverage)
    return [sources, releases, panels]


def _jsonable(status: DataStatus) -> dict[str, Any]:
    payload = asdict(status)
    payload["path"] = str(status.path)
    for release in payload["releases"]:
        release["imported_at"] = release["imported_at"].isoformat()
    return payload


@data_app.command("status")
def status_command(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Sources, releases, coverage and row counts of the analytics store."""
    status = data_status(settings())
    if as_json:
        typer.echo(json.dumps(_jsonable(status), indent=2))
        return
    if not status.exists:
        typer.echo(f"no analytics store at {status.path}; run `detente init`")
        return
    out = Console()
    out.print(f"analytics store: {status.path}")
    for table in _status_tables(status):
        out.print(table)


@data_app.command("import")
def import_command(
    path: Annotated[Path, typer.Argument(help="A UCDP, PA-X or UN votes file (or zip).")],
    kind: Annotated[
        str | None,
        typer.Option(help=f"Source kind ({'|'.join(KINDS)}); detected when omitted."),
    ] = None,
    release: Annotated[
        str | None, typer.Option(help="Release label, if the file does not say it.")
    ] = None,
    replace: Annotated[
        bool,
        typer.Option(
            "--replace", help="Let a smaller file replace an imported release of the same label."
        ),
    ] = False,
) -> None:
    """Validate a release file and import it into the analytics store (one transaction)."""
    if kind is not None and kind not in KINDS:
        raise typer.BadParameter(f"'{kind}' is not one of {', '.join(KINDS)}", param_hint="--kind")
    with _phase_progress() as progress:
        task = progress.add_task(f"importing {path.name}", total=None)

        def phase(name: str) -> None:
            progress.update(task, description=f"{path.name}: {name}")

        result = import_release(settings(), path, kind, release, progress=phase, replace=replace)
    typer.echo(_describe(result))


@data_app.command("update")
def update_command() -> None:
    """Download the newest UCDP releases (GED annual + candidates, country-year, ACD)."""
    current = settings()
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TimeElapsedColumn())
    with Progress(*columns, console=console, transient=True) as progress:
        tasks: dict[str, TaskID] = {}

        def on_bytes(name: str, done: int, total: int | None) -> None:
            if name not in tasks:
                tasks[name] = progress.add_task(f"downloading {name}", total=total)
            progress.update(tasks[name], completed=done)

        def on_phase(name: str) -> None:
            if "import" not in tasks:
                tasks["import"] = progress.add_task("importing", total=None)
            progress.update(tasks["import"], description=f"importing: {name}")

        result = update_releases(current, on_bytes=on_bytes, on_phase=on_phase)
    if not result.available:
        typer.echo(f"no UCDP release found at {current.ucdp_downloads_base}")
        return
    for remote in result.already_imported:
        typer.echo(f"up to date: {remote.kind} {remote.release} ({remote.file_name})")
    for imported in result.imported:
        typer.echo(_describe(imported))


def register(app: typer.Typer) -> None:
    """Add ``detente data ...`` and ``detente panel``."""
    app.add_typer(data_app, name="data")

    @app.command("panel")
    def panel_command(
        out: Annotated[Path, typer.Option(help="Output file (.parquet or .csv).")],
        unit: Annotated[str, typer.Option(help="cy (country-year) or cm (country-month).")] = "cy",
    ) -> None:
        """Write the country-year or country-month panel to a file."""
        if unit not in ("cy", "cm"):
            raise typer.BadParameter("use cy or cm", param_hint="--unit")
        check_out_file(out)
        with _phase_progress() as progress:
            progress.add_task(f"writing the {unit} panel to {out}", total=None)
            rows = export_panel(settings(), unit, out)
        typer.echo(f"wrote {rows:,} rows ({unit} panel) to {out}")
