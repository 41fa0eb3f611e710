"""Gleditsch–Ward independent states over time.

Why Gleditsch–Ward: it is the state list UCDP codes its data in (``gwno``), so every panel row,
forecast and alert keys on it. The list has state-system changes that ISO codes hide: Yugoslavia
345 became Serbia 340 on 2006-06-05 (and Kosovo 347 from 2008-02-17), Sudan 625 lost South Sudan
626 on 2011-07-09, the Soviet Union and Russia are both 365, Germany is 255 to 1945 then 260
(with the GDR 265 until 1990), unified Yemen continues North Yemen 678 (South Yemen 680 ended
1990-05-21). Two codes UCDP uses that the GW list lacks are added from UCDP itself: Vatican City
327 (from 1929) and Hyderabad 751 (1947-1948); see ``data/countries/state_additions.csv``.
"""

from __future__ import annotations

from detente.countries.loading import reference
from detente.countries.model import OnDate, State, overlaps, span
from detente.errors import NotFoundError, UnknownCountryError


def _spells(gwno: int) -> tuple[State, ...]:
    spells = reference().spells.get(gwno)
    if spells is None:
        raise UnknownCountryError(
            f"gwno {gwno} is not a Gleditsch–Ward state code; "
            "hint: `detente countries list --year YYYY` shows the codes in use"
        )
    return spells


def spells(gwno: int) -> tuple[State, ...]:
    """Every spell of ``gwno`` in date order (Estonia 366: 1918-1940 and from 1991).

    Raises
    ------
    UnknownCountryError
        If the code is unknown.
    """
    return _spells(gwno)


def get_state(gwno: int, on: OnDate | None = None) -> State:
    """The state with Gleditsch–Ward code ``gwno``.

    Parameters
    ----------
    gwno:
        Gleditsch–Ward code.
    on:
        A day or a year. Without it, the latest spell (Estonia 366 -> the spell from 1991);
        with it, the spell alive then (the latest if two touch the same year).

    Raises
    ------
    UnknownCountryError
        If the code is unknown, or the state was not independent on ``on``.
    """
    spells = _spells(gwno)
    if on is None:
        return spells[-1]
    alive = [s for s in spells if s.alive(on)]
    if not alive:
        periods = ", ".join(f"{s.start}–{s.end or ''}" for s in spells)
        raise UnknownCountryError(
            f"gwno {gwno} ({spells[-1].name}) was not an independent state in {on}; "
            f"its spells: {periods}"
        )
    return alive[-1]


def states_alive(on: OnDate, region: str | None = None) -> list[State]:
    """Every state independent on the day ``on`` (for a year: on any day of it), by gwno.

    Parameters
    ----------
    on:
        A day or a year.
    region:
        Keep only states whose UN M49 region or subregion is this (any case): "Africa",
        "Western Africa".

    Raises
    ------
    NotFoundError
        If ``region`` is neither a region nor a subregion of any state.
    """
    data = reference()
    wanted = region.strip().casefold() if region else None
    if wanted:
        known = {
            name
            for spells_ in data.spells.values()
            for st in spells_
            for name in (st.region, st.subregion)
        }
        if wanted not in {name.casefold() for name in known}:
            raise NotFoundError(f"unknown region '{region}'; known: {', '.join(sorted(known))}")
    first, last = span(on)
    found: dict[int, State] = {}
    for gwno in sorted(data.spells):
        for state in data.spells[gwno]:
            if state.start > last or (state.end is not None and state.end < first):
                continue
            if wanted and wanted not in {state.region.casefold(), state.subregion.casefold()}:
                continue
            found[gwno] = state  # two spells in one year (none today): keep the latest
    return list(found.values())


def all_states() -> list[State]:
    """Every spell of every state, ordered by gwno then start."""
    return [s for gwno in sorted(reference().spells) for s in reference().spells[gwno]]


def is_known_gwno(gwno: int) -> bool:
    """Whether ``gwno`` is a Gleditsch–Ward code (in any period) or one UCDP adds."""
    return gwno in reference().spells


def canonical_gwno(gwno: int, on: OnDate) -> int:
    """The GW state a source means by ``gwno`` on ``on``.

    Why: sources use codes outside the code's GW validity. UCDP keeps 345 "Serbia
    (Yugoslavia)" for Serbia after 2006 (GW: 340); PA-X places agreements in South Sudan (626)
    before 2011, in Kosovo (347) before 2008 and in Croatia (344) in 1991. This returns ``gwno``
    when that state was alive, else the state named in ``gwno_aliases.csv``, else the state that
    held the territory of ``gwno`` then (626 in 2005 -> 625 Sudan).

    Raises
    ------
    UnknownCountryError
        If no state matches.
    """
    data = reference()
    spells = _spells(gwno)
    if any(s.alive(on) for s in spells):
        return gwno
    for alias in data.aliases:
        if alias.gwno == gwno and overlaps(alias.start, alias.end, on):
            return alias.canonical
    codes = {s.iso3 for s in spells if s.iso3}
    holders = [
        h
        for code in codes
        for h in data.holdings.get(code, ())
        if h.gwno != gwno and overlaps(h.start, h.end, on)
    ]
    if holders:
        return max(holders, key=lambda h: h.start).gwno
    first, last = span(on)
    raise UnknownCountryError(
        f"gwno {gwno} ({spells[-1].name}) was not an independent state between {first} and "
        f"{last}, and no state is recorded as holding its territory then"
    )
