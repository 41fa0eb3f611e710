"""Snapshot step: Paris Call supporters (derived) and the alliance domain's hand-written tables.

``alliance/paris_call_supporters.csv`` is the official supporters list of pariscall.international
with the three non-ISO codes of the source fixed (``MTG`` Montenegro -> ``MNE``, ``ROM`` Romania
-> ``ROU``, ``SCG`` "Serbie" -> ``SRB``) and blank categories kept blank. The other files are
hand-written in the repository, each row citing its public source.
"""

from __future__ import annotations

import csv
import shutil
import sys
from pathlib import Path
from typing import Any

from ._common import input_entry

SOURCE = "paris_call_supporters/paris_call_supporters_all.csv"
TARGET = "alliance/paris_call_supporters.csv"
REPO_DATA = Path(__file__).resolve().parents[2] / "data"
HAND_FILES = {
    "initiatives.csv": "The six initiatives named on the Alliance for Multilateralism page",
    "count_reports.csv": "Endorser counts published for each initiative, with date and source",
    "membership.csv": "States named on the Alliance page as launching states or co-chairs",
    "historical_formats.csv": "Documented crisis negotiation formats (for checking suggestions)",
}
HAND_NOTES = {
    "initiatives.csv": " title_fr and summary_fr (written by hand for the French pages): the "
    "initiatives' French names, official where France Diplomacy publishes one, and summaries.",
}
"""What a hand-written file holds besides its English columns (appended to its notes)."""
ISO3_FIXES = {"MTG": "MNE", "ROM": "ROU", "SCG": "SRB"}
"""Codes of the source that are not ISO 3166-1 alpha-3 (checked by name: Monténégro, Roumanie,
Serbie)."""
COLUMNS = ("name", "category", "nature", "iso3", "date_signed", "source_file")


def build(shared: Path, out: Path) -> list[dict[str, Any]]:
    """Write ``out/alliance/``; one provenance entry per file."""
    target = out / "alliance"
    target.mkdir(parents=True, exist_ok=True)
    with (shared / SOURCE).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    kept = []
    for row in rows:
        code = row["nationality"].strip()
        kept.append(
            {
                "name": row["name"].strip(),
                "category": row["category"].strip(),
                "nature": row["nature"].strip(),
                "iso3": ISO3_FIXES.get(code, code),
                "date_signed": row["date_signed"].strip(),
                "source_file": row["file"].strip(),
            }
        )
    kept.sort(key=lambda r: (r["category"], r["name"], r["source_file"]))
    with (out / TARGET).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
    if target.resolve() != (REPO_DATA / "alliance").resolve():
        for name in HAND_FILES:
            shutil.copyfile(REPO_DATA / "alliance" / name, target / name)
    states = sum(1 for r in kept if r["category"] == "state")
    entries: list[dict[str, Any]] = [
        {
            "file": TARGET,
            "title": "Paris Call for Trust and Security in Cyberspace: supporters",
            "publisher": "Paris Call (French Ministry for Europe and Foreign Affairs), "
            "pariscall.international",
            "release": "website source ambanum/pariscall.international, commit "
            "916433b20a70ce587db86de70b108ce21a25c551 (2025-12-25)",
            "licence": "public information; website source under EUPL 1.2",
            "citation": "Paris Call for Trust and Security in Cyberspace, list of supporters, "
            "https://pariscall.international/",
            "inputs": [input_entry(shared, SOURCE)],
            "notes": f"{len(kept):,} supporters ({states} states); ISO3 fixed for "
            + ", ".join(f"{a}->{b}" for a, b in ISO3_FIXES.items())
            + "; date_signed is known for few rows (blank otherwise).",
        }
    ]
    for name, title in HAND_FILES.items():
        entries.append(
            {
                "file": f"alliance/{name}",
                "title": title,
                "publisher": "Détente (hand-written)",
                "release": "hand-written",
                "licence": "facts; public source cited on every row",
                "citation": "see the source column",
                "inputs": [],
                "notes": "Input of the alliance step, kept in git; every row cites its source."
                + HAND_NOTES.get(name, ""),
            }
        )
    return entries


if __name__ == "__main__":
    here = Path(__file__).resolve().parents[2]
    for item in build(Path(sys.argv[1]), Path(sys.argv[2]) if len(sys.argv) > 2 else here / "data"):
        print(item["file"])
