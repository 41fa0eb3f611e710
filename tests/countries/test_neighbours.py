"""Land neighbours over time: known facts of the state system."""

from __future__ import annotations

from datetime import date

import pytest

from detente.countries import are_neighbours, neighbours
from detente.errors import UnknownCountryError

SUDAN, SOUTH_SUDAN, UGANDA, KENYA, DRC = 625, 626, 500, 501, 490


def test_sudan_borders_uganda_and_kenya_until_south_sudan_secedes() -> None:
    assert {UGANDA, KENYA, DRC} <= neighbours(SUDAN, 2010)
    assert not {UGANDA, KENYA, DRC} & neighbours(SUDAN, 2012)
    assert neighbours(SUDAN, 2012) == {482, 483, 530, 531, 620, 626, 651}


def test_south_sudan_borders_from_independence() -> None:
    assert neighbours(SOUTH_SUDAN, 2012) == {SUDAN, UGANDA, KENYA, DRC, 530, 482}
    assert neighbours(SOUTH_SUDAN, date(2011, 7, 8)) == frozenset()
    assert are_neighbours(UGANDA, SOUTH_SUDAN, date(2011, 7, 9))
    assert not are_neighbours(UGANDA, SUDAN, date(2011, 7, 9))
    assert are_neighbours(UGANDA, SUDAN, date(2011, 7, 8))


def test_soviet_union_borders_through_its_republics() -> None:
    assert neighbours(365, 1980) == {290, 310, 315, 360, 375, 385, 630, 640, 700, 710, 712, 731}
    assert 700 not in neighbours(365, 2000)  # Afghanistan bordered Soviet Central Asia
    assert {369, 370, 372, 373, 705} <= neighbours(365, 2000)


def test_yugoslavia_serbia_kosovo_and_albania() -> None:
    assert {325, 305, 350} <= neighbours(345, 1980)  # Italy, Austria, Greece via Slovenia etc.
    assert 345 in neighbours(339, 2000)  # Albania-FRY through Kosovo
    assert neighbours(339, 2010) == {341, 343, 347, 350}
    assert 340 in neighbours(347, 2010)


def test_divided_germany_yemen_and_vietnam() -> None:
    assert 290 not in neighbours(260, 1980)
    assert 290 in neighbours(260, 2000)
    assert neighbours(265, 1980) == {260, 290, 315}
    assert neighbours(678, 1980) == {670, 680}
    assert neighbours(678, 2000) == {670, 698}
    assert neighbours(817, 1970) == {811, 812, 816}


def test_islands_and_microstates() -> None:
    assert neighbours(740, 2020) == frozenset()  # Japan
    assert neighbours(327, 2020) == {325}  # Vatican City - Italy
    assert neighbours(396, 2020) == {365, 372}  # Abkhazia (hand-written)


def test_no_land_border_between_india_and_sri_lanka() -> None:
    assert 780 not in neighbours(750, 2020)


def test_neighbour_relation_is_symmetric_every_decade() -> None:
    from detente.countries import states_alive

    for year in range(1950, 2030, 10):
        for state in states_alive(year):
            for other in neighbours(state.gwno, year):
                assert state.gwno in neighbours(other, year), (state.gwno, other, year)


def test_years_before_1946_are_not_covered() -> None:
    with pytest.raises(ValueError, match="covered from 1946-01-01"):
        neighbours(2, 1900)


def test_unknown_gwno_raises() -> None:
    with pytest.raises(UnknownCountryError, match="gwno 999"):
        neighbours(999, 2020)
