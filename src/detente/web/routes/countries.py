"""Country pages (``/countries``, ``/countries/{code}``) and the countries API."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from detente.countries import ORGANISATIONS, country_profile, states_alive
from detente.web import sections
from detente.web.deps import render, render_section
from detente.web.i18n import N_, request_language
from detente.web.names import country_name, country_slug
from detente.web.sections import NavItem

router = APIRouter()
CODE = Path(..., min_length=1, max_length=60, description="ISO3, gwno or name of a state")


def nav_items() -> list[NavItem]:
    """The countries index link."""
    return [NavItem(N_("Countries"), "/countries", order=10)]


@router.get("/countries", include_in_schema=False)
def country_index(request: Request) -> HTMLResponse:
    """Every state independent this year, by UN region."""
    language = request_language(request)
    regions: dict[str, list[tuple[str, str]]] = {}
    for state in states_alive(dt.date.today().year):
        regions.setdefault(state.region or "—", []).append(
            (country_name(state, language), country_slug(state))
        )
    grouped = [(region, sorted(items)) for region, items in sorted(regions.items())]
    return render(request, "countries/index.html", regions=grouped)


@router.get("/countries/{code}", include_in_schema=False)
def country_page(request: Request, code: str = CODE) -> Response:
    """Reference facts, history and the domains' blocks for one state."""
    profile = country_profile(code)
    slug = country_slug(profile.state)
    if code != slug:
        return RedirectResponse(f"/countries/{slug}", status_code=307)
    language = request_language(request)
    blocks = [
        render_section(request, s) for s in sections.country_sections(request, profile.state.gwno)
    ]
    return render(
        request,
        "countries/country.html",
        profile=profile,
        organisations=ORGANISATIONS,
        name=country_name(profile.state, language),
        neighbours=[(country_name(s, language), country_slug(s)) for s in profile.neighbours or ()],
        blocks=blocks,
    )
