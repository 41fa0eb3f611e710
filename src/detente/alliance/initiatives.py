"""Initiatives, endorsements, published endorser counts and Alliance membership.

"Multilateralism through proof": an initiative shows its weight by who endorses it. Where the
endorsers are public (the Paris Call) each one is a row; where only a number was published
(the Climate and Security Initiative, "endorsed by 48 states") the number is stored as a
:class:`CountReport` with its source and no endorsement rows are ever made up.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from detente import dates
from detente.alliance.models import CountReport, Endorsement, Initiative, Membership
from detente.countries import gwno_to_iso3, is_known_gwno
from detente.errors import ConflictError, DataValidationError, NotFoundError
from detente.safetext import csv_frame
from detente.store import flush_or_conflict, get_row, record_audit

Level = Literal["signed", "endorsed", "supports"]
LEVELS: tuple[Level, ...] = ("signed", "endorsed", "supports")


@dataclass(frozen=True)
class CountReportView:
    """A published number of endorsers on a date."""

    as_of: dt.date
    count: int
    unit: str
    source: str


@dataclass(frozen=True)
class InitiativeView:
    """An initiative with its endorsement totals (what pages and the API show)."""

    id: int
    slug: str
    title: str
    summary: str
    category: str
    launched_on: dt.date | None
    lead_states: tuple[int, ...]
    documents: tuple[str, ...]
    list_public: bool
    list_source: str
    states: int
    organisations: int
    reports: tuple[CountReportView, ...]
    title_fr: str = ""
    summary_fr: str = ""

    def title_in(self, language: str) -> str:
        """The title in ``language``: the French one on French pages when there is one."""
        return self.title_fr if language == "fr" and self.title_fr else self.title

    def summary_in(self, language: str) -> str:
        """The summary in ``language``, falling back to the English one like :meth:`title_in`."""
        return self.summary_fr if language == "fr" and self.summary_fr else self.summary

    @property
    def latest_report(self) -> CountReportView | None:
        """The newest published count, if any."""
        return max(self.reports, key=lambda r: r.as_of) if self.reports else None

    @property
    def count_only(self) -> bool:
        """True when only a count is public (no list): pages say so."""
        return not self.list_public


@dataclass(frozen=True)
class EndorsementView:
    """One endorsement by a state (``gwno``/``iso3``) or an organisation."""

    id: int
    initiative_id: int
    initiative_slug: str
    gwno: int | None
    iso3: str | None
    organisation: str | None
    organisation_kind: str | None
    level: str
    endorsed_on: dt.date | None
    source: str

    def audit_state(self) -> dict[str, Any]:
        """JSON-friendly state for the audit log."""
        return {
            "initiative": self.initiative_slug,
            "gwno": self.gwno,
            "organisation": self.organisation,
            "level": self.level,
            "endorsed_on": self.endorsed_on.isoformat() if self.endorsed_on else None,
        }


@dataclass(frozen=True)
class TimelinePoint:
    """Cumulative dated endorsements of one initiative after ``day``."""

    day: dt.date
    states: int
    organisations: int


@dataclass(frozen=True)
class Timeline:
    """Endorsements over time: dated cumulative counts, the undated rest, published counts."""

    initiative: InitiativeView
    points: tuple[TimelinePoint, ...]
    undated_states: int
    undated_organisations: int
    reports: tuple[CountReportView, ...]


@dataclass(frozen=True)
class MemberView:
    """A state's Alliance membership spell."""

    gwno: int
    iso3: str | None
    joined_on: dt.date
    left_on: dt.date | None
    role: str
    source: str


def _initiative_row(session: Session, key: int | str) -> Initiative:
    """The initiative of an id or a slug; ``isdecimal`` (not ``isdigit``) picks the id, since
    ``int()`` refuses digits such as '²' and a traceback would follow."""
    if isinstance(key, int) or (isinstance(key, str) and key.isdecimal()):
        row = get_row(session, Initiative, int(key))
    else:
        row = session.scalars(select(Initiative).where(Initiative.slug == key)).first()
    if row is None:
        raise NotFoundError(f"no initiative '{key}'; see `detente alliance initiatives`")
    return row


def _view(session: Session, row: Initiative) -> InitiativeView:
    states = session.scalar(
        select(func.count())
        .select_from(Endorsement)
        .where(Endorsement.initiative_id == row.id, Endorsement.gwno.is_not(None))
    )
    organisations = session.scalar(
        select(func.count())
        .select_from(Endorsement)
        .where(Endorsement.initiative_id == row.id, Endorsement.gwno.is_(None))
    )
    reports = session.scalars(
        select(CountReport)
        .where(CountReport.initiative_id == row.id)
        .order_by(CountReport.as_of, CountReport.id)
    )
    return InitiativeView(
        id=row.id,
        slug=row.slug,
        title=row.title,
        summary=row.summary,
        category=row.category,
        launched_on=row.launched_on,
        lead_states=tuple(int(g) for g in row.lead_states),
        documents=tuple(str(d) for d in row.documents),
        list_public=row.list_public,
        list_source=row.list_source,
        states=int(states or 0),
        organisations=int(organisations or 0),
        reports=tuple(CountReportView(r.as_of, r.count, r.unit, r.source) for r in reports),
        title_fr=row.title_fr or "",
        summary_fr=row.summary_fr or "",
    )


def list_initiatives(session: Session) -> list[InitiativeView]:
    """Every initiative, oldest first (by id)."""
    return [
        _view(session, row) for row in session.scalars(select(Initiative).order_by(Initiative.id))
    ]


def get_initiative(session: Session, key: int | str) -> InitiativeView:
    """An initiative by id or slug; ``NotFoundError`` if there is none."""
    return _view(session, _initiative_row(session, key))


def create_initiative(
    session: Session,
    *,
    slug: str,
    title: str,
    category: str,
    actor: str,
    summary: str = "",
    launched_on: dt.date | None = None,
    lead_states: tuple[int, ...] = (),
    documents: tuple[str, ...] = (),
    list_public: bool = False,
    list_source: str = "",
) -> InitiativeView:
    """Add an initiative (``ConflictError`` if the slug is taken)."""
    if session.scalars(select(Initiative).where(Initiative.slug == slug)).first() is not None:
        raise ConflictError(f"an initiative '{slug}' already exists")
    for gwno in lead_states:
        if not is_known_gwno(gwno):
            raise DataValidationError("initiative", None, "lead_states", f"unknown gwno {gwno}")
    row = Initiative(
        slug=slug,
        title=title,
        summary=summary,
        category=category,
        launched_on=launched_on,
        lead_states=list(lead_states),
        documents=list(documents),
        list_public=list_public,
        list_source=list_source,
    )
    session.add(row)
    session.flush()
    record_audit(
        session,
        actor=actor,
        action="create",
        entity="alliance_initiative",
        entity_id=row.id,
        after={"slug": slug, "title": title, "category": category, "list_public": list_public},
    )
    return _view(session, row)


def add_count_report(
    session: Session,
    initiative: int | str,
    *,
    as_of: dt.date,
    count: int,
    source: str,
    actor: str,
    unit: str = "states",
) -> CountReportView:
    """Record a published number of endorsers ("endorsed by 48 states") with its source."""
    if count < 0:
        raise DataValidationError("count report", None, "count", f"{count} is negative")
    row = _initiative_row(session, initiative)
    report = CountReport(initiative_id=row.id, as_of=as_of, count=count, unit=unit, source=source)
    session.add(report)
    session.flush()
    record_audit(
        session,
        actor=actor,
        action="report_count",
        entity="alliance_initiative",
        entity_id=row.id,
        after={"as_of": as_of.isoformat(), "count": count, "unit": unit, "source": source},
    )
    return CountReportView(as_of, count, unit, source)


def _endorsement_view(row: Endorsement, slug: str) -> EndorsementView:
    return EndorsementView(
        id=row.id,
        initiative_id=row.initiative_id,
        initiative_slug=slug,
        gwno=row.gwno,
        iso3=gwno_to_iso3(row.gwno) if row.gwno is not None else None,
        organisation=row.organisation,
        organisation_kind=row.organisation_kind,
        level=row.level,
        endorsed_on=row.endorsed_on,
        source=row.source,
    )


def add_endorsement(
    session: Session,
    initiative: int | str,
    *,
    level: str,
    actor: str,
    gwno: int | None = None,
    organisation: str | None = None,
    organisation_kind: str | None = None,
    endorsed_on: dt.date | None = None,
    source: str = "",
    date_field: str = "endorsed_on",
) -> EndorsementView:
    """Record that a state (``gwno``) or an organisation endorsed an initiative.

    ``date_field`` is what an error about ``endorsed_on`` calls it: the name the user gave
    the date under (the command line's ``--date``; the web form keeps ``endorsed_on``).

    Raises
    ------
    DataValidationError
        Neither or both of ``gwno`` and ``organisation``, an unknown gwno or level, an
        ``endorsed_on`` in the future or before the initiative was launched (a typo such as
        2099 would otherwise stand first on the timeline), or an initiative whose list is not
        public (only counts may be stored for it).
    ConflictError
        If that state or organisation already endorsed the initiative.
    """
    row = _initiative_row(session, initiative)
    where = f"initiative {row.slug}"
    if (gwno is None) == (organisation is None or not organisation.strip()):
        raise DataValidationError(where, None, "gwno", "give either a state or an organisation")
    if level not in LEVELS:
        raise DataValidationError(
            where, None, "level", f"'{level}' is not one of {', '.join(LEVELS)}"
        )
    if gwno is not None and not is_known_gwno(gwno):
        raise DataValidationError(where, None, "gwno", f"{gwno} is not a known GW state")
    if endorsed_on is not None:
        launched = (row.launched_on, "the initiative was launched") if row.launched_on else None
        dates.happened(endorsed_on, where, date_field, not_before=launched)
    if not row.list_public:
        raise DataValidationError(
            where, None, None, "only a count is public for this initiative; add a count report"
        )
    organisation = organisation.strip() if organisation else None
    query = select(Endorsement.id).where(Endorsement.initiative_id == row.id)
    query = (
        query.where(Endorsement.gwno == gwno)
        if gwno is not None
        else query.where(Endorsement.organisation == organisation)
    )
    who = gwno_to_iso3(gwno) if gwno is not None else organisation
    if session.scalars(query).first() is not None:
        raise ConflictError(f"{who} already endorsed {row.slug}")
    endorsement = Endorsement(
        initiative_id=row.id,
        gwno=gwno,
        organisation=organisation,
        organisation_kind=organisation_kind,
        level=level,
        endorsed_on=endorsed_on,
        source=source,
    )
    session.add(endorsement)
    flush_or_conflict(session, f"{who} already endorsed {row.slug}")
    view = _endorsement_view(endorsement, row.slug)
    record_audit(
        session,
        actor=actor,
        action="endorse",
        entity="alliance_endorsement",
        entity_id=endorsement.id,
        after=view.audit_state(),
    )
    return view


def list_endorsements(
    session: Session,
    initiative: int | str | None = None,
    *,
    gwno: int | None = None,
    states_only: bool = False,
) -> list[EndorsementView]:
    """Endorsements, optionally of one initiative and/or one state, by date then name."""
    query = select(Endorsement, Initiative.slug).join(
        Initiative, Initiative.id == Endorsement.initiative_id
    )
    if initiative is not None:
        query = query.where(Endorsement.initiative_id == _initiative_row(session, initiative).id)
    if gwno is not None:
        query = query.where(Endorsement.gwno == gwno)
    if states_only:
        query = query.where(Endorsement.gwno.is_not(None))
    views = [_endorsement_view(row, slug) for row, slug in session.execute(query)]
    return sorted(
        views,
        key=lambda v: (v.endorsed_on or dt.date.max, v.iso3 or "", v.organisation or "", v.id),
    )


ENDORSEMENT_COLUMNS = (
    "initiative",
    "gwno",
    "iso3",
    "organisation",
    "organisation_kind",
    "level",
    "endorsed_on",
    "source",
)


def endorsements_frame(session: Session) -> pd.DataFrame:
    """Every endorsement as a frame (the open-data download).

    Columns: ``initiative`` (slug), ``gwno`` (nullable int), ``iso3``, ``organisation``,
    ``organisation_kind``, ``level``, ``endorsed_on`` (ISO date or empty), ``source``.
    """
    rows = [
        {
            "initiative": v.initiative_slug,
            "gwno": v.gwno,
            "iso3": v.iso3,
            "organisation": v.organisation,
            "organisation_kind": v.organisation_kind,
            "level": v.level,
            "endorsed_on": v.endorsed_on.isoformat() if v.endorsed_on else None,
            "source": v.source,
        }
        for v in list_endorsements(session)
    ]
    frame = pd.DataFrame(rows, columns=list(ENDORSEMENT_COLUMNS))
    frame["gwno"] = frame["gwno"].astype("Int64")
    return frame


def timeline(session: Session, initiative: int | str) -> Timeline:
    """Cumulative dated endorsements of an initiative, the undated rest and published counts."""
    view = get_initiative(session, initiative)
    endorsements = list_endorsements(session, view.id)
    dated = sorted((e for e in endorsements if e.endorsed_on), key=lambda e: e.endorsed_on or 0)
    points: list[TimelinePoint] = []
    states = organisations = 0
    for endorsement in dated:
        assert endorsement.endorsed_on is not None
        if endorsement.gwno is not None:
            states += 1
        else:
            organisations += 1
        if points and points[-1].day == endorsement.endorsed_on:
            points[-1] = TimelinePoint(endorsement.endorsed_on, states, organisations)
        else:
            points.append(TimelinePoint(endorsement.endorsed_on, states, organisations))
    undated = [e for e in endorsements if e.endorsed_on is None]
    return Timeline(
        initiative=view,
        points=tuple(points),
        undated_states=sum(1 for e in undated if e.gwno is not None),
        undated_organisations=sum(1 for e in undated if e.gwno is None),
        reports=view.reports,
    )


def add_member(
    session: Session,
    *,
    gwno: int,
    joined_on: dt.date,
    actor: str,
    role: str = "member",
    source: str = "",
) -> MemberView:
    """Record a state's membership of the Alliance from ``joined_on``."""
    if not is_known_gwno(gwno):
        raise DataValidationError("membership", None, "gwno", f"{gwno} is not a known GW state")
    row = Membership(gwno=gwno, joined_on=joined_on, role=role, source=source)
    session.add(row)
    session.flush()
    record_audit(
        session,
        actor=actor,
        action="join",
        entity="alliance_membership",
        entity_id=row.id,
        after={"gwno": gwno, "joined_on": joined_on.isoformat(), "role": role},
    )
    return MemberView(gwno, gwno_to_iso3(gwno), joined_on, None, role, source)


def members_on(session: Session, on: dt.date | None = None) -> list[MemberView]:
    """Alliance members on a day (default: every spell ever recorded), by joining date."""
    query = select(Membership).order_by(Membership.joined_on, Membership.gwno)
    if on is not None:
        query = query.where(Membership.joined_on <= on).where(
            (Membership.left_on.is_(None)) | (Membership.left_on > on)
        )
    return [
        MemberView(r.gwno, gwno_to_iso3(r.gwno), r.joined_on, r.left_on, r.role, r.source)
        for r in session.scalars(query)
    ]


def export_endorsements(session: Session, out: Path) -> int:
    """Write every endorsement to ``out`` (``.csv`` or ``.parquet``); returns the row count."""
    if out.suffix not in (".csv", ".parquet"):
        raise DataValidationError(out, None, None, "the file must end in .csv or .parquet")
    frame = endorsements_frame(session)
    out.parent.mkdir(parents=True, exist_ok=True)
    if out.suffix == ".csv":
        csv_frame(frame).to_csv(out, index=False)
    else:
        frame.to_parquet(out, index=False)
    return len(frame)


def endorsements_bytes(session: Session, kind: str) -> bytes:
    """Every endorsement as the bytes of a ``csv`` or ``parquet`` file (the web download)."""
    frame = endorsements_frame(session)
    if kind == "csv":
        return csv_frame(frame).to_csv(index=False).encode("utf-8")
    if kind == "parquet":
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        return buffer.getvalue()
    raise DataValidationError("endorsements", None, "kind", f"'{kind}' is not csv or parquet")


@dataclass(frozen=True)
class CountSeries:
    """Endorser counts of one initiative over time: ``(day, count)`` pairs, oldest first.

    ``kind`` is ``published`` (counts a source published) or ``dated`` (our dated endorsements
    by states, cumulative; endorsements without a date are not in it).
    """

    slug: str
    title: str
    kind: str
    points: tuple[tuple[dt.date, int], ...]


def endorsement_series(session: Session) -> list[CountSeries]:
    """What the initiatives chart draws: published counts, and dated state endorsements."""
    series: list[CountSeries] = []
    for item in list_initiatives(session):
        if item.reports:
            points = tuple((r.as_of, r.count) for r in item.reports)
            series.append(CountSeries(item.slug, item.title, "published", points))
        if item.list_public:
            line = timeline(session, item.id)
            dated = tuple((p.day, p.states) for p in line.points)
            if dated:
                series.append(CountSeries(item.slug, item.title, "dated", dated))
    return series
