"""Roadmap stages of a process and frozen-conflict detection.

The report's path advances "step by step" (arrangements on the ground → diplomatic dialogue →
awareness in civil society → a regional conference) and must avoid a "frozen conflict". A
process is flagged **frozen** when no stage was reached for ``months`` months (default 24)
*and* the UCDP country-year panel shows, for the parties, either violence continuing in the
latest year or no comprehensive peace agreement (PA-X) since the last progress. Every flag
carries its reasons in plain words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import select
from sqlalchemy.orm import Session

from detente.errors import ConflictError, DataValidationError, NotFoundError
from detente.security import checks
from detente.security.catalogue import STAGES
from detente.security.models import Process, Stage, add_audited
from detente.security.pacts import find_pact

DEFAULT_FROZEN_MONTHS = 24


@dataclass(frozen=True)
class StageView:
    """A stage reached."""

    stage: str
    reached_on: dt.date
    note: str


@dataclass(frozen=True)
class ProcessView:
    """A process, its parties and the stages it reached (in roadmap order)."""

    id: int
    pact_id: int
    name: str
    parties: tuple[int, ...]
    started_on: dt.date
    note: str
    stages: tuple[StageView, ...]

    @property
    def current_stage(self) -> str | None:
        """The furthest stage reached on the roadmap, or ``None``."""
        reached = [s.stage for s in self.stages]
        return max(reached, key=STAGES.index) if reached else None

    @property
    def last_progress(self) -> dt.date:
        """The day of the latest stage reached (the start when none)."""
        return max([s.reached_on for s in self.stages], default=self.started_on)


@dataclass(frozen=True)
class FrozenCheck:
    """Whether a process looks frozen as of a day, and why."""

    process_id: int
    as_of: dt.date
    frozen: bool
    stalled_months: int
    reasons: tuple[str, ...]


def _find(session: Session, process_id: int) -> Process:
    row = checks.get_row(session, Process, process_id)
    if row is None:
        raise NotFoundError(f"no process {process_id}")
    return row


def _view(session: Session, row: Process) -> ProcessView:
    stages = sorted(
        session.scalars(select(Stage).where(Stage.process_id == row.id)),
        key=lambda s: STAGES.index(s.stage),
    )
    return ProcessView(
        id=row.id,
        pact_id=row.pact_id,
        name=row.name,
        parties=tuple(row.parties),
        started_on=row.started_on,
        note=row.note,
        stages=tuple(StageView(s.stage, s.reached_on, s.note) for s in stages),
    )


def create_process(
    session: Session,
    pact: int | str,
    *,
    name: str,
    parties: Sequence[int | str],
    started_on: dt.date | str,
    actor: str,
    note: str = "",
    origin: str = "process",
) -> ProcessView:
    """Start following a process between ``parties`` (states) under a pact.

    Raises
    ------
    DataValidationError
        empty name, fewer than one party, an unknown state, a bad or future date.
    """
    pact_row = find_pact(session, pact)
    if not parties:
        raise DataValidationError(origin, None, "parties", "name at least one state")
    codes: list[int] = []
    for party in parties:
        gw = checks.gwno(party, origin, "parties")
        if gw not in codes:
            codes.append(gw)
    started = checks.day(started_on, origin, "started_on")
    if started > dt.date.today():
        raise DataValidationError(origin, None, "started_on", f"{started} is in the future")
    row = Process(
        pact_id=pact_row.id,
        name=checks.text(name, origin, "name", 200),
        parties=codes,
        started_on=started,
        note=checks.text(note, origin, "note", 4000, required=False),
        created_at=dt.datetime.now(dt.UTC),
    )
    add_audited(session, row, actor=actor, action="create", entity="process")
    return _view(session, row)


def reach_stage(
    session: Session,
    process_id: int,
    stage: str,
    reached_on: dt.date | str,
    *,
    actor: str,
    note: str = "",
    origin: str = "stage",
) -> ProcessView:
    """Record that a process reached a roadmap stage on a day.

    Raises
    ------
    DataValidationError
        unknown stage, bad date, a date before the process started or in the future.
    ConflictError
        the stage was already reached.
    """
    row = _find(session, process_id)
    stage = checks.choice(stage, STAGES, origin, "stage")
    reached = checks.day(reached_on, origin, "reached_on")
    if reached < row.started_on or reached > dt.date.today():
        raise DataValidationError(
            origin,
            None,
            "reached_on",
            f"{reached} is outside the process ({row.started_on} to today)",
        )
    if (
        session.scalar(select(Stage.id).where(Stage.process_id == row.id, Stage.stage == stage))
        is not None
    ):
        raise ConflictError(f"process {process_id} already reached {stage}")
    added = Stage(
        process_id=row.id,
        stage=stage,
        reached_on=reached,
        note=checks.text(note, origin, "note", 4000, required=False),
    )
    add_audited(
        session, added, actor=actor, action="reach_stage", entity="process", entity_id=row.id
    )
    return _view(session, row)


def get_process(session: Session, process_id: int) -> ProcessView:
    """One process with its stages."""
    return _view(session, _find(session, process_id))


def list_processes(session: Session, pact: int | str | None = None) -> list[ProcessView]:
    """Processes (of one pact, or all), by name."""
    query = select(Process).order_by(Process.name)
    if pact is not None:
        query = query.where(Process.pact_id == find_pact(session, pact).id)
    return [_view(session, row) for row in session.scalars(query)]


def _months_between(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - (1 if end.day < start.day else 0)


def frozen_check(
    process: ProcessView,
    panel: pd.DataFrame | None,
    *,
    as_of: dt.date | None = None,
    months: int = DEFAULT_FROZEN_MONTHS,
) -> FrozenCheck:
    """Is the process frozen as of ``as_of``? ``panel`` is the country-year panel
    (``detente.analytics.load_panel(settings, "cy")``) or ``None`` when no data is loaded.

    Frozen = no stage progress for ``months`` months, and for the parties either violence in
    the panel's latest year (UCDP deaths or an active ACD conflict) or no comprehensive PA-X
    agreement since the year of the last progress.
    """
    as_of = as_of or dt.date.today()
    last = process.last_progress
    stalled = max(0, _months_between(last, as_of))
    reasons: list[str] = []
    if stalled < months:
        reasons.append(f"progress within {months} months (last on {last.isoformat()})")
        return FrozenCheck(process.id, as_of, False, stalled, tuple(reasons))
    reasons.append(
        f"no stage progress since {last.isoformat()} ({stalled} months, threshold {months})"
    )
    if panel is None or panel.empty:
        reasons.append("no UCDP data loaded: violence and settlement could not be checked")
        return FrozenCheck(process.id, as_of, True, stalled, tuple(reasons))
    rows = panel[panel["gwno"].isin(process.parties) & (panel["year"] <= as_of.year)]
    if rows.empty:
        reasons.append("the parties have no rows in the UCDP panel")
        return FrozenCheck(process.id, as_of, True, stalled, tuple(reasons))
    latest = int(rows["year"].max())
    now = rows[rows["year"] == latest]
    deaths = float((now["sb_best"] + now["ns_best"] + now["os_best"]).sum())
    conflicts = int(now["acd_conflicts"].sum())
    violent = deaths > 0 or conflicts > 0
    if violent:
        reasons.append(
            f"UCDP {latest}: {deaths:,.0f} deaths in organized violence and {conflicts} active "
            "ACD conflict(s) located in the parties"
        )
    if last.year > latest:
        reasons.append(
            f"PA-X and UCDP: no data after {latest}, so a settlement since the last progress "
            f"({last.isoformat()}) could not be checked"
        )
        return FrozenCheck(process.id, as_of, violent, stalled, tuple(reasons))
    since = rows[rows["year"] >= last.year]
    comprehensive = int(since["pax_comprehensive"].sum())
    if comprehensive == 0:
        reasons.append(
            f"PA-X: no comprehensive peace agreement for the parties from {last.year} to {latest}"
        )
    else:
        reasons.append(f"PA-X: {comprehensive} comprehensive agreement(s) since {last.year}")
    frozen = violent or comprehensive == 0
    if not frozen:
        reasons.append("no violence and a settlement: stalled but not frozen")
    return FrozenCheck(process.id, as_of, frozen, stalled, tuple(reasons))
