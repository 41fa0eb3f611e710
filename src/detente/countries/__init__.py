"""Country reference: Gleditsch–Ward states, ISO codes, names, regions, neighbours, organisations.

Read-only and cached; built from the snapshot files in ``data/countries/`` (see
``docs/data-contracts.md`` for the contract and ``scripts/snapshot/countries.py`` for how the
files are made). Every function that takes ``on`` accepts a :class:`datetime.date` (that day) or
an ``int`` year (any day of that year).
"""

from __future__ import annotations

from detente.countries.codes import by_iso3, gwno_to_iso3, iso3_to_gwno, resolve
from detente.countries.languages import official_languages
from detente.countries.model import OnDate, Organisation, State
from detente.countries.neighbours import are_neighbours, neighbours
from detente.countries.organisations import (
    ORGANISATIONS,
    P5,
    is_member,
    members,
    memberships,
)
from detente.countries.profile import CountryProfile, country_profile
from detente.countries.states import (
    all_states,
    canonical_gwno,
    get_state,
    is_known_gwno,
    spells,
    states_alive,
)

__all__ = [
    "ORGANISATIONS",
    "P5",
    "CountryProfile",
    "OnDate",
    "Organisation",
    "State",
    "all_states",
    "are_neighbours",
    "by_iso3",
    "canonical_gwno",
    "country_profile",
    "get_state",
    "gwno_to_iso3",
    "is_known_gwno",
    "is_member",
    "iso3_to_gwno",
    "members",
    "memberships",
    "neighbours",
    "official_languages",
    "resolve",
    "spells",
    "states_alive",
]
