"""Who already mediates: states and organisations named as third parties in PA-X agreements.

PA-X (Bell & Badanjak 2019) records for each peace agreement its third parties (``ThrdPart``:
mediators, guarantors, witnesses, observers) as free text ("Qatar, German Government, United
Nations, USA"). This module finds the states (by any English name or alias the country
reference knows) and the main organisations named there, so crisis-format suggestions can
favour those with mediation experience in the country or its region. Matching is by whole
words, longest name first ("Papua New Guinea" is not also "Guinea").
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from detente.analytics.store import read_connection, store_path
from detente.caching import single_flight_cache
from detente.countries import canonical_gwno, is_known_gwno
from detente.countries.loading import reference
from detente.countries.names import normalise_name
from detente.errors import NotFoundError
from detente.settings import Settings

ORGANISATION_NAMES = {
    "UN": ("united nations", "un", "secretary general of the united nations", "onu"),
    "EU": ("european union", "eu", "european commission"),
    "AU": ("african union", "au"),
    "OAU": ("organisation of african unity", "organization of african unity", "oau"),
    "OSCE": ("osce", "organization for security and co operation in europe",
             "organisation for security and co operation in europe", "csce"),
    "IGAD": ("igad", "intergovernmental authority on development"),
    "ECOWAS": ("ecowas", "economic community of west african states"),
    "SADC": ("sadc", "southern african development community"),
    "ECCAS": ("eccas", "economic community of central african states"),
    "EAC": ("east african community",),
    "OAS": ("oas", "organization of american states", "organisation of american states"),
    "LAS": ("arab league", "league of arab states"),
    "ASEAN": ("asean", "association of southeast asian nations"),
    "GCC": ("gulf cooperation council", "gcc"),
    "NATO": ("nato", "north atlantic treaty organization"),
}  # fmt: skip
"""Organisation acronym -> normalised names it goes by in PA-X third-party texts."""

EXTRA_STATE_NAMES = {
    "u s": 2,
    "united states of america": 2,
    "us government": 2,
    "soviet": 365,
    "northern ireland": 200,
}
"""Spellings the country reference does not hold but third-party texts use. "Northern
Ireland" is part of the United Kingdom: without it, "the United Kingdom and Northern Ireland"
also named Ireland (witness of the 2005 Comprehensive Peace Agreement for Sudan in PA-X)."""


@dataclass(frozen=True)
class Mention:
    """A third party named in an agreement located in ``locations`` in ``year``."""

    agreement: int
    year: int
    locations: tuple[int, ...]
    party: str
    gwno: int | None


@single_flight_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], dict[str, tuple[str, int | None]]]:
    lookup: dict[str, tuple[str, int | None]] = {}
    for name, gwno in reference().names.items():
        if len(name) >= 4 or name in {"uk", "usa", "drc"}:
            lookup[name] = (str(gwno), gwno)
    for name, gwno in EXTRA_STATE_NAMES.items():
        lookup[name] = (str(gwno), gwno)
    for acronym, names in ORGANISATION_NAMES.items():
        for name in names:
            lookup[name] = (acronym, None)
    ordered = sorted(lookup, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in ordered) + r")\b")
    return pattern, lookup


def parties_named(text: str) -> set[tuple[str, int | None]]:
    """States (``(str(gwno), gwno)``) and organisations (``(acronym, None)``) named in ``text``."""
    pattern, lookup = _patterns()
    return {lookup[m.group(1)] for m in pattern.finditer(normalise_name(text))}


def _codes(value: object) -> tuple[int, ...]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ()
    return tuple(int(v) for v in re.findall(r"\d+", str(value)))


@single_flight_cache(maxsize=2)
def _load(path: Path, _mtime: float) -> tuple[Mention, ...]:
    with read_connection(path) as con:
        rows = con.execute(
            "SELECT AgtId, year(Dat), ThrdPart, Loc1GWNO, Loc2GWNO FROM raw_pax "
            "WHERE ThrdPart IS NOT NULL"
        ).fetchall()
    mentions: list[Mention] = []
    for agreement, year, text, loc1, loc2 in rows:
        locations = tuple(
            canonical_gwno(code, int(year)) if is_known_gwno(code) else code
            for code in (*_codes(loc1), *_codes(loc2))
        )
        for party, gwno in sorted(parties_named(str(text)), key=lambda p: p[0]):
            if gwno is not None and gwno in locations:
                continue  # a party to its own conflict is not a third party
            mentions.append(Mention(int(agreement), int(year), locations, party, gwno))
    return tuple(mentions)


def third_party_mentions(target: Settings | Path | str) -> tuple[Mention, ...]:
    """Every third party named in the PA-X agreements of the analytics store (cached)."""
    path = store_path(target)
    if not path.is_file():
        raise NotFoundError(f"no analytics store at {path}; run `detente init`")
    return _load(path, path.stat().st_mtime)


def mediation_counts(
    mentions: tuple[Mention, ...], locations: set[int], before_year: int
) -> Counter[str]:
    """Agreements before ``before_year`` located in ``locations``, per third party named."""
    return Counter(
        m.party for m in mentions if m.year < before_year and locations.intersection(m.locations)
    )
