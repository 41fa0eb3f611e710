"""UN voting alignment: the full agreement/S-score matrix in NumPy against a pandas self-join.

Subject: :func:`detente.alliance.voting.alignment` over every state and every roll call of the
bundled UN General Assembly votes (1946-2019, about 200 states x 6,200 roll calls), from the
analytics store as ``detente init`` builds it. Target: under 2 s.

Baseline, in the same run: :func:`detente.alliance.voting.pandas_alignment` — the natural pandas
way, a self-merge of the long vote table on ``rcid`` then a groupby per pair. A self-join of all
870,000 votes would hold about 120 million pairs, so both methods are timed on the roll calls of
2015-2019 and the ratio (NumPy / pandas) is taken there; the full-matrix time is reported on
its own against the 2 s target. Both give the same scores (checked here and in the tests).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import numpy as np

from bench.common import time_it, write_results
from detente.alliance.voting import _load, alignment, load_votes, pandas_alignment
from detente.analytics import import_snapshot
from detente.analytics.store import read_connection
from detente.settings import REPO_ROOT, Settings

TARGET_SECONDS = 2.0
SUBSET = (2015, 2019)
REPEAT = 3


def main(results_dir: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(data_dir=Path(tmp), snapshot_dir=REPO_ROOT / "data")
        import_snapshot(settings)
        path = settings.analytics_path
        load = time_it("load votes from DuckDB", lambda: _load.__wrapped__(path, 0.0), REPEAT)
        data = load_votes(settings)
        cold = time_it(
            "load + full matrix", lambda: alignment(_load.__wrapped__(path, 0.0)), REPEAT
        )
        with read_connection(settings.analytics_path) as con:
            subset_votes = con.execute(
                "SELECT rcid, gwno, vote FROM raw_un_votes WHERE year BETWEEN ? AND ?", list(SUBSET)
            ).df()
    full = time_it("numpy: all states x all roll calls", lambda: alignment(data), 2 * REPEAT)
    numpy_subset = time_it(
        f"numpy: roll calls {SUBSET[0]}-{SUBSET[1]}", lambda: alignment(data, *SUBSET), 4 * REPEAT
    )
    pandas_subset = time_it(
        f"pandas self-join: roll calls {SUBSET[0]}-{SUBSET[1]}",
        lambda: pandas_alignment(subset_votes),
        REPEAT,
    )
    matrix = alignment(data, *SUBSET)
    frame = pandas_alignment(subset_votes)
    rows = np.searchsorted(matrix.gwnos, frame["a"].to_numpy())
    cols = np.searchsorted(matrix.gwnos, frame["b"].to_numpy())
    max_difference = float(np.nanmax(np.abs(matrix.agreement[rows, cols] - frame["agreement"])))
    ratio = numpy_subset.median / pandas_subset.median
    payload = {
        "states": int(data.codes.shape[0]),
        "roll_calls": int(data.codes.shape[1]),
        "subset_roll_calls": matrix.roll_calls,
        "subset_votes": len(subset_votes),
        "full_matrix": full,
        "numpy_subset": numpy_subset,
        "pandas_subset": pandas_subset,
        "ratio_numpy_over_pandas": ratio,
        "speed_up": 1 / ratio,
        "max_abs_difference": max_difference,
        "target_seconds": TARGET_SECONDS,
        "meets_target": full.median < TARGET_SECONDS,
        "load_seconds": load.median,
        "load_and_full_matrix": cold,
        "meets_target_with_load": cold.median < TARGET_SECONDS,
    }
    markdown = "\n".join(
        [
            "# UN voting alignment (agreement + S-score, every pair)",
            "",
            f"{data.codes.shape[0]} states x {data.codes.shape[1]:,} roll calls (1946-2019).",
            "",
            "| subject | median s |",
            "|---|---:|",
            f"| {full.label} | {full.median:.3f} |",
            f"| {numpy_subset.label} ({matrix.roll_calls} calls) | {numpy_subset.median:.4f} |",
            f"| {pandas_subset.label} (baseline) | {pandas_subset.median:.3f} |",
            f"| load votes from the DuckDB store (once per process) | {load.median:.3f} |",
            f"| {cold.label} (cold, from the store file) | {cold.median:.3f} |",
            "",
            f"Ratio NumPy / pandas on {SUBSET[0]}-{SUBSET[1]}: {ratio:.4f} "
            f"({1 / ratio:.0f}x faster); same scores (max |difference| {max_difference:.2e}). "
            f"Full matrix {'meets' if full.median < TARGET_SECONDS else 'misses'} the "
            f"{TARGET_SECONDS:.0f} s target "
            f"({'also' if cold.median < TARGET_SECONDS else 'but not'} with the load).",
            "",
        ]
    )
    write_results(results_dir, "alliance_alignment", payload, markdown)
    print(markdown)
