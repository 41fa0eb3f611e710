"""The ``detente init`` step of the security domain: the Helsinki Final Act / OSCE pact with its
participating states over time (and one illustrative roadmap, the Minsk process, dated from
PA-X), and the register's one cited example (EU sanctions of July
2014 with the report's illustrative MH17 gesture pairing). Idempotent: a second run changes
nothing.

Membership spells are derived from :func:`detente.countries.members` (``"OSCE"``), whose dated
rows cite the OSCE's list of participating States: for each year the members are asked, and the
first and last day of each run of years is found by bisection on days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from detente.countries import is_member, members
from detente.security.catalogue import Thresholds, seed
from detente.security.models import GesturePair, Pact, Sanction
from detente.security.pacts import add_member, create_pact, end_membership
from detente.security.roadmap import create_process, reach_stage
from detente.security.sanctions import add_sanction, pair_gesture
from detente.settings import Settings
from detente.store import Database

ACTOR = "detente init"


def _first_day(test: Callable[[dt.date], bool], low: dt.date, high: dt.date) -> dt.date:
    """The first day in [low, high] where ``test`` holds (it holds at ``high``, then stays)."""
    while low < high:
        middle = low + (high - low) // 2
        if test(middle):
            high = middle
        else:
            low = middle + dt.timedelta(days=1)
    return low


def membership_spells(
    org: str, first_year: int, today: dt.date
) -> list[tuple[int, dt.date, dt.date | None]]:
    """``(gwno, joined_on, left_on)`` for every member of ``org`` from ``first_year`` to today;
    ``left_on`` is the first day no longer a member (``None``: still a member)."""
    years = range(first_year, today.year + 1)
    by_year = {year: members(org, year) for year in years}
    spells: list[tuple[int, dt.date, dt.date | None]] = []
    for gwno in sorted(set().union(*by_year.values())):
        run_start: int | None = None
        for year in [*years, today.year + 1]:
            present = gwno in by_year.get(year, frozenset())
            if present and run_start is None:
                run_start = year
            elif not present and run_start is not None:
                last_year = year - 1

                def joined(day: dt.date, code: int = gwno) -> bool:
                    return is_member(code, org, day)

                def gone(day: dt.date, code: int = gwno) -> bool:
                    return not is_member(code, org, day)

                start = _first_day(joined, dt.date(run_start, 1, 1), dt.date(run_start, 12, 31))
                end_bound = min(dt.date(last_year, 12, 31), today)
                left: dt.date | None = None
                if last_year < today.year or not joined(today):
                    left = _first_day(
                        gone,
                        dt.date(last_year, 1, 1),
                        end_bound + dt.timedelta(days=1),
                    )
                    if left > end_bound:
                        left = end_bound + dt.timedelta(days=1)
                spells.append((gwno, start, left))
                run_start = None
    return spells


def _seed_pact(session: Session) -> str:
    data = seed("helsinki")
    if session.scalar(select(Pact.id).where(Pact.slug == data["slug"])) is not None:
        return f"pact '{data['slug']}' already present"
    limits = data["thresholds"]
    pact = create_pact(
        session,
        slug=data["slug"],
        name=data["name"],
        region=data["region"],
        status=data["status"],
        signed_on=data["signed_on"],
        description=data["description"],
        source=data["source"],
        thresholds=Thresholds(
            limits["troops"],
            limits["tanks"],
            limits["acv"],
            limits["artillery"],
            limits["days"],
            limits["source"],
        ),
        principles=data["principles"],
        actor=ACTOR,
        origin="seeds/helsinki.json",
    )
    signed = dt.date.fromisoformat(data["signed_on"])
    spells = membership_spells(data["members_from"], signed.year, dt.date.today())
    for gwno, joined, left in spells:
        add_member(
            session,
            pact.id,
            gwno,
            max(joined, signed),
            actor=ACTOR,
            source="https://www.osce.org/participating-states (detente.countries, OSCE)",
            origin="seeds/helsinki.json",
        )
        if left is not None:
            end_membership(session, pact.id, gwno, left, actor=ACTOR)
    for item in data.get("processes", []):
        process = create_process(
            session,
            pact.id,
            name=item["name"],
            parties=item["parties_iso3"],
            started_on=item["started_on"],
            note=item["note"],
            actor=ACTOR,
            origin="seeds/helsinki.json",
        )
        for stage in item["stages"]:
            reach_stage(
                session,
                process.id,
                stage["stage"],
                stage["reached_on"],
                note=stage["note"],
                actor=ACTOR,
                origin="seeds/helsinki.json",
            )
    current = sum(1 for _, _, left in spells if left is None)
    return f"pact '{pact.slug}' with {len(pact.principles)} principles, {current} current members"


def _seed_sanctions(session: Session) -> str:
    data = seed("sanctions")
    added = 0
    keys: dict[str, int] = {}
    for item in data["sanctions"]:
        existing = session.scalar(
            select(Sanction.id).where(
                Sanction.legal_act == item["legal_act"],
                Sanction.adopted_on == dt.date.fromisoformat(item["adopted_on"]),
            )
        )
        if existing is None:
            view = add_sanction(
                session,
                imposed_by=item["imposed_by"],
                target=item["target"],
                target_country=item["target_iso3"],
                category=item["category"],
                reason=item["reason"],
                adopted_on=item["adopted_on"],
                legal_act=item["legal_act"],
                source=item["source"],
                note=item["note"],
                actor=ACTOR,
                origin="seeds/sanctions.json",
            )
            existing = view.id
            added += 1
        keys[item["key"]] = existing
    for pair in data["pairs"]:
        sanction_id = keys[pair["sanction"]]
        if (
            session.scalar(select(GesturePair.id).where(GesturePair.sanction_id == sanction_id))
            is None
        ):
            pair_gesture(
                session,
                sanction_id,
                gesture=pair["gesture"],
                gesture_country=pair["gesture_iso3"],
                illustrative=bool(pair["illustrative"]),
                note=pair["note"],
                source=pair["source"],
                actor=ACTOR,
                origin="seeds/sanctions.json",
            )
            added += 1
    return f"{added} register entries added" if added else "register example already present"


def seed_security(settings: Settings) -> str:
    """Seed the Helsinki pact and the sanctions register example; idempotent."""
    database = Database(settings.sqlalchemy_url)
    try:
        with database.session() as session:
            pact = _seed_pact(session)
            register = _seed_sanctions(session)
    finally:
        database.dispose()
    return f"security: {pact}; {register}"
