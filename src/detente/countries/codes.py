"""GW <-> ISO3 <-> names, with the historical fixes written down.

Why fixes are needed: ISO 3166 names territories as they are now, GW names states as they were.
``codes.csv`` records which state each ISO3 code (current or withdrawn) denotes over time:
``SRB`` is 345 Yugoslavia until 2006-06-04 and 340 Serbia after; ``SUN``/``RUS`` are both 365;
``DEU`` is 255 until 1945 and 260 from 1949; ``YEM`` is 678 (country_converter wrongly gives 680),
``VNM`` is 816 (not 817), ``CZE`` is 316 (not 315); ``XKX`` is Kosovo 347. Rows of kind ``part``
record territories held inside a larger state (``SSD`` inside Sudan 625 until 2011) and are used
for borders and hints, never as the meaning of a code.
"""

from __future__ import annotations

import difflib
import re

from detente.countries.loading import Holding, reference
from detente.countries.model import OnDate, State, overlaps
from detente.countries.names import normalise_name
from detente.countries.states import get_state, is_known_gwno
from detente.errors import UnknownCountryError

_ISO3 = re.compile(r"^[A-Za-z]{3}$")
_ISO2 = re.compile(r"^[A-Za-z]{2}$")


def gwno_to_iso3(gwno: int) -> str | None:
    """ISO3 code of the latest spell of ``gwno`` (``None`` when the state has none)."""
    return get_state(gwno).iso3


def _own(iso3: str) -> tuple[Holding, ...]:
    return tuple(h for h in reference().holdings.get(iso3.upper(), ()) if h.own)


def iso3_to_gwno(iso3: str, on: OnDate | None = None) -> int:
    """The GW state an ISO3 code denotes.

    Parameters
    ----------
    iso3:
        A current or withdrawn ISO 3166 alpha-3 code (``SRB``, ``SUN``, ``YUG``, ``DDR``,
        ``XKX``), any case.
    on:
        A day or year. Without it, the state the code denotes now (or last did): ``DEU`` -> 260.
        With it, the state it denoted then (``SRB`` in 2000 -> 345; in a year of change, the
        later one: ``SRB`` in 2006 -> 340).

    Raises
    ------
    UnknownCountryError
        If the code is unknown or denoted no independent state then (``UKR`` in 1980; the
        message names the state that held the territory).
    """
    code = iso3.strip().upper()
    own = _own(code)
    if not own:
        raise UnknownCountryError(f"'{iso3}' is not an ISO3 code of a known state{_hint(iso3)}")
    if on is None:
        return max(own, key=lambda h: (h.end is None, h.end, h.start)).gwno
    matching = [h for h in own if overlaps(h.start, h.end, on)]
    if matching:
        return max(matching, key=lambda h: h.start).gwno
    held = [h for h in reference().holdings.get(code, ()) if overlaps(h.start, h.end, on)]
    where = f"; it was part of {get_state(held[0].gwno).name} ({held[0].gwno})" if held else ""
    raise UnknownCountryError(f"ISO3 '{code}' denoted no independent state in {on}{where}")


def by_iso3(iso3: str, on: OnDate | None = None) -> State:
    """The :class:`State` an ISO3 code denotes (see :func:`iso3_to_gwno` for ``on``)."""
    return get_state(iso3_to_gwno(iso3, on), on)


def _iso2_to_iso3(iso2: str) -> str | None:
    import pycountry

    if iso2.upper() == "XK":  # Kosovo: user-assigned, not in pycountry
        return "XKX"
    country = pycountry.countries.get(alpha_2=iso2.upper())
    return None if country is None else str(country.alpha_3)


def resolve(code_or_name: str | int) -> State:
    """The state meant by a GW code, an ISO3 or ISO2 code, or a name (any case or accents).

    Names include former names and common aliases ("Soviet Union", "Burma", "Ivory Coast").
    A name used by several states resolves to the most recent one ("Germany" -> 260).

    Raises
    ------
    UnknownCountryError
        Naming the value, with the closest known names as a hint.
    """
    if isinstance(code_or_name, int):
        return get_state(code_or_name)
    text = code_or_name.strip()
    if text.isdecimal():  # not isdigit: '²' is a digit int() refuses
        if is_known_gwno(int(text)):
            return get_state(int(text))
        raise UnknownCountryError(f"'{code_or_name}' is not a Gleditsch–Ward state code")
    if _ISO3.match(text) and _own(text):
        return get_state(iso3_to_gwno(text))
    if _ISO2.match(text):
        iso3 = _iso2_to_iso3(text)
        if iso3 is not None and _own(iso3):
            return get_state(iso3_to_gwno(iso3))
    gwno = reference().names.get(normalise_name(text))
    if gwno is not None:
        return get_state(gwno)
    raise UnknownCountryError(f"'{code_or_name}' is not a known country{_hint(text)}")


def _hint(text: str) -> str:
    letters = text.strip().upper()
    by_gwc = [s for spells in reference().spells.values() for s in spells if s.gwc == letters]
    if by_gwc:
        state = by_gwc[-1]
        return (
            f"; hint: '{letters}' is the Gleditsch–Ward letter code of {state.name}; "
            f"use its gwno {state.gwno}" + (f" or ISO3 {state.iso3}" if state.iso3 else "")
        )
    names = reference().names
    close = difflib.get_close_matches(normalise_name(text), names, n=3, cutoff=0.75)
    if not close:
        return ""
    described = [f"{name!r} ({get_state(names[name]).name}, {names[name]})" for name in close]
    return "; hint: did you mean " + " or ".join(described) + "?"
