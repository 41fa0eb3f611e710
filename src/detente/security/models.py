"""Application-state tables of the security domain: pacts and what monitors record about them.

Every table is prefixed ``security_``. Countries are Gleditsch–Ward codes (``gwno``), never
foreign keys into another domain. Closed vocabularies (baskets, kinds, statuses, channels) are
plain strings checked by the core functions, so adding a value needs no migration.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    inspect,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from detente.store import Base, record_audit, utcnow


class Pact(Base):
    """A regional collective-security agreement (or process) and its CSBM thresholds."""

    __tablename__ = "security_pact"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(20))
    signed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    description: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(400), default="")
    notify_troops: Mapped[int] = mapped_column(Integer)
    notify_tanks: Mapped[int] = mapped_column(Integer)
    notify_acv: Mapped[int] = mapped_column(Integer)
    notify_artillery: Mapped[int] = mapped_column(Integer)
    notify_days: Mapped[int] = mapped_column(Integer)
    threshold_source: Mapped[str] = mapped_column(String(400), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class PactMember(Base):
    """One spell of membership of a state in a pact (a state may leave and come back)."""

    __tablename__ = "security_pact_member"
    __table_args__ = (UniqueConstraint("pact_id", "gwno", "joined_on"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pact_id: Mapped[int] = mapped_column(ForeignKey("security_pact.id"), index=True)
    gwno: Mapped[int] = mapped_column(Integer, index=True)
    joined_on: Mapped[dt.date] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    source: Mapped[str] = mapped_column(String(400), default="")


class Principle(Base):
    """A principle a pact's members subscribe to (the ten Helsinki principles for the OSCE)."""

    __tablename__ = "security_principle"
    __table_args__ = (UniqueConstraint("pact_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pact_id: Mapped[int] = mapped_column(ForeignKey("security_pact.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))


class Commitment(Base):
    """Something a party promised under one basket of a pact, with an owner and a due date."""

    __tablename__ = "security_commitment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pact_id: Mapped[int] = mapped_column(ForeignKey("security_pact.id"), index=True)
    basket: Mapped[str] = mapped_column(String(20))
    title: Mapped[str] = mapped_column(String(300))
    owner: Mapped[str] = mapped_column(String(120))
    owner_gwno: Mapped[int | None] = mapped_column(Integer, nullable=True)
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    done_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Notification(Base):
    """A confidence- and security-building message a member owes or sent (Vienna Document)."""

    __tablename__ = "security_notification"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pact_id: Mapped[int] = mapped_column(ForeignKey("security_pact.id"), index=True)
    gwno: Mapped[int] = mapped_column(Integer, index=True)
    kind: Mapped[str] = mapped_column(String(30))
    subject: Mapped[str] = mapped_column(String(300))
    counterpart_gwno: Mapped[int | None] = mapped_column(Integer, nullable=True)
    starts_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    ends_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    troops: Mapped[int | None] = mapped_column(Integer, nullable=True)
    tanks: Mapped[int | None] = mapped_column(Integer, nullable=True)
    acv: Mapped[int | None] = mapped_column(Integer, nullable=True)
    artillery: Mapped[int | None] = mapped_column(Integer, nullable=True)
    required: Mapped[bool] = mapped_column(Boolean)
    due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    sent_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Incident(Base):
    """A reported breach of a pact's principles, awaiting or carrying a monitoring verdict."""

    __tablename__ = "security_incident"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pact_id: Mapped[int] = mapped_column(ForeignKey("security_pact.id"), index=True)
    occurred_on: Mapped[dt.date] = mapped_column(Date)
    place: Mapped[str] = mapped_column(String(200))
    reporting_party: Mapped[str] = mapped_column(String(120))
    reporting_gwno: Mapped[int | None] = mapped_column(Integer, nullable=True)
    accused_gwno: Mapped[int] = mapped_column(Integer, index=True)
    summary: Mapped[str] = mapped_column(Text)
    evidence: Mapped[list[str]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class IncidentPrinciple(Base):
    """Which principles an incident concerns."""

    __tablename__ = "security_incident_principle"

    incident_id: Mapped[int] = mapped_column(ForeignKey("security_incident.id"), primary_key=True)
    principle_id: Mapped[int] = mapped_column(ForeignKey("security_principle.id"), primary_key=True)


class Verdict(Base):
    """The monitors' finding on an incident."""

    __tablename__ = "security_verdict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    incident_id: Mapped[int] = mapped_column(ForeignKey("security_incident.id"), unique=True)
    finding: Mapped[str] = mapped_column(String(20))
    reasoning: Mapped[str] = mapped_column(Text)
    decided_on: Mapped[dt.date] = mapped_column(Date)
    monitor: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Process(Base):
    """A peace or security process followed stage by stage (the report's step-by-step path)."""

    __tablename__ = "security_process"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    pact_id: Mapped[int] = mapped_column(ForeignKey("security_pact.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    parties: Mapped[list[int]] = mapped_column(JSON)
    started_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Stage(Base):
    """A roadmap stage a process reached, and when."""

    __tablename__ = "security_stage"
    __table_args__ = (UniqueConstraint("process_id", "stage"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    process_id: Mapped[int] = mapped_column(ForeignKey("security_process.id"), index=True)
    stage: Mapped[str] = mapped_column(String(30))
    reached_on: Mapped[dt.date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")


class Counterpart(Base):
    """Someone a dialogue track talks to: a state, a civil-society body or an armed group."""

    __tablename__ = "security_counterpart"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    audience: Mapped[str] = mapped_column(String(20))
    gwno: Mapped[int | None] = mapped_column(Integer, nullable=True)
    contact_ban: Mapped[bool] = mapped_column(Boolean, default=False)
    sanctioned: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")


class Contact(Base):
    """One contact on a dialogue track, through a channel (official, private mediator, ...)."""

    __tablename__ = "security_contact"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    counterpart_id: Mapped[int] = mapped_column(ForeignKey("security_counterpart.id"), index=True)
    process_id: Mapped[int | None] = mapped_column(ForeignKey("security_process.id"), nullable=True)
    channel: Mapped[str] = mapped_column(String(30))
    intermediary: Mapped[str] = mapped_column(String(200), default="")
    met_on: Mapped[dt.date] = mapped_column(Date)
    summary: Mapped[str] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Sanction(Base):
    """A restrictive measure: who imposed it on whom, in which category, for what stated reason."""

    __tablename__ = "security_sanction"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    imposed_by: Mapped[str] = mapped_column(String(80))
    target: Mapped[str] = mapped_column(String(200))
    target_gwno: Mapped[int | None] = mapped_column(Integer, nullable=True)
    category: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(String(300))
    adopted_on: Mapped[dt.date] = mapped_column(Date)
    lifted_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    legal_act: Mapped[str] = mapped_column(String(200), default="")
    source: Mapped[str] = mapped_column(String(400), default="")
    note: Mapped[str] = mapped_column(Text, default="")


class GesturePair(Base):
    """A reciprocal concession: a gesture by one side against lifting a sanction by the other."""

    __tablename__ = "security_gesture_pair"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sanction_id: Mapped[int] = mapped_column(ForeignKey("security_sanction.id"), index=True)
    gesture: Mapped[str] = mapped_column(Text)
    gesture_gwno: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(20))
    illustrative: Mapped[bool] = mapped_column(Boolean, default=False)
    note: Mapped[str] = mapped_column(Text, default="")
    source: Mapped[str] = mapped_column(String(400), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


def audit_row(row: Base) -> dict[str, Any]:
    """A row's columns as JSON-ready values (dates as ISO strings) for the audit log."""
    values: dict[str, Any] = {}
    for column in row.__table__.columns:
        value = getattr(row, column.key)
        if isinstance(value, dt.date | dt.datetime):
            value = value.isoformat()
        values[column.key] = value
    return values


def add_audited(
    session: Session,
    row: Base,
    *,
    actor: str,
    action: str,
    entity: str,
    entity_id: int | None = None,
) -> None:
    """Insert ``row`` and record its audit entry (``after`` = its columns) in one transaction.

    Flushed first so the row's primary key exists; ``entity_id`` defaults to it and is given
    when the entry belongs to a parent (a pact's new member is audited on the pact).
    """
    session.add(row)
    session.flush()
    identity = inspect(row).identity
    if identity is None:  # a flushed row always has one; this keeps the types honest
        raise RuntimeError(f"{type(row).__name__} has no primary key after the flush")
    record_audit(
        session,
        actor=actor,
        action=action,
        entity=entity,
        entity_id=identity[0] if entity_id is None else entity_id,
        after=audit_row(row),
    )
