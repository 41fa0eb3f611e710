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
from detente.numbers import number
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
class FrozenReason:
    """One reason of a frozen check as a gettext-style template (``%(name)s``) and its values.

    Quantities (deaths, months, counts) are numbers, so pages write them in their language;
    years and dates are text. ``str()`` gives the English sentence.
    """

    template: str
    values: tuple[tuple[str, str | int | float], ...] = ()

    def __str__(self) -> str:
        return self.template % {
            key: value if isinstance(value, str) else number(value, "en")
            for key, value in self.values
        }


def _reason(template: str, **values: str | int | float) -> FrozenReason:
    return FrozenReason(template, tuple(sorted(values.items())))


@dataclass(frozen=True)
class FrozenCheck:
    """Whether a process looks frozen as of a day, and why.

    ``reasons`` are the English sentences; ``reason_parts`` the same reasons as
    :class:`FrozenReason` templates and values, for pages in other languages.
    """

    process_id: int
    as_of: dt.date
    frozen: bool
    stalled_months: int
    reasons: tuple[str, ...]
    reason_parts: tuple[FrozenReason, ...] = ()


def _check(
    process: ProcessView, as_of: dt.date, frozen: bool, stalled: int, parts: list[FrozenReason]
) -> FrozenCheck:
    return FrozenCheck(
        process.id, as_of, frozen, stalled, tuple(str(r) for r in parts), tuple(parts)
    )


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
        empty name, fewer than one party, an unknown state, a bad or future date, a date
        when a party was not independent. The pact's signature is no bound: a process it
        follows may be older than the pact (talks that began before it was signed).
    """
    pact_row = find_pact(session, pact)
    if not parties:
        raise DataValidationError(origin, None, "parties", "name at least one state")
    codes: list[int] = []
    for party in parties:
        gw = checks.gwno(party, origin, "parties")
        if gw not in codes:
            codes.append(gw)
    started = checks.past_day(started_on, origin, "started_on")
    for gw in codes:  # a process between states cannot start before they existed
        checks.independent(gw, started, origin, "started_on")
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
    reasons: list[FrozenReason] = []
    if stalled < months:
        reasons.append(
            _reason(
                "progress within %(months)s months (last on %(date)s)",
                months=months,
                date=last.isoformat(),
            )
        )
        return _check(process, as_of, False, stalled, reasons)
    reasons.append(
        _reason(
            "no stage progress since %(date)s (%(stalled)s months, threshold %(months)s)",
            date=last.isoformat(),
            stalled=stalled,
            months=months,
        )
    )
    if panel is None or panel.empty:
        reasons.append(_reason("no UCDP data loaded: violence and settlement could not be checked"))
        return _check(process, as_of, True, stalled, reasons)
    rows = panel[panel["gwno"].isin(process.parties) & (panel["year"] <= as_of.year)]
    if rows.empty:
        reasons.append(_reason("the parties have no rows in the UCDP panel"))
        return _check(process, as_of, True, stalled, reasons)
    latest = int(rows["year"].max())
    now = rows[rows["year"] == latest]
    deaths = float((now["sb_best"] + now["ns_best"] + now["os_best"]).sum())
    conflicts = int(now["acd_conflicts"].sum())
    violent = deaths > 0 or conflicts > 0
    if violent:
        reasons.append(
            _reason(
                "UCDP %(year)s: %(deaths)s deaths in organized violence and %(conflicts)s active"
                " ACD conflict located in the parties"
                if conflicts == 1
                else "UCDP %(year)s: %(deaths)s deaths in organized violence and %(conflicts)s"
                " active ACD conflicts located in the parties",
                year=str(latest),
                deaths=round(deaths),
                conflicts=conflicts,
            )
        )
    if last.year > latest:
        reasons.append(
            _reason(
                "PA-X and UCDP: no data after %(year)s, so a settlement since the last progress"
                " (%(date)s) could not be checked",
                year=str(latest),
                date=last.isoformat(),
            )
        )
        return _check(process, as_of, violent, stalled, reasons)
    since = rows[rows["year"] >= last.year]
    comprehensive = int(since["pax_comprehensive"].sum())
    if comprehensive == 0:
        reasons.append(
            _reason(
                "PA-X: no comprehensive peace agreement for the parties from %(first)s to %(last)s",
                first=str(last.year),
                last=str(latest),
            )
        )
    else:
        reasons.append(
            _reason(
                "PA-X: %(count)s comprehensive agreement since %(year)s"
                if comprehensive == 1
                else "PA-X: %(count)s comprehensive agreements since %(year)s",
                count=comprehensive,
                year=str(last.year),
            )
        )
    frozen = violent or comprehensive == 0
    if not frozen:
        reasons.append(_reason("no violence and a settlement: stalled but not frozen"))
    return _check(process, as_of, frozen, stalled, reasons)
