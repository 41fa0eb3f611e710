"""JSON API of the alliance domain under ``/api/v1/alliance`` (same core functions as the pages).

Read-only and public: initiatives and their endorsements, voting alignment, crisis-format
suggestions and opinion groups. Texts under negotiation are not in the public API. A bad value
the core finds (``DataValidationError``) answers 422 in FastAPI's validation shape, with the value
that was sent (:mod:`detente.web.errors`).
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel

from detente.alliance import formats, groups, initiatives, voting
from detente.countries import resolve
from detente.store import Database
from detente.web.deps import get_database, get_settings
from detente.web.errors import NOT_FOUND, READS_STORE, UNAVAILABLE

api = APIRouter(prefix="/api/v1/alliance", tags=["alliance"])
SLUG = Path(..., min_length=1, max_length=80, description="Slug or id of an initiative")


def _state(description: str = "ISO3, gwno or name of a state") -> Any:
    return Query(..., min_length=1, max_length=60, description=description)


def _first() -> Any:
    return Query(None, ge=1946, le=2100, alias="from", description="First year of roll calls")


def _last() -> Any:
    return Query(None, ge=1946, le=2100, alias="to", description="Last year of roll calls")


def _issue() -> Any:
    return Query(None, max_length=60, description=f"One of {', '.join(voting.ISSUES)}")


class CountReportOut(BaseModel):
    """A published number of endorsers."""

    as_of: dt.date
    count: int
    unit: str
    source: str


class InitiativeOut(BaseModel):
    """An initiative; ``list_public`` false means only the published counts are known.
    ``title_fr`` and ``summary_fr`` are empty when no French words are stored."""

    id: int
    slug: str
    title: str
    summary: str
    title_fr: str
    summary_fr: str
    category: str
    launched_on: dt.date | None
    lead_states: list[int]
    list_public: bool
    list_source: str
    states: int
    organisations: int
    reports: list[CountReportOut]


class EndorsementOut(BaseModel):
    """An endorsement by a state (gwno, iso3) or an organisation."""

    initiative: str
    gwno: int | None
    iso3: str | None
    organisation: str | None
    organisation_kind: str | None
    level: str
    endorsed_on: dt.date | None
    source: str


class AlignedOut(BaseModel):
    """Another state's alignment with the chosen one."""

    gwno: int
    iso3: str | None
    agreement: float
    s_score: float
    votes: int


class PairOut(BaseModel):
    """The alignment of two states."""

    a: int
    b: int
    agreement: float | None
    s_score: float | None
    votes: int


class SuggestionOut(BaseModel):
    """A proposed member of a contact group."""

    code: str
    kind: str
    name: str
    score: float
    beyond_p5: bool
    reasons: list[str]


class GroupsOut(BaseModel):
    """Opinion groups: states with their group and coordinates, items rated per group."""

    first_year: int
    last_year: int
    k: int
    explained_variance: list[float]
    states: list[dict[str, Any]]
    items: list[dict[str, Any]]


def _initiative(item: initiatives.InitiativeView) -> InitiativeOut:
    return InitiativeOut(
        id=item.id,
        slug=item.slug,
        title=item.title,
        summary=item.summary,
        title_fr=item.title_fr,
        summary_fr=item.summary_fr,
        category=item.category,
        launched_on=item.launched_on,
        lead_states=list(item.lead_states),
        list_public=item.list_public,
        list_source=item.list_source,
        states=item.states,
        organisations=item.organisations,
        reports=[CountReportOut(**r.__dict__) for r in item.reports],
    )


@api.get("/initiatives", response_model=list[InitiativeOut])
def api_initiatives(database: Database = Depends(get_database)) -> list[InitiativeOut]:
    """Every initiative with its endorser totals and published counts."""
    with database.session() as session:
        return [_initiative(i) for i in initiatives.list_initiatives(session)]


@api.get("/initiatives/{slug}", response_model=InitiativeOut, responses=NOT_FOUND)
def api_initiative(slug: str = SLUG, database: Database = Depends(get_database)) -> InitiativeOut:
    """One initiative."""
    with database.session() as session:
        return _initiative(initiatives.get_initiative(session, slug))


@api.get(
    "/initiatives/{slug}/endorsements", response_model=list[EndorsementOut], responses=NOT_FOUND
)
def api_endorsements(
    slug: str = SLUG, database: Database = Depends(get_database)
) -> list[EndorsementOut]:
    """The endorsements of one initiative (empty when only a count is public)."""
    with database.session() as session:
        found = initiatives.list_endorsements(session, slug)
    return [
        EndorsementOut(initiative=e.initiative_slug, **{
            k: getattr(e, k) for k in (
                "gwno", "iso3", "organisation", "organisation_kind", "level", "endorsed_on",
                "source",
            )
        })
        for e in found
    ]  # fmt: skip


@api.get("/alignment", response_model=list[AlignedOut], responses=READS_STORE)
def api_alignment(
    request: Request,
    state: str = _state(),
    first: int | None = _first(),
    last: int | None = _last(),
    issue: str | None = _issue(),
    min_votes: int = Query(20, ge=1, le=10_000),
) -> list[AlignedOut]:
    """Every other state ranked by UNGA agreement with ``state`` (agreement and S-score)."""
    data = voting.load_votes(get_settings(request))
    frame = voting.who_votes_with(data, resolve(state).gwno, first, last, issue, min_votes)
    return [AlignedOut(**{str(k): v for k, v in row.items()}) for row in frame.to_dict("records")]


@api.get("/alignment/pair", response_model=PairOut, responses=READS_STORE)
def api_pair(
    request: Request,
    a: str = _state("The first state"),
    b: str = _state("The second state"),
    first: int | None = _first(),
    last: int | None = _last(),
    issue: str | None = _issue(),
) -> PairOut:
    """The agreement and S-score of two states (null when they never voted together)."""
    data = voting.load_votes(get_settings(request))
    pair = voting.pair_alignment(data, resolve(a).gwno, resolve(b).gwno, first, last, issue)
    return PairOut(
        a=pair.a,
        b=pair.b,
        agreement=None if math.isnan(pair.agreement) else pair.agreement,
        s_score=None if math.isnan(pair.s_score) else pair.s_score,
        votes=pair.votes,
    )


@api.get("/formats", response_model=list[SuggestionOut], responses=READS_STORE)
def api_formats(
    request: Request,
    country: str = Query(..., min_length=1, max_length=60, description="The crisis country"),
    k: int = Query(
        10,  # bounds documented, checked by formats.group_size (the page's message)
        description=f"How many suggestions, 1 to {formats.MAX_GROUP_SIZE}",
        json_schema_extra={"minimum": 1, "maximum": formats.MAX_GROUP_SIZE},
    ),
    year: int | None = Query(None, ge=1947, le=2100, description="Use data before this year"),
) -> list[SuggestionOut]:
    """A ranked contact group (states and organisations) with the reasons for each member."""
    found = formats.suggest_format(get_settings(request), resolve(country).gwno, k, year)
    return [
        SuggestionOut(code=s.code, kind=s.kind, name=s.name, score=s.score,
                      beyond_p5=s.beyond_p5, reasons=list(s.reasons))
        for s in found
    ]  # fmt: skip


def _clean(records: list[dict[Any, Any]]) -> list[dict[str, Any]]:
    return [
        {str(k): (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
        for row in records
    ]


@api.get("/groups", response_model=GroupsOut, responses=UNAVAILABLE)
def api_groups(
    request: Request,
    first: int | None = _first(),
    last: int | None = _last(),
    k: int = Query(4, ge=2, le=8),
    database: Database = Depends(get_database),
) -> GroupsOut:
    """Opinion groups of states (PCA + k-means) and what unites or divides them."""
    data = voting.load_votes(get_settings(request))
    with database.session() as session:
        found = groups.opinion_groups(session, data, first, last, k)
    states = found.states.astype({"gwno": int, "group": int}).to_dict("records")
    return GroupsOut(
        first_year=found.first_year,
        last_year=found.last_year,
        k=found.k,
        explained_variance=list(found.explained_variance),
        states=_clean(states),
        items=_clean(found.items.to_dict("records")),
    )
