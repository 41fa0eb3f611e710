"""JSON API of the crisis management unit under ``/api/v1/response`` (coordinators only).

The same core functions as the pages and the CLI: :func:`detente.response.list_officers` and
``get_officer`` (roster), :func:`~detente.response.team_requirements` +
:func:`~detente.response.propose_team` (what ``detente team propose --json`` prints; read only,
nothing is booked), :func:`~detente.response.list_deployments` and ``get_deployment``.

Authentication is the web session cookie (sign in at ``/login``); every operation needs the
``coordinator`` role (admins pass) because the roster is about people, even though the bundled
one is generated demo data. No writes: requesting and approving teams stays on the pages, which
check the CSRF token. Answers: 401 without a session, 403 without the role, 422 for a bad query
value (FastAPI's error shape, also for values only the core can judge, such as an unknown
language code), 404 for an unknown id or country (as everywhere in the API: an analyst's
script treats "no such country" alike on every endpoint). Ids are bounded to the INTEGER range
so an out-of-range id is a 422, never a database error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Literal, NoReturn

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field

from detente.errors import DataValidationError
from detente.response import deployments as core
from detente.response.officers import OfficerView, get_officer, list_officers
from detente.response.teams import propose_team, team_requirements
from detente.response.vocab import EXPERTISE, normalise_expertise, normalise_language
from detente.store import Database
from detente.web import errors
from detente.web.deps import CurrentUser, IsoDate, get_database, get_settings, require_role
from detente.web.errors import ErrorOut

MAX_CODES = 20
"""At most this many required languages or expertise tags in a team request."""
Region = Literal["Africa", "Americas", "Asia", "Europe", "Oceania"]
Status = Literal["requested", "proposed", "approved", "deployed", "ended", "cancelled"]
FIRST_DAY = dt.date(1990, 1, 1)
LAST_DAY = dt.date(2100, 12, 31)
"""Deployment dates outside these bounds are refused (and keep date arithmetic in range)."""


ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorOut, "description": "Not signed in"},
    403: {"model": ErrorOut, "description": "Signed in without the coordinator role"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {**ERRORS, **errors.NOT_FOUND}
COORDINATOR = require_role("coordinator")
router = APIRouter(prefix="/api/v1/response", tags=["response"], responses=ERRORS)


@contextmanager
def _query_errors() -> Iterator[None]:
    """Bad query values found by the core answer 422 in FastAPI's documented error shape
    (an unknown country is left to the app's handler: 404, as on the other endpoints)."""
    try:
        yield
    except DataValidationError as error:
        _invalid(error.field or "query", error.problem, error)


def _invalid(field: str, problem: str, cause: Exception | None = None) -> NoReturn:
    detail = [{"loc": ("query", field), "msg": problem, "type": "value_error", "input": None}]
    raise RequestValidationError(detail) from cause


def _codes(values: Sequence[str] | None, field: str) -> list[str] | None:
    """Repeated parameters and comma/space-separated lists both work: ``languages=fr,en``."""
    if values is None:
        return None
    codes = [part for value in values for part in value.replace(",", " ").split()]
    if len(codes) > MAX_CODES:
        _invalid(field, f"gives {len(codes)} codes; at most {MAX_CODES}")
    return codes


def _day(value: dt.date | None, field: str) -> dt.date | None:
    if value is not None and not FIRST_DAY <= value <= LAST_DAY:
        _invalid(field, f"{value} is not between {FIRST_DAY} and {LAST_DAY}")
    return value


# ------------------------------------------------------------------------------------ models


class WindowOut(BaseModel):
    """A period (both days included) in which an officer can deploy."""

    start: dt.date
    end: dt.date


class OfficerOut(BaseModel):
    """A policy officer of the roster; ``generated`` marks invented demo people."""

    id: int
    name: str
    gwno: int
    iso3: str | None
    country: str = Field(description="Name of the state of nationality")
    region: str = Field(description="UN region of the nationality")
    languages: list[str] = Field(description="ISO 639 codes")
    expertise: list[str] = Field(description="Expertise tags (see detente officers tags)")
    seniority: int = Field(ge=1, le=5)
    availability: list[WindowOut]
    current_deployment: int | None = Field(description="Id of the deployment they are in")
    generated: bool


class OfficerPageOut(BaseModel):
    """One page of the filtered roster, ordered by id."""

    total: int = Field(description="Officers matching the filters")
    page: int
    per_page: int
    pages: int
    officers: list[OfficerOut]


class CountryRefOut(BaseModel):
    """A state as id and code."""

    gwno: int
    iso3: str | None


class RequirementsOut(BaseModel):
    """What the team must satisfy, with the defaults filled in."""

    size: int
    languages: list[str]
    expertise: list[str]
    start: dt.date
    end: dt.date
    min_regions: int
    region_cap: int = Field(description="At most this many members from one UN region")
    allow_conflict_of_interest: bool
    conflict_of_interest_states: list[int] = Field(description="gwno of excluded nationalities")
    parties: list[int] = Field(description="gwno of state parties of recent ACD conflicts")
    parties_source: str
    neighbours: list[int] = Field(description="gwno of land neighbours on the first day")


class WhyOut(BaseModel):
    """The reasons for a member as data (``reasons`` says the same in English)."""

    speaks: list[str]
    brings: list[str]
    sole: list[str] = Field(description="Required items only this member covers")
    region_members: int = Field(description="Members from this member's region")
    available: bool
    conflict: bool


class MemberOut(BaseModel):
    """A member of the proposed (or closest) team and why the solver chose them."""

    officer_id: int
    name: str
    gwno: int
    iso3: str | None
    region: str
    languages: list[str]
    expertise: list[str]
    seniority: int
    reasons: list[str]
    why: WhyOut | None = None


class TeamProposalOut(BaseModel):
    """The solver's answer (the shape ``detente team propose --json`` prints).

    ``status`` optimal/feasible: ``members`` is the best team under ``objective``. Infeasible:
    ``broken_rules`` (``kind`` or ``kind:item``, explained in ``explanation``) cannot all be met
    and ``members`` is the closest team.
    """

    country: CountryRefOut
    status: Literal["optimal", "feasible", "infeasible"]
    objective: str
    requirements: RequirementsOut
    broken_rules: list[str]
    explanation: list[str]
    score: dict[str, int] = Field(description="Terms of the lexicographic objective")
    candidates: int = Field(description="Eligible officers (available, no conflict of interest)")
    excluded: dict[str, int] = Field(description="Officers left out, by reason")
    seconds: float
    members: list[MemberOut]


class StoredRequirementsOut(BaseModel):
    """The requirements recorded with a deployment request."""

    size: int
    languages: list[str]
    expertise: list[str]
    min_regions: int
    allow_conflict_of_interest: bool


class TeamMemberOut(BaseModel):
    """An officer in a deployment's team and why they were chosen."""

    officer_id: int
    name: str
    gwno: int
    iso3: str | None
    reason: str


class DeploymentOut(BaseModel):
    """A deployment (request, proposal, booking, field mission, hand-over)."""

    id: int
    gwno: int
    iso3: str | None
    country: str
    alert_id: int | None
    status: Status
    start: dt.date
    end: dt.date
    requirements: StoredRequirementsOut
    team: list[TeamMemberOut]
    envoy_name: str | None
    handover_date: dt.date | None
    handover_note: str | None
    next_steps: list[Status]
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime
    page: str


class DeploymentDetailOut(DeploymentOut):
    """A deployment with the solver's last proposal (null before one was made)."""

    proposal: TeamProposalOut | None


class DeploymentPageOut(BaseModel):
    """One page of deployments, newest first."""

    total: int
    page: int
    per_page: int
    pages: int
    deployments: list[DeploymentOut]


def _officer(view: OfficerView) -> OfficerOut:
    return OfficerOut(
        id=view.id,
        name=view.name,
        gwno=view.gwno,
        iso3=view.iso3,
        country=view.country,
        region=view.region,
        languages=list(view.languages),
        expertise=list(view.expertise),
        seniority=view.seniority,
        availability=[WindowOut(start=a, end=b) for a, b in view.availability],
        current_deployment=view.current_deployment,
        generated=view.generated,
    )


def _utc(value: dt.datetime) -> dt.datetime:
    """Timestamps are stored in UTC; SQLite hands them back naive, JSON needs the offset."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def _deployment_fields(view: core.DeploymentView) -> dict[str, Any]:
    return {
        "id": view.id,
        "gwno": view.gwno,
        "iso3": view.iso3,
        "country": view.country,
        "alert_id": view.alert_id,
        "status": view.status,
        "start": view.start,
        "end": view.end,
        "requirements": StoredRequirementsOut.model_validate(view.requirements),
        "team": [TeamMemberOut(**m.__dict__) for m in view.team],
        "envoy_name": view.envoy_name,
        "handover_date": view.handover_date,
        "handover_note": view.handover_note,
        "next_steps": [s for s in core.STATUSES if s in view.next_steps()],
        "created_by": view.created_by,
        "created_at": _utc(view.created_at),
        "updated_at": _utc(view.updated_at),
        "page": f"/response/deployments/{view.id}",
    }


def _pages(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


def _per_page() -> Any:
    return Query(100, ge=1, le=500, description="Items per page")


def _page() -> Any:
    return Query(1, ge=1, le=10_000, description="Page number, from 1")


# ------------------------------------------------------------------------------------ routes


@router.get("/officers", response_model=OfficerPageOut)
def api_officers(
    region: Region | None = Query(None, description="UN region of the nationality"),
    language: str | None = Query(None, max_length=10, description="ISO 639 code, e.g. fr"),
    expertise: str | None = Query(
        None,
        max_length=40,
        description=f"Expertise tag, one of {', '.join(EXPERTISE)}",
        json_schema_extra={"enum": list(EXPERTISE)},
    ),
    available_on: IsoDate | None = Query(None, description="Available on this day"),
    page: int = _page(),
    per_page: int = _per_page(),
    _user: CurrentUser = Depends(COORDINATOR),
    database: Database = Depends(get_database),
) -> OfficerPageOut:
    """The roster with the roster page's filters, ordered by id, one page at a time."""
    code = None
    if language:
        code = normalise_language(language)
        if code is None:
            _invalid("language", f"'{language}' is not an ISO 639 language code (e.g. en, fr)")
    tag = None
    if expertise:
        tag = normalise_expertise(expertise)
        if tag is None:
            _invalid("expertise", f"'{expertise}' is not one of {', '.join(EXPERTISE)}")
    with database.session() as session:
        found = list_officers(
            session, region=region, language=code, expertise=tag, available_on=available_on
        )
    shown = found[(page - 1) * per_page : page * per_page]
    return OfficerPageOut(
        total=len(found),
        page=page,
        per_page=per_page,
        pages=_pages(len(found), per_page),
        officers=[_officer(o) for o in shown],
    )


@router.get("/officers/{officer_id}", response_model=OfficerOut, responses=NOT_FOUND)
def api_officer(
    officer_id: int = Path(..., description="Officer id (an id no officer has answers 404)"),
    _user: CurrentUser = Depends(COORDINATOR),
    database: Database = Depends(get_database),
) -> OfficerOut:
    """One officer of the roster."""
    with database.session() as session:
        return _officer(get_officer(session, officer_id))


@router.get("/teams/propose", response_model=TeamProposalOut, responses=NOT_FOUND)
def api_propose_team(
    request: Request,
    country: str = Query(..., min_length=1, max_length=60, description="ISO3, gwno or name"),
    size: int = Query(..., ge=1, le=50, description="Team size"),
    languages: list[str] | None = Query(
        None,
        max_length=MAX_CODES,
        description="Required ISO 639 codes, repeated or comma-separated (default: the "
        "country's official languages; an empty value requires none)",
    ),
    expertise: list[str] | None = Query(
        None,
        max_length=MAX_CODES,
        description="Required expertise tags, repeated or comma-separated",
    ),
    date: IsoDate | None = Query(None, description="First day (default today)"),
    end: IsoDate | None = Query(None, description="Last day (default first day + 90 days)"),
    min_regions: int | None = Query(
        None, ge=1, le=5, description="Distinct UN regions (default min(3, size))"
    ),
    allow_conflict_of_interest: bool = Query(
        False, description="Allow nationals of the country, a party or a neighbour"
    ),
    _user: CurrentUser = Depends(COORDINATOR),
    database: Database = Depends(get_database),
) -> TeamProposalOut:
    """The optimal team for a crisis, each member with reasons (read only: nothing is booked).

    When no team meets every rule: ``status`` infeasible, the rules that cannot be met, and
    the closest team.
    """
    with _query_errors():
        team_request = team_requirements(
            get_settings(request),
            country,
            size,
            languages=_codes(languages, "languages"),
            expertise=_codes(expertise, "expertise") or (),
            start=_day(date, "date"),
            end=_day(end, "end"),
            min_regions=min_regions,
            allow_conflict_of_interest=allow_conflict_of_interest,
        )
    with database.session() as session:
        proposal = propose_team(session, team_request)
    return TeamProposalOut.model_validate(proposal.to_json())


@router.get("/deployments", response_model=DeploymentPageOut)
def api_deployments(
    status: Status | None = Query(None, description="Only deployments with this status"),
    page: int = _page(),
    per_page: int = _per_page(),
    _user: CurrentUser = Depends(COORDINATOR),
    database: Database = Depends(get_database),
) -> DeploymentPageOut:
    """Deployments, newest first, one page at a time."""
    with database.session() as session:
        found = core.list_deployments(session, status=status)
    shown = found[(page - 1) * per_page : page * per_page]
    return DeploymentPageOut(
        total=len(found),
        page=page,
        per_page=per_page,
        pages=_pages(len(found), per_page),
        deployments=[DeploymentOut(**_deployment_fields(d)) for d in shown],
    )


@router.get("/deployments/{deployment_id}", response_model=DeploymentDetailOut, responses=NOT_FOUND)
def api_deployment(
    deployment_id: int = Path(
        ..., description="Deployment id (an id no deployment has answers 404)"
    ),
    _user: CurrentUser = Depends(COORDINATOR),
    database: Database = Depends(get_database),
) -> DeploymentDetailOut:
    """One deployment: requirements, team with reasons, the last proposal, next steps."""
    with database.session() as session:
        view = core.get_deployment(session, deployment_id)
    proposal = None if view.proposal is None else TeamProposalOut.model_validate(view.proposal)
    return DeploymentDetailOut(**_deployment_fields(view), proposal=proposal)
