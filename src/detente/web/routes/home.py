"""The home page: what data is loaded, the world map, and every domain's home block."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from detente.web import sections
from detente.web.deps import render, render_section
from detente.web.i18n import N_
from detente.web.sections import NavItem

router = APIRouter(include_in_schema=False)


def nav_items() -> list[NavItem]:
    """The home link."""
    return [NavItem(N_("Home"), "/", order=0)]


@router.get("/")
def home(request: Request) -> HTMLResponse:
    """Data coverage, the map, then the domains' blocks."""
    blocks = [render_section(request, s) for s in sections.home_sections(request)]
    return render(request, "home/index.html", blocks=blocks)
