"""Register of sanctions and reciprocal gestures.

The report proposes going over "the various categories of restrictive measures put in place
since 2014 and the reasons behind them" and pairing a gesture by one side with the lifting of
the measures taken after a given event (its example: an opening on MH17 against lifting the
sanctions adopted after it). A :class:`GesturePairView` is that pair; ``illustrative`` marks a
pairing that is an example (as the report's), not a negotiated one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from detente.errors import DataValidationError, InvalidTransitionError, NotFoundError
from detente.security import checks
from detente.security.catalogue import PAIR_STATUSES, SANCTION_CATEGORIES
from detente.security.models import GesturePair, Sanction, add_audited, audit_row
from detente.store import record_audit

PAIR_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "proposed": ("agreed", "abandoned"),
    "agreed": ("fulfilled", "abandoned"),
    "fulfilled": (),
    "abandoned": (),
}


@dataclass(frozen=True)
class SanctionView:
    """A restrictive measure."""

    id: int
    imposed_by: str
    target: str
    target_gwno: int | None
    category: str
    reason: str
    adopted_on: dt.date
    lifted_on: dt.date | None
    legal_act: str
    source: str
    note: str

    def in_force_on(self, on: dt.date) -> bool:
        """Whether the measure applies on ``on``."""
        return self.adopted_on <= on and (self.lifted_on is None or on < self.lifted_on)


@dataclass(frozen=True)
class GesturePairView:
    """A gesture by one side against lifting a sanction by the other."""

    id: int
    sanction: SanctionView
    gesture: str
    gesture_gwno: int | None
    status: str
    illustrative: bool
    note: str
    source: str


def _sanction_view(row: Sanction) -> SanctionView:
    return SanctionView(
        row.id,
        row.imposed_by,
        row.target,
        row.target_gwno,
        row.category,
        row.reason,
        row.adopted_on,
        row.lifted_on,
        row.legal_act,
        row.source,
        row.note,
    )


def _find_sanction(session: Session, sanction_id: int) -> Sanction:
    row = checks.get_row(session, Sanction, sanction_id)
    if row is None:
        raise NotFoundError(f"no sanction {sanction_id}; see 'detente sanctions list'")
    return row


def add_sanction(
    session: Session,
    *,
    imposed_by: str,
    target: str,
    category: str,
    reason: str,
    adopted_on: dt.date | str,
    actor: str,
    target_country: int | str | None = None,
    legal_act: str = "",
    source: str = "",
    note: str = "",
    origin: str = "sanction",
) -> SanctionView:
    """Register a measure with its category and stated reason; ``source`` (a link to the legal
    act or an official page) is required so every entry can be checked.

    Raises
    ------
    DataValidationError
        unknown category, empty fields, bad or future date, unknown target country or one
        not independent on the adoption date, no source.
    """
    target_gwno = checks.optional_gwno(target_country, origin, "target_country")
    adopted = checks.past_day(adopted_on, origin, "adopted_on")
    if target_gwno is not None:  # no measure against a state before it existed
        checks.independent(target_gwno, adopted, origin, "adopted_on")
    row = Sanction(
        imposed_by=checks.text(imposed_by, origin, "imposed_by", 80),
        target=checks.text(target, origin, "target", 200),
        target_gwno=target_gwno,
        category=checks.choice(category, SANCTION_CATEGORIES, origin, "category"),
        reason=checks.text(reason, origin, "reason", 300),
        adopted_on=adopted,
        legal_act=checks.text(legal_act, origin, "legal_act", 200, required=False),
        source=checks.text(source, origin, "source", 400),
        note=checks.text(note, origin, "note", 4000, required=False),
    )
    add_audited(session, row, actor=actor, action="create", entity="sanction")
    return _sanction_view(row)


def lift_sanction(
    session: Session, sanction_id: int, lifted_on: dt.date | str, *, actor: str
) -> SanctionView:
    """Record that a measure was lifted.

    Raises
    ------
    InvalidTransitionError
        it was already lifted.
    DataValidationError
        the date is before its adoption.
    """
    row = _find_sanction(session, sanction_id)
    if row.lifted_on is not None:
        raise InvalidTransitionError(f"sanction {sanction_id} was lifted on {row.lifted_on}")
    lifted = checks.day(lifted_on, "sanction", "lifted_on")
    if lifted <= row.adopted_on:
        raise DataValidationError(
            "sanction", None, "lifted_on", f"{lifted} is not after adoption ({row.adopted_on})"
        )
    before = audit_row(row)
    row.lifted_on = lifted
    record_audit(
        session,
        actor=actor,
        action="lift",
        entity="sanction",
        entity_id=row.id,
        before=before,
        after=audit_row(row),
    )
    return _sanction_view(row)


def list_sanctions(
    session: Session, *, target_gwno: int | None = None, in_force_on: dt.date | None = None
) -> list[SanctionView]:
    """Sanctions by adoption date, optionally on one target or in force on a day."""
    query = select(Sanction).order_by(Sanction.adopted_on, Sanction.id)
    if target_gwno is not None:
        query = query.where(Sanction.target_gwno == target_gwno)
    views = [_sanction_view(row) for row in session.scalars(query)]
    if in_force_on is not None:
        views = [v for v in views if v.in_force_on(in_force_on)]
    return views


def _pair_view(row: GesturePair, sanction: Sanction) -> GesturePairView:
    return GesturePairView(
        row.id,
        _sanction_view(sanction),
        row.gesture,
        row.gesture_gwno,
        row.status,
        row.illustrative,
        row.note,
        row.source,
    )


def pair_gesture(
    session: Session,
    sanction_id: int,
    *,
    gesture: str,
    actor: str,
    gesture_country: int | str | None = None,
    illustrative: bool = False,
    note: str = "",
    source: str = "",
    origin: str = "gesture",
) -> GesturePairView:
    """Link a gesture to the lifting of a sanction (a proposed pair).

    Raises
    ------
    NotFoundError
        no such sanction.
    InvalidTransitionError
        the sanction is already lifted.
    """
    sanction = _find_sanction(session, sanction_id)
    if sanction.lifted_on is not None:
        raise InvalidTransitionError(
            f"sanction {sanction_id} was lifted on {sanction.lifted_on}; nothing to pair"
        )
    row = GesturePair(
        sanction_id=sanction.id,
        gesture=checks.text(gesture, origin, "gesture", 4000),
        gesture_gwno=checks.optional_gwno(gesture_country, origin, "gesture_country"),
        status="proposed",
        illustrative=illustrative,
        note=checks.text(note, origin, "note", 4000, required=False),
        source=checks.text(source, origin, "source", 400, required=False),
        created_at=dt.datetime.now(dt.UTC),
    )
    add_audited(session, row, actor=actor, action="create", entity="gesture_pair")
    return _pair_view(row, sanction)


def set_pair_status(session: Session, pair_id: int, status: str, *, actor: str) -> GesturePairView:
    """Move a pair: proposed → agreed → fulfilled, or abandoned before it is fulfilled."""
    row = checks.get_row(session, GesturePair, pair_id)
    if row is None:
        raise NotFoundError(f"no gesture pair {pair_id}")
    status = checks.choice(status, PAIR_STATUSES, "gesture", "status")
    if status not in PAIR_TRANSITIONS[row.status]:
        raise InvalidTransitionError(f"pair {pair_id} is {row.status}; it cannot become {status}")
    before = audit_row(row)
    row.status = status
    record_audit(
        session,
        actor=actor,
        action="set_status",
        entity="gesture_pair",
        entity_id=row.id,
        before=before,
        after=audit_row(row),
    )
    return _pair_view(row, _find_sanction(session, row.sanction_id))


def list_pairs(session: Session) -> list[GesturePairView]:
    """Every gesture pair with its sanction."""
    rows = session.execute(
        select(GesturePair, Sanction)
        .join(Sanction, GesturePair.sanction_id == Sanction.id)
        .order_by(GesturePair.id)
    ).tuples()
    return [_pair_view(pair, sanction) for pair, sanction in rows]
