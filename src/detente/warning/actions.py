"""Registry of regional-organisation actions and mediation initiatives (criteria c and d).

No public dataset records, country by country, the statements, mediation and missions of
regional organisations or the private (track 2) mediation efforts, so analysts record them here,
each with a source. The criteria read the registry; nothing else writes it. Every write is
validated first and audited in the same transaction.

Records change in two ways only, both audited: an ongoing mediation initiative gets its end
(:func:`end_mediation`, since initiatives are recorded while they run), and a wrong record is
withdrawn (:func:`withdraw_record`) with a reason. A withdrawn record leaves the table, so the
criteria stop counting it and the same record can be entered again, corrected; the audit log
keeps it as it was, who withdrew it and why.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, get_args

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from detente.countries import ORGANISATIONS, get_state, is_known_gwno
from detente.dates import happened
from detente.errors import ConflictError, DataValidationError, NotFoundError, UnknownCountryError
from detente.store import flush_or_conflict, get_row, record_audit
from detente.warning.models import MediationInitiative, OrgAction

ActionKind = Literal["statement", "mediation", "mission", "sanctions"]
ACTION_KINDS: tuple[str, ...] = get_args(ActionKind)
Track = Literal["official", "private"]
TRACKS: tuple[str, ...] = get_args(Track)
ACTION_WEIGHTS: dict[str, float] = {
    "statement": 1.0,
    "sanctions": 1.5,
    "mediation": 2.0,
    "mission": 3.0,
}
"""How much one action counts in criterion (c): a mission commits more than a statement."""
TRACK_WEIGHTS: dict[str, float] = {"official": 1.0, "private": 0.5}
"""How much one mediation initiative counts in criterion (d)."""
RecordKind = Literal["action", "mediation"]
RECORD_KINDS: tuple[str, ...] = get_args(RecordKind)
"""What :func:`withdraw_record` withdraws: an organisation action or a mediation initiative."""


@dataclass(frozen=True)
class OrgActionView:
    """A recorded action of a regional organisation about a state."""

    id: int
    gwno: int
    org: str
    kind: str
    acted_on: dt.date
    title: str
    source: str
    created_by: str

    def audit_state(self) -> dict[str, Any]:
        """The JSON kept in the audit log."""
        return {
            "gwno": self.gwno,
            "org": self.org,
            "kind": self.kind,
            "acted_on": self.acted_on.isoformat(),
            "title": self.title,
            "source": self.source,
        }


@dataclass(frozen=True)
class MediationView:
    """A recorded mediation initiative for a state."""

    id: int
    gwno: int
    track: str
    mediator: str
    started_on: dt.date
    ended_on: dt.date | None
    title: str
    source: str
    created_by: str

    def audit_state(self) -> dict[str, Any]:
        """The JSON kept in the audit log."""
        return {
            "gwno": self.gwno,
            "track": self.track,
            "mediator": self.mediator,
            "started_on": self.started_on.isoformat(),
            "ended_on": self.ended_on.isoformat() if self.ended_on else None,
            "title": self.title,
            "source": self.source,
        }

    def active_in(self, year: int) -> bool:
        """Whether the initiative ran on any day of ``year``."""
        return self.started_on.year <= year and (
            self.ended_on is None or self.ended_on.year >= year
        )


def _text(file: str, field: str, value: str, limit: int) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise DataValidationError(file, None, field, "must not be empty")
    if len(cleaned) > limit:
        raise DataValidationError(
            file, None, field, f"is {len(cleaned)} characters; at most {limit}"
        )
    return cleaned


def _gwno(file: str, gwno: int, on: dt.date) -> int:
    if not is_known_gwno(gwno):
        raise DataValidationError(file, None, "gwno", f"{gwno} is not a Gleditsch–Ward code")
    try:
        get_state(gwno, on)
    except UnknownCountryError as e:
        raise DataValidationError(
            file, None, "gwno", f"state {gwno} was not independent on {on.isoformat()}"
        ) from e
    return gwno


_Row = TypeVar("_Row", OrgAction, MediationInitiative)
_View = TypeVar("_View", OrgActionView, MediationView)


def add_org_action(
    session: Session,
    *,
    gwno: int,
    org: str,
    kind: str,
    acted_on: dt.date,
    title: str,
    source: str,
    actor: str,
) -> OrgActionView:
    """Record an action (statement, sanctions, mediation, mission) of a regional organisation.

    Raises ``DataValidationError`` for an unknown organisation (see
    ``detente.countries.ORGANISATIONS``) or kind, a state not independent that day, a future
    date, or an empty title/source; ``ConflictError`` when the same action (state,
    organisation, kind, date, title) is already recorded.
    """
    file = "org action"
    acronym = org.strip().upper()
    if acronym not in ORGANISATIONS:
        raise DataValidationError(
            file,
            None,
            "org",
            f"'{org}' is not a tracked organisation; use one of {sorted(ORGANISATIONS)}",
        )
    if kind not in ACTION_KINDS:
        raise DataValidationError(
            file, None, "kind", f"'{kind}' is not one of {list(ACTION_KINDS)}"
        )
    happened(acted_on, file, "acted_on")
    row = OrgAction(
        gwno=_gwno(file, gwno, acted_on),
        org=acronym,
        kind=kind,
        acted_on=acted_on,
        title=_text(file, "title", title, 300),
        source=_text(file, "source", source, 500),
        created_by=actor,
        created_at=dt.datetime.now(dt.UTC),
    )
    _refuse_copy(
        session,
        file,
        select(OrgAction.id)
        .where(
            OrgAction.gwno == row.gwno,
            OrgAction.org == row.org,
            OrgAction.kind == row.kind,
            OrgAction.acted_on == row.acted_on,
            OrgAction.title == row.title,
        )
        .order_by(OrgAction.id),
    )
    return _store(session, file, row, _action_view, "org_action", actor)


def add_mediation(
    session: Session,
    *,
    gwno: int,
    track: str,
    mediator: str,
    started_on: dt.date,
    title: str,
    source: str,
    actor: str,
    ended_on: dt.date | None = None,
) -> MediationView:
    """Record a mediation initiative, ``official`` (track 1) or ``private`` (track 2).

    Raises ``DataValidationError`` for an unknown track, an end before the start or in the
    future, a state not independent at the start, a future start, or an empty
    mediator/title/source; ``ConflictError`` when the same initiative (state, track, mediator,
    dates, title) is already recorded.
    """
    file = "mediation initiative"
    if track not in TRACKS:
        raise DataValidationError(file, None, "track", f"'{track}' is not one of {list(TRACKS)}")
    happened(started_on, file, "started_on")
    if ended_on is not None:  # a known end is one that came: an ongoing initiative has none
        happened(ended_on, file, "ended_on", not_before=(started_on, "the start"))
    row = MediationInitiative(
        gwno=_gwno(file, gwno, started_on),
        track=track,
        mediator=_text(file, "mediator", mediator, 200),
        started_on=started_on,
        ended_on=ended_on,
        title=_text(file, "title", title, 300),
        source=_text(file, "source", source, 500),
        created_by=actor,
        created_at=dt.datetime.now(dt.UTC),
    )
    _refuse_copy(
        session,
        file,
        select(MediationInitiative.id)
        .where(
            MediationInitiative.gwno == row.gwno,
            MediationInitiative.track == row.track,
            MediationInitiative.mediator == row.mediator,
            MediationInitiative.started_on == row.started_on,
            MediationInitiative.ended_on.is_(None)
            if ended_on is None
            else MediationInitiative.ended_on == ended_on,
            MediationInitiative.title == row.title,
        )
        .order_by(MediationInitiative.id),
    )
    return _store(session, file, row, _mediation_view, "mediation", actor)


def _refuse_copy(session: Session, file: str, same: Select[int]) -> None:
    """``ConflictError`` when ``same`` finds a record: the criteria count every record, so a
    form sent twice would count one action or initiative twice and raise the published score.

    ``same`` compares everything that makes the record (state, organisation or mediator, kind
    or track, dates, title) but not the source: the same event cited from two places is still
    one event.
    """
    found = session.scalar(same.limit(1))
    if found is not None:
        raise ConflictError(f"{file}: already recorded as #{found}")


def _store(
    session: Session,
    file: str,
    row: _Row,
    view_of: Callable[[_Row], _View],
    entity: str,
    actor: str,
) -> _View:
    """Insert ``row`` and record its creation in the audit log (same transaction), so every
    record of the registry says who added it. A copy stored by another request since
    :func:`_refuse_copy` looked is refused by the table's unique index (``ConflictError``)."""
    session.add(row)
    flush_or_conflict(session, f"{file}: already recorded")
    view = view_of(row)
    record_audit(
        session,
        actor=actor,
        action="create",
        entity=entity,
        entity_id=row.id,
        after=view.audit_state(),
    )
    return view


def _action_view(row: OrgAction) -> OrgActionView:
    return OrgActionView(
        id=row.id,
        gwno=row.gwno,
        org=row.org,
        kind=row.kind,
        acted_on=row.acted_on,
        title=row.title,
        source=row.source,
        created_by=row.created_by,
    )


def _mediation_view(row: MediationInitiative) -> MediationView:
    return MediationView(
        id=row.id,
        gwno=row.gwno,
        track=row.track,
        mediator=row.mediator,
        started_on=row.started_on,
        ended_on=row.ended_on,
        title=row.title,
        source=row.source,
        created_by=row.created_by,
    )


def end_mediation(
    session: Session, mediation_id: int, *, ended_on: dt.date, actor: str
) -> MediationView:
    """Record the end of an ongoing mediation initiative (criterion (d) counts it until then).

    Raises ``NotFoundError`` for an unknown id; ``DataValidationError`` when the initiative has
    an end already (correct it by withdrawing the record and entering it again), or for an end
    before its start or in the future; ``ConflictError`` when the same initiative with that end
    is recorded already.
    """
    file = "mediation initiative"
    row = get_row(session, MediationInitiative, mediation_id)
    if row is None:
        raise NotFoundError(f"{file} #{mediation_id} does not exist")
    if row.ended_on is not None:
        raise DataValidationError(
            file,
            None,
            "ended_on",
            f"#{mediation_id} already ended on {row.ended_on.isoformat()}; withdraw the record"
            " and enter it again to correct it",
        )
    happened(ended_on, file, "ended_on", not_before=(row.started_on, "the start"))
    before = _mediation_view(row).audit_state()
    row.ended_on = ended_on
    flush_or_conflict(session, f"{file}: already recorded")
    view = _mediation_view(row)
    record_audit(
        session,
        actor=actor,
        action="end",
        entity="mediation",
        entity_id=row.id,
        before=before,
        after=view.audit_state(),
    )
    return view


def withdraw_record(
    session: Session, kind: str, record_id: int, *, reason: str, actor: str
) -> OrgActionView | MediationView:
    """Withdraw a wrong record (``kind``: ``action`` or ``mediation``); returns it as it was.

    The row is deleted and the audit log keeps it (``before``) with the reason (``after``), so
    the criteria stop counting it at once and nothing of it is lost. Raises
    ``DataValidationError`` for an unknown kind or an empty reason, ``NotFoundError`` for an
    unknown id.
    """
    if kind not in RECORD_KINDS:
        raise DataValidationError(
            "withdrawal", None, "kind", f"'{kind}' is not one of {list(RECORD_KINDS)}"
        )
    text = _text("withdrawal", "reason", reason, 300)
    view: OrgActionView | MediationView
    if kind == "action":
        action = get_row(session, OrgAction, record_id)
        if action is None:
            raise NotFoundError(f"org action #{record_id} does not exist")
        view, entity = _action_view(action), "org_action"
        session.delete(action)
    else:
        mediation = get_row(session, MediationInitiative, record_id)
        if mediation is None:
            raise NotFoundError(f"mediation initiative #{record_id} does not exist")
        view, entity = _mediation_view(mediation), "mediation"
        session.delete(mediation)
    session.flush()
    record_audit(
        session,
        actor=actor,
        action="withdraw",
        entity=entity,
        entity_id=record_id,
        before=view.audit_state(),
        after={"withdrawn": True, "reason": text},
    )
    return view


def list_org_actions(
    session: Session,
    gwno: int | None = None,
    *,
    first_year: int | None = None,
    last_year: int | None = None,
) -> list[OrgActionView]:
    """Recorded organisation actions, newest first, optionally for one state and a year range."""
    query = select(OrgAction).order_by(OrgAction.acted_on.desc(), OrgAction.id.desc())
    if gwno is not None:
        query = query.where(OrgAction.gwno == gwno)
    if first_year is not None:
        query = query.where(OrgAction.acted_on >= dt.date(first_year, 1, 1))
    if last_year is not None:
        query = query.where(OrgAction.acted_on <= dt.date(last_year, 12, 31))
    return [_action_view(row) for row in session.scalars(query)]


def list_mediation(
    session: Session,
    gwno: int | None = None,
    *,
    first_year: int | None = None,
    last_year: int | None = None,
) -> list[MediationView]:
    """Recorded mediation initiatives, newest first; with a year range, those running in it."""
    query = select(MediationInitiative).order_by(
        MediationInitiative.started_on.desc(), MediationInitiative.id.desc()
    )
    if gwno is not None:
        query = query.where(MediationInitiative.gwno == gwno)
    if last_year is not None:
        query = query.where(MediationInitiative.started_on <= dt.date(last_year, 12, 31))
    if first_year is not None:
        query = query.where(
            or_(
                MediationInitiative.ended_on.is_(None),
                MediationInitiative.ended_on >= dt.date(first_year, 1, 1),
            )
        )
    return [_mediation_view(row) for row in session.scalars(query)]
