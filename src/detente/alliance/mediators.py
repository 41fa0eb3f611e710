"""Who already mediates: states and organisations named as third parties in PA-X agreements.

PA-X (Bell & Badanjak 2019) records for each peace agreement its third parties (``ThrdPart``:
mediators, guarantors, witnesses, observers) as free text ("Qatar, German Government, United
Nations, USA"). This module finds the states (by any English name or alias the country
reference knows, or by its nationality adjective before a word such as "Government" or
"Facilitator") and the main organisations named there, so crisis-format suggestions can
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
from detente.errors import StoreMissingError
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
    "libyan arab jamahiriya": 620,
}
"""Spellings the country reference does not hold but third-party texts use. "Northern
Ireland" is part of the United Kingdom: without it, "the United Kingdom and Northern Ireland"
also named Ireland (witness of the 2005 Comprehensive Peace Agreement for Sudan in PA-X)."""

STATE_ADJECTIVES = {
    "afghan": 700, "albanian": 339, "algerian": 615, "angolan": 540, "armenian": 371,
    "australian": 900, "austrian": 305, "azerbaijani": 373, "bangladeshi": 771,
    "belarusian": 370, "belgian": 211, "beninese": 434, "brazilian": 140, "british": 200,
    "bulgarian": 355, "burkinabe": 439, "burundian": 516, "cambodian": 811, "cameroonian": 471,
    "canadian": 20, "chadian": 483, "chilean": 155, "chinese": 710, "colombian": 100,
    "croatian": 344, "cuban": 40, "czech": 316, "danish": 390, "djiboutian": 522, "dutch": 210,
    "egyptian": 651, "eritrean": 531, "ethiopian": 530, "finnish": 375, "french": 220,
    "gabonese": 481, "gambian": 420, "georgian": 372, "german": 255, "ghanaian": 452,
    "greek": 350, "hungarian": 310, "indian": 750, "indonesian": 850, "iranian": 630,
    "iraqi": 645, "irish": 205, "israeli": 666, "italian": 325, "ivorian": 437, "japanese": 740,
    "jordanian": 663, "kazakh": 705, "kenyan": 501, "kuwaiti": 690, "kyrgyz": 703,
    "lebanese": 660, "liberian": 450, "libyan": 620, "malawian": 553, "malaysian": 820,
    "malian": 432, "mauritanian": 435, "mexican": 70, "moroccan": 600, "mozambican": 541,
    "namibian": 565, "nepalese": 790, "nigerian": 475, "nigerien": 436, "norwegian": 385,
    "omani": 698, "pakistani": 770, "philippine": 840, "polish": 290, "portuguese": 235,
    "qatari": 694, "romanian": 360, "russian": 365, "rwandan": 517, "saudi": 670,
    "senegalese": 433, "sierra leonean": 451, "slovak": 317, "slovenian": 349, "somali": 520,
    "south african": 560, "south sudanese": 626, "spanish": 230, "sri lankan": 780,
    "sudanese": 625, "swedish": 380, "swiss": 225, "syrian": 652, "tajik": 702,
    "tanzanian": 510, "thai": 800, "togolese": 461, "tunisian": 616, "turkish": 640,
    "ugandan": 500, "ukrainian": 369, "uzbek": 704, "venezuelan": 101, "vietnamese": 816,
    "yemeni": 679, "zambian": 551, "zimbabwean": 552,
}  # fmt: skip
"""Nationality adjectives (CIA World Factbook, "Nationality: adjective"), read only before a
word in :data:`STATE_ROLES`: PA-X names mediators as "the Royal Norwegian Government" or "the
Malaysian Facilitator" (29 agreements between the Philippines and the MILF). Left out where the
adjective names several states or a region: American, Congolese, Guinean, Korean, African.
Serbian/Yugoslav are left out too (the state changed code in 2006)."""

STATE_ROLES = (
    "government", "facilitator", "facilitators", "facilitation", "mediator", "mediators",
    "mediation", "ambassador", "embassy", "envoy", "special envoy", "minister", "ministry",
    "foreign minister", "foreign ministry", "delegation", "authorities",
)  # fmt: skip
"""Words after a nationality adjective that make it a state acting as a third party (not
"Colombian Episcopal Conference" or "Central African States")."""


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
    for adjective, gwno in STATE_ADJECTIVES.items():
        for role in STATE_ROLES:
            lookup[f"{adjective} {role}"] = (str(gwno), gwno)
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
        raise StoreMissingError("analytics store", path)
    return _load(path, path.stat().st_mtime)


def mediation_counts(
    mentions: tuple[Mention, ...], locations: set[int], before_year: int
) -> Counter[str]:
    """Agreements before ``before_year`` located in ``locations``, per third party named."""
    return Counter(
        m.party for m in mentions if m.year < before_year and locations.intersection(m.locations)
    )
