"""The four recognised criteria for preventive action, as transparent scores in [0, 1].

The 2019 Leaders for Peace report asks for "recognised criteria to determine the type of
action": (a) the risk of regional destabilisation, (b) the threat of intervention from
neighbouring countries, (c) the mobilisation of regional organisations and (d) the mediation
efforts already undertaken. Each score here is a short weighted sum of capped terms, so a reader
can recompute it by hand from the inputs shown next to it (``Criterion.inputs``) and the formula
text (``Criterion.formula``). ``docs/criteria.md`` documents the same formulas.

Data: violence from the analytics panel (UCDP country-year), land neighbours and memberships
from ``detente.countries``, conflict parties and external supporters from the raw UCDP/PRIO ACD
rows, peace agreements and their third parties from the raw PA-X rows (agreements to 2020-04 in
the bundled release), plus the registry of organisation actions and mediation initiatives
(``detente.warning.actions``) when a database session is given.

Conventions: ``log_scale(x) = min(1, log10(1 + x) / 4)`` maps 0 deaths to 0 and 10,000 or more
to 1; ``cap(x) = min(1, x)``. A window "[y-2, y]" is the year scored and the two before it.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from sqlalchemy.orm import Session

from detente.analytics import load_panel
from detente.analytics.store import read_connection, table_exists
from detente.caching import single_flight_cache
from detente.countries import (
    canonical_gwno,
    get_state,
    memberships,
    neighbours,
    states_alive,
)
from detente.errors import (
    DataValidationError,
    StoreMissingError,
    UnknownCountryError,
)
from detente.settings import Settings
from detente.warning.actions import (
    ACTION_WEIGHTS,
    TRACK_WEIGHTS,
    list_mediation,
    list_org_actions,
)

CriterionKey = Literal["regional", "intervention", "organisations", "mediation"]
CRITERIA: tuple[CriterionKey, ...] = ("regional", "intervention", "organisations", "mediation")
TITLES: dict[str, str] = {
    "regional": "Risk of regional destabilisation",
    "intervention": "Threat of intervention from neighbours",
    "organisations": "Mobilisation of regional organisations",
    "mediation": "Mediation already undertaken",
}
FORMULAS: dict[str, str] = {
    "regional": (
        "0.4*log_scale(neighbour_deaths) + 0.2*neighbours_in_conflict/neighbours"
        " + 0.2*log_scale(subregion_deaths) + 0.2*cap(cross_border_conflicts)"
    ),
    "intervention": (
        "0.5*cap(interstate_with_neighbours)"
        " + 0.35*cap(neighbour_parties + neighbour_supporters)"
        " + 0.15*cap(external_supporters/3)"
    ),
    "organisations": (
        "0.2*cap(memberships/3) + 0.8*cap((weighted_actions + 2*pax_with_member_org)/5);"
        " weights statement 1, sanctions 1.5, mediation 2, mission 3"
    ),
    "mediation": (
        "0.4*cap(pax_agreements/3) + 0.3*cap(pax_with_third_party/2)"
        " + 0.3*cap(weighted_initiatives/2); official 1, private 0.5"
    ),
}
WINDOW = 3
"""Years in the violence, conflict and organisation windows ([y-2, y])."""
MEDIATION_WINDOW = 5
"""Years in the mediation window ([y-4, y]): peace processes run longer than fighting flares."""
CONFLICT_DEATHS = 25
"""Deaths in a year that make a state "in conflict" (the UCDP threshold)."""

# How PA-X third-party text names each organisation (English, French, Spanish; acronyms as
# whole words). Only organisations tracked by detente.countries.
ORG_PATTERNS: dict[str, re.Pattern[str]] = {
    acronym: re.compile(pattern, re.IGNORECASE)
    for acronym, pattern in {
        "AU": r"african union|union africaine|\bAU\b|\bUA\b",
        "OAU": r"organi[sz]ation of african unity|\bOAU\b|\bOUA\b",
        "ECOWAS": r"ECOWAS|CEDEAO|economic community of west african",
        "SADC": r"\bSADC\b|southern african development",
        "IGAD": r"\bIGADD?\b|intergovernmental authority on",
        "EAC": r"\bEAC\b|east african community",
        "ECCAS": r"ECCAS|CEEAC|economic community of central african",
        "EU": r"european union|union européenne|\bEU\b|\bEEAS\b|european external action",
        "NATO": r"\bNATO\b|\bOTAN\b|north atlantic treaty",
        "OSCE": r"\bOSCE\b|\bCSCE\b|security and co-?operation in europe",
        "ASEAN": r"\bASEAN\b",
        "SCO": r"shanghai cooperation",
        "CSTO": r"\bCSTO\b|collective security treaty",
        "OAS": r"\bOAS\b|\bOEA\b|organi[sz]ation of american states|estados americanos",
        "LAS": r"arab league|league of arab states|ligue arabe",
        "GCC": r"\bGCC\b|gulf cooperation council",
    }.items()
}


@dataclass(frozen=True)
class Criterion:
    """One criterion for one country and year: the score, what went into it, and how."""

    key: str
    title: str
    score: float
    inputs: dict[str, Any]
    formula: str


@dataclass(frozen=True)
class CountryCriteria:
    """The four criteria of one state in one year."""

    gwno: int
    year: int
    criteria: tuple[Criterion, ...]

    def score(self, key: str) -> float:
        """The score of criterion ``key``."""
        return self.get(key).score

    def get(self, key: str) -> Criterion:
        """Criterion ``key`` (``KeyError`` if unknown)."""
        for criterion in self.criteria:
            if criterion.key == key:
                return criterion
        raise KeyError(key)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (API, alert explanations)."""
        return {
            "gwno": self.gwno,
            "year": self.year,
            "criteria": [
                {
                    "key": c.key,
                    "title": c.title,
                    "score": c.score,
                    "inputs": c.inputs,
                    "formula": c.formula,
                }
                for c in self.criteria
            ],
        }


def log_scale(deaths: float) -> float:
    """0 deaths -> 0, 10 -> 0.26, 100 -> 0.5, 1,000 -> 0.75, 10,000 or more -> 1."""
    return min(1.0, math.log10(1.0 + max(0.0, deaths)) / 4.0)


def cap(value: float) -> float:
    """``value`` limited to [0, 1]."""
    return max(0.0, min(1.0, value))


# --------------------------------------------------------------------------- the four formulas


def regional_score(
    neighbour_deaths: float,
    neighbours_in_conflict: int,
    neighbour_count: int,
    subregion_deaths: float,
    cross_border_conflicts: int,
) -> float:
    """Criterion (a); see ``FORMULAS["regional"]``."""
    share = neighbours_in_conflict / neighbour_count if neighbour_count else 0.0
    return round(
        0.4 * log_scale(neighbour_deaths)
        + 0.2 * share
        + 0.2 * log_scale(subregion_deaths)
        + 0.2 * cap(cross_border_conflicts),
        4,
    )


def intervention_score(
    interstate_with_neighbours: int,
    neighbour_parties: int,
    neighbour_supporters: int,
    external_supporters: int,
) -> float:
    """Criterion (b); see ``FORMULAS["intervention"]``."""
    return round(
        0.5 * cap(interstate_with_neighbours)
        + 0.35 * cap(neighbour_parties + neighbour_supporters)
        + 0.15 * cap(external_supporters / 3),
        4,
    )


def organisations_score(member_of: int, weighted_actions: float, pax_with_member_org: int) -> float:
    """Criterion (c); see ``FORMULAS["organisations"]``."""
    return round(
        0.2 * cap(member_of / 3) + 0.8 * cap((weighted_actions + 2 * pax_with_member_org) / 5), 4
    )


def mediation_score(
    pax_agreements: int, pax_with_third_party: int, weighted_initiatives: float
) -> float:
    """Criterion (d); see ``FORMULAS["mediation"]``."""
    return round(
        0.4 * cap(pax_agreements / 3)
        + 0.3 * cap(pax_with_third_party / 2)
        + 0.3 * cap(weighted_initiatives / 2),
        4,
    )


# --------------------------------------------------------------------------- source data


@dataclass(frozen=True)
class AcdRow:
    """One ACD conflict-year with its states as GW codes valid that year."""

    conflict_id: int
    year: int
    type_of_conflict: int
    location: frozenset[int]
    side_a: frozenset[int]
    side_b: frozenset[int]
    supporters: frozenset[int]


NAME_LENGTH = 160
"""Longest agreement name shown in a criterion's inputs or beside an analogue."""


@dataclass(frozen=True)
class PaxRow:
    """One PA-X agreement located in a state (one row per location)."""

    agreement_id: int
    name: str
    date: str
    year: int
    gwno: int
    stage: str
    third_party: bool
    orgs: frozenset[str]
    un: bool

    @property
    def short_name(self) -> str:
        """The agreement's name for a list: at most :data:`NAME_LENGTH` characters, cut at a
        word with an ellipsis (PA-X names run to several hundred characters)."""
        if len(self.name) <= NAME_LENGTH:
            return self.name
        cut = self.name[: NAME_LENGTH - 1].rsplit(" ", 1)[0].rstrip(" ,;:-(")
        return f"{cut}…"


@dataclass(frozen=True)
class Sources:
    """What the criteria read from the analytics store, parsed once per store version."""

    panel: pd.DataFrame
    deaths: dict[tuple[int, int], float]
    sb: dict[tuple[int, int], float]
    acd_by_state: dict[int, list[AcdRow]]
    pax_by_state: dict[int, list[PaxRow]]
    first_year: int
    last_year: int


def _codes(value: object, year: int) -> frozenset[int]:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return frozenset()
    found: set[int] = set()
    for part in str(value).split(","):
        part = part.strip()
        if not part or not part.lstrip("-").isdigit():
            continue
        try:
            found.add(canonical_gwno(int(part), year))
        except UnknownCountryError:
            continue
    return frozenset(found)


def _third_party_text(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    text = str(value).strip()
    return "" if text in {"/", "-", "None", "NA"} else text


def _read_raw(path: Path, table: str, columns: str) -> pd.DataFrame:
    with read_connection(path) as con:
        if not table_exists(con, table, None):
            return pd.DataFrame()
        return con.execute(f"SELECT {columns} FROM {table}").df()


@single_flight_cache(maxsize=4)
def _sources_cached(path: Path, mtime: float) -> Sources:
    panel = load_panel(path, "cy")
    total = panel["sb_best"] + panel["ns_best"] + panel["os_best"]
    keys = list(zip(panel["gwno"].tolist(), panel["year"].tolist(), strict=True))
    deaths = dict(zip(keys, total.tolist(), strict=True))
    sb = dict(zip(keys, panel["sb_best"].tolist(), strict=True))
    acd_by_state: dict[int, list[AcdRow]] = defaultdict(list)
    acd = _read_raw(
        path,
        "raw_acd",
        "conflict_id, year, type_of_conflict, gwno_loc, gwno_a, gwno_b, gwno_a_2nd, gwno_b_2nd",
    )
    rec: Any  # a row of itertuples: columns as attributes
    for rec in acd.itertuples(index=False):
        year = int(rec.year)
        row = AcdRow(
            conflict_id=int(rec.conflict_id),
            year=year,
            type_of_conflict=int(rec.type_of_conflict),
            location=_codes(rec.gwno_loc, year),
            side_a=_codes(rec.gwno_a, year),
            side_b=_codes(rec.gwno_b, year),
            supporters=_codes(rec.gwno_a_2nd, year) | _codes(rec.gwno_b_2nd, year),
        )
        for gwno in row.location | row.side_a | row.side_b:
            acd_by_state[gwno].append(row)
    pax_by_state: dict[int, list[PaxRow]] = defaultdict(list)
    pax = _read_raw(path, "raw_pax", "AgtId, Agt, Dat, Stage, ThrdPart, Loc1GWNO, Loc2GWNO")
    for rec in pax.itertuples(index=False):
        day = pd.Timestamp(rec.Dat)
        text = _third_party_text(rec.ThrdPart)
        orgs = frozenset(a for a, pattern in ORG_PATTERNS.items() if pattern.search(text))
        un = bool(
            re.search(r"united nations|nations unies|naciones unidas|secretary.general", text, re.I)
        )
        located: set[int] = set()
        for loc in (rec.Loc1GWNO, rec.Loc2GWNO):
            if loc is None or pd.isna(loc):
                continue
            try:
                located.add(canonical_gwno(int(loc), day.date()))
            except UnknownCountryError:
                continue
        for gwno in located:
            pax_by_state[gwno].append(
                PaxRow(
                    agreement_id=int(rec.AgtId),
                    name=str(rec.Agt),
                    date=day.date().isoformat(),
                    year=day.year,
                    gwno=gwno,
                    stage="" if rec.Stage is None or pd.isna(rec.Stage) else str(rec.Stage),
                    third_party=bool(text),
                    orgs=orgs,
                    un=un,
                )
            )
    return Sources(
        panel=panel,
        deaths=deaths,
        sb=sb,
        acd_by_state=dict(acd_by_state),
        pax_by_state=dict(pax_by_state),
        first_year=int(panel["year"].min()) if len(panel) else 0,
        last_year=int(panel["year"].max()) if len(panel) else 0,
    )


def load_sources(settings: Settings) -> Sources:
    """The parsed store data, cached until the DuckDB file changes.

    Raises ``NotFoundError`` when the analytics store does not exist (run ``detente init``).
    """
    path = settings.analytics_path
    if not path.is_file():
        raise StoreMissingError("analytics store", path)
    return _sources_cached(path, path.stat().st_mtime)


# --------------------------------------------------------------------------- computing


@dataclass(frozen=True)
class _Registry:
    actions: dict[int, list[tuple[int, str, str, str]]]  # gwno -> (year, org, kind, title)
    mediation: dict[int, list[tuple[int, int | None, str, str]]]  # gwno -> (start, end, track, who)
    read: bool


def _registry(session: Session | None, first_year: int, last_year: int) -> _Registry:
    actions: dict[int, list[tuple[int, str, str, str]]] = defaultdict(list)
    mediation: dict[int, list[tuple[int, int | None, str, str]]] = defaultdict(list)
    if session is None:
        return _Registry({}, {}, read=False)
    for a in list_org_actions(session, first_year=first_year - WINDOW, last_year=last_year):
        actions[a.gwno].append((a.acted_on.year, a.org, a.kind, a.title))
    for m in list_mediation(session, first_year=first_year - MEDIATION_WINDOW, last_year=last_year):
        end = m.ended_on.year if m.ended_on else None
        mediation[m.gwno].append((m.started_on.year, end, m.track, m.mediator))
    return _Registry(dict(actions), dict(mediation), read=True)


def _window(year: int, size: int) -> range:
    return range(year - size + 1, year + 1)


def _compute(
    sources: Sources,
    registry: _Registry,
    gwno: int,
    year: int,
    by_subregion: dict[str, list[int]] | None = None,
) -> CountryCriteria:
    years = _window(year, WINDOW)
    # (a) regional destabilisation
    try:
        nbrs = sorted(neighbours(gwno, year))
    except ValueError:
        nbrs = []
    state = get_state(gwno)
    neighbour_deaths = sum(sources.deaths.get((n, y), 0.0) for n in nbrs for y in years)
    in_conflict = [n for n in nbrs if sources.sb.get((n, year), 0.0) >= CONFLICT_DEATHS]
    if not state.subregion:
        subregion: list[int] = []
    elif by_subregion is not None:
        subregion = [g for g in by_subregion.get(state.subregion, []) if g != gwno]
    else:
        subregion = [s.gwno for s in states_alive(year, region=state.subregion) if s.gwno != gwno]
    subregion_deaths = sum(sources.deaths.get((s, y), 0.0) for s in subregion for y in years)
    acd_rows = [r for r in sources.acd_by_state.get(gwno, []) if r.year in years]
    cross_border = sorted(
        {r.conflict_id for r in acd_rows if gwno in r.location and len(r.location) > 1}
    )
    regional = Criterion(
        "regional",
        TITLES["regional"],
        regional_score(
            neighbour_deaths, len(in_conflict), len(nbrs), subregion_deaths, len(cross_border)
        ),
        {
            "window": f"{years[0]}-{years[-1]}",
            "neighbours": len(nbrs),
            "neighbour_deaths": round(neighbour_deaths),
            "neighbours_in_conflict": in_conflict,
            "subregion": state.subregion,
            "subregion_deaths": round(subregion_deaths),
            "cross_border_conflicts": cross_border,
        },
        FORMULAS["regional"],
    )
    # (b) threat of intervention
    nbr_set = set(nbrs)
    interstate = sorted(
        {
            r.conflict_id
            for r in acd_rows
            if r.type_of_conflict == 2
            and (
                (gwno in r.side_a and r.side_b & nbr_set)
                or (gwno in r.side_b and r.side_a & nbr_set)
            )
        }
    )
    involving = [r for r in acd_rows if gwno in r.location or gwno in r.side_a | r.side_b]
    parties = sorted({s for r in involving for s in (r.side_a | r.side_b) & nbr_set} - {gwno})
    supporters_nb = sorted({s for r in involving for s in r.supporters & nbr_set} - {gwno})
    external = sorted({s for r in involving for s in r.supporters} - {gwno})
    intervention = Criterion(
        "intervention",
        TITLES["intervention"],
        intervention_score(len(interstate), len(parties), len(supporters_nb), len(external)),
        {
            "window": f"{years[0]}-{years[-1]}",
            "acd_conflicts": sorted({r.conflict_id for r in involving}),
            "interstate_with_neighbours": interstate,
            "neighbour_parties": parties,
            "neighbour_supporters": supporters_nb,
            "external_supporters": external,
        },
        FORMULAS["intervention"],
    )
    # (c) mobilisation of regional organisations
    member_of = sorted(memberships(gwno, year))
    recorded = [a for a in registry.actions.get(gwno, []) if a[0] in years]
    weighted = sum(ACTION_WEIGHTS.get(kind, 1.0) for _, _, kind, _ in recorded)
    pax_rows = sources.pax_by_state.get(gwno, [])
    # one entry per agreement (a row per location), latest first, with the organisations named
    pax_org = [
        {"id": p.agreement_id, "date": p.date, "name": p.short_name, "orgs": sorted(named)}
        for p in sorted(
            {p.agreement_id: p for p in pax_rows}.values(), key=lambda p: p.date, reverse=True
        )
        if p.year in years and (named := p.orgs & set(member_of))
    ]
    organisations = Criterion(
        "organisations",
        TITLES["organisations"],
        organisations_score(len(member_of), weighted, len(pax_org)),
        {
            "window": f"{years[0]}-{years[-1]}",
            "memberships": member_of,
            "recorded_actions": [
                {"year": y, "org": org, "kind": kind, "title": title}
                for y, org, kind, title in recorded
            ],
            "weighted_actions": weighted,
            "registry_read": registry.read,
            "pax_with_member_org": pax_org,
        },
        FORMULAS["organisations"],
    )
    # (d) mediation already undertaken
    m_years = _window(year, MEDIATION_WINDOW)
    agreements = [p for p in pax_rows if p.year in m_years]
    with_third = [p for p in agreements if p.third_party]
    initiatives = [
        m
        for m in registry.mediation.get(gwno, [])
        if m[0] <= year and (m[1] is None or m[1] >= m_years[0])
    ]
    weighted_init = sum(TRACK_WEIGHTS.get(track, 0.5) for _, _, track, _ in initiatives)
    mediation = Criterion(
        "mediation",
        TITLES["mediation"],
        mediation_score(len(agreements), len(with_third), weighted_init),
        {
            "window": f"{m_years[0]}-{m_years[-1]}",
            "pax_agreements": len(agreements),
            "pax_with_third_party": len(with_third),
            "pax_with_un": sum(p.un for p in agreements),
            "pax_examples": [
                {"id": p.agreement_id, "date": p.date, "name": p.short_name}
                for p in sorted(agreements, key=lambda p: p.date, reverse=True)[:5]
            ],
            "initiatives": [
                {"track": track, "mediator": who, "start": start, "end": end}
                for start, end, track, who in initiatives
            ],
            "weighted_initiatives": weighted_init,
            "registry_read": registry.read,
            "pax_coverage": "PA-X agreements 1990-2020",
        },
        FORMULAS["mediation"],
    )
    return CountryCriteria(gwno, year, (regional, intervention, organisations, mediation))


def country_criteria(
    settings: Settings, gwno: int, year: int, session: Session | None = None
) -> CountryCriteria:
    """The four criteria of state ``gwno`` in ``year`` with their inputs.

    Without a ``session`` the registry (recorded actions and mediation initiatives) is not read
    and ``inputs["registry_read"]`` says so.

    Raises ``DataValidationError`` for a year outside the panel (scores of years without data
    would read as calm), ``UnknownCountryError`` if the state was not independent in ``year``,
    ``NotFoundError`` without an analytics store.
    """
    sources = load_sources(settings)
    if not sources.first_year <= year <= sources.last_year:
        raise DataValidationError(
            "criteria",
            None,
            "year",
            f"{year} is outside the data ({sources.first_year}-{sources.last_year})",
        )
    get_state(gwno, year)
    return _compute(sources, _registry(session, year, year), gwno, year)


def criteria_frame(
    settings: Settings, years: Iterable[int] | None = None, session: Session | None = None
) -> pd.DataFrame:
    """Scores of every independent state for each of ``years`` (default: every panel year).

    Returns a DataFrame with columns ``gwno``, ``year``, ``regional``, ``intervention``,
    ``organisations``, ``mediation`` (floats in [0, 1]), sorted by year then gwno. Used by the
    criterion alert rules and by the analogue search; pages use :func:`country_criteria`.
    """
    if session is None and years is None:
        path = settings.analytics_path
        if not path.is_file():
            raise StoreMissingError("analytics store", path)
        return _all_years_cached(path, path.stat().st_mtime).copy()
    return _frame(load_sources(settings), years, session)


@single_flight_cache(maxsize=2)
def _all_years_cached(path: Path, mtime: float) -> pd.DataFrame:
    return _frame(_sources_cached(path, mtime), None, None)


def _frame(sources: Sources, years: Iterable[int] | None, session: Session | None) -> pd.DataFrame:
    wanted = (
        sorted(set(years))
        if years is not None
        else list(range(sources.first_year, sources.last_year + 1))
    )
    if not wanted:
        return pd.DataFrame(columns=["gwno", "year", *CRITERIA])
    registry = _registry(session, wanted[0], wanted[-1])
    records = []
    for year in wanted:
        alive = states_alive(year)
        by_subregion: dict[str, list[int]] = defaultdict(list)
        for state in alive:
            by_subregion[state.subregion or ""].append(state.gwno)
        for state in alive:
            found = _compute(sources, registry, state.gwno, year, by_subregion)
            records.append(
                {"gwno": state.gwno, "year": year, **{c.key: c.score for c in found.criteria}}
            )
    return pd.DataFrame.from_records(records, columns=["gwno", "year", *CRITERIA])
