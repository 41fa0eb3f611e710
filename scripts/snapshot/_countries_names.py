"""Names and aliases of states for ``detente.countries.resolve``.

Sources, in order of trust: the display name and the Gleditsch–Ward name (split at brackets,
so "Iran (Persia)" gives "Iran" and "Persia"), pycountry's ISO 3166 names (current and withdrawn
codes), country_converter's short and official names, mledoze's common and official names, and
the hand-written ``name_aliases.csv``. A name claimed by several states goes to the one that
exists most recently ("Germany" -> 260, not 255 Prussia), so that resolving a modern name never
lands on a historical state.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from detente.countries.names import normalise_name

from ._countries_common import OPEN_END, cc_path, end_text, parse_date, read_cc_table, read_hand

_BRACKETS = re.compile(r"^(?P<main>[^()]+?)\s*\((?P<inner>[^()]+)\)$")


def _variants(name: str) -> list[str]:
    """A name plus its parts around brackets and slashes ("Tanzania/Tanganyika")."""
    out = [name]
    match = _BRACKETS.match(name)
    if match:
        out += [match["main"], match["inner"]]
    for piece in list(out):
        if "/" in piece:
            out += [p for p in piece.split("/") if len(p) > 3]
    return out


def build_names(
    shared: Path, states: list[dict[str, Any]], codes: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    import pycountry

    last_end: dict[int, Any] = {}
    for s in states:
        end = parse_date(end_text(s["end"]))
        last_end[s["gwno"]] = max(end, last_end.get(s["gwno"], end))
    iso_to_gwno: dict[str, int] = {}
    for c in codes:  # own codes; the latest state wins for codes used twice (DEU)
        if c["kind"] != "own":
            continue
        previous = iso_to_gwno.get(c["iso3"])
        if previous is None or last_end[c["gwno"]] >= last_end[previous]:
            iso_to_gwno[c["iso3"]] = c["gwno"]

    claims: list[tuple[str, int, str]] = []
    for s in states:
        for raw in (s["name"], s["gw_name"]):
            claims += [(v, s["gwno"], "gw") for v in _variants(raw) if raw]
    for iso3, gwno in iso_to_gwno.items():
        country = pycountry.countries.get(alpha_3=iso3) or pycountry.historic_countries.get(
            alpha_3=iso3
        )
        if country is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(country, attr, None)
                if value:
                    claims += [(v, gwno, "pycountry") for v in _variants(value)]
    cc = read_cc_table()
    for row in cc.itertuples():
        if row.ISO3 in iso_to_gwno:
            claims += [(row.name_short, iso_to_gwno[row.ISO3], "country_converter")]
            claims += [(row.name_official, iso_to_gwno[row.ISO3], "country_converter")]
    core = pd.read_csv(
        shared / "country_borders" / "mledoze_countries_core.csv",
        dtype=str,
        keep_default_na=False,
    )
    for row in core.itertuples():
        iso3 = "XKX" if row.cca3 == "UNK" else row.cca3
        if iso3 in iso_to_gwno:
            for value in (row.name_common, row.name_official):
                claims.append((value, iso_to_gwno[iso3], "mledoze"))
    for alias in read_hand("name_aliases.csv"):
        claims.append((alias["alias"], int(alias["gwno"]), "name_aliases.csv"))

    chosen: dict[str, tuple[int, str]] = {}
    for name, gwno, origin in claims:
        key = normalise_name(name)
        if not key:
            continue
        held = chosen.get(key)
        if held is None or last_end.get(gwno, OPEN_END) > last_end[held[0]]:
            chosen[key] = (gwno, origin)
    return [
        {"name": key, "gwno": gwno, "origin": origin}
        for key, (gwno, origin) in sorted(chosen.items())
    ]


def cc_note() -> str:
    import country_converter

    return (
        f"GW <-> ISO3 and UN subregions from country_converter {country_converter.__version__} "
        f"(country_data.tsv, {cc_path().stat().st_size} bytes)."
    )
