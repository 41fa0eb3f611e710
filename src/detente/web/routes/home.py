"""The home page: data coverage, the world map, and every domain's home block."""

from __future__ import annotations

import itertools
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from detente.countries import get_state
from detente.errors import UnknownCountryError
from detente.numbers import number
from detente.web import panel, provenance, sections
from detente.web.deps import get_settings, render, render_section
from detente.web.i18n import N_, gettext, request_language
from detente.web.names import country_name, country_slug
from detente.web.sections import NavItem
from detente.web.worldmap import MapLayer, map_payload

router = APIRouter(include_in_schema=False)
DEATH_BREAKS = (1, 25, 100, 1000, 10000)
TOP_COUNTRIES = 15


def death_labels(language: str) -> tuple[str, ...]:
    """The legend of the deaths map, ranges written as ``language`` does (``1 000–9 999``)."""
    ranges = (
        f"{number(low, language)}–{number(high - 1, language)}"
        for low, high in itertools.pairwise(DEATH_BREAKS)
    )
    return (N_("none"), *ranges, N_("10,000 or more"))


def nav_items() -> list[NavItem]:
    """The home link."""
    return [NavItem(N_("Home"), "/", order=0)]


def deaths_layer(request: Request) -> MapLayer:
    """State-based deaths in the panel's last year (the map until a forecast layer exists).

    Before any data is loaded the map still shows every state, uncoloured, linked to its page.
    """
    year, values = panel.latest_deaths(get_settings(request))
    if not values:
        return MapLayer(
            title=gettext(request, "Countries"),
            values={},
            breaks=DEATH_BREAKS,
            labels=death_labels(request_language(request)),
            value_label=N_("%(value)s deaths"),
            source=N_("No conflict data is loaded yet"),
        )
    return MapLayer(
        title=gettext(request, "State-based deaths in %(year)s", year=year),
        values=values,
        breaks=DEATH_BREAKS,
        labels=death_labels(request_language(request)),
        value_label=N_("%(value)s deaths"),
        source=N_("UCDP country-year dataset on organized violence"),
    )


def _map(request: Request, found: list[sections.Section]) -> dict[str, Any]:
    """The map payload: a domain's layer if a home section offers one, else deaths.

    Under the default layer the page lists the states with the highest values (the map's
    text for those who cannot see it); a section's layer comes with the section's own list
    (the forecast's: chance and expected deaths), so the same countries are not listed twice.
    """
    layers = [
        s.context["map_layer"] for s in found if isinstance(s.context.get("map_layer"), MapLayer)
    ]
    layer = layers[0] if layers else deaths_layer(request)
    language = request_language(request)

    def name_of(gwno: int) -> str:
        try:
            return country_name(get_state(gwno), language)
        except UnknownCountryError:
            return str(gwno)

    def href_of(gwno: int) -> str:
        try:
            return f"/countries/{country_slug(get_state(gwno))}"
        except UnknownCountryError:
            return f"/countries/{gwno}"

    payload = map_payload(
        layer,
        name_of=name_of,
        href_of=href_of,
        translate=lambda message, **kw: gettext(request, message, **kw),
        language=language,
    )
    ranked = sorted(layer.values.items(), key=lambda item: -item[1])
    payload["top"] = (
        []  # the section that gave the layer lists its countries, with more than the value
        if layers
        else [
            {"name": name_of(g), "href": href_of(g), "value": v}
            for g, v in ranked[:TOP_COUNTRIES]
            if v > 0
        ]
    )
    payload["source"] = layer.source
    return payload


@router.get("/")
def home(request: Request) -> HTMLResponse:
    """Data coverage, the map, then the domains' blocks."""
    found = sections.home_sections(request)
    settings = get_settings(request)
    return render(
        request,
        "home/index.html",
        coverage=panel.coverage(settings),
        sources=provenance.in_language(
            provenance.published_sources(settings.snapshot_dir), request_language(request)
        ),
        world_map=_map(request, found),
        blocks=[render_section(request, s) for s in found],
    )
