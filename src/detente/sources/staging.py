"""Read a source file into a typed DuckDB table, validating every row in a few vectorised queries.

Two paths, one result:

* **fast**: DuckDB reads the CSV with the declared types (parallel, no copy as text). Most real
  files pass here.
* **exact**: when the fast read fails on a value (or the input is Parquet), every column is read
  as text and one aggregate query finds, per declared check, the first row that breaks it; the
  earliest one becomes the :class:`DataValidationError` (file, 1-based data row, field, value).

Then the checks on typed values run (empty required fields, negative deaths, values outside a
code list, unknown Gleditsch–Ward codes, cross-column rules, duplicate keys), again as one
aggregate query. Nothing here writes outside the given connection's temporary tables.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass

import duckdb

from detente.countries import all_states, is_known_gwno
from detente.errors import DataValidationError
from detente.sources.files import InputFile
from detente.sources.schema import Column, Schema

_DUCK_TYPE = {
    "int": "DOUBLE",
    "count": "DOUBLE",
    "float": "DOUBLE",
    "date": "TIMESTAMP",
    "bool": "BOOLEAN",
    "gwno": "DOUBLE",
    "gwno_list": "VARCHAR",
    "text": "VARCHAR",
}
"""Types of the fast read; whole numbers are read as DOUBLE and checked, since DuckDB's CSV
reader would round ``12.5`` into a BIGINT column without a word."""
_NOT_EXACT = "error('value needs the exact path')"
_TYPE_WORDS = {
    "int": "a whole number",
    "count": "a whole number",
    "float": "a number",
    "date": "an ISO date (YYYY-MM-DD)",
    "bool": "0/1 or true/false",
    "gwno": "a Gleditsch–Ward code (a whole number)",
}
_DATE_RE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}([ T]00:00:00(\.0+)?)?"
_LINE_RE = re.compile(r"Line: (\d+)")
_COLUMNS_RE = re.compile(r"Expected Number of Columns: (\d+) Found: (\d+)")


@dataclass(frozen=True)
class _Check:
    field: str
    bad_sql: str
    problem: str
    """Template; ``{value}`` is replaced with the offending value."""


def quote(name: str) -> str:
    """A DuckDB identifier in double quotes."""
    return '"' + name.replace('"', '""') + '"'


def known_gwno_sql() -> str:
    """The Gleditsch–Ward codes :mod:`detente.countries` knows, as a DuckDB list literal."""
    codes = sorted({state.gwno for state in all_states()})
    return "[" + ",".join(str(code) for code in codes) + "]"


def _split_sql(column: str) -> str:
    return f"list_transform(string_split({column}, ','), lambda x: TRY_CAST(trim(x) AS BIGINT))"


def _value_checks(column: Column, known: str) -> list[_Check]:
    """Checks on a typed column (after the parse checks passed)."""
    c = quote(column.name)
    checks: list[_Check] = []
    if not column.nullable:
        checks.append(_Check(column.name, f"{c} IS NULL", "is empty; a value is required"))
    if column.type == "count":
        checks.append(_Check(column.name, f"{c} < 0", "{value} is negative; it must be 0 or more"))
    if column.type == "float":
        checks.append(_Check(column.name, f"NOT isfinite({c})", "{value} is not a finite number"))
    if column.allowed:
        allowed = ", ".join(str(v) for v in column.allowed)
        checks.append(
            _Check(column.name, f"{c} NOT IN ({allowed})", f"{{value}} is not one of {allowed}")
        )
    if column.type == "gwno":
        checks.append(
            _Check(
                column.name,
                f"NOT list_contains({known}, {c})",
                "{value} is not a known Gleditsch–Ward country code",
            )
        )
    if column.type == "gwno_list":
        split = _split_sql(c)
        checks.append(
            _Check(
                column.name,
                f"list_bool_or(list_transform({split}, lambda x: x IS NULL))",
                "'{value}' is not a list of Gleditsch–Ward codes separated by commas",
            )
        )
        checks.append(
            _Check(
                column.name,
                f"list_bool_or(list_transform({split}, lambda x: NOT list_contains({known}, x)))",
                "'{value}' holds a code that is not a known Gleditsch–Ward country code",
            )
        )
    return checks


def _parse_check(column: Column) -> _Check | None:
    """Check on a text column that its non-empty values parse as the declared type."""
    v = f"NULLIF(trim({quote(column.name)}), '')"
    words = _TYPE_WORDS.get(column.type)
    if words is None:
        return None
    if column.type in ("int", "count", "gwno"):
        d = f"TRY_CAST({v} AS DOUBLE)"
        bad = f"({d} IS NULL OR NOT isfinite({d}) OR {d} <> trunc({d}) OR abs({d}) >= 1e15)"
    elif column.type == "float":
        bad = f"TRY_CAST({v} AS DOUBLE) IS NULL"
    elif column.type == "date":
        bad = f"(NOT regexp_full_match({v}, '{_DATE_RE}') OR TRY_CAST({v} AS DATE) IS NULL)"
    else:
        bad = f"TRY_CAST({v} AS BOOLEAN) IS NULL"
    return _Check(column.name, f"{v} IS NOT NULL AND {bad}", f"'{{value}}' is not {words}")


def _typed_sql(column: Column) -> str:
    v = f"NULLIF(trim({quote(column.name)}), '')"
    kind = column.type
    if kind in ("int", "count", "gwno"):
        expr = f"CAST(CAST({v} AS DOUBLE) AS BIGINT)"
    elif kind == "float":
        expr = f"CAST({v} AS DOUBLE)"
    elif kind == "date":
        expr = f"CAST({v} AS DATE)"
    elif kind == "bool":
        expr = f"CAST({v} AS BOOLEAN)"
    else:
        expr = quote(column.name)
    return f"{expr} AS {quote(column.name)}"


def _fast_cast(column: Column) -> str:
    """Cast of a fast-read column to its final type; anything doubtful raises (exact path)."""
    c = quote(column.name)
    if column.type in ("int", "count", "gwno"):
        whole = f"{c} IS NULL OR ({c} = trunc({c}) AND abs({c}) < 1e15)"
        return f"CAST(CASE WHEN {whole} THEN {c} ELSE {_NOT_EXACT} END AS BIGINT) AS {c}"
    if column.type == "date":
        midnight = f"{c} IS NULL OR {c} = date_trunc('day', {c})"
        return f"CAST(CASE WHEN {midnight} THEN {c} ELSE {_NOT_EXACT} END AS DATE) AS {c}"
    return c


def first_failure(
    con: duckdb.DuckDBPyConnection, table: str, checks: list[_Check], display: str
) -> DataValidationError | None:
    """The error of the earliest row that fails any check (``None`` when every row passes)."""
    if not checks:
        return None
    aggregates = ", ".join(f"min(CASE WHEN {check.bad_sql} THEN rowid END)" for check in checks)
    found = con.execute(f"SELECT {aggregates} FROM {table}").fetchone()
    assert found is not None
    failures = [(row, i) for i, row in enumerate(found) if row is not None]
    if not failures:
        return None
    rowid, index = min(failures)
    check = checks[index]
    value = con.execute(
        f"SELECT CAST({quote(check.field)} AS VARCHAR) FROM {table} WHERE rowid = ?", [rowid]
    ).fetchone()
    text = "" if value is None or value[0] is None else str(value[0])
    problem = check.problem.replace("{value}", text)
    if "holds a code" in check.problem:
        unknown = [p.strip() for p in text.split(",") if not is_known_gwno(int(p.strip()))]
        problem = f"'{text}' holds {', '.join(unknown)}, not a known Gleditsch–Ward country code"
    return DataValidationError(display, int(rowid) + 1, check.field, problem)


def read_header(source: InputFile) -> list[str]:
    """Column names of a CSV file (UTF-8, with or without a byte-order mark)."""
    with source.path.open("rb") as handle:
        first_line = handle.readline(1 << 20)
    try:
        header = next(csv.reader([first_line.decode("utf-8-sig")]), None)
    except UnicodeDecodeError as error:
        raise DataValidationError(
            source.display, 0, None, f"not UTF-8 encoded ({error.reason}); save it as UTF-8"
        ) from error
    if not header:
        raise DataValidationError(source.display, None, None, "the file is empty")
    return header


def _csv_error(source: InputFile, error: duckdb.Error) -> DataValidationError:
    message = str(error)
    line = _LINE_RE.search(message)
    row = int(line.group(1)) - 1 if line else None
    if "unicode" in message.lower() or "utf-8" in message.lower():
        problem = "not UTF-8 encoded (invalid byte sequence); save the file as UTF-8"
    elif counts := _COLUMNS_RE.search(message):
        problem = (
            f"not a well-formed CSV row: expected {counts.group(1)} fields, found {counts.group(2)}"
        )
    else:
        lines = [m.strip() for m in message.splitlines()[1:] if m.strip()]
        informative = [m for m in lines if not m.startswith("Original Line")]
        problem = f"not a well-formed CSV file: {(informative or [message])[0].strip()}"
    return DataValidationError(source.display, row, None, problem)


def _read_csv_sql(source: InputFile, header: list[str], types: dict[str, str]) -> str:
    columns = ", ".join(
        f"'{name.replace(chr(39), chr(39) * 2)}': '{types.get(name, 'VARCHAR')}'" for name in header
    )
    path = str(source.path).replace("'", "''")
    return (
        f"read_csv('{path}', header=true, delim=',', quote='\"', escape='\"', "
        f"auto_detect=false, columns={{{columns}}}, encoding='utf-8')"
    )


def _check_columns(display: str, present: list[str], schema: Schema) -> None:
    missing = [name for name in schema.names if name not in present]
    if missing:
        extra = [name for name in present if name not in schema.names]
        hint = f"; the file has {', '.join(extra[:5])}" if extra else ""
        raise DataValidationError(
            display,
            0,
            missing[0],
            f"missing column '{missing[0]}' ({len(missing)} of the {schema.title} codebook "
            f"columns missing{hint}); is this a {schema.title} file?",
        )


def stage(con: duckdb.DuckDBPyConnection, source: InputFile, schema: Schema, table: str) -> int:
    """Create temporary table ``table`` in ``con`` with the declared, validated columns.

    Returns
    -------
    int
        The number of data rows.

    Raises
    ------
    DataValidationError
        Naming the file, the 1-based data row (0 = header) and the field of the first problem.
    """
    display = source.display
    selected = ", ".join(quote(name) for name in schema.names)
    known = known_gwno_sql()
    raw = f"{table}__raw"
    if source.format == "csv":
        header = read_header(source)
        _check_columns(display, header, schema)
        types = {c.name: _DUCK_TYPE[c.type] for c in schema.columns}
        fast = _read_csv_sql(source, header, types)
        casts = ", ".join(_fast_cast(c) for c in schema.columns)
        try:
            con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT {casts} FROM {fast}")
            typed_ok = True
        except duckdb.Error:  # a value that does not parse, or a malformed file: look closer
            typed_ok = False
        if not typed_ok:
            text = _read_csv_sql(source, header, {})
            try:
                con.execute(f"CREATE OR REPLACE TEMP TABLE {raw} AS SELECT {selected} FROM {text}")
            except duckdb.Error as error:
                raise _csv_error(source, error) from error
    else:
        path = str(source.path).replace("'", "''")
        try:
            present = [row[0] for row in con.execute(f"DESCRIBE SELECT * FROM '{path}'").fetchall()]
        except duckdb.Error as error:
            raise DataValidationError(
                display, None, None, f"not a readable Parquet file ({error})"
            ) from error
        _check_columns(display, present, schema)
        as_text = ", ".join(f"CAST({quote(n)} AS VARCHAR) AS {quote(n)}" for n in schema.names)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {raw} AS SELECT {as_text} FROM '{path}'")
        typed_ok = False
    if not typed_ok:
        parse = [check for c in schema.columns if (check := _parse_check(c)) is not None]
        failure = first_failure(con, raw, parse, display)
        if failure is not None:
            con.execute(f"DROP TABLE IF EXISTS {raw}")
            raise failure
        typed = ", ".join(_typed_sql(c) for c in schema.columns)
        con.execute(f"CREATE OR REPLACE TEMP TABLE {table} AS SELECT {typed} FROM {raw}")
        con.execute(f"DROP TABLE {raw}")
    checks = [check for c in schema.columns for check in _value_checks(c, known)]
    checks += [_Check(rc.field, rc.bad_sql, rc.problem) for rc in schema.checks]
    failure = first_failure(con, table, checks, display)
    if failure is not None:
        raise failure
    rows = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    count = int(rows[0]) if rows else 0
    if count == 0:
        raise DataValidationError(display, None, None, "the file has a header but no data rows")
    if schema.unique:
        _check_unique(con, table, schema, display)
    return count


def _check_unique(con: duckdb.DuckDBPyConnection, table: str, schema: Schema, display: str) -> None:
    keys = ", ".join(quote(k) for k in schema.unique)
    found = con.execute(
        f"SELECT rowid FROM (SELECT rowid, row_number() OVER "
        f"(PARTITION BY {keys} ORDER BY rowid) AS n FROM {table}) "
        "WHERE n > 1 ORDER BY rowid LIMIT 1"
    ).fetchone()
    if found is not None:
        values = con.execute(f"SELECT {keys} FROM {table} WHERE rowid = ?", [found[0]]).fetchone()
        shown = ", ".join(f"{k}={v}" for k, v in zip(schema.unique, values or (), strict=False))
        raise DataValidationError(
            display,
            int(found[0]) + 1,
            schema.unique[0],
            f"duplicate row ({shown}); each {' + '.join(schema.unique)} must appear once",
        )
