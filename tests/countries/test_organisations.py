"""Memberships of regional organisations over time: known facts."""

from __future__ import annotations

from datetime import date

import pytest

from detente.countries import (
    ORGANISATIONS,
    P5,
    is_member,
    members,
    memberships,
    states_alive,
)
from detente.errors import NotFoundError, UnknownCountryError

SOUTH_SUDAN, SWEDEN, FINLAND, UK, MOROCCO = 626, 380, 375, 200, 600
MALI, BURKINA, NIGER = 432, 439, 436


def test_south_sudan_joins_au_and_igad_in_2011_and_eac_in_2016() -> None:
    assert {"AU", "IGAD"} <= memberships(SOUTH_SUDAN, 2012)
    assert "EAC" not in memberships(SOUTH_SUDAN, 2015)
    assert "EAC" in memberships(SOUTH_SUDAN, 2017)


def test_nato_enlargement_to_the_nordics() -> None:
    assert SWEDEN in members("NATO", 2024)
    assert SWEDEN not in members("NATO", 2020)
    assert not is_member(SWEDEN, "NATO", date(2024, 3, 6))
    assert is_member(SWEDEN, "NATO", date(2024, 3, 7))
    assert FINLAND in members("NATO", 2023)
    assert FINLAND not in members("NATO", 2022)
    assert len(members("NATO", date(2024, 6, 1))) == 32


def test_united_kingdom_leaves_the_eu_on_31_january_2020() -> None:
    assert is_member(UK, "EU", date(2020, 1, 31))
    assert not is_member(UK, "EU", date(2020, 2, 1))
    assert "EU" in memberships(UK, 2019)
    assert "EU" not in memberships(UK, 2021)
    assert len(members("EU", date(2021, 1, 1))) == 27


def test_morocco_leaves_the_oau_and_rejoins_the_au() -> None:
    assert MOROCCO in members("OAU", 1980)
    assert MOROCCO not in members("OAU", 1990)
    assert MOROCCO not in members("AU", 2010)
    assert MOROCCO in members("AU", date(2017, 1, 30))


def test_oau_becomes_the_au_in_2002() -> None:
    assert members("OAU", date(2002, 7, 10)) == frozenset()
    launch = date(2002, 7, 9)
    african = {s.gwno for s in states_alive(launch) if s.region == "Africa"}
    assert members("AU", launch) == african - {MOROCCO}  # 52; the 53rd was the Sahrawi Rep.


def test_sahel_states_leave_ecowas_in_january_2025() -> None:
    for gwno in (MALI, BURKINA, NIGER):
        assert gwno in members("ECOWAS", 2024)
        assert not is_member(gwno, "ECOWAS", date(2025, 1, 30))
    assert len(members("ECOWAS", date(2025, 6, 1))) == 12


def test_members_are_mapped_through_state_succession() -> None:
    assert 265 in members("OSCE", 1980)  # GDR
    assert 265 not in members("OSCE", 1991)
    assert 345 in members("OSCE", 2000)  # Yugoslavia
    assert 340 in members("OSCE", 2010)  # Serbia continues it
    assert 680 in members("LAS", 1980)  # South Yemen
    assert 260 in members("NATO", 1960)  # West Germany


def test_every_member_is_alive_when_it_is_a_member() -> None:
    for year in (1950, 1975, 1990, 2000, 2011, 2025):
        alive = {s.gwno for s in states_alive(year)}
        for org in ORGANISATIONS:
            assert members(org, year) <= alive, (org, year)


def test_current_member_counts() -> None:
    day = date(2025, 1, 1)
    counts = {org: len(members(org, day)) for org in ORGANISATIONS}
    assert counts["AU"] == 54  # 55 members minus the Sahrawi Republic (not a GW state)
    assert counts["OSCE"] == 57
    assert counts["GCC"] == 6
    assert counts["SCO"] == 10
    assert counts["IGAD"] == 8
    assert counts["LAS"] == 21  # 22 members minus Palestine


def test_p5() -> None:
    assert frozenset({2, 200, 220, 365, 710}) == P5


def test_arab_league_alias_and_unknown_organisation() -> None:
    assert 651 in members("Arab League", 2000)
    assert members("nato", 2000) == members("NATO", 2000)
    with pytest.raises(NotFoundError, match=r"unknown organisation 'WTO'; known: ASEAN, AU"):
        members("WTO", 2000)


def test_memberships_of_unknown_state_raises() -> None:
    with pytest.raises(UnknownCountryError):
        memberships(999, 2000)
