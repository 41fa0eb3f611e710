"""Alerts: rules fired on a forecast, stored with their explanation, and their lifecycle.

An alert is what the pre-alert system hands to people: a state, the forecast period, the rule
that fired, a score, and an explanation (the rule's inputs, the four criteria, the analogues and,
when the model offers them, feature contributions). Its lifecycle is
``new -> acknowledged -> team_requested -> closed`` (closing is allowed from any open status; a
team request on a new alert acknowledges it first). Every step is a row in
``warning_alert_event`` and an audit entry in the same transaction; a step not allowed from the
current status raises ``InvalidTransitionError``.

Contract for other domains (TEAM.md): :class:`Alert`, :func:`get_alert`, :func:`list_alerts`,
:func:`request_team`. ``detente.response`` calls :func:`request_team` when a coordinator asks for
a team from an alert page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import pandas as pd
from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from detente.countries import gwno_to_iso3, is_known_gwno
from detente.errors import DataValidationError, InvalidTransitionError, NotFoundError
from detente.numbers import counted
from detente.settings import Settings
from detente.store import MAX_ROW_ID, record_audit
from detente.warning.alert_rules import (
    RULE_NAMES,
    Candidate,
    RulesConfig,
    ScoreKind,
    evaluate_rules,
    load_rules,
    score_kind,
    strength_text,
)
from detente.warning.models import AlertEvent, AlertRow

AlertStatus = Literal["new", "acknowledged", "team_requested", "closed"]
STATUSES: tuple[str, ...] = get_args(AlertStatus)
OPEN_STATUSES: tuple[str, ...] = ("new", "acknowledged", "team_requested")
TRANSITIONS: dict[str, frozenset[str]] = {
    "new": frozenset({"acknowledged", "closed"}),
    "acknowledged": frozenset({"team_requested", "closed"}),
    "team_requested": frozenset({"closed"}),
    "closed": frozenset(),
}
"""Allowed next statuses (``request_team`` on a new alert acknowledges it first)."""
MAX_ID = MAX_ROW_ID
"""Largest alert id (the INTEGER column)."""


@dataclass(frozen=True)
class Alert:
    """One alert as pages, the CLI, the API and other domains see it."""

    id: int
    gwno: int
    period: str
    rule: str
    status: str
    score: float
    created_at: dt.datetime
    explanation: dict[str, Any] = field(default_factory=dict)
    updated_at: dt.datetime | None = None

    @property
    def iso3(self) -> str | None:
        """ISO3 of the state (for URLs and display)."""
        return gwno_to_iso3(self.gwno)

    @property
    def is_open(self) -> bool:
        """Whether someone still has to act on it."""
        return self.status != "closed"

    @property
    def summary(self) -> str:
        """The rule's one-line reason."""
        return str(self.explanation.get("rule", {}).get("text", self.rule))

    @property
    def score_kind(self) -> ScoreKind:
        """Whether :attr:`score` is a chance or an index (:func:`alert_rules.score_kind`)."""
        return score_kind(self.rule, self.explanation.get("rule", {}).get("inputs", {}))

    @property
    def strength(self) -> str:
        """The score as an English reader takes it: "chance 26%" or "score 0.41"."""
        return strength_text(
            self.rule, self.score, self.explanation.get("rule", {}).get("inputs", {})
        )

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (API)."""
        return {
            "id": self.id,
            "gwno": self.gwno,
            "iso3": self.iso3,
            "period": self.period,
            "rule": self.rule,
            "status": self.status,
            "score": self.score,
            "created_at": self.created_at.isoformat(),
            "updated_at": self.updated_at.isoformat() if self.updated_at else None,
            "summary": self.summary,
            "score_kind": self.score_kind,
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class AlertEventView:
    """One lifecycle step."""

    at: dt.datetime
    actor: str
    from_status: str | None
    to_status: str
    note: str


@dataclass(frozen=True)
class RunResult:
    """What :func:`run_alerts` did."""

    created: tuple[Alert, ...]
    existing: int
    cutoff: str
    rules: tuple[str, ...]


def _view(row: AlertRow) -> Alert:
    return Alert(
        id=row.id,
        gwno=row.gwno,
        period=row.period,
        rule=row.rule,
        status=row.status,
        score=row.score,
        created_at=row.created_at,
        explanation=dict(row.explanation or {}),
        updated_at=row.updated_at,
    )


def _row(session: Session, alert_id: int, lock: bool = False) -> AlertRow:
    """The alert row; ``lock`` holds it (SELECT ... FOR UPDATE on PostgreSQL) until commit.

    Ids outside the INTEGER column's range are simply not found (PostgreSQL would refuse them).
    """
    if not 1 <= alert_id <= MAX_ID:
        raise NotFoundError(f"no alert {alert_id}; see 'detente alerts list'")
    row = session.get(AlertRow, alert_id, with_for_update=lock, populate_existing=lock)
    if row is None:
        raise NotFoundError(f"no alert {alert_id}; see 'detente alerts list'")
    return row


def get_alert(session: Session, alert_id: int) -> Alert:
    """The alert with this id; ``NotFoundError`` otherwise."""
    return _view(_row(session, alert_id))


ALERT_ORDER = (
    AlertRow.period.desc(),
    case((AlertRow.rule.startswith("criterion:"), 1), else_=0),
    AlertRow.score.desc(),
    AlertRow.id.desc(),
)
"""How every list of alerts is ranked (:func:`list_alerts`, the brief): newest period first,
then the forecast rules' alerts by their chance, then the criterion alerts by their index."""


def list_alerts(
    session: Session,
    status: str | None = None,
    *,
    gwno: int | None = None,
    rule: str | None = None,
    open_only: bool = False,
    limit: int | None = None,
) -> list[Alert]:
    """Alerts of the newest period first; within a period the forecast rules' alerts by their
    chance, then the criterion alerts by their score (an index in [0, 1] is not comparable with a
    chance, and the forecast alerts are about deaths); filter by status, state or rule.

    ``status`` must be one of :data:`STATUSES` and ``rule`` one of
    :data:`~detente.warning.alert_rules.RULE_NAMES` (``DataValidationError`` otherwise: a typo
    must not read as "no alerts").
    """
    query = select(AlertRow).order_by(*ALERT_ORDER)
    if status is not None:
        if status not in STATUSES:
            raise DataValidationError(
                "alerts", None, "status", f"'{status}' is not one of {list(STATUSES)}"
            )
        query = query.where(AlertRow.status == status)
    if open_only:
        query = query.where(AlertRow.status.in_(OPEN_STATUSES))
    if gwno is not None:
        query = query.where(AlertRow.gwno == gwno)
    if rule is not None:
        if rule not in RULE_NAMES:
            raise DataValidationError(
                "alerts", None, "rule", f"'{rule}' is not one of {', '.join(RULE_NAMES)}"
            )
        query = query.where(AlertRow.rule == rule)
    if limit is not None:
        query = query.limit(limit)
    return [_view(row) for row in session.scalars(query)]


def count_alerts(session: Session) -> int:
    """How many alerts exist (any status)."""
    return int(session.scalar(select(func.count(AlertRow.id))) or 0)


def alert_events(session: Session, alert_id: int) -> list[AlertEventView]:
    """The lifecycle of an alert, oldest step first."""
    _row(session, alert_id)
    rows = session.scalars(
        select(AlertEvent).where(AlertEvent.alert_id == alert_id).order_by(AlertEvent.id)
    )
    return [AlertEventView(r.at, r.actor, r.from_status, r.to_status, r.note) for r in rows]


def _audit_state(row: AlertRow) -> dict[str, Any]:
    return {
        "gwno": row.gwno,
        "period": row.period,
        "rule": row.rule,
        "status": row.status,
        "score": row.score,
    }


def _step(session: Session, row: AlertRow, to: str, actor: str, note: str) -> None:
    if to not in TRANSITIONS.get(row.status, frozenset()):
        allowed = sorted(TRANSITIONS.get(row.status, frozenset())) or ["nothing (it is closed)"]
        raise InvalidTransitionError(
            f"alert {row.id} is {row.status}; it can move to {', '.join(allowed)}, not {to}"
        )
    before = _audit_state(row)
    now = dt.datetime.now(dt.UTC)
    session.add(
        AlertEvent(
            alert_id=row.id, at=now, actor=actor, from_status=row.status, to_status=to, note=note
        )
    )
    # compare-and-set: a concurrent change (two coordinators on one alert) updates no row
    changed = session.execute(
        update(AlertRow)
        .where(AlertRow.id == row.id, AlertRow.status == before["status"])
        .values(status=to, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if getattr(changed, "rowcount", 1) != 1:
        raise InvalidTransitionError(f"alert {row.id} was changed meanwhile; reload it")
    set_committed_value(row, "status", to)  # already written by the UPDATE above
    set_committed_value(row, "updated_at", now)
    record_audit(
        session,
        actor=actor,
        action=f"alert_{to}",
        entity="alert",
        entity_id=row.id,
        before=before,
        after={**_audit_state(row), "note": note},
    )


def transition(session: Session, alert_id: int, to: str, *, actor: str, note: str = "") -> Alert:
    """Move an alert to status ``to``; ``InvalidTransitionError`` if not allowed from its status."""
    if to not in STATUSES:
        raise DataValidationError("alert", None, "status", f"'{to}' is not one of {list(STATUSES)}")
    row = _row(session, alert_id, lock=True)
    if to == "team_requested" and row.status == "new":
        _step(session, row, "acknowledged", actor, "acknowledged by the team request")
    _step(session, row, to, actor, note.strip()[:2000])
    session.flush()
    return _view(row)


def acknowledge(session: Session, alert_id: int, actor: str, note: str = "") -> Alert:
    """Someone has seen the alert and looks into it."""
    return transition(session, alert_id, "acknowledged", actor=actor, note=note)


def request_team(session: Session, alert_id: int, actor: str, note: str = "") -> Alert:
    """A coordinator asks the crisis unit for a team (status -> team_requested)."""
    return transition(session, alert_id, "team_requested", actor=actor, note=note)


def close(session: Session, alert_id: int, actor: str, note: str = "") -> Alert:
    """Nothing more to do (resolved, false alarm, handed over)."""
    return transition(session, alert_id, "closed", actor=actor, note=note)


# --------------------------------------------------------------------------- running the rules


def latest_forecast_file(settings: Settings, unit: str = "cy") -> Path | None:
    """The stored forecast alerts read (``detente.warning.latest_forecast_info``), or None."""
    from detente.warning.storage import latest_forecast_info

    info = latest_forecast_info(settings, unit)
    return info.path if info is not None else None


def latest_forecast(settings: Settings, unit: str = "cy") -> tuple[pd.DataFrame, str | None] | None:
    """The newest stored forecast (the forecasting part's choice) and its model name."""
    from detente.warning.storage import latest_forecast_info, read_forecast

    info = latest_forecast_info(settings, unit)
    if info is None:
        return None
    frame, read = read_forecast(info.path)
    return frame, read.model


def read_forecast_file(path: Path) -> tuple[pd.DataFrame, str | None]:
    """A forecast file, validated against the contract, and its model name."""
    from detente.warning.storage import read_forecast

    if not path.is_file():
        raise NotFoundError(f"no forecast file {path}")
    frame, info = read_forecast(path)
    return frame, info.model


def _contributions(
    settings: Settings, model: object | None, gwno: int, horizon: int, from_store: bool
) -> list[list[Any]] | None:
    """Model-native feature contributions (``detente.warning.explain``): from the fitted model,
    or stored next to the latest forecast; ``None`` when the model offers none.
    """
    from detente.warning.explain import contributions, stored_contributions

    pairs: list[tuple[str, float]] = []
    if model is not None:
        try:
            pairs = contributions(model, gwno, horizon)  # type: ignore[arg-type]
        except (TypeError, ValueError, KeyError, AttributeError):
            pairs = []  # a model without the explain hook (analogues)
    elif from_store:
        pairs = stored_contributions(settings, gwno, horizon)
    return [[str(name), round(float(value), 4)] for name, value in pairs] or None


def _explanation(
    settings: Settings,
    session: Session,
    candidate: Candidate,
    *,
    model_name: str | None,
    model: object | None,
    with_analogues: bool,
    from_store: bool,
) -> dict[str, Any]:
    from detente.warning.analogues import find_analogues
    from detente.warning.criteria import country_criteria

    year = int(str(candidate.inputs.get("cutoff", candidate.period))[:4])
    explanation: dict[str, Any] = {
        "rule": {"name": candidate.rule, "text": candidate.text, "inputs": candidate.inputs},
        "forecast": {"model": model_name, "cutoff": candidate.inputs.get("cutoff")},
        "contributions": _contributions(settings, model, candidate.gwno, 1, from_store),
    }
    try:
        explanation["criteria"] = country_criteria(
            settings, candidate.gwno, year, session
        ).as_dict()
    except (NotFoundError, DataValidationError) as e:
        explanation["criteria"] = {"error": str(e)}
    if with_analogues:
        try:
            explanation["analogues"] = find_analogues(
                settings, candidate.gwno, year, k=5, session=session
            ).as_dict()
        except (NotFoundError, DataValidationError) as e:
            explanation["analogues"] = {"error": str(e)}
    return explanation


def run_alerts(
    session: Session,
    settings: Settings,
    forecast: pd.DataFrame,
    *,
    actor: str,
    panel: pd.DataFrame | None = None,
    config: RulesConfig | None = None,
    model_name: str | None = None,
    model: object | None = None,
    with_analogues: bool = True,
    stored: bool = False,
) -> RunResult:
    """Evaluate the rules on ``forecast`` and store new alerts (idempotent).

    ``forecast`` is the contract frame (gwno, period, horizon, draw, fatalities). An alert that
    already exists for the same state, period and rule is left as it is, whatever its status.
    ``model`` (a fitted forecaster) lets the explanation carry feature contributions; so does
    ``stored=True`` when ``forecast`` is the latest stored one (contributions saved with it).
    """
    from detente.analytics import load_panel
    from detente.warning.alert_rules import forecast_cutoff
    from detente.warning.criteria import criteria_frame

    config = config or load_rules(settings)
    panel = panel if panel is not None else load_panel(settings, "cy")
    cutoff = forecast_cutoff(forecast, panel)
    criteria = None
    if config.criteria:
        year = int(cutoff[:4])
        criteria = criteria_frame(settings, [year - 1, year], session)
    candidates = evaluate_rules(forecast, panel, config, criteria)
    existing = {
        (g, p, r)
        for g, p, r in session.execute(select(AlertRow.gwno, AlertRow.period, AlertRow.rule))
    }
    created: list[Alert] = []
    skipped = 0
    now = dt.datetime.now(dt.UTC)
    for candidate in candidates:
        key = (candidate.gwno, candidate.period, candidate.rule)
        if key in existing or not is_known_gwno(candidate.gwno):
            skipped += 1
            continue
        row = AlertRow(
            gwno=candidate.gwno,
            period=candidate.period,
            rule=candidate.rule,
            status="new",
            score=candidate.score,
            created_at=now,
            updated_at=now,
            explanation=_explanation(
                settings,
                session,
                candidate,
                model_name=model_name,
                model=model,
                with_analogues=with_analogues,
                from_store=stored,
            ),
        )
        session.add(row)
        session.flush()
        session.add(
            AlertEvent(
                alert_id=row.id,
                at=now,
                actor=actor,
                from_status=None,
                to_status="new",
                note=candidate.text,
            )
        )
        record_audit(
            session,
            actor=actor,
            action="alert_new",
            entity="alert",
            entity_id=row.id,
            after=_audit_state(row),
        )
        existing.add(key)
        created.append(_view(row))
    return RunResult(tuple(created), skipped, cutoff, tuple(config.names))


def initial_alerts(settings: Settings) -> str:
    """Init step: run the rules on the newest stored forecast once, when no alert exists yet.

    Idempotent: with alerts already recorded (or no forecast stored) it changes nothing, so a
    second ``detente init`` never duplicates or revives alerts people have closed.
    """
    from detente.store import Database

    database = Database(settings.sqlalchemy_url)
    try:
        with database.session() as session:
            if count_alerts(session) > 0:
                return "alerts: alerts exist, rules not rerun (use 'detente alerts run')"
            found = latest_forecast(settings, "cy")
            if found is None:
                return "alerts: no stored forecast yet; run 'detente alerts run' after one"
            frame, model_name = found
            result = run_alerts(
                session, settings, frame, actor="detente init", model_name=model_name, stored=True
            )
    finally:
        database.dispose()
    return (
        f"alerts: {counted(len(result.created), 'alert')} from the"
        f" {model_name or 'stored'} forecast with cutoff {result.cutoff}"
    )
