"""Land borders between Gleditsch–Ward states over time, from ISO land borders of today.

Why derive rather than copy: the ISO border lists (mledoze/countries, GeoDataSource) describe
today's territories. A GW state is the holder of one or more territories over time
(``codes.csv``: its own code, plus hand-written holdings such as South Sudan inside Sudan until
2011-07-08 or Ukraine inside the Soviet Union until 1991-11-30). Two states are neighbours on a
day when territories they hold that day share a land border. So Sudan before 2011 borders Uganda
and Kenya (through today's South Sudan), the Soviet Union borders Poland, Romania and
Afghanistan, Yugoslavia borders Italy and Greece, and all of it stops when a state ends.

What the ISO lists cannot know is written in ``border_fixes.csv`` (states with no present-day
territory: the GDR, South Yemen, South Vietnam, Abkhazia, Tibet; and borders a present-day
territory did not have: West Germany-Poland). Dependencies (French Guiana, Gibraltar) and
territories no GW state holds (Western Sahara, Palestine) give no borders, as in COW direct
contiguity. Coverage starts 1946-01-01: colonial borders before that are not modelled.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from ._countries_common import COVERAGE_START, OPEN_END, end_text, parse_date, read_hand

Pair = tuple[int, int]
ONE_DAY = timedelta(days=1)


def read_iso_edges(shared: Path) -> set[frozenset[str]]:
    """mledoze's directed land-border pairs as undirected ISO3 pairs (``UNK`` -> ``XKX``)."""
    edges = pd.read_csv(
        shared / "country_borders" / "mledoze_land_borders_edges.csv",
        dtype=str,
        keep_default_na=False,
    )
    fix = {"UNK": "XKX"}  # mledoze writes Kosovo as UNK, ISO users (and we) as XKX
    return {frozenset((fix.get(a, a), fix.get(b, b))) for a, b in edges.itertuples(index=False)}


def compare_with_geodatasource(shared: Path, edges: set[frozenset[str]]) -> str:
    """A sentence on how GeoDataSource's independent list differs (a cross-check)."""
    folder = shared / "country_borders"
    core = pd.read_csv(folder / "mledoze_countries_core.csv", dtype=str, keep_default_na=False)
    alpha3 = {r.cca2: ("XKX" if r.cca3 == "UNK" else r.cca3) for r in core.itertuples()}
    geo = pd.read_csv(
        folder / "GEODATASOURCE-COUNTRY-BORDERS.CSV", dtype=str, keep_default_na=False
    )
    other = {
        frozenset((alpha3[r.country_code], alpha3[r.country_border_code]))
        for r in geo.itertuples()
        if r.country_border_code
    }

    def show(pairs: set[frozenset[str]]) -> str:
        return ", ".join(sorted("-".join(sorted(p)) for p in pairs)) or "none"

    return (
        f"Cross-check with GeoDataSource ({len(other)} pairs): only in mledoze: "
        f"{show(edges - other)}; only in GeoDataSource: {show(other - edges)} "
        "(GeoDataSource has no Kosovo, so its ALB-SRB is today's ALB-XKX)."
    )


def _holder_spans(codes: list[dict[str, Any]]) -> dict[str, list[tuple[date, date, int]]]:
    spans: dict[str, list[tuple[date, date, int]]] = defaultdict(list)
    for c in codes:
        spans[c["iso3"]].append(
            (parse_date(c["start"]), parse_date(end_text(c["end"])), int(c["gwno"]))
        )
    return spans


def _holder(spans: list[tuple[date, date, int]], day: date) -> int | None:
    for start, end, gwno in spans:
        if start <= day <= end:
            return gwno
    return None


def build_neighbours(
    shared: Path, states: list[dict[str, Any]], codes: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], str]:
    """Rows ``gwno_a < gwno_b, start, end, basis`` and a provenance note."""
    iso_edges = read_iso_edges(shared)
    holders = _holder_spans(codes)
    fixes = read_hand("border_fixes.csv")
    alive_spans: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for s in states:
        alive_spans[s["gwno"]].append((parse_date(s["start"]), parse_date(end_text(s["end"]))))
    for f in fixes:
        for key in ("gwno_a", "gwno_b"):
            if int(f[key]) not in alive_spans:
                raise SystemExit(f"border_fixes.csv: unknown {key} {f[key]}")
        if f["action"] not in {"add", "remove"}:
            raise SystemExit(f"border_fixes.csv: action must be add or remove, got {f}")

    breaks = {COVERAGE_START}
    for spans in list(holders.values()) + list(alive_spans.values()):
        for span in spans:
            breaks.update((span[0], span[1] + ONE_DAY) if span[1] < OPEN_END else (span[0],))
    for f in fixes:
        breaks.add(parse_date(f["start"]))
        if f["end"]:
            breaks.add(parse_date(f["end"]) + ONE_DAY)
    days = sorted(d for d in breaks if d >= COVERAGE_START)

    def alive(gwno: int, day: date) -> bool:
        return any(a <= day <= b for a, b in alive_spans[gwno])

    def pair(a: int, b: int) -> Pair:
        return (a, b) if a < b else (b, a)

    runs: dict[Pair, list[list[Any]]] = defaultdict(list)  # pair -> [[start, end, basis]]
    for index, day in enumerate(days):
        last = days[index + 1] - ONE_DAY if index + 1 < len(days) else OPEN_END
        current: dict[Pair, str] = {}
        for edge in iso_edges:
            x, y = sorted(edge)
            hx, hy = _holder(holders.get(x, []), day), _holder(holders.get(y, []), day)
            if hx is not None and hy is not None and hx != hy and alive(hx, day) and alive(hy, day):
                current[pair(hx, hy)] = "mledoze"
        for f in fixes:
            if parse_date(f["start"]) <= day <= parse_date(end_text(f["end"])):
                key = pair(int(f["gwno_a"]), int(f["gwno_b"]))
                if f["action"] == "remove":
                    current.pop(key, None)
                elif alive(key[0], day) and alive(key[1], day):
                    current[key] = "border_fixes.csv"
        for key, basis in current.items():
            history = runs[key]
            if history and history[-1][1] == day - ONE_DAY and history[-1][2] == basis:
                history[-1][1] = last
            else:
                history.append([day, last, basis])
    rows = [
        {
            "gwno_a": a,
            "gwno_b": b,
            "start": start.isoformat(),
            "end": "" if end == OPEN_END else end.isoformat(),
            "basis": basis,
        }
        for (a, b), history in sorted(runs.items())
        for start, end, basis in history
    ]
    current_pairs = sum(1 for r in rows if not r["end"])
    note = (
        f"{len(rows)} border periods between {len(runs)} state pairs ({current_pairs} today), "
        f"from {len(iso_edges)} mledoze ISO3 pairs (UNK read as XKX) and "
        f"{len(fixes)} hand fixes (border_fixes.csv); coverage from {COVERAGE_START}. "
        + compare_with_geodatasource(shared, iso_edges)
    )
    return rows, note
