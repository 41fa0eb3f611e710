"""Land neighbours of a Gleditsch–Ward state over time.

Why over time: borders follow the state system. Uganda and Kenya border Sudan until
2011-07-08 and South Sudan from 2011-07-09; the Soviet Union borders Poland and Afghanistan;
the GDR borders the Federal Republic, Poland and Czechoslovakia. ``neighbours.csv`` holds each
border with the dates it existed (see ``scripts/snapshot/_countries_borders.py`` for how it is
derived from today's ISO land borders plus hand fixes). Coverage starts in 1946.
"""

from __future__ import annotations

from datetime import date

from detente.countries.loading import load_edges, snapshot_folder
from detente.countries.model import OnDate, overlaps, span
from detente.countries.states import get_state

COVERAGE_START = date(1946, 1, 1)
"""First day covered: colonial-era borders before 1946 are not modelled."""


def neighbours(gwno: int, on: OnDate) -> frozenset[int]:
    """States sharing a land border with ``gwno`` on ``on`` (for a year: on any day of it).

    Parameters
    ----------
    gwno:
        Gleditsch–Ward code.
    on:
        A day or a year, 1946 or later.

    Returns
    -------
    frozenset[int]
        Neighbours' gwno; empty for islands and for a state not alive on ``on``.

    Raises
    ------
    UnknownCountryError
        If ``gwno`` is not a known code.
    ValueError
        If ``on`` is before 1946 (not covered).
    """
    get_state(gwno)  # unknown codes raise UnknownCountryError
    if span(on)[1] < COVERAGE_START:
        raise ValueError(f"land neighbours are covered from {COVERAGE_START}, not {on}")
    edges = load_edges(snapshot_folder()).get(gwno, ())
    return frozenset(
        (edge.b if edge.a == gwno else edge.a)
        for edge in edges
        if overlaps(edge.start, edge.end, on)
    )


def are_neighbours(a: int, b: int, on: OnDate) -> bool:
    """Whether ``a`` and ``b`` share a land border on ``on``."""
    return b in neighbours(a, on)
