"""Memberships of regional organisations: the hand-written list, mapped to GW and checked.

``memberships_manual.csv`` names members by ISO3 (current or withdrawn code) with join and
leave dates as ``YYYY-MM-DD`` or, where the source gives only the year, ``YYYY`` (a start year
counts from 1 January, an end year to 31 December). Each row is split over the GW states the
code denoted during the membership (``SRB`` in the OSCE: 345 Yugoslavia to 2006-06-04, then 340
Serbia) and clipped to the state's independence (Guinea-Bissau joined the OAU in 1973, before
its GW start in 1974).

Cross-checks that fail the build: the REST Countries bloc lists of 2021-10-02 (AU, EU, Arab
League, ASEAN; non-sovereign territories such as Mayotte or Gibraltar filtered out through the
GW list) and country_converter's current EU flag must agree with our members on those dates.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from detente.countries.organisations import ORGANISATIONS

from ._countries_common import OPEN_END, end_text, parse_date, read_cc_table, read_hand

RESTCOUNTRIES_DAY = date(2021, 10, 2)  # commit date of the REST Countries snapshot
RESTCOUNTRIES_BLOCS = {"AU": "AU", "EU": "EU", "AL": "LAS", "ASEAN": "ASEAN"}
NON_GW_MEMBERS = {"ESH": "Sahrawi Republic (AU)", "PSE": "Palestine (Arab League)"}


def _bound(text: str, *, end: bool) -> tuple[date, str]:
    if len(text) == 4 and text.isdigit():
        return (date(int(text), 12, 31) if end else date(int(text), 1, 1)), "year"
    return parse_date(text), "day"


def build_memberships(
    shared: Path, states: list[dict[str, Any]], codes: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], str]:
    own: dict[str, list[tuple[date, date, int]]] = {}
    for c in codes:
        if c["kind"] == "own":
            own.setdefault(c["iso3"], []).append(
                (parse_date(c["start"]), parse_date(end_text(c["end"])), int(c["gwno"]))
            )
    rows: list[dict[str, Any]] = []
    for number, m in enumerate(read_hand("memberships_manual.csv", years_allowed=True), start=1):
        where = f"memberships_manual.csv, row {number}"
        if m["org"] not in ORGANISATIONS:
            raise SystemExit(f"{where}, field 'org': unknown organisation {m['org']!r}")
        start, start_precision = _bound(m["start"], end=False)
        end, end_precision = _bound(m["end"], end=True) if m["end"] else (OPEN_END, "day")
        if end < start:
            raise SystemExit(f"{where}: ends before it starts")
        spans = own.get(m["iso3"])
        if not spans:
            raise SystemExit(f"{where}, field 'iso3': {m['iso3']!r} denotes no GW state")
        matched = False
        for lo, hi, gwno in spans:
            first, last = max(lo, start), min(hi, end)
            if first > last:
                continue
            matched = True
            rows.append(
                {
                    "org": m["org"],
                    "gwno": gwno,
                    "iso3": m["iso3"],
                    "start": first.isoformat(),
                    "end": "" if last == OPEN_END else last.isoformat(),
                    "precision": "year" if "year" in (start_precision, end_precision) else "day",
                    "source": m["source"],
                }
            )
        if not matched:
            raise SystemExit(f"{where}: {m['iso3']} was no GW state during the membership")
    rows.sort(key=lambda r: (r["org"], r["gwno"], r["start"]))
    checks = _cross_check(shared, rows, codes)
    counts = ", ".join(
        f"{org} {sum(1 for r in rows if r['org'] == org and not r['end'])}" for org in ORGANISATIONS
    )
    note = (
        f"{len(rows)} membership periods; current members: {counts}. {checks} "
        "Suspensions are not modelled; non-GW members (Sahrawi Republic, Palestine) left out."
    )
    return rows, note


def _members_on(rows: list[dict[str, Any]], org: str, day: date) -> set[int]:
    return {
        r["gwno"]
        for r in rows
        if r["org"] == org and parse_date(r["start"]) <= day <= parse_date(end_text(r["end"]))
    }


def _cross_check(shared: Path, rows: list[dict[str, Any]], codes: list[dict[str, Any]]) -> str:
    current = {c["iso3"]: int(c["gwno"]) for c in codes if c["kind"] == "own" and not c["end"]}
    blocs = pd.read_csv(
        shared / "regional_blocs_restcountries" / "regional_bloc_membership.csv",
        dtype=str,
        keep_default_na=False,
    )
    problems = []
    for bloc, org in RESTCOUNTRIES_BLOCS.items():
        listed = {current[a] for a in blocs[blocs.bloc_acronym == bloc].alpha3 if a in current}
        ours = _members_on(rows, org, RESTCOUNTRIES_DAY)
        if listed != ours:
            problems.append(
                f"{org}: only REST Countries {sorted(listed - ours)}, "
                f"only ours {sorted(ours - listed)}"
            )
    cc = read_cc_table()
    cc_eu = {current[r.ISO3] for r in cc.itertuples() if r.EU == "EU" and r.ISO3 in current}
    ours_eu = _members_on(rows, "EU", date.today())
    if cc_eu != ours_eu:
        problems.append(f"EU vs country_converter: {sorted(cc_eu ^ ours_eu)}")
    if problems:
        raise SystemExit("membership cross-check failed: " + "; ".join(problems))
    return (
        "Agrees with REST Countries (2021-10-02) on AU, EU, Arab League and ASEAN members "
        "(territories filtered) and with country_converter's current EU list."
    )
