"""Country names in French: CLDR's, the catalogue's for states CLDR lacks, sorted as read."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from detente.countries import get_state
from detente.web.names import country_name, name_sort_key


def test_states_beyond_cldr_are_named_in_french() -> None:
    assert country_name(get_state(396), "fr") == "Abkhazie"
    assert country_name(get_state(397), "fr") == "Ossétie du Sud"
    assert country_name(get_state(345), "fr") == "Yougoslavie"
    assert country_name(get_state(315), "fr") == "Tchécoslovaquie"
    assert country_name(get_state(396), "en") == "Abkhazia"
    assert country_name(get_state(245), "fr") == "Bavaria"  # before the data: reference name


def test_the_french_country_list_sorts_accented_names_with_their_letter(
    client: TestClient,
) -> None:
    page = client.get("/countries?lang=fr").text
    names = re.findall(r'<a href="/countries/\w+">([^<]+)</a>', page)
    assert "Abkhazie" in names
    assert "Ossétie du Sud" in names
    # Oceania: "Îles Marshall" among the I's, not after "Vanuatu"; Europe: "Espagne" < "Estonie"
    assert names.index("Îles Marshall") < names.index("Kiribati")
    assert names.index("Îles Salomon") < names.index("Vanuatu")
    assert names.index("Égypte") < names.index("Gabon")  # Africa
    europe = names[names.index("Albanie") :]
    assert europe.index("Espagne") < europe.index("Estonie")


def test_sort_key_ignores_accents_case_and_leading_punctuation() -> None:
    names = ["Zoho", "‘Vasile Goldiș’ Western University", "#cnetz", "économiesuisse", "ABB"]
    assert sorted(names, key=name_sort_key) == [
        "ABB",
        "#cnetz",
        "économiesuisse",
        "‘Vasile Goldiș’ Western University",
        "Zoho",
    ]
