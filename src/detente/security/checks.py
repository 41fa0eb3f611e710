"""Input checks shared by the security core: one place that turns bad values into
``DataValidationError(source, row, field, problem)``.

Core functions take a ``source`` (what the CLI, a form or an import calls the input) so the
message names where the value came from; imports re-raise with the row number.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy.orm import Session

from detente import dates
from detente.countries import get_state, gwno_to_iso3, is_known_gwno, resolve
from detente.errors import DataValidationError, UnknownCountryError
from detente.store import MAX_ROW_ID
from detente.store import get_row as store_get_row

T = TypeVar("T", bound=str)
M = TypeVar("M")


def text(value: str | None, source: str, field: str, max_length: int, required: bool = True) -> str:
    """``value`` stripped; refused when empty (if required) or longer than ``max_length``."""
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise DataValidationError(source, None, field, "must not be empty")
    if len(cleaned) > max_length:
        raise DataValidationError(
            source, None, field, f"is {len(cleaned)} characters long; at most {max_length}"
        )
    return cleaned


def choice(value: str, allowed: Sequence[T], source: str, field: str) -> T:
    """``value`` if it is one of ``allowed``; the message lists them otherwise."""
    for option in allowed:
        if value == option:
            return option
    raise DataValidationError(source, None, field, f"'{value}' is not one of: {', '.join(allowed)}")


def gwno(value: int | str, source: str, field: str) -> int:
    """A Gleditsch–Ward code from a code, ISO3 or name ('UKR', '369', 'Ukraine')."""
    if isinstance(value, int) and not isinstance(value, bool):
        if is_known_gwno(value):
            return value
        raise DataValidationError(source, None, field, f"{value} is not a Gleditsch-Ward code")
    try:
        return resolve(str(value).strip()).gwno
    except UnknownCountryError as error:
        raise DataValidationError(source, None, field, str(error)) from error


def optional_gwno(value: int | str | None, source: str, field: str) -> int | None:
    """Like :func:`gwno`, with ``None`` or an empty string meaning no country."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return gwno(value, source, field)


def past_day(
    value: dt.date | str, source: str, field: str, not_before: dates.Bound | None = None
) -> dt.date:
    """``day``, refusing a future one (for events that have happened: adoptions, reports) and
    one before ``not_before`` (see :func:`detente.dates.happened`)."""
    return dates.happened(day(value, source, field), source, field, not_before=not_before)


def independent(gw: int, on: dt.date, source: str, field: str) -> None:
    """Refuse ``on`` (naming ``field``, the date) when state ``gw`` was not independent then:
    nothing a state did can predate it (Armenia starting a process in 1800)."""
    try:
        get_state(gw, on)
    except UnknownCountryError as error:
        raise DataValidationError(source, None, field, str(error)) from error


def day(value: dt.date | str, source: str, field: str) -> dt.date:
    """A date from a ``date`` or an ISO ``YYYY-MM-DD`` string."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as error:
        raise DataValidationError(
            source, None, field, f"'{value}' is not a date; write YYYY-MM-DD"
        ) from error


def optional_day(value: dt.date | str | None, source: str, field: str) -> dt.date | None:
    """Like :func:`day`, with ``None`` or an empty string meaning no date."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return day(value, source, field)


def count(value: int | str | None, source: str, field: str) -> int | None:
    """A whole number from 0 to ``MAX_ROW_ID``, or ``None`` when not given.

    The upper bound is what an INTEGER column holds: beyond it SQLite raised ``OverflowError``
    and PostgreSQL "integer out of range", a traceback instead of the row and field.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = int(str(value).strip()) if not isinstance(value, int) else value
    except ValueError as error:
        raise DataValidationError(
            source, None, field, f"'{value}' is not a whole number"
        ) from error
    if number < 0:
        raise DataValidationError(source, None, field, f"{number} is negative")
    if number > MAX_ROW_ID:
        raise DataValidationError(source, None, field, f"{number} is more than {MAX_ROW_ID:,}")
    return number


def url(value: str, source: str, field: str) -> str:
    """An ``http(s)://`` link (evidence must be checkable by others)."""
    cleaned = value.strip()
    if not cleaned.startswith(("https://", "http://")) or len(cleaned) > 500 or " " in cleaned:
        raise DataValidationError(source, None, field, f"'{cleaned[:80]}' is not an http(s) link")
    return cleaned


def iso3(gw: int | None) -> str:
    """ISO3 for display, or the GW code when the state has none."""
    if gw is None:
        return ""
    return gwno_to_iso3(gw) or str(gw)


def get_row(session: Session, model: type[M], row_id: int) -> M | None:
    """``detente.store.get_row``: ``None`` for ids no INTEGER column can hold."""
    return store_get_row(session, model, row_id)
