"""The roster of policy officers: read, filter, import and export as CSV.

CSV columns (UTF-8, header required, one officer per row)::

    id                  optional; an existing id updates that officer, empty creates one
    name                1-120 characters
    nationality         ISO3, GW code or name of a state that exists today
    languages           ISO 639 codes separated by ';' (``en;fr;ar``)
    expertise           tags from :data:`detente.response.vocab.EXPERTISE`, separated by ';'
    seniority           1-5 (see :data:`detente.response.vocab.SENIORITY`)
    availability        windows ``YYYY-MM-DD/YYYY-MM-DD`` separated by ';' (may be empty);
                        each ends on or after its start, and both days are within
                        :data:`AVAILABILITY_YEARS` years of today
    generated           ``yes``/``no`` (optional): whether the person is invented demo data
    current_deployment  written by export, ignored by import (derived from deployments)

An import validates every row before writing anything; the first problem is raised as a
:class:`~detente.errors.DataValidationError` naming the file, the 1-based row and the field.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from detente.countries import get_state, resolve
from detente.dates import ahead, years_after
from detente.errors import DataValidationError, NotFoundError, UnknownCountryError
from detente.response.models import Assignment, Availability, Deployment, Officer
from detente.response.vocab import SENIORITY, normalise_expertise, normalise_language
from detente.safetext import csv_cell, csv_cell_value, refuse_control_characters
from detente.store import MAX_ROW_ID, record_audit

COLUMNS: tuple[str, ...] = (
    "id",
    "name",
    "nationality",
    "languages",
    "expertise",
    "seniority",
    "availability",
    "generated",
    "current_deployment",
)
REQUIRED: tuple[str, ...] = ("name", "nationality", "languages", "expertise", "seniority")
Window = tuple[dt.date, dt.date]
AVAILABILITY_YEARS = 10
"""How far from today, before or after, a day of an availability window may be.

A window is a planned day, checked like the others with :func:`detente.dates.ahead`: the
horizon is the most generous one the code gives a planned day (a due day under a pact,
``detente.security.pacts.DUE_YEARS``), since a window may rightly outlast the two years a team
request can reach (``detente.response.teams.HORIZON_YEARS``). The same span into the past keeps
the roster's own export (which lists past windows) importable for a decade, and the bundled
demo roster (windows from 2026-05 to 2029-10) valid, while ``1900-01-01/9999-12-31`` is refused.
"""


@dataclass(frozen=True)
class OfficerRecord:
    """A validated officer as read from a file or a form (no id yet when new)."""

    id: int | None
    name: str
    gwno: int
    languages: tuple[str, ...]
    expertise: tuple[str, ...]
    seniority: int
    availability: tuple[Window, ...]
    generated: bool


@dataclass(frozen=True)
class OfficerView:
    """An officer as pages, the CLI and the solver see them."""

    id: int
    name: str
    gwno: int
    iso3: str | None
    country: str
    region: str
    languages: tuple[str, ...]
    expertise: tuple[str, ...]
    seniority: int
    availability: tuple[Window, ...]
    current_deployment: int | None
    generated: bool

    def available(self, start: dt.date, end: dt.date) -> bool:
        """Whether one availability window covers the whole period ``start``..``end``."""
        return any(a <= start and end <= b for a, b in self.availability)

    def as_row(self) -> dict[str, str]:
        """The CSV row (see the module docstring)."""
        return {
            "id": str(self.id),
            "name": self.name,
            "nationality": self.iso3 or str(self.gwno),
            "languages": ";".join(self.languages),
            "expertise": ";".join(self.expertise),
            "seniority": str(self.seniority),
            "availability": ";".join(
                f"{a.isoformat()}/{b.isoformat()}" for a, b in self.availability
            ),
            "generated": "yes" if self.generated else "no",
            "current_deployment": ""
            if self.current_deployment is None
            else str(self.current_deployment),
        }

    def audit_state(self) -> dict[str, Any]:
        """What the audit log keeps about an officer."""
        row: dict[str, Any] = self.as_row()
        row.pop("current_deployment")
        return row


@dataclass(frozen=True)
class ImportSummary:
    """What an import did."""

    created: int
    updated: int


def region_of(gwno: int) -> str:
    """The UN region of a state (``"Unknown"`` if the reference has none)."""
    return get_state(gwno).region or "Unknown"


# ---------------------------------------------------------------------------------- parsing


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def parse_record(raw: dict[str, str | None], file: str, row: int) -> OfficerRecord:
    """Validate one CSV/form row; ``DataValidationError`` names the first bad field."""

    def get(field: str) -> str:
        return (raw.get(field) or "").strip()

    def fail(field: str, problem: str) -> DataValidationError:
        return DataValidationError(file, row, field, problem)

    for field in REQUIRED:
        if not get(field):
            raise fail(field, "is empty; every officer needs it")
    officer_id: int | None = None
    if get("id"):  # isdecimal, not isdigit: int() refuses '²' with a traceback
        if not get("id").isdecimal() or int(get("id")) == 0:
            raise fail("id", f"'{get('id')}' is not a positive whole number (leave empty to add)")
        officer_id = int(get("id"))
    name = refuse_control_characters(get("name"), file, "name", row)
    if len(name) > 120:
        raise fail("name", "is longer than 120 characters")
    try:
        state = resolve(get("nationality"))
    except UnknownCountryError as e:
        raise fail("nationality", str(e)) from e
    if state.end is not None:
        raise fail("nationality", f"'{get('nationality')}' ({state.name}) no longer exists")
    languages: list[str] = []
    for value in _split(get("languages")):
        code = normalise_language(value)
        if code is None:
            raise fail("languages", f"'{value}' is not an ISO 639 language code (e.g. en, fr, ar)")
        if code not in languages:
            languages.append(code)
    expertise: list[str] = []
    for value in _split(get("expertise")):
        tag = normalise_expertise(value)
        if tag is None:
            raise fail("expertise", f"'{value}' is not a known tag; see 'detente officers tags'")
        if tag not in expertise:
            expertise.append(tag)
    if not languages:
        raise fail("languages", "lists no language")
    if not expertise:
        raise fail("expertise", "lists no expertise")
    if get("seniority") not in {str(level) for level in SENIORITY}:
        raise fail("seniority", f"'{get('seniority')}' is not a level 1-5")
    windows: list[Window] = []
    for value in _split(get("availability")):
        start_text, sep, end_text = value.partition("/")
        try:
            start, end = dt.date.fromisoformat(start_text.strip()), dt.date.fromisoformat(end_text)
        except ValueError as e:
            raise fail("availability", f"'{value}' is not a window YYYY-MM-DD/YYYY-MM-DD") from e
        if not sep or end < start:
            raise fail("availability", f"'{value}' ends before it starts")
        windows.append(_plausible_window(value, start, end, fail))
    generated_text = get("generated").lower()
    if generated_text not in {"", "yes", "no", "true", "false", "1", "0"}:
        raise fail("generated", f"'{get('generated')}' is not yes or no")
    return OfficerRecord(
        id=officer_id,
        name=name,
        gwno=state.gwno,
        languages=tuple(languages),
        expertise=tuple(expertise),
        seniority=int(get("seniority")),
        availability=tuple(sorted(windows)),
        generated=generated_text in {"yes", "true", "1"},
    )


def _plausible_window(
    value: str, start: dt.date, end: dt.date, fail: Callable[[str, str], DataValidationError]
) -> Window:
    """``(start, end)`` when both days are within :data:`AVAILABILITY_YEARS` of today."""
    today = dt.date.today()
    earliest = (
        years_after(today, -AVAILABILITY_YEARS),
        f"{AVAILABILITY_YEARS} years ago, the earliest a window may reach",
    )
    for day in (start, end):
        try:
            ahead(day, "availability", "availability", years=AVAILABILITY_YEARS,
                  not_before=earliest, today=today)  # fmt: skip
        except DataValidationError as e:
            raise fail("availability", f"'{value}': {e.problem}") from e
    return start, end


def read_csv(text: str, file: str) -> list[OfficerRecord]:
    """Every row of a roster CSV, validated (nothing is written).

    An empty file, or one with a header only, gets the words ``detente data import`` uses, not
    a list of missing columns or "0 added". A new officer's row (no id) given twice is refused:
    both would be added, the same person twice.
    """
    if not text.strip():
        raise DataValidationError(file, None, None, "the file is empty")
    reader = csv.DictReader(io.StringIO(text))
    header = reader.fieldnames or []
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise DataValidationError(
            file, 0, missing[0], f"the header lacks {_columns(missing)} {', '.join(missing)}"
        )
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise DataValidationError(file, 0, unknown[0], f"unknown column; expected {COLUMNS}")
    records: list[OfficerRecord] = []
    seen: dict[int, int] = {}
    new: dict[OfficerRecord, int] = {}
    for number, raw in enumerate(reader, start=1):
        if None in raw:
            raise DataValidationError(file, number, None, "has more fields than the header")
        raw = {  # the roster's own export, read back
            key: value if value is None else csv_cell_value(value) for key, value in raw.items()
        }
        record = parse_record(raw, file, number)
        if record.id is not None:
            if record.id in seen:
                raise DataValidationError(
                    file, number, "id", f"{record.id} repeats row {seen[record.id]}"
                )
            seen[record.id] = number
        elif record in new:  # a new officer twice would be two people on the roster
            raise DataValidationError(file, number, None, f"repeats row {new[record]}")
        else:
            new[record] = number
        records.append(record)
    if not records:
        raise DataValidationError(file, None, None, "the file has a header but no data rows")
    return records


# ---------------------------------------------------------------------------------- writing


def _availability_rows(officer_id: int, windows: Iterable[Window]) -> list[dict[str, Any]]:
    return [{"officer_id": officer_id, "start": a, "end": b} for a, b in windows]


def save_records(
    session: Session, records: Sequence[OfficerRecord], *, actor: str, file: str = "input"
) -> ImportSummary:
    """Create or update officers (all in the caller's transaction), auditing each one.

    Raises ``DataValidationError`` (naming the row) when an ``id`` does not exist.
    """
    ids = [r.id for r in records if r.id is not None]
    existing = {o.id: o for o in session.scalars(select(Officer).where(Officer.id.in_(ids)))}
    for number, record in enumerate(records, start=1):
        if record.id is not None and record.id not in existing:
            raise DataValidationError(
                file, number, "id", f"no officer {record.id}; leave id empty to add a new one"
            )
    created = updated = 0
    new_records = [r for r in records if r.id is None]
    if new_records:
        now = dt.datetime.now(dt.UTC)
        new_ids = session.scalars(
            insert(Officer).returning(Officer.id, sort_by_parameter_order=True),
            [
                {
                    "name": r.name,
                    "gwno": r.gwno,
                    "languages": list(r.languages),
                    "expertise": list(r.expertise),
                    "seniority": r.seniority,
                    "generated": r.generated,
                    "lock_version": 0,
                    "created_at": now,
                }
                for r in new_records
            ],
        ).all()
        windows = [
            w
            for i, r in zip(new_ids, new_records, strict=True)
            for w in _availability_rows(i, r.availability)
        ]
        if windows:
            session.execute(insert(Availability), windows)
        for officer_id, record in zip(new_ids, new_records, strict=True):
            record_audit(
                session,
                actor=actor,
                action="create",
                entity="officer",
                entity_id=officer_id,
                after=_record_state(record),
            )
        created = len(new_records)
    for record in records:
        if record.id is None:
            continue
        officer = existing[record.id]
        before = get_officer(session, record.id).audit_state()
        officer.name = record.name
        officer.gwno = record.gwno
        officer.languages = list(record.languages)
        officer.expertise = list(record.expertise)
        officer.seniority = record.seniority
        officer.generated = record.generated
        session.execute(delete(Availability).where(Availability.officer_id == record.id))
        if record.availability:
            session.execute(
                insert(Availability), _availability_rows(record.id, record.availability)
            )
        session.flush()
        record_audit(
            session,
            actor=actor,
            action="update",
            entity="officer",
            entity_id=record.id,
            before=before,
            after=get_officer(session, record.id).audit_state(),
        )
        updated += 1
    return ImportSummary(created=created, updated=updated)


def _record_state(record: OfficerRecord) -> dict[str, Any]:
    return {
        "name": record.name,
        "nationality": record.gwno,
        "languages": ";".join(record.languages),
        "expertise": ";".join(record.expertise),
        "seniority": record.seniority,
        "availability": ";".join(f"{a}/{b}" for a, b in record.availability),
        "generated": record.generated,
    }


def import_csv(session: Session, path: Path, *, actor: str) -> ImportSummary:
    """Import a roster CSV as one all-or-nothing change (see the module docstring)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise DataValidationError(path, None, None, f"is not UTF-8 text: {e}") from e
    except OSError as e:
        raise DataValidationError(path, None, None, f"cannot be read: {e.strerror}") from e
    records = read_csv(text, str(path))
    return save_records(session, records, actor=actor, file=str(path))


def export_csv(session: Session) -> str:
    """The whole roster as CSV text (the import format plus ``current_deployment``)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for officer in list_officers(session):
        writer.writerow({key: csv_cell(value) for key, value in officer.as_row().items()})
    return out.getvalue()


# ---------------------------------------------------------------------------------- reading


def _load(
    session: Session, *, ids: Sequence[int] | None = None, gwno: int | None = None
) -> list[OfficerView]:
    """Officers as views, ordered by id: three column queries, no ORM objects (10,000 officers
    load in a fraction of a second, which the team solver's one-second budget needs)."""
    officers = select(
        Officer.id,
        Officer.name,
        Officer.gwno,
        Officer.languages,
        Officer.expertise,
        Officer.seniority,
        Officer.generated,
    ).order_by(Officer.id)
    windows_query = select(Availability.officer_id, Availability.start, Availability.end)
    deployed = (
        select(Assignment.officer_id, Assignment.deployment_id)
        .join(Deployment, Deployment.id == Assignment.deployment_id)
        .where(Deployment.status == "deployed")
    )
    if ids is not None:
        officers = officers.where(Officer.id.in_(ids))
        windows_query = windows_query.where(Availability.officer_id.in_(ids))
        deployed = deployed.where(Assignment.officer_id.in_(ids))
    if gwno is not None:
        officers = officers.where(Officer.gwno == gwno)
        chosen = select(Officer.id).where(Officer.gwno == gwno)
        windows_query = windows_query.where(Availability.officer_id.in_(chosen))
    windows: dict[int, list[Window]] = {}
    for officer_id, start, end in session.execute(windows_query):
        windows.setdefault(officer_id, []).append((start, end))
    current = {officer_id: deployment_id for officer_id, deployment_id in session.execute(deployed)}
    views = []
    for (
        officer_id,
        name,
        nationality,
        languages,
        expertise,
        seniority,
        generated,
    ) in session.execute(officers):
        state = get_state(nationality)
        views.append(
            OfficerView(
                id=officer_id,
                name=name,
                gwno=nationality,
                iso3=state.iso3,
                country=state.name,
                region=state.region or "Unknown",
                languages=tuple(languages),
                expertise=tuple(expertise),
                seniority=seniority,
                availability=tuple(sorted(windows.get(officer_id, []))),
                current_deployment=current.get(officer_id),
                generated=generated,
            )
        )
    return views


def get_officer(session: Session, officer_id: int) -> OfficerView:
    """One officer; ``NotFoundError`` if the id is unknown (or no INTEGER column holds it)."""
    found = _load(session, ids=[officer_id]) if 1 <= officer_id <= MAX_ROW_ID else []
    if not found:
        raise NotFoundError(f"no officer {officer_id}; see 'detente officers list'")
    return found[0]


def list_officers(
    session: Session,
    *,
    region: str | None = None,
    language: str | None = None,
    expertise: str | None = None,
    gwno: int | None = None,
    available_on: dt.date | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[OfficerView]:
    """Officers ordered by id, filtered on region, language, expertise, nationality, date.

    An unknown region, language or expertise tag is refused (``DataValidationError``) rather
    than answered with an empty list that reads as "nobody"; region and tags forgive case.
    """
    region, language, expertise = _checked_filters(region, language, expertise)
    if limit is not None and limit < 1:
        raise DataValidationError("officer filter", None, "limit", f"{limit} is not 1 or more")
    found = [
        v
        for v in _load(session, gwno=gwno)
        if (region is None or v.region == region)
        and (language is None or language in v.languages)
        and (expertise is None or expertise in v.expertise)
        and (available_on is None or v.available(available_on, available_on))
    ]
    end = None if limit is None else offset + limit
    return found[offset:end]


REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")
"""UN geoscheme regions, the ones officers come from."""


def _checked_filters(
    region: str | None, language: str | None, expertise: str | None
) -> tuple[str | None, str | None, str | None]:
    return (
        _checked(region, _region_named, "region", f"is not one of {', '.join(REGIONS)}"),
        _checked(language, normalise_language, "language", "is not an ISO 639 language code"),
        _checked(expertise, normalise_expertise, "expertise", "is not a known tag"),
    )


def _region_named(value: str) -> str | None:
    return next((r for r in REGIONS if r.lower() == value.strip().lower()), None)


def _checked(
    value: str | None, canonical: Callable[[str], str | None], field: str, problem: str
) -> str | None:
    """``value`` in its canonical form; ``DataValidationError`` when it has none."""
    if value is None:
        return None
    found = canonical(value)
    if found is None:
        raise DataValidationError("officer filter", None, field, f"'{value}' {problem}")
    return found


def count_officers(session: Session, *, generated: bool | None = None) -> int:
    """How many officers there are (only generated ones / only real ones if asked)."""
    query = select(func.count(Officer.id))
    if generated is not None:
        query = query.where(Officer.generated == generated)
    return int(session.scalar(query) or 0)


def _columns(names: list[str]) -> str:
    """'column' or 'columns', for the missing-header message."""
    return "column" if len(names) == 1 else "columns"
