"""Run the benchmarks: ``python -m bench`` (all) or ``python -m bench NAME ...`` (some).

Each ``bench/bench_<name>.py`` exposes ``main(results_dir: Path) -> None`` that measures its
subject and a baseline in the same run and writes ``bench/results/<name>.json`` and ``.md``.
"""

from __future__ import annotations

import importlib
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).parent
RESULTS_DIR = BENCH_DIR / "results"


def available() -> list[str]:
    """Names of every benchmark module, in a stable order."""
    return sorted(p.stem.removeprefix("bench_") for p in BENCH_DIR.glob("bench_*.py"))


def run(names: list[str]) -> None:
    """Run the named benchmarks (all when empty), each writing into ``bench/results``."""
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    for name in names or available():
        module = importlib.import_module(f"bench.bench_{name}")
        started = time.perf_counter()
        print(f"== bench {name}", flush=True)
        module.main(RESULTS_DIR)
        print(f"== bench {name} done in {time.perf_counter() - started:.1f} s", flush=True)


if __name__ == "__main__":
    run(sys.argv[1:])
