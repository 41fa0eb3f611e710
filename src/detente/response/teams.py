"""Propose a team for a crisis: requirements from the country, candidates from the roster.

:func:`team_requirements` fills the defaults a coordinator would otherwise look up (the crisis
country's official languages from CLDR, the conflict-of-interest states: the country itself,
its land neighbours on the start date and the state parties of its recent ACD conflicts).
:func:`propose_team` loads the roster and asks :mod:`detente.response.solver` for the optimal
team, explaining each member, or, when no team satisfies every rule, which rule cannot be met
and the closest team.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session

from detente.countries import get_state, gwno_to_iso3, neighbours, official_languages, resolve
from detente.dates import ahead
from detente.errors import DataValidationError, UnknownCountryError
from detente.response.models import Assignment, Availability, Deployment, Officer
from detente.response.officers import region_of
from detente.response.parties import conflict_parties
from detente.response.solver import Candidate, Requirements, diagnose, solve
from detente.response.vocab import SENIORITY, normalise_expertise, normalise_language
from detente.settings import Settings

BOOKING_STATUSES = ("approved", "deployed")
"""Deployment statuses whose officers are booked for the deployment's dates."""
DEFAULT_DAYS = 90
HORIZON_YEARS = 2
"""How far ahead a team's start and end may be."""
TEAM_SIZES = (1, 50)
"""The smallest and largest team a request may ask for."""
REGION_COUNTS = (1, 5)
"""The fewest and most distinct UN regions a request may require."""


@dataclass(frozen=True)
class TeamRequest:
    """Requirements plus where the conflict-of-interest states came from."""

    requirements: Requirements
    parties: frozenset[int]
    parties_source: str
    neighbours: frozenset[int]


@dataclass(frozen=True)
class Member:
    """A proposed member and why the solver chose them."""

    officer_id: int
    name: str
    gwno: int
    iso3: str | None
    region: str
    languages: tuple[str, ...]
    expertise: tuple[str, ...]
    seniority: int
    reasons: tuple[str, ...]
    why: dict[str, Any]  # the reasons as data (pages translate them)


@dataclass(frozen=True)
class TeamProposal:
    """The solver's answer: the team, its score, and for an impossible request why."""

    request: TeamRequest
    status: str  # optimal | feasible | infeasible
    members: tuple[Member, ...]
    broken_rules: tuple[str, ...]
    score: dict[str, int]
    candidates: int
    excluded: dict[str, int]
    seconds: float

    @property
    def feasible(self) -> bool:
        """Whether the team satisfies every rule."""
        return self.status in ("optimal", "feasible")

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form (what ``--json`` prints and deployments store)."""
        req = self.request.requirements
        return {
            "country": {"gwno": req.gwno, "iso3": gwno_to_iso3(req.gwno)},
            "status": self.status,
            "objective": OBJECTIVE,
            "requirements": {
                "size": req.size,
                "languages": list(req.languages),
                "expertise": list(req.expertise),
                "start": req.start.isoformat(),
                "end": req.end.isoformat(),
                "min_regions": req.min_regions,
                "region_cap": req.region_cap,
                "allow_conflict_of_interest": req.allow_conflict_of_interest,
                "conflict_of_interest_states": sorted(req.excluded_gwno),
                "parties": sorted(self.request.parties),
                "parties_source": self.request.parties_source,
                "neighbours": sorted(self.request.neighbours),
            },
            "broken_rules": list(self.broken_rules),
            "explanation": [rule_text(rule) for rule in self.broken_rules],
            "score": self.score,
            "candidates": self.candidates,
            "excluded": self.excluded,
            "seconds": round(self.seconds, 4),
            "members": [
                {
                    "officer_id": m.officer_id,
                    "name": m.name,
                    "gwno": m.gwno,
                    "iso3": m.iso3,
                    "region": m.region,
                    "languages": list(m.languages),
                    "expertise": list(m.expertise),
                    "seniority": m.seniority,
                    "reasons": list(m.reasons),
                    "why": m.why,
                }
                for m in self.members
            ],
        }


OBJECTIVE = (
    "maximise, in this order: team size; for each required language and expertise the number "
    "of members holding it, capped at 2; the number of distinct UN regions; total seniority"
)


def rule_text(rule: str) -> str:
    """A sentence saying what a broken rule means."""
    kind, _, item = rule.partition(":")
    return {
        "language": f"no available officer without a conflict of interest speaks '{item}'",
        "expertise": f"no available officer without a conflict of interest has '{item}'",
        "min_regions": "not enough UN regions are represented among eligible officers",
        "region_cap": "a team this size cannot avoid one region holding over half of it",
        "availability": "too few officers are available for the whole deployment",
        "conflict_of_interest": "too few officers are not nationals of the country, a party "
        "or a neighbour",
        "size": "too few eligible officers to fill the team",
    }.get(kind, rule)


def _checked(values: Sequence[str], normalise: Any, field: str) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        code = normalise(value)
        if code is None:
            raise DataValidationError("team request", None, field, f"'{value}' is not known")
        if code not in found:
            found.append(code)
    return tuple(found)


def team_requirements(
    settings: Settings,
    country: str | int,
    size: int,
    *,
    languages: Sequence[str] | None = None,
    expertise: Sequence[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    min_regions: int | None = None,
    allow_conflict_of_interest: bool = False,
) -> TeamRequest:
    """A team request with the defaults filled in.

    ``languages`` defaults to the country's official languages (CLDR via
    :func:`detente.countries.official_languages`); ``start`` to today, ``end`` to 90 days later;
    ``min_regions`` to ``min(3, size)``. Bad values raise ``DataValidationError``, among them
    a start or end more than ``HORIZON_YEARS`` years ahead (no roster plans that far, and a
    booking until 2999 would hold its officers for ever).
    """
    state = resolve(country)
    low, high = TEAM_SIZES
    if not low <= size <= high:
        raise DataValidationError(
            "team request", None, "size", f"{size} is not between {low} and {high}"
        )
    first = ahead(start or dt.date.today(), "team request", "start", years=HORIZON_YEARS)
    last = end or first + dt.timedelta(days=DEFAULT_DAYS)
    if last < first:
        raise DataValidationError("team request", None, "end", f"{last} is before {first}")
    ahead(last, "team request", "end", years=HORIZON_YEARS)
    try:
        get_state(state.gwno, first)
    except UnknownCountryError as error:  # Yugoslavia in 2026: no state to send a team to
        raise DataValidationError(
            "team request", None, "country", f"{state.name} was not an independent state on {first}"
        ) from error
    regions = min(3, size) if min_regions is None else min_regions
    low, high = REGION_COUNTS
    if not low <= regions <= high:
        raise DataValidationError(
            "team request",
            None,
            "min_regions",
            f"{regions} is not between {low} and {high} UN regions",
        )
    wanted_languages = official_languages(state.gwno) if languages is None else languages
    parties = conflict_parties(settings, state.gwno)
    try:
        near = neighbours(state.gwno, first)
    except ValueError:
        near = frozenset()
    requirements = Requirements(
        gwno=state.gwno,
        size=size,
        languages=_checked(wanted_languages, normalise_language, "languages"),
        expertise=_checked(expertise, normalise_expertise, "expertise"),
        start=first,
        end=last,
        min_regions=regions,
        excluded_gwno=frozenset({state.gwno}) | parties.states | near,
        allow_conflict_of_interest=allow_conflict_of_interest,
    )
    return TeamRequest(requirements, parties.states, parties.source, near)


def booked_officers(
    session: Session, start: dt.date, end: dt.date, *, ignore_deployment: int | None = None
) -> set[int]:
    """Officers booked (approved or deployed) on any day of ``start``..``end``."""
    query = (
        select(Assignment.officer_id)
        .join(Deployment, Deployment.id == Assignment.deployment_id)
        .where(
            Deployment.status.in_(BOOKING_STATUSES),
            Deployment.start <= end,
            Deployment.end >= start,
        )
    )
    if ignore_deployment is not None:
        query = query.where(Deployment.id != ignore_deployment)
    return set(session.scalars(query))


def _codes(value: Any) -> frozenset[str]:
    """A JSON list column as a set (PostgreSQL's driver hands back lists, SQLite text)."""
    return frozenset(value if isinstance(value, list) else json.loads(value))


def load_candidates(
    session: Session, req: Requirements, *, ignore_deployment: int | None = None
) -> tuple[list[Candidate], int]:
    """Every officer not booked on the dates, as solver candidates; and how many were booked.

    Reads columns, not ORM objects, and decides availability in SQL (a window covering the whole
    deployment), so a 10,000-officer roster loads within the one-second budget.
    """
    booked = booked_officers(session, req.start, req.end, ignore_deployment=ignore_deployment)
    available = set(
        session.scalars(
            select(Availability.officer_id).where(
                Availability.start <= req.start, Availability.end >= req.end
            )
        )
    )
    rows = session.execute(
        select(
            Officer.id,
            Officer.name,
            Officer.gwno,
            type_coerce(Officer.languages, String),
            type_coerce(Officer.expertise, String),
            Officer.seniority,
        ).order_by(Officer.id)
    )
    regions: dict[int, str] = {}
    candidates = []
    for officer_id, name, gwno, languages, expertise, seniority in rows:
        if officer_id in booked:
            continue
        if gwno not in regions:
            regions[gwno] = region_of(gwno)
        candidates.append(
            Candidate(
                id=officer_id,
                name=name,
                gwno=gwno,
                region=regions[gwno],
                languages=_codes(languages),
                expertise=_codes(expertise),
                seniority=seniority,
                available=officer_id in available,
                conflict=gwno in req.excluded_gwno,
            )
        )
    return candidates, len(booked)


def explain_members(members: Sequence[Candidate], req: Requirements) -> tuple[Member, ...]:
    """Each member with the reasons that made them part of the optimal team."""
    regions = Counter(m.region for m in members)
    holders = Counter(
        item
        for m in members
        for item in [*(m.languages & set(req.languages)), *(f"x:{t}" for t in m.expertise)]
    )
    explained = []
    for m in members:
        reasons = []
        speaks = [c for c in req.languages if c in m.languages]
        knows = [t for t in req.expertise if t in m.expertise]
        sole = [c for c in speaks if holders[c] == 1] + [t for t in knows if holders[f"x:{t}"] == 1]
        if speaks:
            reasons.append("speaks required " + ", ".join(speaks))
        if knows:
            reasons.append("brings required " + ", ".join(knows))
        if sole:
            reasons.append("only member covering " + ", ".join(sole))
        if regions[m.region] == 1:
            reasons.append(f"only member from {m.region}")
        else:
            reasons.append(f"one of {regions[m.region]} from {m.region}")
        reasons.append(f"seniority {m.seniority} ({SENIORITY[m.seniority]})")
        if not m.available:
            reasons.append("NOT available for the whole deployment")
        if m.conflict:
            reasons.append("national of the country, a party or a neighbour")
        explained.append(
            Member(
                officer_id=m.id,
                name=m.name,
                gwno=m.gwno,
                iso3=gwno_to_iso3(m.gwno),
                region=m.region,
                languages=tuple(sorted(m.languages)),
                expertise=tuple(sorted(m.expertise)),
                seniority=m.seniority,
                reasons=tuple(reasons),
                why={
                    "speaks": speaks,
                    "brings": knows,
                    "sole": sole,
                    "region_members": regions[m.region],
                    "available": m.available,
                    "conflict": m.conflict,
                },
            )
        )
    return tuple(explained)


def propose_from_candidates(
    request: TeamRequest, candidates: Sequence[Candidate], booked: int = 0
) -> TeamProposal:
    """Solve for ``candidates`` (already loaded); diagnose when no team meets every rule."""
    req = request.requirements
    solution = solve(candidates, req)
    broken: tuple[str, ...] = ()
    seconds = solution.seconds
    if solution.status == "infeasible":
        diagnosis = diagnose(candidates, req)
        solution = diagnosis.closest
        broken = diagnosis.culprits
        seconds += solution.seconds
    excluded = {
        "booked": booked,
        "unavailable": sum(not c.available for c in candidates),
        "conflict_of_interest": sum(c.conflict for c in candidates),
    }
    eligible = sum(
        c.available and (req.allow_conflict_of_interest or not c.conflict) for c in candidates
    )
    return TeamProposal(
        request=request,
        status="infeasible" if broken else solution.status,
        members=explain_members(solution.members, req),
        broken_rules=broken,
        score=solution.score,
        candidates=eligible,
        excluded=excluded,
        seconds=seconds,
    )


def propose_team(
    session: Session, request: TeamRequest, *, ignore_deployment: int | None = None
) -> TeamProposal:
    """The optimal team for ``request`` from the roster in the database (read only)."""
    candidates, booked = load_candidates(
        session, request.requirements, ignore_deployment=ignore_deployment
    )
    return propose_from_candidates(request, candidates, booked)
