"""One state's reference facts on a date, gathered for display (CLI, web country page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from detente.countries.codes import resolve
from detente.countries.languages import official_languages
from detente.countries.model import OnDate, State, span
from detente.countries.neighbours import COVERAGE_START, neighbours
from detente.countries.organisations import ORGANISATIONS, P5, memberships
from detente.countries.states import get_state, spells


@dataclass(frozen=True, slots=True)
class CountryProfile:
    """Reference facts of one state on a date or in a year.

    ``neighbours`` is empty for islands and for a state not alive then (whatever the date: a
    state that did not exist had no neighbours), ``None`` only for a state alive before 1946
    (its neighbours are not covered); ``memberships`` lists organisation acronyms in the order
    of :data:`~detente.countries.ORGANISATIONS`.
    """

    state: State
    on: OnDate
    alive: bool
    spells: tuple[State, ...]
    neighbours: tuple[State, ...] | None
    memberships: tuple[str, ...]
    languages: tuple[str, ...]
    permanent_member: bool


def country_profile(code_or_name: str | int, on: OnDate | None = None) -> CountryProfile:
    """Everything the reference knows about one state on ``on`` (default: today).

    Raises
    ------
    UnknownCountryError
        If ``code_or_name`` matches no state (with close matches as a hint).
    """
    when: OnDate = on if on is not None else date.today()
    latest = resolve(code_or_name)
    all_spells = spells(latest.gwno)
    alive = [s for s in all_spells if s.alive(when)]
    state = alive[-1] if alive else latest
    nearby: tuple[State, ...] | None = None
    if not alive:  # Sudan on 1800-01-01 as South Sudan on 2000-01-01: none, not "not covered"
        nearby = ()
    elif span(when)[1] >= COVERAGE_START:
        nearby = tuple(
            sorted((get_state(g, when) for g in neighbours(state.gwno, when)), key=lambda s: s.name)
        )
    member_of = memberships(state.gwno, when)
    return CountryProfile(
        state=state,
        on=when,
        alive=bool(alive),
        spells=all_spells,
        neighbours=nearby,
        memberships=tuple(org for org in ORGANISATIONS if org in member_of),
        languages=official_languages(state.gwno),
        permanent_member=state.gwno in P5,
    )
