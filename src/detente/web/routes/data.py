"""``/data``: open-data downloads (every domain's, the panel's here) and the data status API."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel

from detente.web import panel, provenance, sections
from detente.web.deps import get_settings, render
from detente.web.i18n import N_, request_language
from detente.web.sections import Download, NavItem

router = APIRouter()
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}


def nav_items() -> list[NavItem]:
    """The open-data link."""
    return [NavItem(N_("Open data"), "/data", order=90)]


def downloads() -> list[Download]:
    """The country-year panel in both formats."""
    description = N_(
        "One row per independent state and year since 1989: deaths by type of violence "
        "(UCDP), armed conflicts (UCDP/PRIO) and peace agreements (PA-X)."
    )
    return [
        Download(N_("Country-year panel"), description, "/data/panel-cy.csv", "CSV"),
        Download(N_("Country-year panel"), description, "/data/panel-cy.parquet", "Parquet"),
    ]


@router.get("/data", include_in_schema=False)
def data_page(request: Request) -> HTMLResponse:
    """Downloads from every domain, then where the data comes from."""
    return render(
        request,
        "data/index.html",
        downloads=sections.downloads(request),
        all_sources=provenance.in_language(
            provenance.sources(get_settings(request).snapshot_dir), request_language(request)
        ),
    )


@router.get("/data/panel-cy.{kind}", include_in_schema=False)
def panel_download(request: Request, kind: str) -> Response:
    """The whole country-year panel as CSV or Parquet."""
    if kind not in MEDIA_TYPES:
        raise HTTPException(status_code=404, detail=f"no panel file of kind '{kind}'")
    body = panel.panel_file(get_settings(request), kind)
    if body is None:
        raise HTTPException(status_code=404, detail="no panel is loaded; run 'detente init'")
    return Response(
        body,
        media_type=MEDIA_TYPES[kind],
        headers={"Content-Disposition": f'attachment; filename="detente-panel-cy.{kind}"'},
    )


class SourceOut(BaseModel):
    """A dataset of the bundled snapshot."""

    title: str
    publisher: str
    release: str
    licence: str


class DataStatusOut(BaseModel):
    """What data the platform holds."""

    loaded: bool
    first_year: int | None
    last_year: int | None
    countries: int
    rows: int
    sources: list[SourceOut]


@router.get("/api/v1/data/status", response_model=DataStatusOut, tags=["data"])
def data_status(request: Request) -> DataStatusOut:
    """Coverage of the country-year panel and the releases it was built from."""
    settings = get_settings(request)
    covered = panel.coverage(settings)
    return DataStatusOut(
        loaded=covered is not None,
        first_year=covered.first_year if covered else None,
        last_year=covered.last_year if covered else None,
        countries=covered.countries if covered else 0,
        rows=covered.rows if covered else 0,
        sources=[
            SourceOut(title=s.title, publisher=s.publisher, release=s.release, licence=s.licence)
            for s in provenance.sources(settings.snapshot_dir)
        ],
    )
