"""``/api/v1/countries``: the country reference as JSON (same core functions as the pages)."""

from __future__ import annotations

import datetime as dt
import math

from fastapi import APIRouter, Path, Query, Request
from pydantic import BaseModel, Field

from detente.countries import State, country_profile, states_alive
from detente.web import panel
from detente.web.deps import IsoDate, get_settings
from detente.web.errors import NOT_FOUND

router = APIRouter(prefix="/api/v1", tags=["countries"])
CODE = Path(..., min_length=1, max_length=60, description="ISO3, gwno or name of a state")


class CountryOut(BaseModel):
    """One Gleditsch–Ward state (one spell of independence)."""

    gwno: int
    iso3: str | None
    name: str
    region: str
    subregion: str
    start: dt.date
    end: dt.date | None
    microstate: bool
    page: str


class CountryDetailOut(CountryOut):
    """A state with its neighbours and memberships on a date."""

    on: dt.date
    alive: bool
    neighbours: list[CountryOut] | None = Field(
        description="Land neighbours on that day: empty for an island and for a state not "
        "independent that day; null only for a state independent before 1946 (not covered)"
    )
    memberships: list[str]
    languages: list[str]
    permanent_member: bool


def _out(state: State) -> CountryOut:
    return CountryOut(
        gwno=state.gwno,
        iso3=state.iso3,
        name=state.name,
        region=state.region,
        subregion=state.subregion,
        start=state.start,
        end=state.end,
        microstate=state.microstate,
        page=f"/countries/{state.iso3 or state.gwno}",
    )


@router.get("/countries", response_model=list[CountryOut])
def list_countries(
    year: int | None = Query(None, ge=1816, le=2100, description="Default: this year"),
) -> list[CountryOut]:
    """Every state independent on some day of ``year``, ordered by gwno."""
    return [_out(s) for s in states_alive(year or dt.date.today().year)]


@router.get("/countries/{code}", response_model=CountryDetailOut, responses=NOT_FOUND)
def country_detail(
    code: str = CODE,
    on: IsoDate | None = Query(None, description="Default: today"),
) -> CountryDetailOut:
    """Reference facts of one state on a date (default: today)."""
    profile = country_profile(code, on)
    return CountryDetailOut(
        **_out(profile.state).model_dump(),
        on=profile.on if isinstance(profile.on, dt.date) else dt.date(profile.on, 1, 1),
        alive=profile.alive,
        neighbours=None if profile.neighbours is None else [_out(s) for s in profile.neighbours],
        memberships=list(profile.memberships),
        languages=list(profile.languages),
        permanent_member=profile.permanent_member,
    )


class PanelRowOut(BaseModel):
    """One country-year of the panel (columns of ``docs/data-contracts.md``)."""

    gwno: int
    year: int
    sb_best: float
    sb_low: float | None = None
    sb_high: float | None = None
    ns_best: float
    ns_low: float | None = None
    ns_high: float | None = None
    os_best: float
    os_low: float | None = None
    os_high: float | None = None
    acd_conflicts: int | None = None
    acd_intensity: int | None = None
    acd_interstate: int | None = None
    acd_internationalized: int | None = None
    acd_external_supporters: int | None = None
    pax_agreements: int | None = None
    pax_ceasefire: int | None = None
    pax_comprehensive: int | None = None


def _clean(row: dict[str, object]) -> dict[str, object]:
    """NaN (missing) becomes ``None``: JSON has no NaN."""
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}


@router.get("/countries/{code}/panel", response_model=list[PanelRowOut], responses=NOT_FOUND)
def country_panel(request: Request, code: str = CODE) -> list[PanelRowOut]:
    """The country-year panel rows of one state, oldest first (empty before data is loaded)."""
    state = country_profile(code).state
    rows = panel.country_rows(get_settings(request), state.gwno)
    return [PanelRowOut.model_validate(_clean(row)) for row in rows]
