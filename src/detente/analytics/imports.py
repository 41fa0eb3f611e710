"""Import one release into the analytics store: validate, then write in one transaction.

Rules
-----
* The same file (same kind and sha256) imported again changes nothing.
* A release replaces, within its own coverage (first..last year, or month for GED), the rows of
  every older-or-equal release of the same kind; the older releases stay in ``releases``. So a
  GED annual release replaces the candidate months it covers, and a monthly candidate file adds
  its month.
* A release older than one whose rows it would overlap is refused (``ConflictError``), since
  the newer data would be lost.
* Validation runs before the store is touched; the writes (raw rows, the release record, both
  panels) are one DuckDB transaction: on any error nothing changes.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from detente.analytics.panels import rebuild_panels
from detente.analytics.store import (
    RAW_TABLES,
    attach_for_writing,
    memory_connection,
    store_path,
    table_exists,
)
from detente.errors import ConflictError, DataValidationError
from detente.settings import Settings
from detente.sources import STAGERS, StagedRelease, detect_kind, open_input, release_order
from detente.sources.files import sha256_file
from detente.sources.unvotes import TABLES as UNVOTES_TABLES
from detente.types import id_to_month

ProgressCallback = Callable[[str], None]
"""Called with the name of each phase ("validating", "writing", "building panels")."""


@dataclass(frozen=True)
class ImportResult:
    """What an import did.

    Attributes
    ----------
    status:
        ``"imported"`` or ``"unchanged"`` (the same file was imported before).
    replaced:
        Labels (``kind release``) of the older releases whose rows in this coverage were
        replaced.
    """

    kind: str
    release: str
    file: str
    sha256: str
    status: str
    rows: int
    first_period: str
    last_period: str
    seconds: float
    replaced: tuple[str, ...] = field(default_factory=tuple)


def format_period(value: int, unit: str) -> str:
    """``1989`` for a year, ``1989-01`` for a month_id."""
    return id_to_month(value) if unit == "month" else str(value)


def _input_path(path: Path, kind: str) -> Path:
    if kind == "unvotes" and path.is_dir():
        for suffix in (".parquet", ".csv"):
            candidate = path / f"un_votes{suffix}"
            if candidate.is_file():
                return candidate
        raise DataValidationError(path, None, None, "no un_votes.parquet or un_votes.csv here")
    return path


def input_sha256(path: Path, kind: str) -> str:
    """SHA-256 of the input (for UN votes: of its three files together)."""
    if kind != "unvotes":
        return sha256_file(path)
    digest = hashlib.sha256()
    for name in UNVOTES_TABLES:
        sibling = path.parent / f"{name}{path.suffix}"
        digest.update(f"{name}:{sha256_file(sibling) if sibling.is_file() else '-'}\n".encode())
    return digest.hexdigest()


def _known_release(
    con: duckdb.DuckDBPyConnection, kind: str, sha256: str
) -> tuple[str, str, str, int] | None:
    found = con.execute(
        "SELECT release, first_period, last_period, rows_imported FROM store.releases "
        "WHERE kind = ? AND sha256 = ? ORDER BY release_id LIMIT 1",
        [kind, sha256],
    ).fetchone()
    return None if found is None else (str(found[0]), str(found[1]), str(found[2]), int(found[3]))


def _overlapping(con: duckdb.DuckDBPyConnection, staged: StagedRelease) -> list[tuple[int, str]]:
    """Releases of the same kind holding rows in the staged coverage: (release_id, release)."""
    main = RAW_TABLES[staged.kind][0]
    if not table_exists(con, f"raw_{main}"):
        return []
    rows = con.execute(
        f"SELECT DISTINCT r.release_id, r.release FROM store.raw_{main} t "
        "JOIN store.releases r USING (release_id) WHERE t.period BETWEEN ? AND ?",
        [staged.first_period, staged.last_period],
    ).fetchall()
    return [(int(i), str(label)) for i, label in rows]


def _ensure_raw_tables(con: duckdb.DuckDBPyConnection, staged: StagedRelease) -> None:
    """Create missing ``raw_<table>`` tables (empty), before the write transaction.

    Why outside the transaction: DuckDB 2.0.0 loses the rows of an INSERT of more than one
    row group (122,880 rows) into a table created in the same transaction (the scan returns
    nothing while ``count(*)`` reports them). Creating the empty table first avoids it.
    """
    for name in RAW_TABLES[staged.kind]:
        if not table_exists(con, f"raw_{name}"):
            con.execute(
                f"CREATE TABLE store.raw_{name} AS SELECT CAST(NULL AS INTEGER) AS release_id, "
                f"CAST(NULL AS BIGINT) AS period, * FROM {staged.tables[name].name} LIMIT 0"
            )


SHRINK_LIMIT = 0.5
"""A file replacing a release of the same label with fewer than this share of its rows is
refused unless asked for: a cut-down copy would otherwise wipe most of a release silently."""


def _refuse_shrinking_replacement(
    con: duckdb.DuckDBPyConnection, staged: StagedRelease, overlapping: list[tuple[int, str]]
) -> None:
    same = [i for i, label in overlapping if label == staged.release]
    if not same:
        return
    main = RAW_TABLES[staged.kind][0]
    ids = ", ".join(str(i) for i in same)
    found = con.execute(
        f"SELECT count(*) FROM store.raw_{main} WHERE release_id IN ({ids}) "
        "AND period BETWEEN ? AND ?",
        [staged.first_period, staged.last_period],
    ).fetchone()
    held = int(found[0]) if found else 0
    new = staged.tables[main].rows
    if held and new < SHRINK_LIMIT * held:
        raise ConflictError(
            f"{staged.kind} {staged.release}: this file has {new:,} rows where the store holds "
            f"{held:,} of the same release; importing it would drop the rest. Pass --replace "
            "if that is intended; nothing changed"
        )


def _write(
    con: duckdb.DuckDBPyConnection,
    staged: StagedRelease,
    file_name: str,
    sha256: str,
    replace: bool = False,
) -> tuple[str, ...]:
    """Replace overlapping older rows, insert the staged rows and the release record."""
    overlapping = _overlapping(con, staged)
    newer = [
        label for _, label in overlapping if release_order(label) > release_order(staged.release)
    ]
    if newer:
        raise ConflictError(
            f"{staged.kind} release {staged.release} is older than the imported release "
            f"{newer[0]}, which holds rows in the same period; nothing changed"
        )
    older_ids = [i for i, _ in overlapping]
    if not replace:
        _refuse_shrinking_replacement(con, staged, overlapping)
    found = con.execute("SELECT coalesce(max(release_id), 0) + 1 FROM store.releases").fetchone()
    release_id = int(found[0]) if found else 1
    total = 0
    for name in RAW_TABLES[staged.kind]:
        table = staged.tables[name]
        raw = f"store.raw_{name}"
        if older_ids:
            ids = ", ".join(str(i) for i in older_ids)
            con.execute(
                f"DELETE FROM {raw} WHERE release_id IN ({ids}) AND period BETWEEN ? AND ?",
                [staged.first_period, staged.last_period],
            )
        con.execute(
            f"INSERT INTO {raw} BY NAME SELECT {release_id} AS release_id, "
            f"{table.period_sql} AS period, * FROM {table.name}"
        )
        total += table.rows
    con.execute(
        "INSERT INTO store.releases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            release_id,
            staged.kind,
            staged.release,
            file_name,
            sha256,
            datetime.now(UTC).replace(tzinfo=None),
            total,
            staged.period_unit,
            format_period(staged.first_period, staged.period_unit),
            format_period(staged.last_period, staged.period_unit),
        ],
    )
    return tuple(f"{staged.kind} {label}" for _, label in overlapping)


def import_release(
    target: Settings | Path | str,
    path: Path,
    kind: str | None = None,
    release: str | None = None,
    progress: ProgressCallback | None = None,
    replace: bool = False,
) -> ImportResult:
    """Validate ``path`` and write it into the analytics store as one transaction.

    Parameters
    ----------
    target:
        Settings (uses ``analytics_path``) or the DuckDB file itself.
    path:
        A UCDP, PA-X or UN votes file (or zip; for UN votes, their folder).
    kind:
        One of :data:`detente.sources.KINDS`; detected from the columns or name when omitted.
    release:
        Release label when neither a version column nor the file name gives it.
    progress:
        Called with the name of each phase.
    replace:
        Allow a file of an already imported release label to replace it even when it holds
        fewer than half of its rows (a cut-down copy is refused by default).

    Raises
    ------
    DataValidationError
        The file is wrong (nothing was written).
    ConflictError
        The release is older than imported data it overlaps, it would shrink a release of the
        same label to under half (without ``replace``), or the store is locked.
    """
    started = time.perf_counter()
    notify = progress or (lambda _phase: None)
    kind = kind or detect_kind(path)
    if kind not in STAGERS:
        raise DataValidationError(
            path, None, None, f"unknown kind '{kind}'; use {', '.join(STAGERS)}"
        )
    path = _input_path(path, kind)
    db_path = store_path(target)
    notify("checking")
    sha256 = input_sha256(path, kind) if path.is_file() else ""
    with memory_connection() as con:
        if db_path.is_file():
            attach_for_writing(con, db_path)
            known = _known_release(con, kind, sha256)
            if known is not None:
                label, first, last, rows = known
                return ImportResult(
                    kind,
                    label,
                    str(path),
                    sha256,
                    "unchanged",
                    rows,
                    first,
                    last,
                    time.perf_counter() - started,
                )
        notify("validating")
        with open_input(path) as source:
            staged = STAGERS[kind](con, source, release)
        if not _attached(con):
            attach_for_writing(con, db_path)
        notify("writing")
        _ensure_raw_tables(con, staged)
        con.execute("BEGIN TRANSACTION")
        try:
            replaced = _write(con, staged, path.name, sha256, replace)
            notify("building panels")
            rebuild_panels(con)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        con.execute("DETACH store")
    return ImportResult(
        kind=kind,
        release=staged.release,
        file=str(path),
        sha256=sha256,
        status="imported",
        rows=sum(t.rows for t in staged.tables.values()),
        first_period=format_period(staged.first_period, staged.period_unit),
        last_period=format_period(staged.last_period, staged.period_unit),
        seconds=time.perf_counter() - started,
        replaced=replaced,
    )


def _attached(con: duckdb.DuckDBPyConnection) -> bool:
    found = con.execute(
        "SELECT count(*) FROM duckdb_databases() WHERE database_name = 'store'"
    ).fetchone()
    return bool(found and found[0])
