"""Alert rules: quality over 2010-2023 against the naive threshold rule, and their speed.

Quality (the subject of issue 3's "Backtest the alert rules"): for each forecaster refitted at
every cutoff 2009-2022 on data up to it, the rule sets' precision, recall and lead time against
onsets and sharp escalations (``detente.warning.alert_backtest``), next to the naive rule
"last year's deaths >= X" (OCHA HDX Signals style) over the same events, reported as ratios.

The ``lgbm`` rules also run on 1995-2009, the period the ``surge`` threshold was chosen on
(``alert_rules.toml``), so the table it was chosen from is kept beside the one it is judged by.

Speed: evaluating every rule on one 1,000-draw country-year forecast against a baseline in the
same run: one pandas groupby mean over the same frame (the least work any forecast rule needs).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import time_it, write_results
from detente.analytics import import_snapshot, load_panel
from detente.settings import REPO_ROOT, Settings
from detente.warning.alert_backtest import backtest_alerts, model_factory
from detente.warning.alert_rules import evaluate_rules, load_rules
from detente.warning.criteria import criteria_frame

MODELS = ("analogues", "conflictology", "lgbm")
DRAWS = 200
TUNING = ("lgbm", 1995, 2009)
"""The run the ``surge`` threshold was chosen on: model, first and last event year."""


def main(results_dir: Path) -> None:
    """Run the backtest per model and the speed comparison; write alerts_backtest.{json,md}."""
    with tempfile.TemporaryDirectory(prefix="bench-alerts-") as folder:
        settings = Settings(data_dir=Path(folder), snapshot_dir=REPO_ROOT / "data")
        import_snapshot(settings)
        panel = load_panel(settings, "cy")
        config = load_rules()
        criteria = criteria_frame(settings)
        runs: dict[str, Any] = {}
        sections = ["# Alert rules backtest 2010-2023 (and 1995-2009 for lgbm) and speed", ""]
        plan = [(name, 2010, 2023) for name in MODELS] + [TUNING]
        for name, first, last in plan:
            started = time.perf_counter()
            result = backtest_alerts(
                panel,
                config,
                model=name,
                first_year=first,
                last_year=last,
                draws=DRAWS,
                criteria=criteria,
            )
            seconds = time.perf_counter() - started
            scores = {s.name: s for s in result.scores}
            rules, naive = scores["rules: all"], scores["naive: last year >= 25"]
            key = name if (first, last) == (2010, 2023) else f"{name}_{first}_{last}"
            runs[key] = {
                "seconds": round(seconds, 1),
                **result.as_dict(),
                "precision_ratio_vs_naive25": round(rules.precision / naive.precision, 3)
                if naive.precision
                else None,
                "recall_ratio_vs_naive25": round(rules.recall / naive.recall, 3)
                if naive.recall
                else None,
            }
            sections += [
                result.to_markdown().replace("# ", "## ", 1),
                f"Rules vs naive (>= 25): precision x{runs[key]['precision_ratio_vs_naive25']},"
                f" recall x{runs[key]['recall_ratio_vs_naive25']}; backtest took {seconds:.1f} s.",
                "",
            ]
        forecast = model_factory("lgbm")().fit(panel, "2022").sample(n=1000, seed=0)
        rules_time = time_it(
            "evaluate_rules", lambda: evaluate_rules(forecast, panel, config, criteria)
        )
        base_time = time_it(
            "groupby mean",
            lambda: forecast[forecast.horizon == 1].groupby("gwno").fatalities.mean(),
        )
        ratio = rules_time.median / base_time.median
        sections += [
            "## Speed",
            "",
            f"Every rule on one forecast ({len(forecast):,} rows, 1,000 draws): median"
            f" {rules_time.median * 1000:.0f} ms; baseline groupby mean over the same frame"
            f" {base_time.median * 1000:.1f} ms (ratio {ratio:.1f}).",
            "",
        ]
        write_results(
            results_dir,
            "alerts_backtest",
            {"runs": runs, "evaluate_rules": rules_time, "baseline": base_time, "ratio": ratio},
            "\n".join(sections),
        )
