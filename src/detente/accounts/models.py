"""Application-state tables of the accounts domain: users and failed login attempts.

Failed logins live in the database (not in process memory) so the rate limit holds across
every worker process and survives a restart.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from detente.store import Base, utcnow


class User(Base):
    """A person who can log in; ``role`` decides what they may change."""

    __tablename__ = "accounts_user"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(120))
    role: Mapped[str] = mapped_column(String(20))
    gwno: Mapped[int | None] = mapped_column(Integer, nullable=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class LoginFailure(Base):
    """One failed login for a username from an address (the rate limit counts these)."""

    __tablename__ = "accounts_login_failure"
    __table_args__ = (Index("ix_accounts_login_failure_who", "username", "address", "at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64))
    address: Mapped[str] = mapped_column(String(64))
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
