"""Rolling-origin backtest: every model refitted at one cutoff per year, scored on what followed.

Every horizon is scored on the same target periods, the years ``start..end``:

* cy: cutoffs ``start - 3 .. end - 1``; the forecast for horizon ``h`` from cutoff ``c`` is the
  year ``c + h`` and is kept when it lies in ``start..end``;
* cm: cutoffs in December of ``start - 1 .. end - 1`` (one per year, as the ViEWS challenge
  forecasts a calendar year of months); horizons 1–12 are the months of the next year.

Actuals are the panel's own ``sb_best``; targets beyond the panel's last period are left out.
Writing the results (:func:`write_backtest`) gives ``backtest.json`` (every metric, overall and
per horizon, per model), ``backtest.md`` (a table), ``crps_by_horizon.png`` and
``forecasts.parquet`` (each forecast's quantiles and score: a country's track record).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from detente.warning.evaluation import summarise_by_horizon
from detente.warning.metrics import crps
from detente.warning.registry import make_model
from detente.warning.storage import write_together
from detente.warning.units import Unit, get_unit

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BacktestResult:
    """Scores of every model; ``rows`` has one row per model, cutoff, country and horizon, with
    the outcome ``y`` and what the forecast said (:func:`forecast_columns`)."""

    unit: str
    start: int
    end: int
    cutoffs: tuple[str, ...]
    models: tuple[str, ...]
    draws: int
    rows: pd.DataFrame
    summary: dict[str, dict[str, Any]]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready: settings, per-model summaries and the target check."""
        return {
            "unit": self.unit,
            "start": self.start,
            "end": self.end,
            "cutoffs": list(self.cutoffs),
            "draws": self.draws,
            "models": self.summary,
            "target": target_check(self.summary),
        }


def cutoffs_for(unit: Unit, start: int, end: int) -> list[str]:
    """The cutoffs whose forecasts reach the target years ``start..end`` at every horizon."""
    if start > end:
        raise ValueError(f"start {start} is after end {end}")
    if unit.name == "cy":
        return [str(year) for year in range(start - unit.horizons, end)]
    return [f"{year}-12" for year in range(start - 1, end)]


def backtest(
    panel: pd.DataFrame,
    unit: str = "cy",
    start: int = 2010,
    end: int = 2023,
    models: Sequence[str] = ("zero", "last", "bootstrap", "conflictology", "lgbm"),
    n: int = 1000,
    seed: int = 0,
    progress: Progress | None = None,
) -> BacktestResult:
    """Fit every model at every cutoff and score its draws against the panel."""
    spec = get_unit(unit)
    cutoffs = cutoffs_for(spec, start, end)
    first = spec.to_index(f"{start}" if unit == "cy" else f"{start}-01")
    last = spec.to_index(f"{end}" if unit == "cy" else f"{end}-12")
    column = spec.time_column
    actual = panel.set_index(["gwno", column])["sb_best"]
    frames = []
    all_draws: dict[str, list[np.ndarray]] = {name: [] for name in models}
    for cutoff in cutoffs:
        for name in models:
            if progress:
                progress(f"{name} @ {cutoff}")
            model = make_model(name).fit(panel, cutoff)
            draws = model.draws(n, seed)
            units, horizons, _ = draws.shape
            index = model.cutoff_index + np.arange(1, horizons + 1)
            gwno = np.repeat(model.gwnos, horizons)
            t = np.tile(index, units)
            keep = (t >= first) & (t <= last)
            keys = pd.MultiIndex.from_arrays([gwno[keep], t[keep]])
            y = actual.reindex(keys).to_numpy(dtype=np.float64)
            known = ~np.isnan(y)
            flat = draws.reshape(units * horizons, -1)[keep][known]
            frames.append(
                pd.DataFrame(
                    {
                        "model": name,
                        "cutoff": cutoff,
                        "gwno": gwno[keep][known],
                        "t": t[keep][known],
                        "horizon": np.tile(np.arange(1, horizons + 1), units)[keep][known],
                        "y": y[known],
                        **forecast_columns(y[known], flat),
                    }
                )
            )
            all_draws[name].append(flat)
    rows = pd.concat(frames, ignore_index=True)
    summary: dict[str, dict[str, Any]] = {}
    for name in models:
        mine = rows.loc[rows["model"] == name]
        draws = np.concatenate(all_draws[name], axis=0)
        summary[name] = summarise_by_horizon(
            mine["y"].to_numpy(), draws, mine["horizon"].to_numpy()
        )
    return BacktestResult(
        unit=unit,
        start=start,
        end=end,
        cutoffs=tuple(cutoffs),
        models=tuple(models),
        draws=n,
        rows=rows,
        summary=summary,
    )


ROW_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
"""The quantiles kept per forecast in ``rows`` (and ``forecasts.parquet``): the median and the
50% and 90% intervals the pages draw, computed like the metrics (numpy linear interpolation)."""


def forecast_columns(y: np.ndarray, draws: np.ndarray) -> dict[str, np.ndarray]:
    """What each backtest forecast said and how it scored, one value per row of ``draws``:
    quantiles ``q05 … q95``, the chance of 25 or more deaths ``p25`` and the row's ``crps``.

    Kept so that a country's track record (:mod:`detente.warning.track_record`) can be read
    without the draws (1,000 per row) that the summary scores were computed from.
    """
    if draws.shape[0] == 0:
        empty = np.empty(0)
        names = [f"q{round(100 * q):02d}" for q in ROW_QUANTILES]
        return {**dict.fromkeys(names, empty), "p25": empty, "crps": empty}
    quantiles = np.quantile(draws, ROW_QUANTILES, axis=1)
    columns = {f"q{round(100 * q):02d}": quantiles[i] for i, q in enumerate(ROW_QUANTILES)}
    columns["p25"] = (draws >= 25).mean(axis=1)
    columns["crps"] = crps(y, draws)
    return columns


def target_check(summary: dict[str, dict[str, Any]], model: str = "lgbm") -> dict[str, Any]:
    """The issue's target for ``model`` against conflictology (``{}`` if either is missing).

    Mean CRPS at most 0.80 × conflictology, IGN and MIS below conflictology, 90% interval
    coverage in 85–95% (of the closed interval, as the target was set). ``coverage_pit``, the
    count-data coverage of :func:`detente.warning.metrics.pit_coverage`, is reported beside it.
    """
    if model not in summary or "conflictology" not in summary:
        return {}
    ours, base = summary[model]["overall"], summary["conflictology"]["overall"]
    ratio = ours["crps"] / base["crps"] if base["crps"] else float("nan")
    checks = {
        "crps_ratio": ratio,
        "crps_ok": ratio <= 0.80,
        "ign_ok": ours["ign"] < base["ign"],
        "mis_ok": ours["mis"] < base["mis"],
        "coverage_ok": 0.85 <= ours["coverage"] <= 0.95,
    }
    coverage_pit = ours.get("coverage_pit")
    checks["met"] = all(bool(v) for k, v in checks.items() if k.endswith("_ok"))
    return {"model": model, **checks, "coverage_pit": coverage_pit}


def markdown_table(result: dict[str, Any]) -> str:
    """A Markdown table of the overall scores and the CRPS per horizon."""
    models = result["models"]
    horizons = sorted({h for m in models.values() for h in m["by_horizon"]}, key=int)
    head = ["model", "CRPS", "IGN", "MIS90", "coverage90", "PIT coverage90", "Brier25", "AUC-PR25"]
    head += [f"CRPS h{h}" for h in horizons]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for name, scores in models.items():
        o = scores["overall"]
        auc = "–" if o["auc_pr"] is None else f"{o['auc_pr']:.3f}"
        cells = [
            name,
            f"{o['crps']:.1f}",
            f"{o['ign']:.3f}",
            f"{o['mis']:.0f}",
            f"{o['coverage']:.3f}",
            f"{o['coverage_pit']:.3f}",
            f"{o['brier']:.4f}",
            auc,
        ]
        cells += [f"{scores['by_horizon'][h]['crps']:.1f}" for h in horizons]
        lines.append("| " + " | ".join(cells) + " |")
    unit, start, end = result["unit"], result["start"], result["end"]
    title = (
        f"Backtest {unit} {start}–{end}: {len(result['cutoffs'])} cutoffs, {result['draws']} draws"
    )
    return f"{title}\n\n" + "\n".join(lines) + "\n" + calibration_tables(result)


def calibration_tables(result: dict[str, Any]) -> str:
    """Markdown: every model's PIT histogram, and the reliability of the chance of 25 or more
    deaths for the target model beside conflictology ("" for results without calibration)."""
    models = {k: v for k, v in result["models"].items() if v.get("calibration")}
    if not models:
        return ""
    first = next(iter(models.values()))["calibration"]["pit_histogram"]
    bins = len(first)
    head = ["model", *(f"{i / bins:.1f}–{(i + 1) / bins:.1f}" for i in range(bins))]
    lines = [
        "",
        "PIT histogram (share of outcomes per tenth of the forecast distribution; 0.100 each"
        " when calibrated, high at both ends when too narrow, in the middle when too wide):",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for name, scores in models.items():
        shares = scores["calibration"]["pit_histogram"]
        lines.append("| " + " | ".join([name, *(f"{v:.3f}" for v in shares)]) + " |")
    for name in dict.fromkeys([(result.get("target") or {}).get("model", "lgbm"), "conflictology"]):
        if name not in models:
            continue
        lines += [
            "",
            f"Reliability of `{name}`'s chance of 25 or more deaths:",
            "",
            "| chance | forecasts | mean chance | happened |",
            "|---|---:|---:|---:|",
        ]
        for group in models[name]["calibration"]["reliability"]:
            lines.append(
                f"| {group['low']:.2f}–{group['high']:.2f} | {group['rows']} "
                f"| {group['forecast']:.3f} | {group['observed']:.3f} |"
            )
    return "\n".join(lines) + "\n"


def plot_crps(result: dict[str, Any], path: Path) -> None:
    """PNG of the mean CRPS by horizon for every model."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(7, 4.2), dpi=120)
    for name, scores in result["models"].items():
        horizons = sorted(scores["by_horizon"], key=int)
        axis.plot(
            [int(h) for h in horizons],
            [scores["by_horizon"][h]["crps"] for h in horizons],
            marker="o",
            label=name,
        )
    axis.set_xticks(sorted({int(h) for m in result["models"].values() for h in m["by_horizon"]}))
    axis.set_xlabel("horizon")
    axis.set_ylabel("mean CRPS (deaths)")
    axis.set_title(f"CRPS by horizon, {result['unit']} {result['start']}–{result['end']}")
    axis.legend()
    axis.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path)
    plt.close(figure)


BACKTEST_FILES = ("backtest.json", "backtest.md", "crps_by_horizon.png", "forecasts.parquet")
"""What :func:`write_backtest` writes, in this order."""


def write_backtest(result: BacktestResult, folder: Path) -> list[Path]:
    """Write ``backtest.json``, ``backtest.md``, ``crps_by_horizon.png`` and
    ``forecasts.parquet`` (every forecast's quantiles, chance of 25 or more and CRPS, with the
    outcome: ``rows``) into ``folder``, all four or none
    (:func:`detente.warning.storage.write_together`): a failure on one leaves the previous set
    as it was, not a new JSON beside an old table."""
    data = result.as_dict()
    data["created"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    json_name, markdown_name, png_name, parquet_name = BACKTEST_FILES
    return write_together(
        folder,
        {
            json_name: lambda path: path.write_text(
                json.dumps(data, indent=2, default=_json_default) + "\n"
            ),
            markdown_name: lambda path: path.write_text(markdown_table(data)),
            png_name: lambda path: plot_crps(data, path),
            parquet_name: lambda path: result.rows.to_parquet(
                path, index=False, compression="zstd"
            ),
        },
    )


def _json_default(value: object) -> object:
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"not JSON: {type(value)}")
