"""Dialogue tracks: who is talked to (states, civil societies, armed groups) and through which
channel.

The report: dialogue among states uses official intermediaries or private mediators; with
civil societies it is discreet or formal; armed groups are often under a ban on contact or
sanctions and are "the preferred domain for private mediation". So a counterpart under a
contact ban or sanctions can only be engaged through a private mediator (or, for a state, a
private intermediary): :func:`record_contact` refuses anything else with
:class:`ContactRefusedError`, and nothing is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from detente.errors import ConflictError, DataValidationError, NotFoundError, PermissionDeniedError
from detente.security import checks
from detente.security.catalogue import AUDIENCES, CHANNELS, MEDIATED_CHANNELS
from detente.security.models import Contact, Counterpart, Process, add_audited


class ContactRefusedError(PermissionDeniedError):
    """A direct contact with a counterpart under a contact ban or sanctions."""


@dataclass(frozen=True)
class CounterpartView:
    """Someone a track talks to."""

    id: int
    name: str
    audience: str
    gwno: int | None
    contact_ban: bool
    sanctioned: bool
    note: str

    @property
    def restricted(self) -> bool:
        """Whether only a private mediator may engage it."""
        return self.contact_ban or self.sanctioned


@dataclass(frozen=True)
class ContactView:
    """One recorded contact."""

    id: int
    counterpart: str
    audience: str
    channel: str
    intermediary: str
    met_on: dt.date
    summary: str
    process_id: int | None
    recorded_by: str


def _counterpart_view(row: Counterpart) -> CounterpartView:
    return CounterpartView(
        row.id, row.name, row.audience, row.gwno, row.contact_ban, row.sanctioned, row.note
    )


def _find_counterpart(session: Session, counterpart: int | str) -> Counterpart:
    row: Counterpart | None
    if isinstance(counterpart, int) or (counterpart.isascii() and counterpart.isdigit()):
        number = int(counterpart)
        row = session.get(Counterpart, number) if 0 < number < 2**31 else None
    else:
        row = session.scalar(select(Counterpart).where(Counterpart.name == counterpart.strip()))
    if row is None:
        raise NotFoundError(f"no counterpart '{counterpart}'; see 'detente tracks list'")
    return row


def add_counterpart(
    session: Session,
    *,
    name: str,
    audience: str,
    actor: str,
    country: int | str | None = None,
    contact_ban: bool = False,
    sanctioned: bool = False,
    note: str = "",
    origin: str = "counterpart",
) -> CounterpartView:
    """Add a counterpart of a track; a ``state`` counterpart needs its country.

    Raises
    ------
    DataValidationError
        unknown audience, empty name, a state without (or with an unknown) country.
    ConflictError
        the name is taken.
    """
    audience = checks.choice(audience, AUDIENCES, origin, "audience")
    name = checks.text(name, origin, "name", 200)
    gw = checks.optional_gwno(country, origin, "country")
    if audience == "state" and gw is None:
        raise DataValidationError(origin, None, "country", "a state counterpart needs its country")
    if session.scalar(select(Counterpart.id).where(Counterpart.name == name)) is not None:
        raise ConflictError(f"a counterpart named '{name}' exists")
    row = Counterpart(
        name=name,
        audience=audience,
        gwno=gw,
        contact_ban=contact_ban,
        sanctioned=sanctioned,
        note=checks.text(note, origin, "note", 4000, required=False),
    )
    add_audited(session, row, actor=actor, action="create", entity="counterpart")
    return _counterpart_view(row)


def list_counterparts(session: Session, audience: str | None = None) -> list[CounterpartView]:
    """Counterparts (of one audience, or all), by name."""
    query = select(Counterpart).order_by(Counterpart.name)
    if audience is not None:
        query = query.where(
            Counterpart.audience == checks.choice(audience, AUDIENCES, "filter", "audience")
        )
    return [_counterpart_view(row) for row in session.scalars(query)]


def record_contact(
    session: Session,
    counterpart: int | str,
    *,
    channel: str,
    met_on: dt.date | str,
    summary: str,
    actor: str,
    intermediary: str = "",
    process_id: int | None = None,
    origin: str = "contact",
) -> ContactView:
    """Record a contact with a counterpart through a channel of its track.

    Raises
    ------
    DataValidationError
        a channel its audience does not use (states: official or private intermediary; civil
        society: discreet or formal; armed groups: private mediator or direct), a mediated
        channel without the intermediary's name, a bad or future date, empty summary.
    ContactRefusedError
        the counterpart is under a contact ban or sanctions and the channel is not a private
        mediator / intermediary.
    """
    row = _find_counterpart(session, counterpart)
    channel = checks.choice(channel, CHANNELS[row.audience], origin, "channel")
    restricted = row.contact_ban or row.sanctioned
    if restricted and channel not in MEDIATED_CHANNELS:
        why = " and ".join(
            w
            for w, on in (("a ban on contact", row.contact_ban), ("sanctions", row.sanctioned))
            if on
        )
        raise ContactRefusedError(
            f"'{row.name}' is under {why}: it can only be engaged through a private mediator, "
            f"not through the '{channel}' channel"
        )
    mediator = checks.text(intermediary, origin, "intermediary", 200, required=False)
    if channel in MEDIATED_CHANNELS and not mediator:
        raise DataValidationError(
            origin, None, "intermediary", f"the '{channel}' channel needs the mediator's name"
        )
    met = checks.day(met_on, origin, "met_on")
    if met > dt.date.today():
        raise DataValidationError(origin, None, "met_on", f"{met} is in the future")
    if process_id is not None and checks.get_row(session, Process, process_id) is None:
        raise NotFoundError(f"no process {process_id}")
    contact = Contact(
        counterpart_id=row.id,
        process_id=process_id,
        channel=channel,
        intermediary=mediator,
        met_on=met,
        summary=checks.text(summary, origin, "summary", 4000),
        recorded_by=actor[:120],
        created_at=dt.datetime.now(dt.UTC),
    )
    add_audited(session, contact, actor=actor, action="create", entity="contact")
    return _contact_view(contact, row)


def _contact_view(contact: Contact, counterpart: Counterpart) -> ContactView:
    return ContactView(
        contact.id,
        counterpart.name,
        counterpart.audience,
        contact.channel,
        contact.intermediary,
        contact.met_on,
        contact.summary,
        contact.process_id,
        contact.recorded_by,
    )


def list_contacts(
    session: Session, *, audience: str | None = None, process_id: int | None = None
) -> list[ContactView]:
    """Contacts, newest first, per track (audience) or process."""
    query = select(Contact, Counterpart).join(Counterpart, Contact.counterpart_id == Counterpart.id)
    if audience is not None:
        query = query.where(
            Counterpart.audience == checks.choice(audience, AUDIENCES, "filter", "audience")
        )
    if process_id is not None:
        query = query.where(Contact.process_id == process_id)
    rows = session.execute(query.order_by(Contact.met_on.desc(), Contact.id.desc())).tuples()
    return [_contact_view(contact, counterpart) for contact, counterpart in rows]
