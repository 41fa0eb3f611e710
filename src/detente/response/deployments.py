"""Deployments: request -> proposed -> approved -> deployed -> ended, and the envoy hand-over.

``approve`` books the team: it must never book an officer twice for overlapping dates, even when
two coordinators approve at the same moment. It therefore locks before it checks:

1. the deployment row (``SELECT ... FOR UPDATE`` on PostgreSQL; on SQLite a write to the row,
   which takes the database's single write lock until commit), then re-reads its status;
2. the officer rows of the team, in id order (``FOR UPDATE`` / ``lock_version + 1``), so a
   second transaction booking any of them waits until the first commits;
3. only then looks for overlapping bookings. Under PostgreSQL's READ COMMITTED each statement
   sees what was committed before it started, so the waiting transaction sees the first one's
   booking and raises :class:`~detente.errors.ConflictError`.

Every change is recorded with :func:`detente.store.record_audit` in the same transaction.
A step not allowed from the current status raises
:class:`~detente.errors.InvalidTransitionError`.
"""

from __future__ import annotations

import datetime as dt
import importlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from detente.countries import get_state, gwno_to_iso3
from detente.errors import ConflictError, DataValidationError, InvalidTransitionError, NotFoundError
from detente.response.models import Assignment, Deployment, Officer
from detente.response.teams import (
    BOOKING_STATUSES,
    TeamProposal,
    propose_team,
    team_requirements,
)
from detente.settings import Settings
from detente.store import MAX_ROW_ID, get_row, record_audit, utcnow

STATUSES = ("requested", "proposed", "approved", "deployed", "ended", "cancelled")
TRANSITIONS: dict[str, frozenset[str]] = {
    "requested": frozenset({"proposed", "cancelled"}),
    "proposed": frozenset({"proposed", "approved", "cancelled"}),
    "approved": frozenset({"deployed", "cancelled"}),
    "deployed": frozenset({"ended"}),
    "ended": frozenset(),
    "cancelled": frozenset(),
}
"""Allowed next statuses (``proposed -> proposed``: propose again after the roster changed)."""


@dataclass(frozen=True)
class TeamMember:
    """An officer in a deployment's team and why they were chosen."""

    officer_id: int
    name: str
    gwno: int
    iso3: str | None
    reason: str


@dataclass(frozen=True)
class DeploymentView:
    """A deployment as pages and the CLI show it."""

    id: int
    gwno: int
    iso3: str | None
    country: str
    alert_id: int | None
    status: str
    start: dt.date
    end: dt.date
    requirements: dict[str, Any]
    proposal: dict[str, Any] | None
    team: tuple[TeamMember, ...]
    envoy_name: str | None
    handover_date: dt.date | None
    handover_note: str | None
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime

    def next_steps(self) -> frozenset[str]:
        """The statuses this deployment may move to."""
        return TRANSITIONS[self.status]

    def audit_state(self) -> dict[str, Any]:
        """What the audit log keeps before and after a change."""
        return {
            "status": self.status,
            "gwno": self.gwno,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "team": [m.officer_id for m in self.team],
            "envoy_name": self.envoy_name,
            "handover_date": self.handover_date.isoformat() if self.handover_date else None,
        }

    def to_json(self) -> dict[str, Any]:
        """A JSON-serialisable form (``--json``)."""
        return {
            **self.audit_state(),
            "id": self.id,
            "iso3": self.iso3,
            "country": self.country,
            "alert_id": self.alert_id,
            "requirements": self.requirements,
            "team": [
                {"officer_id": m.officer_id, "name": m.name, "iso3": m.iso3, "reason": m.reason}
                for m in self.team
            ],
            "handover_note": self.handover_note,
            "created_by": self.created_by,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat(),
        }


def _view(session: Session, row: Deployment) -> DeploymentView:
    team = session.execute(
        select(Assignment.officer_id, Officer.name, Officer.gwno, Assignment.reason)
        .join(Officer, Officer.id == Assignment.officer_id)
        .where(Assignment.deployment_id == row.id)
        .order_by(Assignment.officer_id)
    ).all()
    return DeploymentView(
        id=row.id,
        gwno=row.gwno,
        iso3=gwno_to_iso3(row.gwno),
        country=get_state(row.gwno).name,
        alert_id=row.alert_id,
        status=row.status,
        start=row.start,
        end=row.end,
        requirements=dict(row.requirements),
        proposal=dict(row.proposal) if row.proposal is not None else None,
        team=tuple(TeamMember(o, n, g, gwno_to_iso3(g), r) for o, n, g, r in team),
        envoy_name=row.envoy_name,
        handover_date=row.handover_date,
        handover_note=row.handover_note,
        created_by=row.created_by,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _lock_deployment(session: Session, deployment_id: int) -> Deployment:
    """The deployment row, locked against concurrent changes until commit, freshly read.

    An id no INTEGER column holds is "not found" before any query: SQLite raised
    ``OverflowError`` (a traceback for ``detente deployments approve 99999999999999999999``).
    """
    if not 1 <= deployment_id <= MAX_ROW_ID:
        raise NotFoundError(f"no deployment {deployment_id}; see 'detente deployments list'")
    if session.get_bind().dialect.name != "postgresql":
        # SQLite: a write takes the database write lock (waits up to the busy timeout)
        session.execute(
            update(Deployment).where(Deployment.id == deployment_id).values(updated_at=utcnow())
        )
    row = session.scalars(
        select(Deployment)
        .where(Deployment.id == deployment_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).first()
    if row is None:
        raise NotFoundError(f"no deployment {deployment_id}; see 'detente deployments list'")
    return row


def _lock_officers(session: Session, officer_ids: Sequence[int]) -> None:
    ids = sorted(officer_ids)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            select(Officer.id).where(Officer.id.in_(ids)).order_by(Officer.id).with_for_update()
        )
    else:
        session.execute(
            update(Officer).where(Officer.id.in_(ids)).values(lock_version=Officer.lock_version + 1)
        )


def _move(session: Session, row: Deployment, target: str) -> None:
    if target not in TRANSITIONS[row.status]:
        allowed = ", ".join(sorted(TRANSITIONS[row.status])) or "nothing (final)"
        raise InvalidTransitionError(
            f"deployment {row.id} is {row.status}; it cannot become {target} "
            f"(allowed next: {allowed})"
        )
    row.status = target
    row.updated_at = utcnow()


def _audit(
    session: Session, actor: str, action: str, before: dict[str, Any] | None, row: Deployment
) -> DeploymentView:
    session.flush()
    view = _view(session, row)
    record_audit(
        session,
        actor=actor,
        action=action,
        entity="deployment",
        entity_id=row.id,
        before=before,
        after=view.audit_state(),
    )
    return view


def _alerts_module() -> Any:
    """``detente.warning.alerts`` when the warning domain provides it, else ``None``."""
    try:
        return importlib.import_module("detente.warning.alerts")
    except ImportError:
        return None


def _mark_alert(session: Session, alert_id: int, actor: str) -> None:
    """Tell the warning domain a team was requested for its alert (if it offers the hook)."""
    alerts = _alerts_module()
    if alerts is None or not hasattr(alerts, "get_alert") or not hasattr(alerts, "request_team"):
        return
    alert = alerts.get_alert(session, alert_id)
    if getattr(alert, "status", None) in ("new", "acknowledged"):
        alerts.request_team(session, alert_id, actor)


def request_deployment(
    session: Session,
    settings: Settings,
    *,
    country: str | int,
    size: int,
    actor: str,
    languages: Sequence[str] | None = None,
    expertise: Sequence[str] = (),
    start: dt.date | None = None,
    end: dt.date | None = None,
    min_regions: int | None = None,
    allow_conflict_of_interest: bool = False,
    alert_id: int | None = None,
) -> DeploymentView:
    """Record a request for a team (status ``requested``); defaults as in ``team_requirements``.

    With ``alert_id`` and the warning domain's alerts present, the alert moves to
    ``team_requested`` in the same transaction.
    """
    if alert_id is not None and not 1 <= alert_id <= MAX_ROW_ID:
        # no alert has this id, and storing it overflowed the INTEGER column (a traceback)
        raise NotFoundError(f"no alert {alert_id}; see 'detente alerts list'")
    request = team_requirements(
        settings,
        country,
        size,
        languages=languages,
        expertise=expertise,
        start=start,
        end=end,
        min_regions=min_regions,
        allow_conflict_of_interest=allow_conflict_of_interest,
    )
    req = request.requirements
    row = Deployment(
        gwno=req.gwno,
        alert_id=alert_id,
        status="requested",
        start=req.start,
        end=req.end,
        requirements={
            "size": req.size,
            "languages": list(req.languages),
            "expertise": list(req.expertise),
            "min_regions": req.min_regions,
            "allow_conflict_of_interest": req.allow_conflict_of_interest,
        },
        proposal=None,
        created_by=actor,
        created_at=utcnow(),
        updated_at=utcnow(),
    )
    session.add(row)
    session.flush()
    if alert_id is not None:
        _mark_alert(session, alert_id, actor)
    return _audit(session, actor, "request", None, row)


def propose(
    session: Session, settings: Settings, deployment_id: int, *, actor: str
) -> tuple[DeploymentView, TeamProposal]:
    """Run the solver for a requested (or already proposed) deployment and store its team."""
    row = _lock_deployment(session, deployment_id)
    before = _view(session, row).audit_state()
    _move(session, row, "proposed")
    stored = row.requirements
    request = team_requirements(
        settings,
        row.gwno,
        int(stored["size"]),
        languages=list(stored["languages"]),
        expertise=list(stored["expertise"]),
        start=row.start,
        end=row.end,
        min_regions=int(stored["min_regions"]),
        allow_conflict_of_interest=bool(stored["allow_conflict_of_interest"]),
    )
    proposal = propose_team(session, request, ignore_deployment=row.id)
    row.proposal = proposal.to_json()
    session.execute(delete(Assignment).where(Assignment.deployment_id == row.id))
    if proposal.members:
        session.execute(
            insert(Assignment),
            [
                {
                    "deployment_id": row.id,
                    "officer_id": m.officer_id,
                    "reason": "; ".join(m.reasons),
                }
                for m in proposal.members
            ],
        )
    return _audit(session, actor, "propose", before, row), proposal


def approve(session: Session, deployment_id: int, *, actor: str) -> DeploymentView:
    """Book the proposed team; ``ConflictError`` if an officer is booked on overlapping dates."""
    row = _lock_deployment(session, deployment_id)
    current = _view(session, row)
    _move(session, row, "approved")
    if not current.team:
        raise InvalidTransitionError(
            f"deployment {row.id} has no team to approve; propose one first"
        )
    if current.proposal is not None and current.proposal.get("status") == "infeasible":
        broken = "; ".join(current.proposal.get("explanation") or []) or "the request's rules"
        raise InvalidTransitionError(
            f"deployment {row.id}: the proposed team is only the closest one and does not meet "
            f"the request ({broken}); change the request, then propose again"
        )
    officer_ids = [m.officer_id for m in current.team]
    _lock_officers(session, officer_ids)
    clash = session.execute(
        select(Assignment.officer_id, Deployment.id)
        .join(Deployment, Deployment.id == Assignment.deployment_id)
        .where(
            Assignment.officer_id.in_(officer_ids),
            Deployment.id != row.id,
            Deployment.status.in_(BOOKING_STATUSES),
            Deployment.start <= row.end,
            Deployment.end >= row.start,
        )
        .order_by(Assignment.officer_id)
    ).first()
    if clash is not None:
        officer_id, other = clash
        raise ConflictError(
            f"officer {officer_id} is already booked by deployment {other} on overlapping dates; "
            f"propose the team of deployment {row.id} again"
        )
    return _audit(session, actor, "approve", current.audit_state(), row)


def deploy(session: Session, deployment_id: int, *, actor: str) -> DeploymentView:
    """The approved team is in the field.

    Refused (``InvalidTransitionError``) before the deployment's start date: a team cannot be
    in the field before it starts, and a deployment marked deployed early could then neither end
    (its end would precede its start) nor be cancelled.
    """
    row = _lock_deployment(session, deployment_id)
    before = _view(session, row).audit_state()
    _move(session, row, "deployed")
    today = dt.date.today()
    if today < row.start:
        raise InvalidTransitionError(
            f"deployment {row.id} starts on {row.start.isoformat()}; a team cannot be deployed "
            f"before its start date (today is {today.isoformat()})"
        )
    return _audit(session, actor, "deploy", before, row)


def _end_on(row: Deployment, on: dt.date | None) -> dt.date:
    day = on or dt.date.today()
    if day < row.start:
        raise DataValidationError(
            "deployment", None, "date", f"{day} is before the deployment started ({row.start})"
        )
    return min(day, row.end)


def end(
    session: Session, deployment_id: int, *, actor: str, on: dt.date | None = None
) -> DeploymentView:
    """The team comes home on ``on`` (default today); officers are free after that day.

    A deployment marked deployed before its start date (possible before :func:`deploy` refused
    it) never was in the field: ending it before it starts records it as ``cancelled``, which
    frees its officers, rather than an end that would precede the start.
    """
    row = _lock_deployment(session, deployment_id)
    before = _view(session, row).audit_state()
    _move(session, row, "ended")
    if dt.date.today() < row.start:
        row.status = "cancelled"
        return _audit(session, actor, "cancel", before, row)
    row.end = _end_on(row, on)
    return _audit(session, actor, "end", before, row)


def handover(
    session: Session,
    deployment_id: int,
    *,
    envoy_name: str,
    actor: str,
    on: dt.date | None = None,
    note: str = "",
) -> DeploymentView:
    """The deployed team hands over to a special envoy: recorded, and the deployment ends."""
    envoy = envoy_name.strip()
    if not envoy or len(envoy) > 120:
        raise DataValidationError("handover", None, "envoy", "give the envoy's name (1-120 chars)")
    row = _lock_deployment(session, deployment_id)
    before = _view(session, row).audit_state()
    if row.status != "deployed":
        raise InvalidTransitionError(
            f"deployment {row.id} is {row.status}; only a deployed team hands over to an envoy"
        )
    _move(session, row, "ended")
    row.end = _end_on(row, on)
    row.envoy_name = envoy
    row.handover_date = row.end
    row.handover_note = note.strip() or None
    return _audit(session, actor, "handover", before, row)


def cancel(session: Session, deployment_id: int, *, actor: str) -> DeploymentView:
    """Drop a request, proposal or approval that will not go ahead (frees booked officers)."""
    row = _lock_deployment(session, deployment_id)
    before = _view(session, row).audit_state()
    _move(session, row, "cancelled")
    return _audit(session, actor, "cancel", before, row)


def get_deployment(session: Session, deployment_id: int) -> DeploymentView:
    """One deployment; ``NotFoundError`` if the id is unknown."""
    row = get_row(session, Deployment, deployment_id)
    if row is None:
        raise NotFoundError(f"no deployment {deployment_id}; see 'detente deployments list'")
    return _view(session, row)


def list_deployments(session: Session, *, status: str | None = None) -> list[DeploymentView]:
    """Deployments, newest first, optionally with one status."""
    if status is not None and status not in STATUSES:
        raise DataValidationError("deployments", None, "status", f"'{status}' is not {STATUSES}")
    query = select(Deployment).order_by(Deployment.id.desc())
    if status is not None:
        query = query.where(Deployment.status == status)
    return [_view(session, row) for row in session.scalars(query)]
