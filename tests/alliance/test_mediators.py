"""Third parties of PA-X agreements, matched on the real snapshot's agreements."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.alliance.mediators import (
    Mention,
    mediation_counts,
    parties_named,
    third_party_mentions,
)
from detente.errors import NotFoundError

SUDAN = 625
NAIVASHA = 337  # Comprehensive Peace Agreement, Sudan / SPLM-A, 9 January 2005
DOHA_LJM = 749  # Sudan / LJM adoption of the Doha Document for Peace in Darfur, 14 July 2011


def _named(mentions: tuple[Mention, ...], agreement: int) -> set[str]:
    return {m.party for m in mentions if m.agreement == agreement}


def test_states_and_organisations_are_matched_by_whole_names_longest_first() -> None:
    assert parties_named("Qatar, United Nations, USA") == {("694", 694), ("UN", None), ("2", 2)}
    # "Papua New Guinea" is not also "Guinea"; "Guinea-Bissau" is its own state
    assert parties_named("Papua New Guinea; Guinea-Bissau") == {("910", 910), ("404", 404)}
    # the OAU is not the AU, and "U.S." is the United States
    assert parties_named("Organization of African Unity; U.S.") == {("OAU", None), ("2", 2)}
    assert parties_named("Côte d’Ivoire") == {("437", 437)}
    assert parties_named("the facilitator, a former president") == set()


def test_a_nationality_adjective_names_a_state_only_before_a_role() -> None:
    assert parties_named("the Malaysian Facilitator") == {("820", 820)}
    assert parties_named("the Royal Norwegian Government, Swiss Ambassador") == {
        ("385", 385),
        ("225", 225),
    }
    assert parties_named("South Sudanese government") == {("626", 626)}  # not also Sudan
    assert parties_named("Chadian mediation; Libyan Arab Jamahiriya") == {
        ("483", 483),
        ("620", 620),
    }
    # an adjective without a role, or of a region, is not a state
    assert parties_named("Colombian Episcopal Conference") == set()
    assert parties_named("Central American Presidents") == set()
    assert parties_named("Economic Community of Central African States") == {("ECCAS", None)}


def test_the_malaysian_facilitator_of_the_mindanao_talks(analytics_path: Path) -> None:
    """Malaysia facilitated the Philippines-MILF talks; PA-X names it "the Malaysian
    Facilitator" (or "Government") in 30+ agreements, which now count for Malaysia."""
    mentions = third_party_mentions(analytics_path)
    in_mindanao = [m for m in mentions if m.party == "820" and m.locations[0] == 840]
    assert len(in_mindanao) >= 30


def test_northern_ireland_is_the_united_kingdom_not_ireland() -> None:
    named = parties_named("on behalf of the United Kingdom and Northern Ireland")
    assert named == {("200", 200)}
    assert ("205", 205) in parties_named("the Government of Ireland")


def test_naivasha_witnesses(analytics_path: Path) -> None:
    """The CPA was witnessed by Kenya and Uganda for IGAD, Egypt, Italy, the Netherlands,
    Norway, the UK, the US, the AU, the EU, the League of Arab States and the UN (PA-X
    ``ThrdPart``). Norway appears only as "the Royal Norwegian Government" (read through its
    nationality adjective). Sudan itself, named in "the Sudan", is a party, not a third party."""
    mentions = third_party_mentions(analytics_path)
    named = _named(mentions, NAIVASHA)
    assert {"501", "500", "651", "325", "210", "385", "200", "2"} <= named
    assert {"IGAD", "AU", "EU", "LAS", "UN"} <= named
    assert str(SUDAN) not in named
    assert "205" not in named  # "Northern Ireland" is not Ireland
    # located in Sudan (southern Sudan was part of it in 2005)
    assert {m.locations for m in mentions if m.agreement == NAIVASHA} == {(SUDAN, SUDAN)}
    assert {m.year for m in mentions if m.agreement == NAIVASHA} == {2005}


def test_doha_mediation_by_qatar_and_the_au_un(analytics_path: Path) -> None:
    named = _named(third_party_mentions(analytics_path), DOHA_LJM)
    assert named == {"694", "AU", "UN", "439"}  # Qatar, AU-UN, Burkina Faso's minister


def test_counts_only_earlier_agreements_in_the_places_asked(analytics_path: Path) -> None:
    mentions = third_party_mentions(analytics_path)
    before_doha = mediation_counts(mentions, {SUDAN}, 2011)
    through_doha = mediation_counts(mentions, {SUDAN}, 2012)
    assert before_doha["IGAD"] >= 1  # Naivasha and its protocols
    assert through_doha["694"] > before_doha["694"]  # Qatar's Darfur mediation
    expected = sum(
        1 for m in mentions if m.party == "694" and m.year < 2012 and SUDAN in m.locations
    )
    assert through_doha["694"] == expected
    assert mediation_counts(mentions, {SUDAN}, 1900) == {}
    assert mediation_counts(mentions, {-1}, 2100) == {}


def test_a_missing_store_is_not_found(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="detente init"):
        third_party_mentions(tmp_path / "analytics.duckdb")


def test_mentions_are_cached_until_the_store_changes(analytics_path: Path) -> None:
    assert third_party_mentions(analytics_path) is third_party_mentions(analytics_path)
