"""Official languages of a state, from the Unicode CLDR through Babel.

Why CLDR: it is the maintained, sourced table of which languages are official in which
territory (``babel.languages.get_official_languages``), keyed by ISO 3166 alpha-2. A GW state is
mapped to its territory's alpha-2 in ``states.csv`` (``language_territory``); dissolved or
code-less states use their successor's (USSR -> RU, Yugoslavia -> RS, GDR -> DE, Abkhazia ->
GE), which is an approximation for multilingual federations. The de jure list is used, and only
when it is empty the de facto one (United States -> en, Vatican City -> it): asking for de facto
languages everywhere would add e.g. Swiss German to Switzerland's de, fr, it.
"""

from __future__ import annotations

from functools import lru_cache

from babel.languages import get_official_languages

from detente.countries.loading import reference
from detente.countries.states import get_state


@lru_cache(maxsize=512)
def _territory_languages(alpha2: str) -> tuple[str, ...]:
    codes: list[str] = []
    tags = get_official_languages(alpha2) or get_official_languages(alpha2, de_facto=True)
    for tag in tags:
        language = str(tag).split("_")[0]  # "sr_Latn" -> "sr": script variants share a code
        if language not in codes:
            codes.append(language)
    return tuple(codes)


def official_languages(gwno: int) -> tuple[str, ...]:
    """ISO 639 codes (639-1 where one exists, else 639-3) of the official languages of ``gwno``.

    Ordered as CLDR lists them (most used first), without duplicates from script variants.

    Raises
    ------
    UnknownCountryError
        If ``gwno`` is not a known code.
    """
    get_state(gwno)
    return _territory_languages(reference().language_territory[gwno])
