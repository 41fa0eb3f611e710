"""Forecast files: Parquet draws in the contract format, and the latest one for the pages.

A forecast run writes ``settings.data_dir / "forecasts" / f"{unit}_{model}_{cutoff}.parquet"``
with the contract columns (``gwno, period, horizon, draw, fatalities``) and, in the Parquet
schema metadata, ``detente.model``, ``detente.unit``, ``detente.cutoff`` and
``detente.created``. Models that explain themselves also write
``{unit}_{model}_{cutoff}.contributions.parquet`` (gwno, horizon, feature, contribution).

:func:`latest_forecast` is what alerts and pages read: the file with the newest cutoff (then
the newest write) for a unit, preferring our default model.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import secrets
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from detente.countries import is_known_gwno
from detente.errors import DataValidationError
from detente.settings import Settings
from detente.warning.forecasters.base import CONTRACT_COLUMNS
from detente.warning.registry import DEFAULT_MODEL
from detente.warning.units import Unit, get_unit, unit_of_cutoff

NAME = re.compile(r"^(cy|cm)_([a-z0-9_]+?)_(\d{4}(?:-\d{2})?)\.parquet$")


@dataclass(frozen=True)
class ForecastInfo:
    """What a stored forecast file is."""

    path: Path
    unit: str
    model: str
    cutoff: str
    created: str


def forecasts_dir(settings: Settings) -> Path:
    """Where forecast files live."""
    return settings.data_dir / "forecasts"


def forecast_path(settings: Settings, unit: str, model: str, cutoff: str) -> Path:
    """The path of a forecast in the data folder (the contract name)."""
    return forecasts_dir(settings) / f"{unit}_{model}_{cutoff}.parquet"


def _atomic_write(table: pa.Table, path: Path) -> None:
    """Write to a temporary file in the same folder, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
    os.close(handle)
    try:
        pq.write_table(table, temporary, compression="zstd")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def refuse_folders_among(folder: Path, names: Sequence[str]) -> None:
    """Refuse, before any work, a folder standing where one of the files ``names`` must go
    in ``folder`` (a file is replaced, a folder cannot be)."""
    for name in names:
        if (folder / name).is_dir():
            raise DataValidationError(
                str(folder / name), None, "out", f"is a folder; {name} is written there"
            )


def write_together(folder: Path, writers: Mapping[str, Callable[[Path], object]]) -> list[Path]:
    """Write a set of files into ``folder`` (created if missing) so that the set is replaced
    as a whole or not at all; returns their paths.

    Each writer writes its file at the path it is given: a hidden temporary file in ``folder``
    with the same suffix (the same file system, so a rename moves it). Only when every writer
    has succeeded are the files renamed into place, one after the other (a window of
    microseconds); if a rename fails, the files already replaced are put back. After a
    failure the folder holds the previous files, untouched, and none of the new set nor any
    temporary file. A folder where a file must go is refused before anything is written.
    """
    refuse_folders_among(folder, list(writers))
    folder.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(6)
    parts = {name: folder / f".{token}.{name}" for name in writers}
    done: list[tuple[Path, Path | None]] = []
    try:
        for name, write in writers.items():
            write(parts[name])
        for name in writers:
            target = folder / name
            backup = None
            if target.exists() or target.is_symlink():
                backup = folder / f".{token}.{name}.previous"
                os.replace(target, backup)
            done.append((target, backup))
            os.replace(parts[name], target)
    except BaseException:
        for target, backup in reversed(done):
            if backup is not None:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
        raise
    finally:
        for part in parts.values():
            part.unlink(missing_ok=True)
    for _, backup in done:
        if backup is not None:
            backup.unlink(missing_ok=True)
    return [folder / name for name in writers]


def write_forecast(
    frame: pd.DataFrame,
    path: Path,
    *,
    unit: str,
    model: str,
    cutoff: str,
    contributions: pd.DataFrame | None = None,
) -> ForecastInfo:
    """Write a forecast frame (and its contributions) as Parquet with its metadata."""
    created = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    table = pa.Table.from_pandas(frame[list(CONTRACT_COLUMNS)], preserve_index=False)
    metadata = {
        b"detente.model": model.encode(),
        b"detente.unit": unit.encode(),
        b"detente.cutoff": cutoff.encode(),
        b"detente.created": created.encode(),
    }
    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **metadata})
    _atomic_write(table, path)
    if contributions is not None:
        extra = pa.Table.from_pandas(contributions, preserve_index=False)
        _atomic_write(extra, contributions_path(path))
    return ForecastInfo(path, unit, model, cutoff, created)


def contributions_path(path: Path) -> Path:
    """The companion file of feature contributions of a forecast file."""
    return path.with_name(path.name.removesuffix(".parquet") + ".contributions.parquet")


def read_forecast(path: Path) -> tuple[pd.DataFrame, ForecastInfo]:
    """A forecast file as a frame, validated against the contract, with what it is.

    Every check names the file, the first bad row (1-based, in file order) and the field:
    scores, alerts and pages built on a malformed file would be wrong without a word
    (:func:`check_forecast_table`, :func:`check_forecast_frame`).
    """
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowInvalid) as error:
        raise DataValidationError(
            path, None, None, f"not a readable Parquet file: {error}"
        ) from error
    check_forecast_table(table, path)
    frame = table.select(list(CONTRACT_COLUMNS)).to_pandas()
    frame["period"] = frame["period"].astype("str")
    for column in ("gwno", "horizon", "draw"):
        frame[column] = frame[column].astype(np.int64)
    frame["fatalities"] = frame["fatalities"].astype(np.float64)
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    found = NAME.match(path.name)
    unit = meta.get("detente.unit") or (found.group(1) if found else "")
    if not unit:
        unit = "cm" if frame["period"].str.len().max() == 7 else "cy"
    model = meta.get("detente.model") or (found.group(2) if found else path.stem)
    cutoff = meta.get("detente.cutoff") or (found.group(3) if found else "")
    created = meta.get("detente.created", "")
    check_forecast_frame(frame, path, unit, cutoff)
    return frame, ForecastInfo(path, unit, model, cutoff, created)


_CONTRACT_TYPES = {
    "gwno": "int",
    "period": "str",
    "horizon": "int",
    "draw": "int",
    "fatalities": "float",
}
"""The contract's type of each column (DESIGN.md, forecast file contract)."""


def _has_contract_type(column: str, kind: pa.DataType) -> bool:
    """Whether an Arrow type is what the contract asks of ``column``: integers for the keys
    (any width: a ViEWS tool may write int32), text for ``period`` (plain, large, view or
    dictionary-encoded: pandas writes all of them), any number for ``fatalities``."""
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    integer = bool(pa.types.is_integer(kind))
    if _CONTRACT_TYPES[column] == "int":
        return integer
    if _CONTRACT_TYPES[column] == "str":
        return bool(
            pa.types.is_string(kind)
            or pa.types.is_large_string(kind)
            or pa.types.is_string_view(kind)
        )
    return integer or bool(pa.types.is_floating(kind))


def check_forecast_table(table: pa.Table, path: Path) -> None:
    """Refuse a Parquet table that is not a forecast: a missing contract column, no row, a
    column of another type than the contract's, an empty cell.

    Why: converting first would fail with a traceback (``'abc'`` as a gwno, a null) or, worse,
    pass silently (gwno or fatalities written as text, a horizon of 1.5 cut to 1).
    """
    for column in CONTRACT_COLUMNS:
        if column not in table.column_names:
            raise DataValidationError(path, None, column, "missing column of the forecast contract")
    if table.num_rows == 0:
        raise DataValidationError(
            path, None, None, "has no rows; a forecast has draws for each country and horizon"
        )
    for column in CONTRACT_COLUMNS:
        kind = table.schema.field(column).type
        if not _has_contract_type(column, kind):
            raise DataValidationError(
                path,
                None,
                column,
                f"is of type {kind}; the forecast contract's {column} is {_CONTRACT_TYPES[column]}",
            )
        values = table.column(column)
        if values.null_count:
            row = int(np.argmax(values.is_null().to_numpy(zero_copy_only=False))) + 1
            raise DataValidationError(path, row, column, "is empty; every row needs a value")


def _first_row(bad: np.ndarray) -> int:
    """1-based row of the first ``True`` in a row mask."""
    return int(np.argmax(bad)) + 1


def _period_indices(frame: pd.DataFrame, path: Path, spec: Unit) -> np.ndarray:
    """Each row's period as the unit's time index, refusing the first malformed period.

    Each distinct period is parsed once (a monthly file has millions of rows, a few periods).
    """
    codes, uniques = pd.factorize(frame["period"])
    indices = np.empty(len(uniques), dtype=np.int64)
    for position, period in enumerate(uniques):
        try:
            indices[position] = spec.to_index(str(period))
        except ValueError as error:
            raise DataValidationError(
                path, _first_row(codes == position), "period", str(error)
            ) from error
    return indices[codes]


def _cutoff_index(frame: pd.DataFrame, path: Path, spec: Unit, cutoff: str, t: np.ndarray) -> int:
    """The cutoff as a time index: the file's metadata (or name), else its first row's period
    minus its horizon (a file written by another tool)."""
    if not cutoff:
        return int(t[0] - frame["horizon"].iat[0])
    try:
        if unit_of_cutoff(cutoff) is not spec:
            raise ValueError(f"cutoff {cutoff!r} is not a {spec.name} period")
    except ValueError as error:
        raise DataValidationError(path, None, "cutoff", f"metadata: {error}") from error
    return spec.to_index(cutoff)


def check_forecast_frame(frame: pd.DataFrame, path: Path, unit: str, cutoff: str) -> None:
    """Refuse a forecast frame that breaks the contract, naming the first bad row and field.

    Checked: fatalities finite and >= 0; the unit; gwno a Gleditsch–Ward code; period in the
    unit's form; horizon within the unit's (1..3 or 1..12) and the period exactly that many
    periods after the cutoff; every country with the same horizons; each (gwno, period,
    horizon, draw) once; the same number ``n`` of draws for every country and horizon,
    numbered 0..n-1.

    Why: scoring reshapes the draws per (country, horizon) and pairs each with one actual; a
    duplicate, a missing draw or a period that does not match its horizon would otherwise be
    scored against the wrong outcome, or dropped, without a word.
    """
    fatalities = frame["fatalities"].to_numpy()
    bad = ~np.isfinite(fatalities) | (fatalities < 0)
    if bad.any():
        raise DataValidationError(
            path, _first_row(bad), "fatalities", "must be a finite number >= 0"
        )
    try:
        spec = get_unit(unit)
    except ValueError as error:
        raise DataValidationError(path, None, "unit", f"metadata: {error}") from error
    gwnos = frame["gwno"].to_numpy()
    for gwno in np.unique(gwnos):
        if not is_known_gwno(int(gwno)):
            raise DataValidationError(
                path, _first_row(gwnos == gwno), "gwno", f"{gwno} is not a Gleditsch–Ward code"
            )
    t = _period_indices(frame, path, spec)
    horizons = frame["horizon"].to_numpy()
    bad = (horizons < 1) | (horizons > spec.horizons)
    if bad.any():
        raise DataValidationError(
            path,
            _first_row(bad),
            "horizon",
            f"{horizons[bad][0]} is not 1..{spec.horizons} ({spec.name})",
        )
    start = _cutoff_index(frame, path, spec, cutoff, t)
    bad = t - horizons != start
    if bad.any():
        row = _first_row(bad)
        expected = spec.to_period(start + int(horizons[row - 1]))
        raise DataValidationError(
            path,
            row,
            "period",
            f"{frame['period'].iat[row - 1]!r} is not horizon {horizons[row - 1]} after the "
            f"cutoff {spec.to_period(start)} (that is {expected})",
        )
    _check_horizons(frame, path)
    _check_draws(frame, path)


def _check_horizons(frame: pd.DataFrame, path: Path) -> None:
    """Every country has every horizon the file has: evaluate scores per horizon and overall,
    and a country missing one would be scored on other horizons than the rest."""
    gwnos = frame["gwno"].to_numpy()
    horizons = frame["horizon"].to_numpy()
    wanted = np.unique(horizons)
    pairs = np.unique(gwnos * (int(wanted.max()) + 1) + horizons)
    if len(pairs) == len(np.unique(gwnos)) * len(wanted):
        return
    for gwno in pd.unique(gwnos):  # in file order: the first country found lacking
        have = set(np.unique(horizons[gwnos == gwno]).tolist())
        missing = [int(h) for h in wanted if int(h) not in have]
        if missing:
            listed = ", ".join(str(int(h)) for h in wanted)
            raise DataValidationError(
                path,
                None,
                "horizon",
                f"gwno {int(gwno)} has no horizon {missing[0]}; the file has horizons {listed} "
                "for other countries, and every country needs the same ones",
            )


def _check_draws(frame: pd.DataFrame, path: Path) -> None:
    """Each (gwno, horizon, draw) once, the same count ``n`` everywhere, numbered 0..n-1 (the
    period is fixed by the horizon, checked before)."""
    keys = frame[["gwno", "horizon", "draw"]]
    duplicated = keys.duplicated().to_numpy()
    if duplicated.any():
        row = _first_row(duplicated)
        gwno, period, horizon, draw = (str(frame[c].iat[row - 1]) for c in CONTRACT_COLUMNS[:4])
        raise DataValidationError(
            path,
            row,
            "draw",
            f"duplicate row (gwno={gwno}, period={period}, horizon={horizon}, draw={draw}); "
            "each gwno, period, horizon and draw must appear once",
        )
    sizes = keys.groupby(["gwno", "horizon"], sort=False)["draw"].transform("size").to_numpy()
    n = int(np.bincount(sizes).argmax())
    bad = sizes != n
    if bad.any():
        row = _first_row(bad)
        raise DataValidationError(
            path,
            row,
            "draw",
            f"gwno {frame['gwno'].iat[row - 1]} horizon {frame['horizon'].iat[row - 1]} has "
            f"{sizes[row - 1]} draws, most have {n}; every country and horizon needs the same "
            "number",
        )
    draws = frame["draw"].to_numpy()
    bad = (draws < 0) | (draws >= n)
    if bad.any():
        raise DataValidationError(
            path,
            _first_row(bad),
            "draw",
            f"{draws[bad][0]} is outside 0..{n - 1} ({n} draws per country and horizon)",
        )


def stored_forecasts(settings: Settings, unit: str = "cy") -> list[ForecastInfo]:
    """Forecast files in the data folder for ``unit``, newest cutoff first (then default model)."""
    found = []
    folder = forecasts_dir(settings)
    if not folder.is_dir():
        return []
    for path in folder.glob(f"{unit}_*.parquet"):
        match = NAME.match(path.name)
        if match is None or path.name.endswith(".contributions.parquet"):
            continue
        created = dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC).isoformat()
        found.append(ForecastInfo(path, match.group(1), match.group(2), match.group(3), created))
    return sorted(
        found, key=lambda f: (f.cutoff, f.model == DEFAULT_MODEL, f.created), reverse=True
    )


def latest_forecast_info(settings: Settings, unit: str = "cy") -> ForecastInfo | None:
    """The forecast file pages and alerts use, or ``None`` when none was made."""
    found = stored_forecasts(settings, unit)
    return found[0] if found else None


def latest_forecast(settings: Settings, unit: str = "cy") -> pd.DataFrame | None:
    """The newest forecast for ``unit`` in the contract format, or ``None``."""
    info = latest_forecast_info(settings, unit)
    if info is None:
        return None
    frame, _ = read_forecast(info.path)
    return frame


def read_contributions(path: Path) -> pd.DataFrame | None:
    """The contributions stored next to a forecast file, if its model wrote any."""
    extra = contributions_path(path)
    return pd.read_parquet(extra) if extra.is_file() else None


def metadata_json(info: ForecastInfo) -> str:
    """A forecast's description for logs and the API."""
    return json.dumps({"unit": info.unit, "model": info.model, "cutoff": info.cutoff})
