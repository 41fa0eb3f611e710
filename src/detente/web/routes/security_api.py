"""JSON API of the security domain under ``/api/v1``: pacts and sanctions.

Same core functions as the pages (:mod:`.security`): ``/api/v1/pacts`` (every pact),
``/api/v1/pacts/{pact}`` and its ``commitments``, ``incidents`` (with their UCDP conflicts),
``compliance``, ``notifications`` and ``roadmap`` (with the frozen-conflict check), and
``/api/v1/sanctions`` (the register and its gesture pairs). Read-only and public; dialogue tracks
are not in the API.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Query

from detente import security
from detente.settings import Settings
from detente.store import Database
from detente.web.deps import IsoDate, get_database, get_settings
from detente.web.errors import NOT_FOUND
from detente.web.routes.security import PACT, country_year_panel

router = APIRouter()


def _plain(item: Any) -> Any:
    if dataclasses.is_dataclass(item) and not isinstance(item, type):
        return dataclasses.asdict(item)
    return item


@router.get("/api/v1/pacts", tags=["security"])
def api_pacts(
    on: IsoDate | None = Query(None, description="Count members on this day (default today)"),
    database: Database = Depends(get_database),
) -> list[dict[str, Any]]:
    """Every pact with its status and member count."""
    with database.session() as session:
        return [_plain(p) for p in security.list_pacts(session, on)]


@router.get("/api/v1/pacts/{pact}", tags=["security"], responses=NOT_FOUND)
def api_pact(pact: str = PACT, database: Database = Depends(get_database)) -> dict[str, Any]:
    """A pact: principles, thresholds, every membership spell."""
    with database.session() as session:
        view = security.get_pact(session, pact)
    data: dict[str, Any] = _plain(view)
    data["members_today"] = [m.gwno for m in view.members_on(dt.date.today())]
    return data


@router.get("/api/v1/pacts/{pact}/commitments", tags=["security"], responses=NOT_FOUND)
def api_commitments(
    pact: str = PACT,
    as_of: IsoDate | None = Query(None),
    database: Database = Depends(get_database),
) -> list[dict[str, Any]]:
    """Commitments per basket, overdue flagged as of a day."""
    with database.session() as session:
        return [_plain(c) for c in security.list_commitments(session, pact, as_of=as_of)]


@router.get("/api/v1/pacts/{pact}/incidents", tags=["security"], responses=NOT_FOUND)
def api_incidents(
    pact: str = PACT,
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> list[dict[str, Any]]:
    """Incidents with their verdicts and the UCDP conflicts they match."""
    with database.session() as session:
        found = security.list_incidents(session, pact)
    matches = security.ucdp_matches(settings.analytics_path, found)
    return [
        {**_plain(i), "ucdp": [{**_plain(m), "url": m.url} for m in matches.get(i.id, [])]}
        for i in found
    ]


@router.get("/api/v1/pacts/{pact}/compliance", tags=["security"], responses=NOT_FOUND)
def api_compliance(pact: str = PACT, database: Database = Depends(get_database)) -> dict[str, Any]:
    """Incidents and verdicts per principle and per accused member."""
    with database.session() as session:
        return {
            "by_principle": [_plain(r) for r in security.by_principle(session, pact)],
            "by_member": [_plain(r) for r in security.by_member(session, pact)],
        }


@router.get("/api/v1/pacts/{pact}/notifications", tags=["security"], responses=NOT_FOUND)
def api_notifications(
    pact: str = PACT,
    as_of: IsoDate | None = Query(None),
    database: Database = Depends(get_database),
) -> list[dict[str, Any]]:
    """CSBM notifications with their status as of a day (default today)."""
    with database.session() as session:
        return [_plain(n) for n in security.list_notifications(session, pact, as_of=as_of)]


@router.get("/api/v1/pacts/{pact}/roadmap", tags=["security"], responses=NOT_FOUND)
def api_roadmap(
    pact: str = PACT,
    months: int = Query(24, ge=1, le=600),
    settings: Settings = Depends(get_settings),
    database: Database = Depends(get_database),
) -> list[dict[str, Any]]:
    """Processes, their stages and the frozen-conflict check with its reasons."""
    with database.session() as session:
        found = security.list_processes(session, pact)
    panel = country_year_panel(settings) if found else None
    return [
        {
            **_plain(p),
            "current_stage": p.current_stage,
            "frozen": _plain(security.frozen_check(p, panel, months=months)),
        }
        for p in found
    ]


@router.get("/api/v1/sanctions", tags=["security"])
def api_sanctions(database: Database = Depends(get_database)) -> dict[str, Any]:
    """The register: sanctions and reciprocal gesture pairs."""
    with database.session() as session:
        return {
            "sanctions": [_plain(s) for s in security.list_sanctions(session)],
            "pairs": [_plain(p) for p in security.list_pairs(session)],
        }
