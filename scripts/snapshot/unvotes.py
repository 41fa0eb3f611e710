"""Snapshot step: UN General Assembly roll-call votes (R package ``unvotes``, GitHub head).

The three Parquet tables (already zstd) are copied byte for byte from the ``dgrtwo/unvotes``
head (commit 7eb7034, 2021-03-08), which has one more roll call than CRAN 0.3.0 (to
2020-01-14). The analytics store imports them together (``import_kind`` on ``un_votes``).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from ._common import copy_verbatim, entry, input_entry

FOLDER = "un_votes/github_dgrtwo_head"
TABLES = {
    "un_votes": "votes: rcid, country, country_code (ISO2), vote (yes/no/abstain)",
    "un_roll_calls": "roll calls: rcid, session, importantvote, date, unres, amend, para, "
    "short, descr",
    "un_roll_call_issues": "issues of roll calls: rcid, short_name, issue",
}


def build(shared: Path, out: Path) -> list[dict[str, Any]]:
    """Copy the three tables into ``out/unvotes/``; one provenance entry each."""
    entries = []
    for name, what in TABLES.items():
        source = f"{FOLDER}/{name}.parquet"
        target = f"unvotes/{name}.parquet"
        copy_verbatim(shared, source, out / target)
        extra = {"import_kind": "unvotes"} if name == "un_votes" else {}
        entries.append(
            entry(
                file=target,
                title=f"United Nations General Assembly Voting Data ({name})",
                publisher="E. Voeten et al. (Harvard Dataverse); packaged by D. Robinson "
                "(R package unvotes)",
                release="unvotes GitHub head 7eb7034 (2021-03-08), sessions 1-74, to 2020-01-14",
                licence="MIT (unvotes package); underlying data CC0 (Harvard Dataverse)",
                citation=(
                    "Voeten, E., Strezhnev, A. & Bailey, M. (2009), 'United Nations General "
                    "Assembly Voting Data', Harvard Dataverse, hdl:1902.1/12379; Bailey, M., "
                    "Strezhnev, A. & Voeten, E. (2017), Journal of Conflict Resolution 61(2)."
                ),
                inputs=[input_entry(shared, source)],
                notes=f"Verbatim copy (zstd Parquet). {what}. Absences are not rows.",
                **extra,
            )
        )
    return entries


if __name__ == "__main__":
    here = Path(__file__).resolve().parents[2]
    for item in build(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else here / "data"):
        print(item["file"])
