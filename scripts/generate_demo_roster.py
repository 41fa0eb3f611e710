"""Write the generated demo roster ``data/response/demo_roster.csv`` (seeded, reproducible).

    .venv/bin/python scripts/generate_demo_roster.py [--n 600] [--seed 2026]

Every row is an invented person (``generated=yes``, names ``Demo-0001 ...``); see
``detente.response.demo`` for the distributions.
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

from detente.countries import gwno_to_iso3
from detente.response.demo import generate_roster
from detente.response.officers import COLUMNS

OUT = Path(__file__).resolve().parents[1] / "data" / "response" / "demo_roster.csv"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS[:-1], lineterminator="\n")
        writer.writeheader()
        for r in generate_roster(args.n, args.seed):
            writer.writerow(
                {
                    "id": "",
                    "name": r.name,
                    "nationality": gwno_to_iso3(r.gwno) or r.gwno,
                    "languages": ";".join(r.languages),
                    "expertise": ";".join(r.expertise),
                    "seniority": r.seniority,
                    "availability": ";".join(f"{a}/{b}" for a, b in r.availability),
                    "generated": "yes",
                }
            )
    print(f"wrote {args.n} generated demo officers (seed {args.seed}) to {args.out}")


if __name__ == "__main__":
    main()
