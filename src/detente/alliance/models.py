"""Application-state tables of the alliance domain.

Initiatives and who endorsed them, membership of the Alliance over time, and draft texts under
negotiation (versioned paragraphs, each state's position, silence procedures). States are
``gwno`` (never a foreign key across domains); organisations are free names.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from detente.store import Base, utcnow


class Initiative(Base):
    """A concrete initiative states can endorse (the Paris Call, the Climate and Security...).

    ``list_public`` says whether the endorsers themselves are known. When it is false the
    endorsement table holds no rows for the initiative (we never invent a list) and only the
    counts published over time (:class:`CountReport`) describe its support. ``title_fr`` and
    ``summary_fr`` are the French words of the French pages (empty: they show the English).
    """

    __tablename__ = "alliance_initiative"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(Text, default="")
    title_fr: Mapped[str] = mapped_column(String(200), default="", server_default="")
    summary_fr: Mapped[str] = mapped_column(Text, default="", server_default="")
    category: Mapped[str] = mapped_column(String(60))
    launched_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    lead_states: Mapped[list[Any]] = mapped_column(JSON, default=list)
    documents: Mapped[list[Any]] = mapped_column(JSON, default=list)
    list_public: Mapped[bool] = mapped_column(Boolean, default=False)
    list_source: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class CountReport(Base):
    """A number of endorsers a public source gave on a date ("endorsed by 43 states")."""

    __tablename__ = "alliance_count_report"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("alliance_initiative.id", ondelete="CASCADE"), index=True
    )
    as_of: Mapped[dt.date] = mapped_column(Date)
    count: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(40), default="states")
    source: Mapped[str] = mapped_column(Text, default="")


class Endorsement(Base):
    """A state (``gwno``) or an organisation (``organisation``) endorsing an initiative.

    Each endorses an initiative once (the counts on the public pages count rows); the unique
    indexes refuse a second row even when two requests pass the service's check at once.
    A state's row has no organisation and an organisation's no state, and SQL never finds two
    NULLs equal, so each index only binds the rows it names.
    """

    __tablename__ = "alliance_endorsement"
    __table_args__ = (
        Index("ix_alliance_endorsement_gwno", "gwno"),
        Index("uq_alliance_endorsement_state", "initiative_id", "gwno", unique=True),
        Index("uq_alliance_endorsement_organisation", "initiative_id", "organisation", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("alliance_initiative.id", ondelete="CASCADE"), index=True
    )
    gwno: Mapped[int | None] = mapped_column(Integer, nullable=True)
    organisation: Mapped[str | None] = mapped_column(String(200), nullable=True)
    organisation_kind: Mapped[str | None] = mapped_column(String(40), nullable=True)
    level: Mapped[str] = mapped_column(String(20))
    endorsed_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    source: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Membership(Base):
    """A state's membership of the Alliance for Multilateralism, from ``joined_on``."""

    __tablename__ = "alliance_membership"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    gwno: Mapped[int] = mapped_column(Integer, index=True)
    joined_on: Mapped[dt.date] = mapped_column(Date)
    left_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    role: Mapped[str] = mapped_column(String(60), default="member")
    source: Mapped[str] = mapped_column(Text, default="")


class DraftText(Base):
    """A text under negotiation; ``status`` is draft, silence, adopted or withdrawn."""

    __tablename__ = "alliance_text"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    initiative_id: Mapped[int | None] = mapped_column(
        ForeignKey("alliance_initiative.id", ondelete="SET NULL"), nullable=True
    )
    status: Mapped[str] = mapped_column(String(20), default="draft")
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class Paragraph(Base):
    """One numbered paragraph of one version of a text (a new version copies every paragraph)."""

    __tablename__ = "alliance_paragraph"
    __table_args__ = (
        Index("ix_alliance_paragraph_text", "text_id", "version", "number", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text_id: Mapped[int] = mapped_column(ForeignKey("alliance_text.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)


class Position(Base):
    """A state's position on a paragraph of a version; the newest one per state counts."""

    __tablename__ = "alliance_position"
    __table_args__ = (Index("ix_alliance_position_text", "text_id", "version", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text_id: Mapped[int] = mapped_column(ForeignKey("alliance_text.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    gwno: Mapped[int] = mapped_column(Integer)
    stance: Mapped[str] = mapped_column(String(20))
    comment: Mapped[str] = mapped_column(Text, default="")
    amendment: Mapped[str | None] = mapped_column(Text, nullable=True)
    actor: Mapped[str] = mapped_column(String(120))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class SilenceProcedure(Base):
    """A silence procedure on one version: it passes at ``deadline`` unless broken before."""

    __tablename__ = "alliance_silence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text_id: Mapped[int] = mapped_column(
        ForeignKey("alliance_text.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer)
    opened_by: Mapped[str] = mapped_column(String(120))
    opened_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    deadline: Mapped[dt.datetime] = mapped_column()
    status: Mapped[str] = mapped_column(String(20), default="open")
    broken_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    closed_at: Mapped[dt.datetime | None] = mapped_column(nullable=True)
