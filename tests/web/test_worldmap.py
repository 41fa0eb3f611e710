"""World-atlas boundaries map to Gleditsch–Ward codes; values get the right colour class."""

from __future__ import annotations

import pytest

from detente.web.worldmap import NO_DATA, PALETTE, MapLayer, colour_for, feature_gwno, map_payload


def test_boundaries_map_to_gw_codes() -> None:
    mapping = feature_gwno()
    assert mapping["250"] == 220  # France
    assert mapping["643"] == 365  # Russia
    assert mapping["729"] == 625  # Sudan
    assert mapping["728"] == 626  # South Sudan
    assert mapping["688"] == 340  # Serbia
    assert mapping["Kosovo"] == 347
    assert "304" not in mapping  # Greenland is not a state
    assert len(set(mapping.values())) == len(mapping)


@pytest.mark.parametrize(
    ("value", "colour"),
    [
        (None, NO_DATA),
        (0, PALETTE[0]),
        (24, PALETTE[1]),
        (25, PALETTE[2]),
        (1000, PALETTE[4]),
        (250_000, PALETTE[5]),
    ],
)
def test_colour_classes(value: float | None, colour: str) -> None:
    assert colour_for(value, (1, 25, 100, 1000, 10000)) == colour


def test_payload_labels_values_and_links() -> None:
    layer = MapLayer(
        title="T",
        values={625: 5353.0},
        breaks=(1, 25, 100, 1000, 10000),
        labels=("none", "a", "b", "c", "d", "e"),
        value_label="%(value)s deaths",
        source="S",
    )
    payload = map_payload(
        layer,
        name_of=lambda g: {625: "Sudan"}.get(g, str(g)),
        href_of=lambda g: f"/countries/{g}",
        translate=lambda m, **kw: m % kw if kw else m,
    )
    assert payload["features"]["729"] == {
        "fill": PALETTE[4],
        "label": "Sudan: 5,353 deaths",
        "href": "/countries/625",
    }
    assert payload["features"]["250"]["fill"] == NO_DATA
    assert payload["legend"][-1] == {"fill": NO_DATA, "label": "no data"}
