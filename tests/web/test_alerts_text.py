"""How criterion and rule inputs read on the pages (``detente.web.routes.alerts_text``)."""

from __future__ import annotations

import pytest

from detente.web.routes.alerts_text import input_text

DATE = '<span class="nowrap">{}</span>'
PAX_LINK = '<a href="https://www.peaceagreements.org/view/{}" rel="external">PA-X {}</a>'


def test_an_agreement_name_is_escaped_and_its_id_linked() -> None:
    shown = input_text([{"id": 1, "date": "2000-01-01", "name": "<b>Accord</b>"}])
    assert shown == [
        f"{DATE.format('2000-01-01')}: &lt;b&gt;Accord&lt;/b&gt; ({PAX_LINK.format(1, 1)})"
    ]
    french = input_text([{"id": 1, "date": "2000-01-01", "name": "Accord"}], "fr")
    assert french == [f"{DATE.format('2000-01-01')}\u00a0: Accord ({PAX_LINK.format(1, 1)})"]


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (True, "yes"),
        ([], "none"),
        (302296, "302,296"),
        (0.333, "0.33"),
        (["AU", "IGAD"], "AU, IGAD"),
        (
            [{"id": 7, "date": "2019-07-17", "name": "Accord"}],
            [f"{DATE.format('2019-07-17')}: Accord ({PAX_LINK.format(7, 7)})"],
        ),
        (
            [{"id": 319, "date": "1999-07-10", "name": "Lusaka", "orgs": ["OAU", "SADC"]}],
            [f"{DATE.format('1999-07-10')}: Lusaka ({PAX_LINK.format(319, 319)}) — OAU, SADC"],
        ),
        ({"a": 1}, "a: 1"),
    ],
)
def test_input_text(value: object, shown: object) -> None:
    assert input_text(value) == shown


@pytest.mark.parametrize(
    ("value", "key", "shown"),
    [
        (336.3, "forecast_mean", "336"),  # deaths are whole
        ([0.0, 437.0], "interval_90", "0–437"),  # not "0, 437", one number to a French eye
        ([1200.0, 14037.0], "interval_90", "1\u202f200–14\u202f037"),
        (0.5912, "p_over_25", "59\u00a0%"),
        (0.0444, "p_over", "4\u00a0%"),
        (  # UCDP ids, ungrouped, each a link to the conflict's page at UCDP
            [309, 11345],
            "acd_conflicts",
            '<a href="https://ucdp.uu.se/conflict/309" rel="external">309</a>, '
            '<a href="https://ucdp.uu.se/conflict/11345" rel="external">11345</a>',
        ),
        (
            [{"year": 2014, "org": "AU", "kind": "mission"}],
            "recorded_actions",
            ["année\u00a0: 2014, organisation\u00a0: AU, type\u00a0: mission"],
        ),
        (
            [{"track": "private", "mediator": "HD", "start": 2019, "end": None}],
            "initiatives",
            [
                "voie\u00a0: privée (voie 2), médiateur\u00a0: HD, depuis\u00a0: 2019,"
                " jusqu'à\u00a0: en cours"
            ],
        ),
        ("Western Asia", "subregion", "Asie de l'Ouest"),
        ("PA-X agreements 1990-2020", "pax_coverage", "accords PA-X 1990-2020"),
        # states named and linked, without their codes (which read as numbers of deaths)
        (
            [640, 645],
            "neighbours_in_conflict",
            '<a href="/countries/TUR">Turquie</a>, <a href="/countries/IRQ">Irak</a>',
        ),
        (
            [2, 365],
            "external_supporters",
            '<a href="/countries/USA">États-Unis</a>, <a href="/countries/RUS">Russie</a>',
        ),
        (483, "neighbour_parties", '<a href="/countries/TCD">Tchad</a>'),
    ],
)
def test_input_text_in_french(value: object, key: str, shown: object) -> None:
    assert input_text(value, "fr", key) == shown


@pytest.mark.parametrize(
    ("value", "key", "shown"),
    [
        # deaths whole, as the reason's sentence writes them ("forecast mean 944 ... 417")
        (943.6, "forecast_mean", "944"),
        (417.3, "at_least", "417"),
        (208.7, "recent_level", "209"),
        ([16.0, 2430.6], "interval_90", "16–2,431"),
        ({"2022": 209.0, "2023": 12.4}, "recent", "2022: 209, 2023: 12"),
        (30514, "neighbour_deaths", "30,514"),
        # chances as percentages, indices (scores, weights) with two decimals
        (0.6512, "p_escalation", "65%"),
        (0.333, "score", "0.33"),
        (1.5, "weighted_actions", "1.50"),
        (0.5, "threshold", "0.50"),  # a criterion rule's threshold is a score
    ],
)
def test_deaths_are_whole_chances_percent_and_indices_two_decimals(
    value: object, key: str, shown: str
) -> None:
    assert input_text(value, "en", key) == shown


def test_a_threshold_is_a_percentage_where_the_rule_scores_a_chance() -> None:
    assert input_text(0.3, "en", "threshold", chance=True) == "30%"
    assert input_text(0.1, "fr", "threshold", chance=True) == "10\u00a0%"
    assert input_text(25.0, "en", "deaths", chance=True) == "25"
