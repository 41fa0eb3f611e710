"""Country pages (``/countries``, ``/countries/{code}``) and the countries API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from detente.countries import ORGANISATIONS, country_profile, states_alive
from detente.web import panel, sections
from detente.web.deps import get_settings, render, render_section
from detente.web.i18n import N_, gettext, request_language
from detente.web.names import country_name, country_slug, name_sort_key
from detente.web.sections import NavItem

router = APIRouter()
CODE = Path(..., min_length=1, max_length=60, description="ISO3, gwno or name of a state")


def nav_items() -> list[NavItem]:
    """The countries index link."""
    return [NavItem(N_("Countries"), "/countries", order=10)]


# Okabe–Ito colours: distinguishable with the common colour-vision deficiencies.
SERIES = (
    ("state_based", N_("State-based"), "#D55E00"),
    ("non_state", N_("Non-state"), "#E69F00"),
    ("one_sided", N_("One-sided"), "#0072B2"),
)


def _chart(request: Request, history: tuple[panel.YearDeaths, ...]) -> dict[str, Any]:
    """What the history chart script reads: years and one series per type of violence."""
    return {
        "years": [row.year for row in history],
        "series": [
            {
                "label": gettext(request, label),
                "colour": colour,
                "values": [getattr(row, field) for row in history],
            }
            for field, label, colour in SERIES
        ],
        "yLabel": gettext(request, "Deaths (UCDP best estimate)"),
        "locale": request_language(request),
    }


@router.get("/countries", include_in_schema=False)
def country_index(request: Request) -> HTMLResponse:
    """Every state independent this year, by UN region."""
    language = request_language(request)
    regions: dict[str, list[tuple[str, str]]] = {}
    for state in states_alive(dt.date.today().year):
        regions.setdefault(state.region or "—", []).append(
            (country_name(state, language), country_slug(state))
        )
    grouped = [
        (region, sorted(items, key=lambda item: name_sort_key(item[0])))
        for region, items in sorted(regions.items())
    ]
    return render(request, "countries/index.html", regions=grouped)


@router.get("/countries/{code}", include_in_schema=False)
def country_page(request: Request, code: str = CODE) -> Response:
    """Reference facts, history and the domains' blocks for one state."""
    profile = country_profile(code)
    slug = country_slug(profile.state)
    if code != slug:
        # keep the query (?lang=fr, ?ahead=2): the reader asked for that view of the page
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"/countries/{slug}{query}", status_code=307)
    language = request_language(request)
    blocks = [
        render_section(request, s) for s in sections.country_sections(request, profile.state.gwno)
    ]
    history = panel.country_history(get_settings(request), profile.state.gwno)
    return render(
        request,
        "countries/country.html",
        history=history,
        chart=_chart(request, history) if history else None,
        profile=profile,
        organisations=ORGANISATIONS,
        name=country_name(profile.state, language),
        neighbours=[(country_name(s, language), country_slug(s)) for s in profile.neighbours or ()],
        blocks=blocks,
    )
