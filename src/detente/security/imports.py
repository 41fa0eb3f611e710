"""Bulk imports of incident reports and CSBM notifications from CSV or JSON, as transactions.

Each row goes through the same core function as a single entry, inside one session: the first
bad row raises ``DataValidationError(file, row, field, problem)`` and the caller's unit of work
rolls back, so nothing is half-written. CSV: UTF-8 with a header row; JSON: a list of objects
with the same keys. List fields (principles, evidence) are separated by ``;``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from detente.errors import DataValidationError, DetenteError
from detente.safetext import refuse_control_characters
from detente.security.compliance import report_incident
from detente.security.csbm import record_notification
from detente.security.pacts import find_pact

INCIDENT_COLUMNS = {
    "required": ("occurred_on", "place", "reporting_party", "accused", "principles", "summary"),
    "optional": ("evidence",),
}
NOTIFICATION_COLUMNS = {
    "required": ("country", "kind", "subject"),
    "optional": (
        "counterpart",
        "starts_on",
        "ends_on",
        "troops",
        "tanks",
        "acv",
        "artillery",
        "due_on",
        "sent_on",
    ),
}
MAX_BYTES = 5_000_000


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a CSV or JSON file as string dictionaries.

    Raises
    ------
    DataValidationError
        unreadable, not UTF-8, too large, bad JSON, or not a list of objects.
    """
    name = path.name
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataValidationError(name, None, None, f"cannot read: {error.strerror}") from error
    if len(raw) > MAX_BYTES:
        raise DataValidationError(name, None, None, f"larger than {MAX_BYTES:,} bytes")
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise DataValidationError(name, None, None, "is not UTF-8 text") from error
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(content)
        except json.JSONDecodeError as error:
            raise DataValidationError(
                name, None, None, f"not valid JSON (line {error.lineno}): {error.msg}"
            ) from error
        if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
            raise DataValidationError(name, None, None, "must be a JSON list of objects")
        return [
            {
                str(k): ";".join(map(str, v))
                if isinstance(v, list)
                else ("" if v is None else str(v))
                for k, v in item.items()
            }
            for item in data
        ]
    if path.suffix.lower() != ".csv":
        raise DataValidationError(name, None, None, "give a .csv or .json file")
    reader = csv.DictReader(io.StringIO(content))
    rows = []
    for number, row in enumerate(reader, start=1):
        if None in row:
            raise DataValidationError(name, number, None, "more values than header columns")
        rows.append({k: (v or "") for k, v in row.items()})
    if reader.fieldnames is None:
        raise DataValidationError(name, None, None, "is empty: a header row is needed")
    return rows


def _check_columns(
    name: str, rows: list[dict[str, str]], columns: dict[str, tuple[str, ...]], csv_header: bool
) -> None:
    """Unknown or missing columns: the header (row 0) of a CSV, or the object of a JSON list."""
    allowed = set(columns["required"]) | set(columns["optional"])
    for number, row in enumerate(rows[:1] if csv_header else rows, start=1):
        where = 0 if csv_header else number
        unknown = sorted(set(row) - allowed)
        if unknown:
            raise DataValidationError(
                name, where, unknown[0], f"unknown column; expected {', '.join(sorted(allowed))}"
            )
        missing = [c for c in columns["required"] if c not in row]
        if missing:
            raise DataValidationError(name, where, missing[0], "required column is missing")


def _run(
    name: str,
    rows: list[dict[str, str]],
    columns: dict[str, tuple[str, ...]],
    write: Callable[[dict[str, str]], Any],
) -> int:
    if not rows:
        raise DataValidationError(name, None, None, "has no data rows")
    _check_columns(name, rows, columns, csv_header=name.lower().endswith(".csv"))
    seen: dict[tuple[tuple[str, str], ...], int] = {}
    for number, row in enumerate(rows, start=1):
        for field, value in row.items():  # the forms refuse them too (see detente.safetext)
            refuse_control_characters(value, name, field, number)
        # a row pasted twice would be the same incident or notification recorded twice
        key = tuple(sorted((k, v.strip()) for k, v in row.items()))
        if key in seen:
            raise DataValidationError(name, number, None, f"repeats row {seen[key]}")
        seen[key] = number
        try:
            write(row)
        except DataValidationError as error:
            raise DataValidationError(name, number, error.field, error.problem) from error
        except DetenteError as error:
            raise DataValidationError(name, number, None, str(error)) from error
    return len(rows)


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


def import_incidents(session: Session, pact: int | str, path: Path, *, actor: str) -> int:
    """Add every incident of the file to a pact; returns how many. All or nothing (the
    caller's session rolls back on the error)."""
    name = path.name
    pact = find_pact(session, pact).id  # an unknown pact is no fault of the file's row 1

    def write(row: dict[str, str]) -> None:
        report_incident(
            session,
            pact,
            occurred_on=row["occurred_on"],
            place=row["place"],
            reporting_party=row["reporting_party"],
            accused=row["accused"],
            principles=_split(row["principles"]),
            summary=row["summary"],
            evidence=[e for e in row.get("evidence", "").replace(" ", ";").split(";") if e],
            actor=actor,
            origin=name,
        )

    return _run(name, read_rows(path), INCIDENT_COLUMNS, write)


def import_notifications(session: Session, pact: int | str, path: Path, *, actor: str) -> int:
    """Add every notification of the file to a pact; returns how many. All or nothing."""
    name = path.name
    pact = find_pact(session, pact).id  # an unknown pact is no fault of the file's row 1

    def write(row: dict[str, str]) -> None:
        record_notification(
            session,
            pact,
            country=row["country"],
            kind=row["kind"],
            subject=row["subject"],
            counterpart=row.get("counterpart") or None,
            starts_on=row.get("starts_on") or None,
            ends_on=row.get("ends_on") or None,
            troops=row.get("troops") or None,
            tanks=row.get("tanks") or None,
            acv=row.get("acv") or None,
            artillery=row.get("artillery") or None,
            due_on=row.get("due_on") or None,
            sent_on=row.get("sent_on") or None,
            actor=actor,
            origin=name,
        )

    return _run(name, read_rows(path), NOTIFICATION_COLUMNS, write)
