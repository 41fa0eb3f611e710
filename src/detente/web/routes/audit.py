"""The audit log: who changed what, when, with the state before and after.

Visible to monitors and admins (and through ``/api/v1/audit`` to the same roles). Why not the
public: entries carry personal data (officers' availability, users' roles) and delegations'
positions before a text is adopted. Why monitors: their job is to check that procedures were
followed (silence procedures, compliance reports); the log is their evidence. Everything meant
for the public is published on the public pages and the Atom feed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse
from pydantic import BaseModel

from detente.accounts.roles import Role
from detente.store import AuditRecord, Database, list_audit
from detente.web.deps import CurrentUser, get_database, render, require_role
from detente.web.errors import SIGNED_IN
from detente.web.i18n import N_
from detente.web.sections import NavItem

router = APIRouter()
AUDIT_ROLES: tuple[Role, ...] = ("monitor",)  # and admin, who passes every role check
PAGE_SIZE = 50


def nav_items() -> list[NavItem]:
    """The audit log link, for monitors and admins."""
    return [NavItem(N_("Audit log"), "/audit", order=95, roles=AUDIT_ROLES)]


@dataclass(frozen=True)
class FieldChange:
    """One field of an audited object: its value before and after (``None`` = absent)."""

    field: str
    before: Any
    after: Any
    changed: bool


def field_changes(before: dict[str, Any] | None, after: dict[str, Any] | None) -> list[FieldChange]:
    """The fields of ``before`` and ``after`` side by side, changed ones flagged."""
    old, new = before or {}, after or {}
    keys = list(dict.fromkeys([*old, *new]))
    return [
        FieldChange(key, old.get(key), new.get(key), old.get(key) != new.get(key)) for key in keys
    ]


@router.get("/audit", include_in_schema=False)
def audit_page(
    request: Request,
    entity: str | None = Query(None, max_length=80),
    actor: str | None = Query(None, max_length=120),
    page: int = Query(1, ge=1, le=100_000),
    _user: CurrentUser = Depends(require_role(*AUDIT_ROLES)),
    database: Database = Depends(get_database),
) -> HTMLResponse:
    """The newest entries first, filterable by entity type and actor."""
    with database.session() as session:
        records = list_audit(
            session,
            entity=entity or None,
            actor=actor or None,
            limit=PAGE_SIZE + 1,
            offset=(page - 1) * PAGE_SIZE,
        )
    rows = [(r, field_changes(r.before, r.after)) for r in records[:PAGE_SIZE]]
    return render(
        request,
        "audit/index.html",
        rows=rows,
        entity=entity or "",
        actor=actor or "",
        page=page,
        has_next=len(records) > PAGE_SIZE,
    )


class AuditEntryOut(BaseModel):
    """One audit entry in the API."""

    id: int
    at: dt.datetime
    actor: str
    action: str
    entity: str
    entity_id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


def _out(record: AuditRecord) -> AuditEntryOut:
    at = record.at if record.at.tzinfo else record.at.replace(tzinfo=dt.UTC)  # SQLite: naive UTC
    return AuditEntryOut(**{**record.__dict__, "at": at})


@router.get(
    "/api/v1/audit", response_model=list[AuditEntryOut], tags=["audit"], responses=SIGNED_IN
)
def audit_api(
    entity: str | None = Query(None, max_length=80),
    entity_id: str | None = Query(None, max_length=80),
    actor: str | None = Query(None, max_length=120),
    limit: int = Query(100, ge=1, le=1000),
    offset: int = Query(0, ge=0, le=10_000_000),
    _user: CurrentUser = Depends(require_role(*AUDIT_ROLES)),
    database: Database = Depends(get_database),
) -> list[AuditEntryOut]:
    """Audit entries, newest first (monitors and admins)."""
    with database.session() as session:
        records = list_audit(
            session, entity=entity, entity_id=entity_id, actor=actor, limit=limit, offset=offset
        )
    return [_out(r) for r in records]
