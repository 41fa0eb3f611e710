"""Snapshot step: the UCDP Country-Year Dataset on Organized Violence v25.1, as published.

Kept as the CSV UCDP publishes (byte for byte the ``../shared`` copy, whose 2024 rows are
withheld for out-of-sample evaluation, so it stops at 2023): it is both what
``detente data import`` reads from a UCDP download and what ``detente evaluate --actuals`` takes.
The analytics store imports it at ``detente init`` (``import_kind`` in the manifest).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ._common import copy_verbatim, entry, input_entry

SOURCE = "ucdp_organized_violence_cy_v25_1/organizedviolencecy_v25_1.csv"
TARGET = "ucdp/organizedviolencecy_v25_1.csv"


def build(shared: Path, out: Path) -> list[dict[str, Any]]:
    """Copy the country-year file into ``out/ucdp/``; one provenance entry."""
    copy_verbatim(shared, SOURCE, out / TARGET)
    return [
        entry(
            file=TARGET,
            title="UCDP Country-Year Dataset on Organized Violence within Country Borders",
            publisher="Uppsala Conflict Data Program (UCDP), Uppsala University",
            release="25.1 (rows of 2024 withheld: data stop at 2023)",
            licence="CC BY 4.0",
            citation=(
                "Davies, S., Pettersson, T., Sollenberg, M. & Öberg, M. (2025), 'Organized "
                "violence 1989-2024, and the challenges of identifying civilian victims', "
                "Journal of Peace Research 62(4)."
            ),
            inputs=[input_entry(shared, SOURCE)],
            notes=(
                "Verbatim copy of the CSV as published by UCDP (organizedviolencecy-251-csv.zip) "
                "minus the 2024 rows, withheld as an out-of-sample window: 6,740 of the 6,936 "
                "published rows, 1989-2023."
            ),
            import_kind="ucdp-cy",
        )
    ]


if __name__ == "__main__":
    here = Path(__file__).resolve().parents[2]
    for item in build(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else here / "data"):
        print(item["file"])
