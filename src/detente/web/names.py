"""Country names in the page's language (Babel's CLDR territory names for French)."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import pycountry
from babel import Locale

from detente.countries import State
from detente.web.i18n import N_, translations


@lru_cache(maxsize=4096)
def _territory_name(iso3: str, language: str) -> str | None:
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return None
    name = Locale.parse(language).territories.get(country.alpha_2)
    return str(name) if name else None


STATE_NAMES_BEYOND_CLDR = (
    # states of the data's years (1989-) that CLDR does not name: dissolved ones and those
    # without an ISO code; translated in the catalogue like any other string
    N_("German Democratic Republic"),
    N_("Czechoslovakia"),
    N_("Yugoslavia"),
    N_("South Yemen"),
    N_("Abkhazia"),
    N_("South Ossetia"),
)


def country_name(state: State, language: str) -> str:
    """``state``'s name in ``language``: CLDR's territory name, else the catalogue's
    (:data:`STATE_NAMES_BEYOND_CLDR`), else the reference name (older states)."""
    if language == "en":
        return state.name
    found = _territory_name(state.iso3, language) if state.iso3 is not None else None
    return found or str(translations(language).gettext(state.name))


def name_sort_key(name: str) -> str:
    """A key that sorts names as a reader expects: accents, case and leading punctuation
    ignored (Géorgie before Grèce, "#cnetz" and "‘Vasile Goldiș’ University" under C and V)."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    start = next((i for i, c in enumerate(plain) if c.isalnum()), 0)
    return plain[start:]


def country_slug(state: State) -> str:
    """The path segment of a country page: ISO3 when the state has one, else its gwno."""
    return state.iso3 or str(state.gwno)


# UN M49 regions and subregions and the tracked organisations, as they appear in
# ``detente.countries``; listed here so the extractor finds them and pages can translate them.
PLACE_NAMES = (
    N_("Africa"),
    N_("Americas"),
    N_("Asia"),
    N_("Europe"),
    N_("Oceania"),
    N_("Australia and New Zealand"),
    N_("Caribbean"),
    N_("Central America"),
    N_("Central Asia"),
    N_("Eastern Africa"),
    N_("Eastern Asia"),
    N_("Eastern Europe"),
    N_("Melanesia"),
    N_("Micronesia"),
    N_("Middle Africa"),
    N_("Northern Africa"),
    N_("Northern America"),
    N_("Northern Europe"),
    N_("Polynesia"),
    N_("South America"),
    N_("South-eastern Asia"),
    N_("Southern Africa"),
    N_("Southern Asia"),
    N_("Southern Europe"),
    N_("Western Africa"),
    N_("Western Asia"),
    N_("Western Europe"),
)
ORGANISATION_NAMES = (
    N_("United Nations"),
    N_("Organisation of African Unity"),
    N_("African Union"),
    N_("Economic Community of West African States"),
    N_("Southern African Development Community"),
    N_("Intergovernmental Authority on Development"),
    N_("East African Community"),
    N_("Economic Community of Central African States"),
    N_("European Union (EEC/EC before 1993)"),
    N_("North Atlantic Treaty Organization"),
    N_("Organization for Security and Co-operation in Europe (CSCE before 1995)"),
    N_("Association of Southeast Asian Nations"),
    N_("Shanghai Cooperation Organisation"),
    N_("Collective Security Treaty Organization"),
    N_("Organization of American States"),
    N_("League of Arab States (Arab League)"),
    N_("Gulf Cooperation Council"),
)
