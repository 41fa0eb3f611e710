"""What every security command shares: dates from options, JSON and table output, the panel."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from detente.analytics import load_panel
from detente.cli.context import settings
from detente.errors import DataValidationError, NotFoundError

JSON_OPTION = typer.Option(False, "--json", help="Print JSON.")


def parse_day(value: str | None, field: str) -> dt.date | None:
    """An optional ``YYYY-MM-DD`` option as a date; a bad one names the option (exit 1)."""
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise DataValidationError("option", None, field, f"'{value}' is not YYYY-MM-DD") from error


def print_json(items: Any) -> None:
    """Dataclasses (or lists of them) as indented JSON, dates as ISO text, names unescaped."""

    def plain(item: Any) -> Any:
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            return dataclasses.asdict(item)
        return item

    data = [plain(i) for i in items] if isinstance(items, list) else plain(items)
    typer.echo(json.dumps(data, indent=2, default=str, ensure_ascii=False))


def print_table(table: Table) -> None:
    """Wide enough that pact and commitment titles are not cut in a terminal or a pipe."""
    Console(width=160).print(table)


def optional_panel() -> pd.DataFrame | None:
    """The country-year panel, or ``None`` when no analytics store is loaded."""
    try:
        return load_panel(settings(), "cy")
    except NotFoundError:
        return None
