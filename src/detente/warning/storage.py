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
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from detente.errors import DataValidationError
from detente.settings import Settings
from detente.warning.forecasters.base import CONTRACT_COLUMNS
from detente.warning.registry import DEFAULT_MODEL

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
    """A forecast file as a frame, validated against the contract, with what it is."""
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowInvalid) as error:
        raise DataValidationError(
            path, None, None, f"not a readable Parquet file: {error}"
        ) from error
    for column in CONTRACT_COLUMNS:
        if column not in table.column_names:
            raise DataValidationError(path, None, column, "missing column of the forecast contract")
    frame = table.select(list(CONTRACT_COLUMNS)).to_pandas()
    frame["period"] = frame["period"].astype("str")
    for column in ("gwno", "horizon", "draw"):
        frame[column] = frame[column].astype(np.int64)
    frame["fatalities"] = frame["fatalities"].astype(np.float64)
    bad = ~np.isfinite(frame["fatalities"].to_numpy()) | (frame["fatalities"].to_numpy() < 0)
    if bad.any():
        row = int(np.argmax(bad)) + 1
        raise DataValidationError(path, row, "fatalities", "must be a finite number >= 0")
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    found = NAME.match(path.name)
    unit = meta.get("detente.unit") or (found.group(1) if found else "")
    if not unit:
        unit = "cm" if frame["period"].str.len().max() == 7 else "cy"
    model = meta.get("detente.model") or (found.group(2) if found else path.stem)
    cutoff = meta.get("detente.cutoff") or (found.group(3) if found else "")
    created = meta.get("detente.created", "")
    return frame, ForecastInfo(path, unit, model, cutoff, created)


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
