"""``/data``: the open-data page (every domain's downloads) and the sources of the snapshot."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from detente.web import provenance, sections
from detente.web.deps import get_settings, render
from detente.web.i18n import N_
from detente.web.sections import NavItem

router = APIRouter()


def nav_items() -> list[NavItem]:
    """The open-data link."""
    return [NavItem(N_("Open data"), "/data", order=90)]


@router.get("/data", include_in_schema=False)
def data_page(request: Request) -> HTMLResponse:
    """Downloads from every domain, then where the data comes from."""
    return render(
        request,
        "data/index.html",
        downloads=sections.downloads(request),
        all_sources=provenance.sources(get_settings(request).snapshot_dir),
    )
