"""Helpers every benchmark shares: timing with repeats and writing results."""

from __future__ import annotations

import json
import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds of repeated runs of one callable."""

    label: str
    runs: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def best(self) -> float:
        return min(self.runs)


def time_it(label: str, function: Callable[[], Any], repeat: int = 3) -> Timing:
    """Run ``function`` ``repeat`` times and keep each wall-clock duration."""
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        runs.append(time.perf_counter() - started)
    return Timing(label, runs)


def write_results(results_dir: Path, name: str, payload: dict[str, Any], markdown: str) -> None:
    """Write ``<name>.json`` (with machine details) and ``<name>.md`` into ``results_dir``."""
    payload = {
        "benchmark": name,
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        **payload,
    }

    def default(value: Any) -> Any:
        if isinstance(value, Timing):
            return asdict(value) | {"median": value.median}
        return str(value)

    (results_dir / f"{name}.json").write_text(json.dumps(payload, indent=2, default=default))
    (results_dir / f"{name}.md").write_text(markdown)
