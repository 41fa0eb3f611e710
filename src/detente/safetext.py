"""Text that is safe to store and to hand out again.

On the way in, :func:`refuse_control_characters`: a C0 control character (other than tab, line
feed and carriage return) or DEL in a title, a place or a name is never meant; stored, it comes
back out raw in HTML, CSV and the Atom feed, where XML 1.0 forbids it and one NUL makes the whole
feed unreadable. The web layer and the command line call it on every input, once, at their edge.

On the way out, :func:`csv_cell`: a spreadsheet opening a CSV file runs a cell that starts with
``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return before them) as a formula, so a place
typed as ``=HYPERLINK(...)`` would become a live link in an analyst's spreadsheet. Every CSV
file Détente writes passes its text cells through this one function (OWASP "CSV injection").
A file Détente reads back in its own export format (the officer roster) takes the mark off
again with :func:`csv_cell_value`, so an export re-imported does not grow an apostrophe.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, TypeVar

from detente.errors import DataValidationError
from detente.marks import N_

if TYPE_CHECKING:
    import pandas as pd

# C0 controls except tab (09), line feed (0A) and carriage return (0D), and DEL (7F).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_PROBLEM = N_("contains the control character %(code)s; remove it")
"""What is wrong with a value :func:`control_character` finds fault in (``code``: the code
point, written like ``U+000B``)."""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
T = TypeVar("T")


def control_character(value: str) -> str | None:
    """The first forbidden control character of ``value`` written like ``U+000B``, or ``None``."""
    found = _CONTROL.search(value)
    return None if found is None else f"U+{ord(found.group()):04X}"


def refuse_control_characters(
    value: str, source: str, field: str | None, row: int | None = None
) -> str:
    """``value`` unchanged, or ``DataValidationError(source, row, field, ...)`` naming the
    first control character it contains."""
    code = control_character(value)
    if code is not None:
        raise DataValidationError(source, row, field, CONTROL_PROBLEM % {"code": code})
    return value


def csv_cell(value: T) -> T | str:
    """A text cell a spreadsheet will not run as a formula: prefixed with ``'`` when it starts
    with ``= + - @``, a tab or a carriage return. Numbers, and text that is a plain number
    (``-3``, ``+1.5e3``), are left as they are: a spreadsheet reads them as numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def csv_cell_value(cell: str) -> str:
    """The text :func:`csv_cell` was given for ``cell``: its ``'`` removed when what follows is
    a cell it would have marked, else ``cell`` unchanged.

    Why: the roster's export is its import format; without this, each export and re-import
    of a name starting with ``=`` would add one more ``'``. A value that really starts with
    ``'=`` cannot be told from a marked one and loses its ``'`` (no name or place does).
    """
    rest = cell[1:]
    if cell.startswith("'") and csv_cell(rest) == cell:
        return rest
    return cell


def csv_row(values: Iterable[object]) -> list[object]:
    """One row for ``csv.writer``, every cell through :func:`csv_cell`."""
    return [csv_cell(value) for value in values]


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text columns went through :func:`csv_cell` (for ``to_csv``);
    numeric, boolean and date columns are not touched.

    Only the cells that start like a formula go through :func:`csv_cell` (a vectorised
    ``startswith`` finds them): mapping all 594,000 cells of a forecast's country column one
    by one would add more than half a second to the download.
    """
    from pandas.api import types

    safe = frame.copy()
    for column in safe.columns:
        series = safe[column]
        if (
            types.is_numeric_dtype(series)
            or types.is_bool_dtype(series)
            or types.is_datetime64_any_dtype(series)
        ):
            continue
        if isinstance(series.dtype, types.CategoricalDtype):
            series = series.astype(object)
        try:
            suspect = series.str.startswith(FORMULA_STARTS, na=False)
        except AttributeError:  # not all text (numbers mixed in, every value missing): one by one
            safe[column] = series.map(csv_cell)
            continue
        if suspect.any():
            safe[column] = series.where(~suspect, series[suspect].map(csv_cell))
    return safe
