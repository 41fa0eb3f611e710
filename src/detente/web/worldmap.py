"""The home page's world map: world-atlas boundaries keyed to Gleditsch–Ward codes, coloured.

The boundaries are world-atlas' Natural Earth 1:50m TopoJSON (vendored, see
``static/VENDORED.md``), whose feature ids are ISO 3166-1 numeric codes. They are mapped to GW
codes through pycountry (numeric -> alpha-3) and :func:`detente.countries.iso3_to_gwno`; the
three features without a numeric code are matched by name (Kosovo is GW 347; Somaliland and
Northern Cyprus are not GW states and stay unlinked). The browser draws the map with d3-geo; the
colours, labels and links are decided here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pycountry

from detente.caching import single_flight_cache
from detente.countries import get_state, iso3_to_gwno
from detente.errors import UnknownCountryError
from detente.numbers import number

TOPOJSON = Path(__file__).parent / "static" / "vendor" / "world-atlas" / "countries-50m.json"
TOPOJSON_URL = "vendor/world-atlas/countries-50m.json"
BY_NAME = {"Kosovo": 347}
# ColorBrewer OrRd (colour-blind safe, sequential); the first colour is for zero.
PALETTE = ("#f6f3ea", "#fdd49e", "#fdbb84", "#fc8d59", "#d7301f", "#7f0000")
NO_DATA = "#ffffff"


@dataclass(frozen=True)
class MapLayer:
    """Values to colour the map by, one per GW state.

    A domain can replace the default layer (state-based deaths) from its ``home_section`` by
    putting a ``MapLayer`` under the key ``"map_layer"`` of the section's context.

    ``breaks`` are the lower bounds of the classes after the first (values below
    ``breaks[0]`` get the first colour); ``labels`` has one more entry than ``breaks``.
    ``title`` and ``labels`` are English msgids (or number ranges already written in the
    page's language, which the catalogue leaves as they are); ``value_label`` formats one value
    for the tooltip (``%(value)s`` placeholder, translated).
    """

    title: str
    values: Mapping[int, float]
    breaks: Sequence[float]
    labels: Sequence[str]
    value_label: str
    source: str


@single_flight_cache(maxsize=1)
def feature_gwno() -> dict[str, int]:
    """world-atlas feature id (or name, for features without one) -> GW code of today."""
    topology = json.loads(TOPOJSON.read_text(encoding="utf-8"))
    mapping: dict[str, int] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry.get("properties", {}).get("name", "")
        feature_id = geometry.get("id")
        if feature_id is None:
            if name in BY_NAME:
                mapping[name] = BY_NAME[name]
            continue
        country = pycountry.countries.get(numeric=str(feature_id))
        if country is None:
            continue
        try:
            mapping[str(feature_id)] = iso3_to_gwno(country.alpha_3)
        except UnknownCountryError:
            continue  # territories (Greenland, Western Sahara, ...) are not GW states
    return mapping


def colour_for(value: float | None, breaks: Sequence[float]) -> str:
    """The palette colour of ``value`` given the class ``breaks``."""
    if value is None:
        return NO_DATA
    index = sum(1 for b in breaks if value >= b)
    return PALETTE[min(index, len(PALETTE) - 1)]


def map_payload(
    layer: MapLayer,
    *,
    name_of: Callable[[int], str],
    href_of: Callable[[int], str],
    translate: Callable[..., str],
    language: str = "en",
) -> dict[str, Any]:
    """The JSON the map script reads: per feature its colour, label and link, plus the legend."""
    features: dict[str, dict[str, str]] = {}
    for key, gwno in feature_gwno().items():
        value = layer.values.get(gwno)
        name = name_of(gwno)
        if value is None:
            label = translate("%(name)s: no data", name=name)
        else:
            label = f"{name}: " + translate(layer.value_label, value=number(value, language))
        features[key] = {
            "fill": colour_for(value, layer.breaks),
            "label": label,
            "href": href_of(gwno),
        }
    legend = [
        {"fill": PALETTE[i], "label": translate(text)} for i, text in enumerate(layer.labels)
    ] + [{"fill": NO_DATA, "label": translate("no data")}]
    return {
        "topology": TOPOJSON_URL,
        "features": features,
        "legend": legend,
        "title": translate(layer.title),
    }


def state_name(gwno: int) -> str:
    """Reference name of today's state with this code."""
    return get_state(gwno).name
