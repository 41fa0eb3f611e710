"""Snapshot step: the country reference in ``data/countries/``.

Run directly with ``.venv/bin/python -m scripts.snapshot.countries [SHARED] [OUT]`` or through
``scripts/build_snapshot.py``, which calls :func:`build`.

Inputs (``../shared/data``): the Gleditsch–Ward list (``gw_states/gwstates.csv``), the ISO land
borders (``country_borders/``), REST Countries' regional blocs (a cross-check only) and the data
file bundled with the ``country_converter`` package (GW <-> ISO3 mapping, UN geoscheme
subregion, EU accession years). Hand-written tables live next to the outputs in
``data/countries/`` and cite their public source on every row; this step validates them and
derives the generated files from them:

``states.csv``      one row per Gleditsch–Ward spell (+ the codes UCDP uses that GW lacks)
``codes.csv``       which GW state an ISO3 code (or territory) denotes on which dates
``names.csv``       normalised names and aliases -> gwno, for ``resolve()``
``neighbours.csv``  land borders between GW states with validity dates (from 1946)
``memberships.csv`` regional-organisation memberships with join and leave dates
"""

from __future__ import annotations

import csv
import hashlib
import itertools
import shutil
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from . import _countries_borders, _countries_names, _countries_orgs
from ._countries_common import (
    HAND_FILES,
    REPO_DATA,
    end_text,
    parse_date,
    read_cc_table,
    read_hand,
    write_csv,
)

M49_REGION = {
    "Eastern Africa": "Africa",
    "Middle Africa": "Africa",
    "Northern Africa": "Africa",
    "Southern Africa": "Africa",
    "Western Africa": "Africa",
    "Caribbean": "Americas",
    "Central America": "Americas",
    "South America": "Americas",
    "Northern America": "Americas",
    "Central Asia": "Asia",
    "Eastern Asia": "Asia",
    "South-eastern Asia": "Asia",
    "Southern Asia": "Asia",
    "Western Asia": "Asia",
    "Eastern Europe": "Europe",
    "Northern Europe": "Europe",
    "Southern Europe": "Europe",
    "Western Europe": "Europe",
    "Australia and New Zealand": "Oceania",
    "Melanesia": "Oceania",
    "Micronesia": "Oceania",
    "Polynesia": "Oceania",
}
"""UN M49 regions of the (intermediate) subregions that country_converter's ``UNregion`` uses."""

SUBREGION_FIXES = {"NRU": "Micronesia"}
"""country_converter puts Nauru in Polynesia; UN M49 (and mledoze) list it in Micronesia."""


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def build_states(shared: Path) -> list[dict[str, Any]]:
    """One row per GW spell with ISO3, display name, UN region and language territory."""
    gw = pd.read_csv(shared / "gw_states" / "gwstates.csv", dtype=str, keep_default_na=False)
    additions = read_hand("state_additions.csv")
    fixes = {int(r["gwno"]): r for r in read_hand("gw_iso3_fixes.csv")}
    cc = read_cc_table()
    cc_by_gw = {
        int(r.GWcode): r for r in cc.itertuples() if r.GWcode and int(r.GWcode) not in fixes
    }
    cc_by_iso3 = {r.ISO3: r for r in cc.itertuples()}
    import pycountry

    rows: list[dict[str, Any]] = []
    records = [
        {
            "gwno": int(r.gwcode),
            "gwc": r.gwc,
            "gw_name": r.country_name,
            "start": r.start,
            "end": "" if r.end.startswith("9999") else r.end,
            "microstate": r.microstate == "True",
            "source": "Gleditsch-Ward",
        }
        for r in gw.itertuples()
    ]
    for a in additions:
        records.append(
            {
                "gwno": int(a["gwno"]),
                "gwc": a["gwc"],
                "gw_name": "",
                "start": a["start"],
                "end": a["end"],
                "microstate": a["microstate"] == "True",
                "source": a["source"],
                "name": a["name"],
                "iso3": a["iso3"],
            }
        )
    for record in records:
        gwno = record["gwno"]
        fix = fixes.get(gwno)
        if "iso3" in record:  # a hand addition names its own code (or a fix's successor)
            iso3, name = record["iso3"], record["name"]
            successor = iso3 or (fix["successor_iso3"] if fix else "")
        elif fix is not None:
            iso3, name, successor = fix["iso3"], fix["name"], fix["successor_iso3"]
        elif gwno in cc_by_gw:
            entry = cc_by_gw[gwno]
            iso3, name, successor = entry.ISO3, entry.name_short, entry.ISO3
        else:
            raise SystemExit(f"gwno {gwno} has no ISO3 mapping: add it to gw_iso3_fixes.csv")
        territory = successor if successor in cc_by_iso3 else iso3
        subregion = SUBREGION_FIXES.get(territory) or cc_by_iso3[territory].UNregion
        alpha2 = "XK" if territory == "XKX" else pycountry.countries.get(alpha_3=territory).alpha_2
        rows.append(
            {
                "gwno": gwno,
                "gwc": record["gwc"],
                "iso3": iso3,
                "name": name,
                "gw_name": record["gw_name"],
                "start": record["start"],
                "end": record["end"],
                "microstate": record["microstate"],
                "region": M49_REGION[subregion],
                "subregion": subregion,
                "language_territory": alpha2,
                "source": record["source"],
            }
        )
    rows.sort(key=lambda r: (r["gwno"], r["start"]))
    _check_spells(rows)
    return rows


def _check_spells(rows: list[dict[str, Any]]) -> None:
    """Spells of one gwno never overlap; each ISO3 denotes one state at a time."""
    by_key: dict[Any, list[tuple[date, date]]] = {}
    for r in rows:
        span = (parse_date(r["start"]), parse_date(end_text(r["end"])))
        for key in (("gw", r["gwno"]), ("iso", r["iso3"])):
            if key[1] == "":
                continue
            for other in by_key.get(key, []):
                if span[0] <= other[1] and other[0] <= span[1]:
                    raise SystemExit(f"overlapping spells for {key}: {span} and {other}")
            by_key.setdefault(key, []).append(span)


def build_codes(states: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ISO3 -> gwno with dates: each spell's own code plus the hand-written holdings."""
    rows = [
        {
            "iso3": s["iso3"],
            "gwno": s["gwno"],
            "start": s["start"],
            "end": s["end"],
            "kind": "own",
            "source": "states.csv",
        }
        for s in states
        if s["iso3"]
    ]
    known = {s["gwno"] for s in states}
    for h in read_hand("iso3_holdings.csv"):
        if int(h["gwno"]) not in known:
            raise SystemExit(f"iso3_holdings.csv: unknown gwno {h['gwno']}")
        rows.append({**h, "gwno": int(h["gwno"])})
    rows.sort(key=lambda r: (r["iso3"], r["start"]))
    for a, b in itertools.pairwise(rows):
        if a["iso3"] == b["iso3"] and end_text(a["end"]) >= b["start"]:
            raise SystemExit(f"codes: {a['iso3']} held by {a['gwno']} and {b['gwno']} at once")
    return rows


def build_aliases(states: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """GW codes used by sources beyond the GW validity, checked against the state list."""
    rows = read_hand("gwno_aliases.csv")
    known = {s["gwno"] for s in states}
    for r in rows:
        if int(r["gwno"]) not in known or int(r["canonical_gwno"]) not in known:
            raise SystemExit(f"gwno_aliases.csv: unknown code in {r}")
    return rows


def check_ucdp_codes(shared: Path, states: list[dict[str, Any]], aliases: list[Any]) -> str:
    """Every (gwno, year) of the UCDP country-year file maps to a state alive that year."""
    cy = pd.read_csv(
        shared / "ucdp_organized_violence_cy_v25_1" / "organizedviolencecy_v25_1.csv",
        usecols=["country_id_cy", "year_cy"],
    ).drop_duplicates()
    spells: dict[int, list[tuple[int, int]]] = {}
    for s in states:
        span = (int(s["start"][:4]), parse_date(end_text(s["end"])).year)
        spells.setdefault(s["gwno"], []).append(span)
    alias_from = {int(a["gwno"]): int(a["start"][:4]) for a in aliases}
    unmatched = []
    for gwno, year in cy.itertuples(index=False):
        alive = any(lo <= year <= hi for lo, hi in spells.get(gwno, []))
        if not alive and not (gwno in alias_from and year >= alias_from[gwno]):
            unmatched.append((gwno, year))
    if unmatched:
        raise SystemExit(f"UCDP CY codes outside every GW spell: {sorted(set(unmatched))}")
    return f"all {len(cy)} UCDP CY v25.1 (gwno, year) pairs map to a state alive that year"


def build(shared: Path, out: Path) -> list[dict[str, Any]]:
    """Write ``out/countries/*.csv`` and return one provenance dict per file."""
    target = out / "countries"
    target.mkdir(parents=True, exist_ok=True)
    states = build_states(shared)
    codes = build_codes(states)
    aliases = build_aliases(states)
    ucdp_note = check_ucdp_codes(shared, states, aliases)
    names = _countries_names.build_names(shared, states, codes)
    neighbours, border_notes = _countries_borders.build_neighbours(shared, states, codes)
    memberships, org_notes = _countries_orgs.build_memberships(shared, states, codes)

    write_csv(target / "states.csv", states)
    write_csv(target / "codes.csv", codes)
    write_csv(target / "names.csv", names)
    write_csv(target / "neighbours.csv", neighbours)
    write_csv(target / "memberships.csv", memberships)
    if target.resolve() != REPO_DATA.resolve():
        for name in HAND_FILES:
            shutil.copyfile(REPO_DATA / name, target / name)

    def inp(*parts: str) -> dict[str, str]:
        return {"path": "/".join(parts), "sha256": sha256(shared.joinpath(*parts))}

    gw_input = inp("gw_states", "gwstates.csv")
    cy_input = inp("ucdp_organized_violence_cy_v25_1", "organizedviolencecy_v25_1.csv")
    cc_note = _countries_names.cc_note()
    gw_citation = (
        "Gleditsch, K. S. & Ward, M. D. (1999), 'Interstate System Membership: A Revised List "
        "of the Independent States since 1816', International Interactions 25."
    )
    entries: list[dict[str, Any]] = [
        {
            "file": "countries/states.csv",
            "title": "Gleditsch-Ward independent states with ISO3, names and UN regions",
            "publisher": "K. S. Gleditsch & M. D. Ward (list packaged by A. Beger, R 'states')",
            "release": "states 0.3.3 (commit b15448281b4b)",
            "licence": "MIT (R package); the list is freely published by K. S. Gleditsch",
            "citation": gw_citation,
            "inputs": [gw_input, cy_input],
            "notes": f"{len(states)} spells. {cc_note} Hand fixes: gw_iso3_fixes.csv, "
            f"state_additions.csv. {ucdp_note}.",
        },
        {
            "file": "countries/codes.csv",
            "title": "ISO 3166 codes and territories -> Gleditsch-Ward states over time",
            "publisher": "Détente (derived)",
            "release": "derived",
            "licence": "MIT / facts",
            "citation": gw_citation,
            "inputs": [gw_input],
            "notes": f"{len(codes)} rows; hand-written holdings in iso3_holdings.csv.",
        },
        {
            "file": "countries/names.csv",
            "title": "Country names and aliases -> Gleditsch-Ward code",
            "publisher": "Détente (derived from pycountry, country_converter, mledoze, GW)",
            "release": "derived",
            "licence": "ODbL 1.0 (mledoze names) / LGPL (pycountry) / GPL (country_converter)",
            "citation": "mledoze/countries; pycountry (ISO 3166); country_converter",
            "inputs": [gw_input, inp("country_borders", "mledoze_countries_core.csv")],
            "notes": f"{len(names)} aliases; ambiguous names go to the most recent state.",
        },
        {
            "file": "countries/neighbours.csv",
            "title": "Land borders between Gleditsch-Ward states over time (1946-)",
            "publisher": "Détente (derived from mledoze/countries land borders)",
            "release": "mledoze/countries commit 5e9f370050f8",
            "licence": "ODbL 1.0 (derived database of mledoze/countries)",
            "citation": "mledoze/countries (https://github.com/mledoze/countries), ODbL 1.0",
            "inputs": [
                inp("country_borders", "mledoze_land_borders_edges.csv"),
                inp("country_borders", "GEODATASOURCE-COUNTRY-BORDERS.CSV"),
                gw_input,
            ],
            "notes": border_notes,
        },
        {
            "file": "countries/memberships.csv",
            "title": "Memberships of regional organisations with join and leave dates",
            "publisher": "Détente (hand-written from the organisations' official member pages)",
            "release": "hand-written, checked against REST Countries 2021-10-02",
            "licence": "facts; sources cited per row",
            "citation": "see the source column (official member page or founding treaty)",
            "inputs": [inp("regional_blocs_restcountries", "regional_bloc_membership.csv")],
            "notes": org_notes,
        },
    ]
    for name in HAND_FILES:
        entries.append(
            {
                "file": f"countries/{name}",
                "title": f"Hand-written country reference table {name}",
                "publisher": "Détente (hand-written)",
                "release": "hand-written",
                "licence": "facts; public source cited on every row",
                "citation": "see the source / reason column",
                "inputs": [],
                "notes": "Input of the countries step, kept in git; every row cites its source.",
            }
        )
    return entries


def main(argv: list[str]) -> None:
    shared = Path(argv[1]) if len(argv) > 1 else REPO_DATA.parents[2] / "shared" / "data"
    out = Path(argv[2]) if len(argv) > 2 else REPO_DATA.parent
    for entry in build(shared, out):
        rows = sum(1 for _ in csv.reader((out / entry["file"]).open(encoding="utf-8"))) - 1
        print(f"{entry['file']}: {rows} rows")


if __name__ == "__main__":
    main(sys.argv)
