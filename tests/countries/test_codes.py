"""GW <-> ISO3 <-> names, including the historical fixes."""

from __future__ import annotations

import pytest

from detente.countries import by_iso3, gwno_to_iso3, iso3_to_gwno, resolve
from detente.errors import UnknownCountryError


@pytest.mark.parametrize(
    ("iso3", "gwno"),
    [
        ("SRB", 340),
        ("XKX", 347),
        ("SSD", 626),
        ("SDN", 625),
        ("RUS", 365),
        ("SUN", 365),
        ("DEU", 260),
        ("DDR", 265),
        ("YEM", 678),  # country_converter says 680
        ("YMD", 680),
        ("VNM", 816),  # country_converter says 817
        ("CZE", 316),  # country_converter says 315
        ("CSK", 315),
        ("YUG", 345),
        ("ZAR", 490),
        ("cod", 490),
    ],
)
def test_iso3_to_gwno_today(iso3: str, gwno: int) -> None:
    assert iso3_to_gwno(iso3) == gwno


def test_iso3_to_gwno_on_a_date_follows_the_state_system() -> None:
    assert iso3_to_gwno("SRB", 2000) == 345
    assert iso3_to_gwno("SRB", 2006) == 340  # year of change: the later state
    assert iso3_to_gwno("DEU", 1930) == 255
    assert by_iso3("DEU", 1930).name == "Germany (Prussia)"


def test_iso3_of_a_territory_inside_another_state_names_the_holder() -> None:
    with pytest.raises(UnknownCountryError, match=r"'UKR'.*1980.*part of Russia \(365\)"):
        iso3_to_gwno("UKR", 1980)
    with pytest.raises(UnknownCountryError, match=r"'SSD'.*2005.*Sudan \(625\)"):
        iso3_to_gwno("SSD", 2005)


def test_gwno_to_iso3_uses_withdrawn_codes_and_none_when_no_code_exists() -> None:
    assert gwno_to_iso3(2) == "USA"
    assert gwno_to_iso3(345) == "YUG"
    assert gwno_to_iso3(265) == "DDR"
    assert gwno_to_iso3(397) is None


@pytest.mark.parametrize(
    ("text", "gwno"),
    [
        ("Côte d’Ivoire", 437),
        ("ivory coast", 437),
        ("Soviet Union", 365),
        ("Germany", 260),
        ("East Germany", 265),
        ("Burma", 775),
        ("Turkey", 640),
        ("Türkiye", 640),
        ("Persia", 630),
        ("The Gambia", 420),
        ("XK", 347),
        ("ss", 626),
        ("626", 626),
        ("Holy See", 327),
    ],
)
def test_resolve_codes_names_and_aliases(text: str, gwno: int) -> None:
    assert resolve(text).gwno == gwno


def test_resolve_an_int_is_a_gwno() -> None:
    assert resolve(2).name == "United States"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Frnace", r"'Frnace' is not a known country; hint: did you mean 'france'"),
        ("KOS", r"Gleditsch–Ward letter code of Kosovo; use its gwno 347 or ISO3 XKX"),
        ("999", r"'999' is not a Gleditsch–Ward state code"),
        ("", r"'' is not a known country"),
    ],
)
def test_resolve_of_unknown_input_names_the_value_with_a_hint(text: str, expected: str) -> None:
    with pytest.raises(UnknownCountryError, match=expected):
        resolve(text)


def test_iso3_to_gwno_of_unknown_code_raises() -> None:
    with pytest.raises(UnknownCountryError, match="'ZZZ' is not an ISO3 code"):
        iso3_to_gwno("ZZZ")
