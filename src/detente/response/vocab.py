"""The words officer records use: expertise tags, seniority levels, ISO 639 language codes.

Kept in one place so the CSV reader, the solver, the CLI and the pages agree on spelling.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.core import get_global

EXPERTISE: tuple[str, ...] = (
    "mediation",
    "ceasefire-monitoring",
    "ddr",
    "humanitarian-law",
    "elections",
    "gender",
    "climate-security",
    "cyber",
    "human-rights",
    "security-sector-reform",
    "rule-of-law",
    "political-analysis",
    "negotiation-support",
    "protection-of-civilians",
    "early-warning",
)
"""Expertise tags (DDR = disarmament, demobilisation and reintegration)."""

SENIORITY: dict[int, str] = {1: "junior", 2: "mid-career", 3: "senior", 4: "principal", 5: "chief"}
"""Seniority levels 1-5 (roughly UN P-2 .. D-1 and above)."""


@lru_cache(maxsize=1)
def language_codes() -> frozenset[str]:
    """ISO 639 codes CLDR knows: those with an English name and those spoken in a territory."""
    named = {str(code) for code in Locale("en").languages if "_" not in str(code)}
    spoken = {
        str(code).split("_")[0]
        for languages in get_global("territory_languages").values()
        for code in languages
    }
    return frozenset(named | spoken)


def language_name(code: str, locale: str = "en") -> str:
    """The language's name in ``locale`` (``ar`` -> ``Arabic``), the code if unknown."""
    name = Locale.parse(locale).languages.get(code)
    return str(name) if name else code


def normalise_language(value: str) -> str | None:
    """The lower-case ISO 639 code, or ``None`` if CLDR does not know it."""
    code = value.strip().lower()
    return code if code in language_codes() else None


def normalise_expertise(value: str) -> str | None:
    """The canonical tag (case, spaces and underscores forgiven), or ``None`` if unknown."""
    tag = "-".join(value.strip().lower().replace("_", " ").replace("-", " ").split())
    return tag if tag in EXPERTISE else None
