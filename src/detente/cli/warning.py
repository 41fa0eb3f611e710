"""``detente forecast``, ``evaluate`` and ``backtest``: forecasts of the pre-alert system."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from detente.cli.context import check_out_file, check_out_folder, settings
from detente.errors import DataValidationError

UNIT_HELP = "cy (country-year, horizons 1-3) or cm (country-month, horizons 1-12; needs GED)."


def _check_unit(unit: str) -> str:
    if unit not in ("cy", "cm"):
        raise DataValidationError("--unit", None, "unit", f"{unit!r} is not cy or cm")
    return unit


def forecast_command(
    unit: str = typer.Option("cy", "--unit", help=UNIT_HELP),
    cutoff: str | None = typer.Option(
        None, "--cutoff", help="Last period used: YYYY (cy) or YYYY-MM (cm); default the latest."
    ),
    model: str = typer.Option("lgbm", "--model", help="Model name (see --list-models)."),
    out: Path | None = typer.Option(None, "--out", help="Also write the Parquet file here."),
    draws: int = typer.Option(1000, "--draws", min=1, max=100_000, help="Draws per country."),
    seed: int = typer.Option(0, "--seed", help="Random seed of the draws."),
    list_models: bool = typer.Option(False, "--list-models", help="List the models and exit."),
) -> None:
    """Forecast state-based deaths per country for the periods after the cutoff (draws)."""
    from detente.warning import MODELS, run_forecast

    if list_models:
        typer.echo("\n".join(MODELS))
        return
    _check_unit(unit)
    if cutoff is not None and not cutoff.strip():
        raise DataValidationError(
            "--cutoff", None, "cutoff", "is empty; give YYYY (cy) or YYYY-MM (cm), or leave it out"
        )
    if out is not None:
        check_out_file(out)
    with _Spinner(f"fitting {model} on the {unit} panel"):
        run = run_forecast(settings(), unit, cutoff, model, out=out, n=draws, seed=seed)
    where = f" and {run.out}" if run.out else ""
    typer.echo(
        f"{run.info.model} {run.info.unit} cutoff {run.info.cutoff}: {run.countries} countries x "
        f"{run.horizons} horizons x {run.draws} draws -> {run.info.path}{where}"
    )


def evaluate_command(
    forecasts: list[Path] = typer.Option(
        ..., "--forecasts", exists=True, dir_okay=False, help="Forecast Parquet file (repeatable)."
    ),
    actuals: Path = typer.Option(
        ..., "--actuals", exists=True, dir_okay=False, help="UCDP country-year or GED file."
    ),
    benchmarks: bool = typer.Option(
        True, "--benchmarks/--no-benchmarks", help="Also score the four benchmarks (same cutoff)."
    ),
    seed: int = typer.Option(0, "--seed", help="Random seed of the benchmarks' draws."),
) -> None:
    """Score forecasts against a UCDP release file: JSON, overall and per horizon."""
    from detente.warning.evaluation import evaluate_files

    result = evaluate_files(settings(), forecasts, actuals, benchmarks=benchmarks, seed=seed)
    typer.echo(json.dumps(result, indent=2))
    if result["unscored_periods"]:
        typer.echo(
            f"note: {', '.join(result['unscored_periods'])} not scored: the actuals cover "
            f"{result['coverage'][0]}..{result['coverage'][1]}",
            err=True,
        )
    _note_not_in_actuals(result["models"], actuals.name)


def _note_not_in_actuals(models: dict[str, Any], file_name: str) -> None:
    """One stderr line for forecasts a country-year file could not score: a cut or filtered
    file must not pass for a full one (the counts per model are in the JSON)."""
    counts = {name: int(model["not_in_actuals"]) for name, model in models.items()}
    if not any(counts.values()):
        return
    if len(set(counts.values())) == 1:
        which = f"{next(iter(counts.values()))} forecasts of each model"
    else:
        which = ", ".join(f"{name} {count}" for name, count in counts.items() if count)
        which = f"forecasts ({which})"
    typer.echo(f"note: {which} not scored: {file_name} has no row for their country-year", err=True)


def _check_years(panel: Any, unit: str, start: int, end: int, names: list[str]) -> None:
    """Refuse target years the panel cannot score, naming the range it can, before any fit."""
    from detente.warning import make_model
    from detente.warning.units import get_unit

    spec = get_unit(unit)
    column = spec.time_column
    if panel.empty:
        needs = ": monthly backtests need UCDP GED events (detente data import)" * (unit == "cm")
        raise DataValidationError("--unit", None, "unit", f"the {unit} panel is empty{needs}")
    first, last = int(panel[column].min()), int(panel[column].max())
    learning = [n for n in names if make_model(n).learns_from_outcomes]
    earliest_cutoff = first + (spec.horizons if learning else 0)
    first_year = int(spec.to_period(earliest_cutoff)[:4]) + (spec.horizons if unit == "cy" else 1)
    last_year = int(spec.to_period(last)[:4])
    if unit == "cm" and not spec.to_period(last).endswith("-12"):
        last_year -= 1  # a year is scored only when its December is in the panel
    why = f" ({', '.join(learning)} first need {spec.horizons} periods to learn from)" * bool(
        learning
    )
    if start < first_year or end > last_year:
        raise DataValidationError(
            "--start/--end",
            None,
            "start" if start < first_year else "end",
            f"{start}-{end} is outside what the {unit} panel can score: target years "
            f"{first_year}-{last_year}{why}",
        )


def backtest_command(
    unit: str = typer.Option("cy", "--unit", help=UNIT_HELP),
    start: int = typer.Option(2010, "--start", help="First target year scored."),
    end: int = typer.Option(2023, "--end", help="Last target year scored."),
    models: str = typer.Option("all", "--models", help="Comma-separated names, or 'all'."),
    out: Path = typer.Option(
        ..., "--out", file_okay=False, help="Folder for JSON, Markdown, PNG, Parquet."
    ),
    draws: int = typer.Option(
        1000,
        "--draws",
        min=10,
        max=10_000,
        help="Draws per forecast (at most 10,000: every model's draws for all cutoffs are held"
        " in memory to be scored: 10,000 draws take about 2 GB per model for 2010–2023).",
    ),
) -> None:
    """Rolling-origin backtest (one cutoff per year) of several models; writes JSON, MD, PNG
    and the forecasts' quantiles (Parquet)."""
    from detente.analytics import load_panel
    from detente.warning import MODELS
    from detente.warning.backtest import BACKTEST_FILES, backtest, cutoffs_for, write_backtest
    from detente.warning.storage import refuse_folders_among
    from detente.warning.units import get_unit

    _check_unit(unit)
    names = list(MODELS) if models == "all" else [m.strip() for m in models.split(",") if m.strip()]
    unknown = [m for m in names if m not in MODELS]
    if unknown or not names:
        raise DataValidationError(
            "--models",
            None,
            "models",
            f"unknown {unknown or models!r}; choose from {', '.join(MODELS)}",
        )
    try:
        cutoffs = cutoffs_for(get_unit(unit), start, end)
    except ValueError as error:
        raise DataValidationError("--start/--end", None, "start", str(error)) from error
    check_out_folder(out)
    refuse_folders_among(out, BACKTEST_FILES)  # now, not after minutes of work
    panel = load_panel(settings(), unit=unit)
    _check_years(panel, unit, start, end, names)
    with Progress(
        SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), transient=True
    ) as progress:
        task = progress.add_task("backtest", total=len(cutoffs) * len(names))

        def step(message: str) -> None:
            progress.update(task, description=message, advance=1)

        result = backtest(panel, unit, start, end, names, n=draws, progress=step)
    paths = write_backtest(result, out)
    _print_summary(result.as_dict())
    typer.echo("wrote " + ", ".join(str(p) for p in paths))


def _print_summary(data: dict[str, Any]) -> None:
    console = Console()
    from rich.table import Table

    table = Table(title=f"Backtest {data['unit']} {data['start']}-{data['end']}")
    table.add_column("model", no_wrap=True, min_width=max(len(name) for name in data["models"]))
    for column in ("CRPS", "IGN", "MIS90", "cov90", "PIT cov90", "Brier25", "AUC-PR25"):
        table.add_column(column, justify="right")
    for name, scores in data["models"].items():
        o = scores["overall"]
        auc = "-" if o["auc_pr"] is None else f"{o['auc_pr']:.3f}"
        table.add_row(
            name,
            f"{o['crps']:.1f}",
            f"{o['ign']:.3f}",
            f"{o['mis']:.0f}",
            f"{o['coverage']:.3f}",
            f"{o['coverage_pit']:.3f}",
            f"{o['brier']:.4f}",
            auc,
        )
    console.print(table)
    if data.get("target"):
        console.print(f"target check: {json.dumps(data['target'])}")


class _Spinner:
    """A rich spinner while something runs (progress on anything over a second)."""

    def __init__(self, text: str) -> None:
        self.progress = Progress(SpinnerColumn(), TextColumn(text), transient=True)

    def __enter__(self) -> None:
        self.progress.start()
        self.progress.add_task("", total=None)

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


def register(app: typer.Typer) -> None:
    """Add ``forecast``, ``evaluate`` and ``backtest`` to the root app."""
    app.command("forecast")(forecast_command)
    app.command("evaluate")(evaluate_command)
    app.command("backtest")(backtest_command)
