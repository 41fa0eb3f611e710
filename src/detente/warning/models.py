"""Application-state tables of the warning domain: alerts, their events, and the registry of
regional-organisation actions and mediation initiatives.

Alerts live in SQL (not in the DuckDB store) because people act on them: acknowledge, request a
team, close — each step is a row in ``warning_alert_event`` plus an audit entry, so the history
of an alert survives and two users see the same status. The action and mediation registries feed
criteria (c) and (d) (``detente.warning.criteria``); they are small, hand-entered and sourced.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from detente.store import Base, utcnow


class AlertRow(Base):
    """One alert: a rule fired for a country and a forecast period.

    ``(gwno, period, rule)`` is unique so running the rules twice on the same forecast adds
    nothing.
    """

    __tablename__ = "warning_alert"
    __table_args__ = (
        UniqueConstraint("gwno", "period", "rule", name="uq_warning_alert_gwno_period_rule"),
        Index("ix_warning_alert_status", "status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    gwno: Mapped[int] = mapped_column(Integer)
    period: Mapped[str] = mapped_column(String(7))
    rule: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20))
    score: Mapped[float] = mapped_column(Float)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    explanation: Mapped[dict[str, Any]] = mapped_column(JSON)


class AlertEvent(Base):
    """One lifecycle step of an alert (who moved it from which status to which, and why)."""

    __tablename__ = "warning_alert_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    alert_id: Mapped[int] = mapped_column(ForeignKey("warning_alert.id"), index=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(120))
    from_status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    to_status: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")


class OrgAction(Base):
    """A recorded action of a regional organisation about a country (criterion c).

    The same action (state, organisation, kind, date, title) is stored once: criterion (c)
    counts rows, and two copies of a form sent at the same moment would both pass the service's
    look for a copy; the unique index refuses the second.
    """

    __tablename__ = "warning_org_action"
    __table_args__ = (
        Index("ix_warning_org_action_gwno_acted_on", "gwno", "acted_on"),
        Index(
            "uq_warning_org_action_same", "gwno", "org", "kind", "acted_on", "title", unique=True
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    gwno: Mapped[int] = mapped_column(Integer)
    org: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(20))
    acted_on: Mapped[dt.date] = mapped_column(Date)
    title: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(500))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class MediationInitiative(Base):
    """A recorded mediation effort for a country, official (track 1) or private (track 2).

    The same initiative (state, track, mediator, dates, title) is stored once, as for
    :class:`OrgAction`. Two unique indexes because SQL never finds two NULLs equal: one for
    ended initiatives, one (partial) for ongoing ones, whose ``ended_on`` is NULL.
    """

    __tablename__ = "warning_mediation"
    __table_args__ = (
        Index("ix_warning_mediation_gwno", "gwno"),
        Index(
            "uq_warning_mediation_ended",
            "gwno",
            "track",
            "mediator",
            "started_on",
            "ended_on",
            "title",
            unique=True,
        ),
        Index(
            "uq_warning_mediation_ongoing",
            "gwno",
            "track",
            "mediator",
            "started_on",
            "title",
            unique=True,
            sqlite_where=text("ended_on IS NULL"),
            postgresql_where=text("ended_on IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    gwno: Mapped[int] = mapped_column(Integer)
    track: Mapped[str] = mapped_column(String(10))
    mediator: Mapped[str] = mapped_column(String(200))
    started_on: Mapped[dt.date] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    title: Mapped[str] = mapped_column(String(300))
    source: Mapped[str] = mapped_column(String(500))
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
