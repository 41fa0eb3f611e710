"""Gleditsch–Ward states over time, read from the bundled snapshot."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from detente.countries import (
    all_states,
    canonical_gwno,
    get_state,
    is_known_gwno,
    states_alive,
)
from detente.errors import UnknownCountryError


def alive(on: date | int) -> set[int]:
    return {s.gwno for s in states_alive(on)}


def test_south_sudan_exists_from_9_july_2011() -> None:
    assert 626 not in alive(date(2011, 7, 8))
    assert 626 in alive(date(2011, 7, 9))
    assert 626 in alive(2011)
    assert 626 not in alive(2010)
    assert 625 in alive(2010)
    assert 625 in alive(2012)


def test_yugoslavia_becomes_serbia_and_kosovo_follows() -> None:
    assert 345 in alive(2005)
    assert 340 not in alive(2005)
    assert 340 in alive(2007)
    assert 345 not in alive(2007)
    assert {340, 345, 341} <= alive(2006)
    assert 347 not in alive(2007)
    assert 347 in alive(2008)


def test_germany_yemen_czechoslovakia_and_soviet_union_changes() -> None:
    assert {260, 265} <= alive(1989)
    assert 265 not in alive(1991)
    assert 255 not in alive(1950)
    assert {678, 680} <= alive(1989)
    assert 680 not in alive(1991)
    assert 678 in alive(2023)
    assert 315 in alive(1992)
    assert 315 not in alive(1993)
    assert {316, 317} <= alive(1993)
    assert 365 in alive(1980)
    assert 369 not in alive(1990)
    assert 369 in alive(1992)


def test_states_alive_in_recent_years_cover_ucdp_universe() -> None:
    # GW has 197 states alive in 2023; UCDP adds Vatican City (327), so 198.
    states = states_alive(2023)
    assert len(states) == 198
    assert len({s.gwno for s in states}) == len(states)
    assert 327 in {s.gwno for s in states}


def test_multi_spell_state_returns_the_spell_alive_then() -> None:
    estonia_now = get_state(366)
    assert estonia_now.start == date(1991, 9, 6)
    assert estonia_now.end is None
    assert get_state(366, 1930).end == date(1940, 6, 1)
    assert get_state(327).name == "Vatican City"
    assert get_state(327, 1850).name == "Papal States"


def test_state_fields_for_a_current_and_a_dissolved_state() -> None:
    sudan = get_state(625)
    assert (sudan.iso3, sudan.region, sudan.subregion) == ("SDN", "Africa", "Northern Africa")
    gdr = get_state(265)
    assert gdr.iso3 == "DDR"
    assert gdr.end == date(1990, 10, 2)
    assert gdr.region == "Europe"
    assert get_state(396).iso3 is None
    assert get_state(396).microstate


def test_get_state_of_unknown_code_or_dead_state_names_the_value() -> None:
    with pytest.raises(UnknownCountryError, match="gwno 999"):
        get_state(999)
    with pytest.raises(UnknownCountryError, match=r"gwno 626 \(South Sudan\).*2005"):
        get_state(626, 2005)


def test_is_known_gwno_covers_every_code_ucdp_uses() -> None:
    assert is_known_gwno(345)
    assert is_known_gwno(327)
    assert is_known_gwno(751)
    assert not is_known_gwno(679)  # COW's unified Yemen; GW continues 678


def test_canonical_gwno_maps_codes_sources_use_out_of_validity() -> None:
    assert canonical_gwno(345, 2010) == 340  # UCDP's "Serbia (Yugoslavia)"
    assert canonical_gwno(345, 2006) == 345  # still alive until 2006-06-04
    assert canonical_gwno(626, 2004) == 625  # PA-X: South Sudan before independence
    assert canonical_gwno(347, 1999) == 345  # Kosovo inside Yugoslavia
    assert canonical_gwno(344, 1991) == 345  # Croatia before GW's 1992-04-27
    assert canonical_gwno(2, 2020) == 2
    with pytest.raises(UnknownCountryError, match="no state is recorded"):
        canonical_gwno(265, 2000)


def test_spells_never_overlap_for_one_code() -> None:
    spells: dict[int, list[tuple[date, date]]] = {}
    for state in all_states():
        spells.setdefault(state.gwno, []).append((state.start, state.end or date.max))
    for periods in spells.values():
        periods.sort()
        for (_, end), (start, _) in itertools.pairwise(periods):
            assert end < start
