"""Application-state tables of the response domain: officers, their availability, deployments.

A booking is an assignment of an officer to a deployment whose status is ``approved`` or
``deployed``; two bookings of one officer must never overlap in dates. The check runs after the
officer rows are locked (``SELECT ... FOR UPDATE`` on PostgreSQL, the database write lock on
SQLite), see :mod:`detente.response.deployments`. ``lock_version`` exists so the lock on SQLite
is a real write to the officer rows.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from detente.store import Base, utcnow


class Officer(Base):
    """A policy officer of the pool (nationality as a GW code; region derived from it)."""

    __tablename__ = "response_officer"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    gwno: Mapped[int] = mapped_column(Integer, index=True)
    languages: Mapped[list[str]] = mapped_column(JSON)
    expertise: Mapped[list[str]] = mapped_column(JSON)
    seniority: Mapped[int] = mapped_column(Integer)
    generated: Mapped[bool] = mapped_column(Boolean, default=False)
    lock_version: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Availability(Base):
    """A window (inclusive dates) during which an officer can be deployed."""

    __tablename__ = "response_availability"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    officer_id: Mapped[int] = mapped_column(
        ForeignKey("response_officer.id", ondelete="CASCADE"), index=True
    )
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date] = mapped_column(Date)


class Deployment(Base):
    """A request for a team in a crisis country, through its lifecycle."""

    __tablename__ = "response_deployment"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    gwno: Mapped[int] = mapped_column(Integer, index=True)
    alert_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    status: Mapped[str] = mapped_column(String(20), index=True)
    start: Mapped[dt.date] = mapped_column(Date)
    end: Mapped[dt.date] = mapped_column(Date)
    requirements: Mapped[dict[str, Any]] = mapped_column(JSON)
    proposal: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    envoy_name: Mapped[str | None] = mapped_column(String(120), nullable=True)
    handover_date: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    handover_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Assignment(Base):
    """An officer in a deployment's team, with why the solver chose them."""

    __tablename__ = "response_assignment"
    __table_args__ = (
        Index("ix_response_assignment_pair", "deployment_id", "officer_id", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    deployment_id: Mapped[int] = mapped_column(
        ForeignKey("response_deployment.id", ondelete="CASCADE")
    )
    officer_id: Mapped[int] = mapped_column(ForeignKey("response_officer.id"), index=True)
    reason: Mapped[str] = mapped_column(Text)
