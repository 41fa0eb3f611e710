"""Confidence- and security-building notifications: what each member owes, by when, and
whether it came in time.

Vienna-Document style (thresholds per pact, see :class:`~detente.security.catalogue.Thresholds`):

- ``military_activity``: a planned activity; prior notice is *required* when it reaches any
  threshold, due ``notify_days`` before it starts;
- ``information_exchange``: the annual exchange of military information, due on a given date
  (the Vienna Document's is 15 December);
- ``liaison``: a liaison / deconfliction contact point designated towards a counterpart;
- ``pre_alert``: a risk-reduction request received by ``gwno`` from ``counterpart_gwno``; the reply
  is due within 48 hours (two days).

``gwno`` is always the member that owes the message and ``sent_on`` the day it was given.
The status of a notification depends on the day asked (``as_of``):
``not_required`` · ``pending`` (not due yet) · ``overdue`` (due date passed, nothing sent) ·
``on_time`` · ``late`` (sent after the due date).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from detente.errors import DataValidationError, InvalidTransitionError, NotFoundError
from detente.security import checks
from detente.security.catalogue import NOTIFICATION_KINDS, PRE_ALERT_REPLY_DAYS
from detente.security.models import Notification, add_audited, audit_row
from detente.security.pacts import due_day, find_pact, is_member, signature, thresholds_of
from detente.store import record_audit

STATUSES = ("not_required", "pending", "overdue", "on_time", "late")


@dataclass(frozen=True)
class NotificationView:
    """A notification and its status on the day asked."""

    id: int
    pact_id: int
    gwno: int
    iso3: str
    kind: str
    subject: str
    counterpart_gwno: int | None
    starts_on: dt.date | None
    ends_on: dt.date | None
    troops: int | None
    tanks: int | None
    acv: int | None
    artillery: int | None
    required: bool
    due_on: dt.date | None
    sent_on: dt.date | None
    status: str
    days_overdue: int


@dataclass(frozen=True)
class MemberRecord:
    """How one member has kept its notification obligations, as of a day."""

    gwno: int
    iso3: str
    counts: dict[str, int]
    notifications: tuple[NotificationView, ...]

    @property
    def compliance_rate(self) -> float | None:
        """Share of due notifications given on time (``None`` when none was due yet)."""
        due = self.counts.get("on_time", 0) + self.counts.get("late", 0)
        due += self.counts.get("overdue", 0)
        return None if due == 0 else self.counts.get("on_time", 0) / due


def status_of(row: Notification, as_of: dt.date) -> tuple[str, int]:
    """The status of a notification on ``as_of`` and how many days it is (or was) late."""
    if not row.required:
        return "not_required", 0
    if row.sent_on is not None:
        if row.due_on is not None and row.sent_on > row.due_on:
            return "late", (row.sent_on - row.due_on).days
        return "on_time", 0
    if row.due_on is not None and as_of > row.due_on:
        return "overdue", (as_of - row.due_on).days
    return "pending", 0


def _view(row: Notification, as_of: dt.date) -> NotificationView:
    status, late = status_of(row, as_of)
    return NotificationView(
        id=row.id,
        pact_id=row.pact_id,
        gwno=row.gwno,
        iso3=checks.iso3(row.gwno),
        kind=row.kind,
        subject=row.subject,
        counterpart_gwno=row.counterpart_gwno,
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        troops=row.troops,
        tanks=row.tanks,
        acv=row.acv,
        artillery=row.artillery,
        required=row.required,
        due_on=row.due_on,
        sent_on=row.sent_on,
        status=status,
        days_overdue=late,
    )


def record_notification(
    session: Session,
    pact: int | str,
    *,
    country: int | str,
    kind: str,
    subject: str,
    actor: str,
    counterpart: int | str | None = None,
    starts_on: dt.date | str | None = None,
    ends_on: dt.date | str | None = None,
    troops: int | str | None = None,
    tanks: int | str | None = None,
    acv: int | str | None = None,
    artillery: int | str | None = None,
    due_on: dt.date | str | None = None,
    sent_on: dt.date | str | None = None,
    origin: str = "notification",
) -> NotificationView:
    """Record an obligation (and, if ``sent_on`` is given, that it was met).

    The due date follows the kind: ``starts_on - notify_days`` for a military activity (and it
    is required only above the pact's thresholds), ``starts_on + 2 days`` for a pre-alert reply
    (``starts_on`` = the day the request came), the given ``due_on`` otherwise.

    Raises
    ------
    DataValidationError
        unknown kind or country, a state not a member of the pact on the relevant day, a
        military activity without ``starts_on``, ``ends_on`` before ``starts_on``, a day before
        the pact was signed, a planned or due day more than ``DUE_YEARS`` years ahead, a
        ``sent_on`` in the future, negative numbers, an information exchange without
        ``due_on``, a liaison or pre-alert without a counterpart.
    """
    row = find_pact(session, pact)
    kind = checks.choice(kind, NOTIFICATION_KINDS, origin, "kind")
    gw = checks.gwno(country, origin, "country")
    other = checks.optional_gwno(counterpart, origin, "counterpart")
    start = due_day(row, starts_on, origin, "starts_on")
    end = due_day(row, ends_on, origin, "ends_on")
    sent = checks.optional_day(sent_on, origin, "sent_on")
    if sent is not None:
        checks.past_day(sent, origin, "sent_on", signature(row))
    numbers = {
        name: checks.count(value, origin, name)
        for name, value in (
            ("troops", troops),
            ("tanks", tanks),
            ("acv", acv),
            ("artillery", artillery),
        )
    }
    if start is not None and end is not None and end < start:
        raise DataValidationError(origin, None, "ends_on", f"{end} is before starts_on {start}")
    required = True
    due: dt.date | None
    if kind == "military_activity":
        if start is None:
            raise DataValidationError(
                origin, None, "starts_on", "a military activity needs its start date"
            )
        limits = thresholds_of(row)
        required = bool(limits.reached(**numbers))
        due = start - dt.timedelta(days=limits.days)
    elif kind == "pre_alert":
        if start is None:
            raise DataValidationError(
                origin, None, "starts_on", "give the day the request was received"
            )
        if other is None:
            raise DataValidationError(
                origin, None, "counterpart", "a pre-alert comes from a counterpart state"
            )
        due = start + dt.timedelta(days=PRE_ALERT_REPLY_DAYS)
    elif kind == "information_exchange":
        due = due_day(row, due_on, origin, "due_on")
        if due is None:
            raise DataValidationError(
                origin, None, "due_on", "an information exchange needs its due date"
            )
    else:  # liaison
        if other is None:
            raise DataValidationError(
                origin, None, "counterpart", "a liaison contact is with a counterpart state"
            )
        due = due_day(row, due_on, origin, "due_on")
    on = start or due or sent or dt.date.today()
    if not is_member(session, row.id, gw, on):
        raise DataValidationError(
            origin, None, "country", f"{checks.iso3(gw)} is not a member of '{row.slug}' on {on}"
        )
    notification = Notification(
        pact_id=row.id,
        gwno=gw,
        kind=kind,
        subject=checks.text(subject, origin, "subject", 300),
        counterpart_gwno=other,
        starts_on=start,
        ends_on=end,
        required=required,
        due_on=due,
        sent_on=sent,
        created_at=dt.datetime.now(dt.UTC),
        **numbers,
    )
    add_audited(session, notification, actor=actor, action="create", entity="notification")
    return _view(notification, dt.date.today())


def mark_sent(
    session: Session, notification_id: int, sent_on: dt.date | str, *, actor: str
) -> NotificationView:
    """Record the day a member gave a notification it owed.

    Raises
    ------
    NotFoundError
        no such notification.
    InvalidTransitionError
        it was already recorded as sent.
    DataValidationError
        a day in the future, or one when the state was not a member.
    """
    row = checks.get_row(session, Notification, notification_id)
    if row is None:
        raise NotFoundError(f"no notification {notification_id}")
    if row.sent_on is not None:
        raise InvalidTransitionError(
            f"notification {notification_id} was already sent on {row.sent_on.isoformat()}"
        )
    day = checks.day(sent_on, "notification", "sent_on")
    if day > dt.date.today():
        raise DataValidationError("notification", None, "sent_on", f"{day} is in the future")
    if not is_member(session, row.pact_id, row.gwno, day):
        raise DataValidationError(
            "notification",
            None,
            "sent_on",
            f"{checks.iso3(row.gwno)} was not a member of the pact on {day}; "
            "a notification is given by a participating state",
        )
    before = audit_row(row)
    row.sent_on = day
    record_audit(
        session,
        actor=actor,
        action="sent",
        entity="notification",
        entity_id=row.id,
        before=before,
        after=audit_row(row),
    )
    return _view(row, row.sent_on)


def list_notifications(
    session: Session,
    pact: int | str,
    *,
    as_of: dt.date | None = None,
    gwno: int | None = None,
    status: str | None = None,
) -> list[NotificationView]:
    """A pact's notifications (optionally one member's, or one status) as of a day."""
    row = find_pact(session, pact)
    as_of = as_of or dt.date.today()
    query = select(Notification).where(Notification.pact_id == row.id)
    if gwno is not None:
        query = query.where(Notification.gwno == gwno)
    views = [
        _view(n, as_of)
        for n in session.scalars(query.order_by(Notification.due_on, Notification.id))
    ]
    if status is not None:
        wanted = checks.choice(status, STATUSES, "filter", "status")
        views = [v for v in views if v.status == wanted]
    return views


def overdue(
    session: Session, pact: int | str, as_of: dt.date | None = None
) -> list[NotificationView]:
    """Notifications due before ``as_of`` and still not given, most overdue first."""
    found = list_notifications(session, pact, as_of=as_of, status="overdue")
    return sorted(found, key=lambda v: -v.days_overdue)


def member_records(
    session: Session, pact: int | str, as_of: dt.date | None = None
) -> list[MemberRecord]:
    """Per member: how many notifications are on time, late, overdue, pending, not required."""
    by_member: dict[int, list[NotificationView]] = {}
    for view in list_notifications(session, pact, as_of=as_of):
        by_member.setdefault(view.gwno, []).append(view)
    return [
        MemberRecord(gw, checks.iso3(gw), dict(Counter(v.status for v in views)), tuple(views))
        for gw, views in sorted(by_member.items(), key=lambda item: checks.iso3(item[0]))
    ]
