"""Forecasting speed: the full 2010–2023 backtest of every model, one forecast run, metrics.

Three subjects on the real bundled snapshot (UCDP CY v25.1 to 2023), each with its target:

* the full country-year backtest 2010–2023 of every model in ``MODELS`` (16 cutoffs, 1,000
  draws) — target under 10 minutes; baseline in the same run: the four benchmarks alone;
* one forecast run as ``detente forecast`` does it (load panel, fit ``lgbm``, 1,000 draws,
  write Parquet with contributions) — target under 60 s; baseline: the same with
  ``conflictology``;
* the metrics (CRPS, IGN, MIS, coverage, Brier, AUC-PR) on dense arrays for 8,304 rows x 1,000
  draws (the size of the backtest) against a naive baseline that loops over rows in Python
  and computes CRPS by its definition on sorted draws and the interval from sorted draws —
  reported as a ratio (speed-up).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bench.common import time_it, write_results
from detente.analytics import import_snapshot, load_panel
from detente.settings import REPO_ROOT, Settings
from detente.warning import BENCHMARKS, MODELS
from detente.warning.backtest import backtest
from detente.warning.forecast import run_forecast
from detente.warning.metrics import score, summarise

ROWS = 8_304
DRAWS = 1_000
LOOP_ROWS = 800
"""Rows the naive loop scores (scaled up to ROWS: the loop is linear in rows)."""


def _quantile(ordered: list[float], q: float) -> float:
    """Linear interpolation between sorted draws (numpy's default method)."""
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (position - low) * (ordered[high] - ordered[low])


def _naive(y: np.ndarray, draws: np.ndarray) -> tuple[float, float, float]:
    """CRPS, MIS and coverage one row at a time in plain Python over sorted draws."""
    total_crps = total_mis = covered = 0.0
    for value, row in zip(y.tolist(), draws.tolist(), strict=True):
        ordered = sorted(row)
        m = len(ordered)
        # CRPS of the empirical distribution: E|X - y| - E|X - X'| / 2 via sorted draws
        spread = sum((2 * (i + 1) - m - 1) * x for i, x in enumerate(ordered)) / (m * m)
        error = sum(abs(x - value) for x in ordered) / m
        total_crps += error - spread
        lower, upper = (_quantile(ordered, q) for q in (0.05, 0.95))
        penalty = 20 * max(lower - value, 0.0) + 20 * max(value - upper, 0.0)
        total_mis += upper - lower + penalty
        covered += lower <= value <= upper
    n = len(y)
    return total_crps / n, total_mis / n, covered / n


def main(results_dir: Path) -> None:
    """Measure and write ``warning_backtest.json`` / ``.md``."""
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), snapshot_dir=REPO_ROOT / "data")
        import_snapshot(settings)
        panel = load_panel(settings, unit="cy")

        started = time.perf_counter()
        backtest(panel, "cy", 2010, 2023, BENCHMARKS)
        benchmarks_seconds = time.perf_counter() - started
        started = time.perf_counter()
        full = backtest(panel, "cy", 2010, 2023, list(MODELS))
        full_seconds = time.perf_counter() - started

        ours = time_it("forecast lgbm", lambda: run_forecast(settings, "cy", "2023", "lgbm"), 2)
        base = time_it(
            "forecast conflictology",
            lambda: run_forecast(settings, "cy", "2023", "conflictology"),
            2,
        )

    rng = np.random.default_rng(0)
    y = rng.negative_binomial(0.2, 0.002, size=ROWS).astype(float)
    draws = rng.negative_binomial(0.2, 0.002, size=(ROWS, DRAWS)).astype(float)
    dense = time_it("metrics, dense arrays", lambda: summarise(y, score(y, draws)), 3)
    loop = time_it("naive python loop", lambda: _naive(y[:LOOP_ROWS], draws[:LOOP_ROWS]), 1)
    loop_scaled = loop.median * ROWS / LOOP_ROWS
    speedup = loop_scaled / dense.median
    forecast_ratio = ours.median / base.median

    target = full.as_dict()["target"]
    payload: dict[str, Any] = {
        "backtest_all_models_seconds": full_seconds,
        "backtest_benchmarks_seconds": benchmarks_seconds,
        "models": list(MODELS),
        "forecast_lgbm": ours,
        "forecast_conflictology": base,
        "forecast_ratio": forecast_ratio,
        "metrics_dense": dense,
        "metrics_naive_seconds_scaled": loop_scaled,
        "metrics_speedup": speedup,
        "target_check": target,
    }
    markdown = "\n".join(
        [
            "# Forecasting speed (bench_warning_backtest)",
            "",
            "| subject | seconds | target | baseline (same run) | ratio |",
            "|---|---:|---|---:|---:|",
            f"| full backtest cy 2010–2023, {len(MODELS)} models, 16 cutoffs, 1,000 draws | "
            f"{full_seconds:.1f} | < 600 s: {'met' if full_seconds < 600 else 'NOT met'} | "
            f"benchmarks only {benchmarks_seconds:.1f} | {full_seconds / benchmarks_seconds:.1f} |",
            f"| one forecast run, lgbm (fit, 1,000 draws, Parquet) | {ours.median:.1f} | "
            f"< 60 s: {'met' if ours.median < 60 else 'NOT met'} | conflictology "
            f"{base.median:.2f} | {forecast_ratio:.1f} |",
            f"| metrics on {ROWS:,} x {DRAWS:,} dense draws | {dense.median:.2f} | dense-array "
            f"speed | naive Python loop {loop_scaled:.1f} (scaled from {LOOP_ROWS} rows) | "
            f"{speedup:.0f}x faster |",
            "",
            f"Target check of the backtest in this run: {target}",
            "",
        ]
    )
    write_results(results_dir, "warning_backtest", payload, markdown)
    print(markdown)


if __name__ == "__main__":
    main(Path(__file__).parent / "results")
