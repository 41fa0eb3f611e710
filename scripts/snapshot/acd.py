"""Snapshot step: the UCDP/PRIO Armed Conflict Dataset v25.1 (normalised CSV).

The copy in ``../shared`` was re-saved by a spreadsheet (``;``, ``d-m-yyyy`` dates, one record
split over two lines); its repaired, comma-separated, ISO-dated version is the format UCDP
publishes and is copied here byte for byte. 2024 rows are withheld (data stop at 2023).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ._common import copy_verbatim, entry, input_entry

SOURCE = "ucdp_prio_acd_v25_1/UcdpPrioConflict_v25_1_normalized.csv"
TARGET = "acd/UcdpPrioConflict_v25_1.csv"


def build(shared: Path, out: Path) -> list[dict[str, Any]]:
    """Copy the conflict-year file into ``out/acd/``; one provenance entry."""
    copy_verbatim(shared, SOURCE, out / TARGET)
    return [
        entry(
            file=TARGET,
            title="UCDP/PRIO Armed Conflict Dataset",
            publisher="Uppsala Conflict Data Program (UCDP) and Peace Research Institute Oslo",
            release="25.1 (rows of 2024 withheld: data stop at 2023)",
            licence="CC BY 4.0",
            citation=(
                "Gleditsch, N. P., Wallensteen, P., Eriksson, M., Sollenberg, M. & Strand, H. "
                "(2002), 'Armed Conflict 1946-2001: A New Dataset', Journal of Peace Research "
                "39(5); Davies et al. (2025), Journal of Peace Research 62(4)."
            ),
            inputs=[input_entry(shared, SOURCE)],
            notes=(
                "Comma-separated, UTF-8, ISO dates as UCDP publishes it (repaired from a "
                "spreadsheet re-save, see ../shared PROVENANCE); 2,690 conflict-years "
                "1946-2023 (the 61 rows of 2024 withheld)."
            ),
            import_kind="acd",
        )
    ]


if __name__ == "__main__":
    here = Path(__file__).resolve().parents[2]
    for item in build(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else here / "data"):
        print(item["file"])
