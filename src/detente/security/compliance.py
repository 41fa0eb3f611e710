"""Compliance monitoring: incident reports, monitoring verdicts, per-principle and per-member
views, and the UCDP conflicts an incident matches.

An incident is ``reported`` → ``under_review`` → ``decided`` (a verdict is given) or
``withdrawn``. A UCDP/PRIO ACD conflict matches an incident when, in the incident's year, the
accused state fights on one side (primary or secondary party) and the reporting state, when
the reporter is a state, on the other. Matches are computed from the analytics store on
demand (the store is replaced with each release, so stored links would go stale).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from detente.analytics.store import read_connection, table_exists
from detente.countries import canonical_gwno
from detente.errors import DataValidationError, InvalidTransitionError, NotFoundError
from detente.security import checks
from detente.security.catalogue import FINDINGS, INCIDENT_STATUSES, INCIDENT_TRANSITIONS
from detente.security.models import Incident, IncidentPrinciple, Principle, Verdict, audit_row
from detente.security.pacts import find_pact, is_member, require_open, signature
from detente.sources.acd import CONFLICT_URL
from detente.store import record_audit


@dataclass(frozen=True)
class VerdictView:
    """The monitors' finding on an incident."""

    finding: str
    reasoning: str
    decided_on: dt.date
    monitor: str


@dataclass(frozen=True)
class IncidentView:
    """An incident report with its principles and verdict."""

    id: int
    pact_id: int
    occurred_on: dt.date
    place: str
    reporting_party: str
    reporting_gwno: int | None
    accused_gwno: int
    accused_iso3: str
    summary: str
    evidence: tuple[str, ...]
    status: str
    principles: tuple[int, ...]
    verdict: VerdictView | None


@dataclass(frozen=True)
class ConflictMatch:
    """A UCDP/PRIO ACD conflict-year an incident matches."""

    conflict_id: int
    year: int
    location: str
    side_a: str
    side_b: str
    territory: str | None
    intensity_level: int
    type_of_conflict: int

    @property
    def url(self) -> str:
        """The conflict's page on the UCDP Conflict Encyclopedia."""
        return CONFLICT_URL.format(self.conflict_id)


@dataclass(frozen=True)
class ComplianceRow:
    """Counts of incidents for one principle or one member."""

    key: int
    label: str
    incidents: int
    violations: int
    no_violation: int
    inconclusive: int
    open: int


@dataclass(frozen=True)
class _AcdRow:
    match: ConflictMatch
    side_a: frozenset[int] = field(default_factory=frozenset)
    side_b: frozenset[int] = field(default_factory=frozenset)

    def matches(self, accused: int, reporter: int | None) -> bool:
        """The accused fights on one side (primary or secondary) and a reporting state, if any,
        on the other."""
        for own, other in ((self.side_a, self.side_b), (self.side_b, self.side_a)):
            if accused in own and (reporter is None or reporter in other):
                return True
        return False


def _find(session: Session, incident_id: int) -> Incident:
    row = checks.get_row(session, Incident, incident_id)
    if row is None:
        raise NotFoundError(f"no incident {incident_id}")
    return row


def _view(session: Session, row: Incident) -> IncidentView:
    numbers = session.scalars(
        select(Principle.number)
        .join(IncidentPrinciple, IncidentPrinciple.principle_id == Principle.id)
        .where(IncidentPrinciple.incident_id == row.id)
        .order_by(Principle.number)
    )
    verdict = session.scalar(select(Verdict).where(Verdict.incident_id == row.id))
    return IncidentView(
        id=row.id,
        pact_id=row.pact_id,
        occurred_on=row.occurred_on,
        place=row.place,
        reporting_party=row.reporting_party,
        reporting_gwno=row.reporting_gwno,
        accused_gwno=row.accused_gwno,
        accused_iso3=checks.iso3(row.accused_gwno),
        summary=row.summary,
        evidence=tuple(row.evidence),
        status=row.status,
        principles=tuple(numbers),
        verdict=None
        if verdict is None
        else VerdictView(verdict.finding, verdict.reasoning, verdict.decided_on, verdict.monitor),
    )


BATCH = 500
"""Incidents per ``IN (...)`` query when loading principles and verdicts of many at once."""


def _views(session: Session, rows: Sequence[Incident]) -> list[IncidentView]:
    """Views of many incidents with two queries per :data:`BATCH` (not two per incident)."""
    numbers: dict[int, list[int]] = {}
    verdicts: dict[int, Verdict] = {}
    ids = [row.id for row in rows]
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        for incident_id, number in session.execute(
            select(IncidentPrinciple.incident_id, Principle.number)
            .join(Principle, IncidentPrinciple.principle_id == Principle.id)
            .where(IncidentPrinciple.incident_id.in_(chunk))
            .order_by(Principle.number)
        ).tuples():
            numbers.setdefault(incident_id, []).append(number)
        for verdict in session.scalars(select(Verdict).where(Verdict.incident_id.in_(chunk))):
            verdicts[verdict.incident_id] = verdict
    return [
        IncidentView(
            id=row.id,
            pact_id=row.pact_id,
            occurred_on=row.occurred_on,
            place=row.place,
            reporting_party=row.reporting_party,
            reporting_gwno=row.reporting_gwno,
            accused_gwno=row.accused_gwno,
            accused_iso3=checks.iso3(row.accused_gwno),
            summary=row.summary,
            evidence=tuple(row.evidence),
            status=row.status,
            principles=tuple(numbers.get(row.id, ())),
            verdict=None
            if (v := verdicts.get(row.id)) is None
            else VerdictView(v.finding, v.reasoning, v.decided_on, v.monitor),
        )
        for row in rows
    ]


def report_incident(
    session: Session,
    pact: int | str,
    *,
    occurred_on: dt.date | str,
    place: str,
    reporting_party: int | str,
    accused: int | str,
    principles: Sequence[int | str],
    summary: str,
    actor: str,
    evidence: Sequence[str] = (),
    origin: str = "incident",
) -> IncidentView:
    """Record an incident report concerning one or more of the pact's principles.

    ``reporting_party`` is a state (code, ISO3, name) or any other reporter (an NGO, a
    monitoring mission); ``accused`` must be a state. ``principles`` are the pact's principle
    numbers (1-10 for Helsinki).

    Raises
    ------
    DataValidationError
        bad date (in the future or before the pact was signed), empty place or summary, an
        accused state that was not a member on that date, no principle or one the pact does
        not have, an evidence link that is not http(s).
    ConflictError
        the pact is terminated.
    """
    row = find_pact(session, pact)
    occurred = checks.past_day(occurred_on, origin, "occurred_on", signature(row))
    reporter = checks.text(str(reporting_party), origin, "reporting_party", 120)
    try:
        reporting_gwno: int | None = checks.gwno(reporter, origin, "reporting_party")
    except DataValidationError:
        reporting_gwno = None  # not a state
    accused_gwno = checks.gwno(accused, origin, "accused")
    require_open(row, "an incident")
    if not is_member(session, row.id, accused_gwno, occurred):
        raise DataValidationError(
            origin,
            None,
            "accused",
            f"{checks.iso3(accused_gwno)} was not a member of '{row.slug}' on {occurred}; "
            "the pact's principles bind its participating states",
        )
    if not principles:
        raise DataValidationError(origin, None, "principles", "name at least one principle")
    available = {
        p.number: p.id
        for p in session.scalars(select(Principle).where(Principle.pact_id == row.id))
    }
    chosen: list[int] = []
    for value in principles:
        try:
            number = int(str(value).strip())
        except ValueError as error:
            raise DataValidationError(
                origin, None, "principles", f"'{value}' is not a principle number"
            ) from error
        if number not in available:
            raise DataValidationError(
                origin,
                None,
                "principles",
                f"pact '{row.slug}' has no principle {number} (1-{len(available)})",
            )
        if number not in chosen:
            chosen.append(number)
    links = [checks.url(link, origin, "evidence") for link in evidence if link.strip()]
    incident = Incident(
        pact_id=row.id,
        occurred_on=occurred,
        place=checks.text(place, origin, "place", 200),
        reporting_party=reporter if reporting_gwno is None else checks.iso3(reporting_gwno),
        reporting_gwno=reporting_gwno,
        accused_gwno=accused_gwno,
        summary=checks.text(summary, origin, "summary", 4000),
        evidence=links,
        status="reported",
        created_at=dt.datetime.now(dt.UTC),
    )
    session.add(incident)
    session.flush()
    for number in chosen:
        session.add(IncidentPrinciple(incident_id=incident.id, principle_id=available[number]))
    session.flush()
    record_audit(
        session,
        actor=actor,
        action="report",
        entity="incident",
        entity_id=incident.id,
        after={**audit_row(incident), "principles": chosen},
    )
    return _view(session, incident)


def set_incident_status(
    session: Session, incident_id: int, status: str, *, actor: str
) -> IncidentView:
    """Put an incident under review or withdraw it (a verdict is given with :func:`give_verdict`).

    Raises
    ------
    InvalidTransitionError
        the move is not allowed from the current status (decided and withdrawn are final).
    """
    row = _find(session, incident_id)
    status = checks.choice(status, ("under_review", "withdrawn"), "incident", "status")
    if status not in INCIDENT_TRANSITIONS[row.status]:
        raise InvalidTransitionError(
            f"incident {incident_id} is {row.status}; it cannot become {status}"
        )
    before = audit_row(row)
    row.status = status
    record_audit(
        session,
        actor=actor,
        action=status,
        entity="incident",
        entity_id=row.id,
        before=before,
        after=audit_row(row),
    )
    return _view(session, row)


def give_verdict(
    session: Session,
    incident_id: int,
    *,
    finding: str,
    reasoning: str,
    actor: str,
    decided_on: dt.date | str | None = None,
    origin: str = "verdict",
) -> IncidentView:
    """The monitors' finding (violation, no violation, inconclusive); the incident is decided.

    Raises
    ------
    InvalidTransitionError
        the incident is already decided or was withdrawn.
    DataValidationError
        unknown finding, empty reasoning, a decision dated before the incident.
    """
    row = _find(session, incident_id)
    if "decided" not in INCIDENT_TRANSITIONS[row.status]:
        raise InvalidTransitionError(
            f"incident {incident_id} is {row.status}; a verdict needs a reported or "
            "under-review incident"
        )
    finding = checks.choice(finding, FINDINGS, origin, "finding")
    decided = checks.optional_day(decided_on, origin, "decided_on") or dt.date.today()
    if decided < row.occurred_on:
        raise DataValidationError(
            origin, None, "decided_on", f"{decided} is before the incident ({row.occurred_on})"
        )
    before = audit_row(row)
    verdict = Verdict(
        incident_id=row.id,
        finding=finding,
        reasoning=checks.text(reasoning, origin, "reasoning", 4000),
        decided_on=decided,
        monitor=actor[:120],
        created_at=dt.datetime.now(dt.UTC),
    )
    session.add(verdict)
    row.status = "decided"
    session.flush()
    record_audit(
        session,
        actor=actor,
        action="verdict",
        entity="incident",
        entity_id=row.id,
        before=before,
        after={**audit_row(row), "verdict": audit_row(verdict)},
    )
    return _view(session, row)


def get_incident(session: Session, incident_id: int) -> IncidentView:
    """One incident."""
    return _view(session, _find(session, incident_id))


def list_incidents(
    session: Session,
    pact: int | str | None = None,
    *,
    gwno: int | None = None,
    status: str | None = None,
    principle: int | None = None,
) -> list[IncidentView]:
    """Incidents, newest first, filtered by pact, by a state (accused or reporting), status or
    principle number."""
    query = select(Incident)
    if pact is not None:
        query = query.where(Incident.pact_id == find_pact(session, pact).id)
    if gwno is not None:
        query = query.where((Incident.accused_gwno == gwno) | (Incident.reporting_gwno == gwno))
    if status is not None:
        query = query.where(
            Incident.status == checks.choice(status, INCIDENT_STATUSES, "filter", "status")
        )
    rows = list(session.scalars(query.order_by(Incident.occurred_on.desc(), Incident.id.desc())))
    views = _views(session, rows)
    if principle is not None:
        views = [v for v in views if principle in v.principles]
    return views


def _tally(key: int, label: str, incidents: Iterable[IncidentView]) -> ComplianceRow:
    found = list(incidents)
    findings = [i.verdict.finding for i in found if i.verdict is not None]
    return ComplianceRow(
        key=key,
        label=label,
        incidents=len(found),
        violations=findings.count("violation"),
        no_violation=findings.count("no_violation"),
        inconclusive=findings.count("inconclusive"),
        open=sum(1 for i in found if i.status in ("reported", "under_review")),
    )


def by_principle(
    session: Session, pact: int | str, incidents: Sequence[IncidentView] | None = None
) -> list[ComplianceRow]:
    """For every principle of the pact (all of them, zero included): incidents and verdicts.

    ``incidents`` (the pact's, from :func:`list_incidents`) saves loading them again.
    """
    row = find_pact(session, pact)
    if incidents is None:
        incidents = list_incidents(session, row.id)
    principles = session.scalars(
        select(Principle).where(Principle.pact_id == row.id).order_by(Principle.number)
    )
    return [
        _tally(p.number, p.title, (i for i in incidents if p.number in i.principles))
        for p in principles
    ]


def by_member(
    session: Session, pact: int | str, incidents: Sequence[IncidentView] | None = None
) -> list[ComplianceRow]:
    """For every accused state: incidents and verdicts, most violations first (``incidents``:
    the pact's, when already loaded)."""
    if incidents is None:
        incidents = list_incidents(session, pact)
    accused = sorted({i.accused_gwno for i in incidents})
    rows = [
        _tally(gw, checks.iso3(gw), (i for i in incidents if i.accused_gwno == gw))
        for gw in accused
    ]
    return sorted(rows, key=lambda r: (-r.violations, -r.incidents, r.label))


def _codes(value: str | None, year: int) -> set[int]:
    found: set[int] = set()
    for part in (value or "").split(","):
        if part.strip().isdigit():
            code = int(part.strip())
            try:
                found.add(canonical_gwno(code, year))
            except Exception:  # a code the reference does not know: keep UCDP's
                found.add(code)
    return found


def _acd_rows(analytics_path: Path, years: set[int]) -> dict[int, list[_AcdRow]]:
    if not years or not analytics_path.is_file():
        return {}
    by_year: dict[int, list[_AcdRow]] = {}
    with read_connection(analytics_path) as con:
        if not table_exists(con, "raw_acd", None):
            return {}
        placeholders = ", ".join("?" for _ in years)
        rows = con.execute(
            "SELECT conflict_id, year, location, side_a, side_b, territory_name, "
            "intensity_level, type_of_conflict, gwno_a, gwno_a_2nd, gwno_b, gwno_b_2nd "
            f"FROM raw_acd WHERE year IN ({placeholders}) ORDER BY conflict_id",
            sorted(years),
        ).fetchall()
    for r in rows:
        year = int(r[1])
        side_a = _codes(r[8], year) | _codes(r[9], year)
        side_b = _codes(r[10], year) | _codes(r[11], year)
        match = ConflictMatch(
            int(r[0]), year, str(r[2]), str(r[3]), str(r[4]), r[5], int(r[6]), int(r[7])
        )
        by_year.setdefault(year, []).append(_AcdRow(match, frozenset(side_a), frozenset(side_b)))
    return by_year


def ucdp_matches(
    analytics_path: Path, incidents: Sequence[IncidentView]
) -> dict[int, list[ConflictMatch]]:
    """Incident id -> the ACD conflicts of its year where the accused is on one side (primary
    or secondary) and a reporting state, if the reporter is one, on the other; an empty mapping
    when no analytics store is loaded."""
    by_year = _acd_rows(analytics_path, {i.occurred_on.year for i in incidents})
    matches: dict[int, list[ConflictMatch]] = {}
    for incident in incidents:
        found = [
            r.match
            for r in by_year.get(incident.occurred_on.year, [])
            if r.matches(incident.accused_gwno, incident.reporting_gwno)
        ]
        if found:
            matches[incident.id] = found
    return matches
