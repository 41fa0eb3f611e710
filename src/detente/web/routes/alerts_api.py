"""JSON API of alerts, the four criteria, analogues and the brief under ``/api/v1``.

Same core functions as the pages (:mod:`.alerts`): ``/api/v1/alerts`` (filter by status and
rule), ``/api/v1/alerts/{id}``, ``/api/v1/criteria/{code}``, ``/api/v1/analogues/{code}``,
``/api/v1/brief/{period}``, and the registry that feeds criteria (c) and (d):
``/api/v1/actions`` (recorded organisation actions and mediation initiatives, with sources).
"""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from pydantic import BaseModel, Field

from detente.countries import get_state, gwno_to_iso3, resolve
from detente.errors import DataValidationError, NotFoundError, StoreMissingError
from detente.settings import Settings
from detente.store import Database
from detente.warning.actions import list_mediation, list_org_actions
from detente.warning.alert_rules import ScoreKind
from detente.warning.alerts import (
    Alert,
    get_alert,
    list_alerts,
)
from detente.warning.analogues import find_analogues
from detente.warning.criteria import country_criteria
from detente.web.deps import (
    get_database,
    get_settings,
)
from detente.web.errors import NOT_FOUND, READS_STORE
from detente.web.routes.alerts import PERIOD, brief_of, data_year
from detente.web.routes.alerts_text import country_in

router = APIRouter(prefix="/api/v1", tags=["alerts"])
CODE = Path(..., min_length=1, max_length=60, description="ISO3, gwno or name of a state")
StatusName = Literal["new", "acknowledged", "team_requested", "closed"]
RuleName = Literal[
    "onset",
    "escalation",
    "surge",
    "criterion:regional",
    "criterion:intervention",
    "criterion:organisations",
    "criterion:mediation",
]
"""The rules an alert can come from; a test keeps it equal to ``RULE_NAMES``."""


class AlertOut(BaseModel):
    """An alert (``explanation`` holds the rule inputs, criteria, analogues, contributions)."""

    id: int
    gwno: int
    iso3: str | None
    period: str
    rule: str
    status: str
    score: float
    score_kind: ScoreKind = Field(
        description="probability: the forecast's chance of the rule's event (onset, escalation, "
        "surge); index: a score in [0, 1] that is not a chance (the criteria, and escalation "
        "alerts raised before 2026-12)"
    )
    created_at: str
    updated_at: str | None
    summary: str
    explanation: dict[str, Any]


class CriterionOut(BaseModel):
    """One criterion: score in [0, 1], its inputs and formula."""

    key: str
    title: str
    score: float
    inputs: dict[str, Any]
    formula: str


class CriteriaOut(BaseModel):
    """The four criteria of a state in a year."""

    gwno: int
    year: int
    criteria: list[CriterionOut]


class BriefOut(BaseModel):
    """The brief of a period as Markdown."""

    period: str
    data_year: int
    markdown: str


class OrgActionOut(BaseModel):
    """A recorded action of a regional organisation about a state (criterion c)."""

    id: int
    gwno: int
    iso3: str | None
    org: str
    kind: str
    acted_on: str
    title: str
    source: str


class MediationOut(BaseModel):
    """A recorded mediation initiative (criterion d); ``ended_on`` is null while it runs."""

    id: int
    gwno: int
    iso3: str | None
    track: str
    mediator: str
    started_on: str
    ended_on: str | None
    title: str
    source: str


class RegistryOut(BaseModel):
    """The registry's records, newest first."""

    actions: list[OrgActionOut]
    mediation: list[MediationOut]


def _alert_out(alert: Alert) -> AlertOut:
    return AlertOut(**alert.as_dict())


@router.get("/alerts", response_model=list[AlertOut])
def api_alerts(
    status: StatusName | None = Query(None, description="Only alerts with this status"),
    rule: RuleName | None = Query(None, description="Only alerts of this rule"),
    limit: int = Query(100, ge=1, le=1000),
    database: Database = Depends(get_database),
) -> list[AlertOut]:
    """Alerts: newest period first, then forecast alerts by chance, then criterion alerts by
    score."""
    with database.session() as session:
        found = list_alerts(session, status, rule=rule, limit=limit)
    return [_alert_out(a) for a in found]


@router.get("/alerts/{alert_id}", response_model=AlertOut, responses=NOT_FOUND)
def api_alert(alert_id: int, database: Database = Depends(get_database)) -> AlertOut:
    """One alert with its explanation."""
    with database.session() as session:
        return _alert_out(get_alert(session, alert_id))


@router.get("/actions", response_model=RegistryOut, responses=NOT_FOUND)
def api_actions(
    country: str | None = Query(None, min_length=1, max_length=60, description="Only this state"),
    first: int | None = Query(None, ge=1946, le=2100, alias="from", description="From this year"),
    last: int | None = Query(None, ge=1946, le=2100, alias="to", description="To this year"),
    database: Database = Depends(get_database),
) -> RegistryOut:
    """Recorded organisation actions (dated in the years asked) and mediation initiatives
    (running in them), newest first: what criteria (c) and (d) count, with their sources."""
    if first is not None and last is not None and first > last:
        raise DataValidationError("actions", None, "from", f"{first} is after the last year {last}")
    gwno = resolve(country).gwno if country is not None else None
    with database.session() as session:
        actions = list_org_actions(session, gwno, first_year=first, last_year=last)
        mediation = list_mediation(session, gwno, first_year=first, last_year=last)
    return RegistryOut(
        actions=[
            OrgActionOut(id=a.id, iso3=gwno_to_iso3(a.gwno), **a.audit_state()) for a in actions
        ],
        mediation=[
            MediationOut(id=m.id, iso3=gwno_to_iso3(m.gwno), **m.audit_state()) for m in mediation
        ],
    )


def _year(settings: Settings, year: int | None) -> int:
    last = data_year(settings)
    if last is None:
        raise StoreMissingError("analytics store", settings.analytics_path)
    chosen = year or last
    if chosen > last:
        raise NotFoundError(f"no data for {chosen}; the panel ends in {last}")
    return chosen


@router.get("/criteria/{code}", response_model=CriteriaOut, responses=READS_STORE)
def api_criteria(
    request: Request,
    code: str = CODE,
    year: int | None = Query(None, ge=1989, le=2100, description="Default: latest data year"),
    database: Database = Depends(get_database),
) -> CriteriaOut:
    """The four recognised criteria of a state, with inputs and formulas."""
    settings = get_settings(request)
    state = resolve(code)
    with database.session() as session:
        found = country_criteria(settings, state.gwno, _year(settings, year), session)
    return CriteriaOut(**found.as_dict())


@router.get("/analogues/{code}", responses=READS_STORE)
def api_analogues(
    request: Request,
    code: str = CODE,
    year: int | None = Query(None, ge=1989, le=2100, description="Default: latest data year"),
    k: int = Query(5, ge=1, le=20),
) -> dict[str, Any]:
    """The k most similar past situations and what followed (next three years, agreements)."""
    settings = get_settings(request)
    state = resolve(code)
    chosen = _year(settings, year)
    # a state not independent that year: the same 404 as /criteria, not the panel's
    # "panel, field 'period': no panel row for state 626 in 1990"
    get_state(state.gwno, chosen)
    try:
        return find_analogues(settings, state.gwno, chosen, k=k).as_dict()
    except DataValidationError as e:  # no panel row for a state that did exist
        raise NotFoundError(str(e)) from e


@router.get("/brief/{period}", response_model=BriefOut, responses=READS_STORE)
def api_brief(
    request: Request,
    period: str = PERIOD,
    language: Literal["en", "fr"] = Query("en", description="Language of the text"),
    database: Database = Depends(get_database),
) -> BriefOut:
    """The brief of a month or a year, as Markdown."""
    from detente.warning.brief import to_markdown

    brief = brief_of(request, database, period)
    names = None if language == "en" else (lambda gwno: country_in(language, gwno))
    return BriefOut(
        period=brief.period,
        data_year=brief.data_year,
        markdown=to_markdown(brief, language, name_of=names),
    )
