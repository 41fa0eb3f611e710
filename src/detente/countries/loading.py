"""Reading the country reference from the snapshot, once per snapshot folder.

Why read from ``Settings.snapshot_dir`` and not from ../shared: the project must run and test
from the bundled ``data/`` folder alone. The files are small (a few hundred kB), so they are read
with the ``csv`` module into plain dicts and kept for the life of the process
(:func:`functools.lru_cache` keyed by the folder); every lookup after the first is a dict access.

A malformed file raises :class:`~detente.errors.DataValidationError` naming the file, the
1-based data row and the field.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from detente.caching import single_flight_cache
from detente.countries.model import State
from detente.errors import DataValidationError
from detente.settings import get_settings

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Holding:
    """An ISO3 code (or territory) denoting / held by a GW state over a period."""

    iso3: str
    gwno: int
    start: date
    end: date | None
    own: bool


@dataclass(frozen=True, slots=True)
class Edge:
    """A land border between two GW states over a period."""

    a: int
    b: int
    start: date
    end: date | None


@dataclass(frozen=True, slots=True)
class Membership:
    org: str
    gwno: int
    start: date
    end: date | None
    source: str


@dataclass(frozen=True, slots=True)
class Alias:
    """A GW code a source uses beyond the code's validity, and the state it means then."""

    gwno: int
    start: date
    end: date | None
    canonical: int
    used_by: str


@dataclass(frozen=True)
class CountryData:
    """States, codes, names and code aliases of ``data/countries/``, indexed for lookups."""

    folder: Path
    spells: dict[int, tuple[State, ...]]
    language_territory: dict[int, str]
    holdings: dict[str, tuple[Holding, ...]]
    names: dict[str, int]
    aliases: tuple[Alias, ...]


@dataclass(frozen=True)
class MembershipIndex:
    """``memberships.csv`` indexed by organisation and by state."""

    by_org: dict[str, tuple[Membership, ...]]
    by_gwno: dict[int, tuple[Membership, ...]]


class _Rows:
    """Iterates a CSV file and converts fields, naming file/row/field on any error."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.row = 0
        self.current: dict[str, str] = {}

    def __iter__(self) -> Iterator[_Rows]:
        try:
            with self.path.open(encoding="utf-8", newline="") as handle:
                reader = csv.DictReader(handle)
                for self.row, self.current in enumerate(reader, start=1):
                    yield self
        except FileNotFoundError as error:
            raise DataValidationError(
                self.path, None, None, "file missing; rebuild the snapshot"
            ) from error
        except UnicodeDecodeError as error:
            raise DataValidationError(self.path, self.row + 1, None, "not UTF-8") from error

    def get(self, name: str, convert: Callable[[str], T]) -> T:
        if name not in self.current:
            raise DataValidationError(self.path, None, name, "column missing")
        value = self.current[name]
        try:
            return convert(value)
        except ValueError as error:
            raise DataValidationError(
                self.path, self.row, name, f"invalid value {value!r}: {error}"
            ) from error

    def text(self, name: str) -> str:
        return self.get(name, str)

    def integer(self, name: str) -> int:
        return self.get(name, int)

    def day(self, name: str) -> date:
        return self.get(name, date.fromisoformat)

    def open_day(self, name: str) -> date | None:
        return self.get(name, lambda v: date.fromisoformat(v) if v else None)

    def flag(self, name: str) -> bool:
        return self.get(name, _boolean)


def _boolean(value: str) -> bool:
    if value not in {"True", "False"}:
        raise ValueError("expected True or False")
    return value == "True"


def _group(items: list[tuple[int, T]]) -> dict[int, tuple[T, ...]]:
    grouped: dict[int, list[T]] = {}
    for key, item in items:
        grouped.setdefault(key, []).append(item)
    return {key: tuple(values) for key, values in grouped.items()}


def _read_states(folder: Path) -> tuple[dict[int, tuple[State, ...]], dict[int, str]]:
    spells: list[tuple[int, State]] = []
    territory: dict[int, str] = {}
    for r in _Rows(folder / "states.csv"):
        state = State(
            gwno=r.integer("gwno"),
            iso3=r.text("iso3") or None,
            name=r.text("name"),
            start=r.day("start"),
            end=r.open_day("end"),
            region=r.text("region"),
            subregion=r.text("subregion"),
            microstate=r.flag("microstate"),
            gwc=r.text("gwc"),
            gw_name=r.text("gw_name"),
        )
        spells.append((state.gwno, state))
        territory[state.gwno] = r.text("language_territory")
    grouped = _group(spells)
    return {k: tuple(sorted(v, key=lambda s: s.start)) for k, v in grouped.items()}, territory


def _read_holdings(folder: Path) -> dict[str, tuple[Holding, ...]]:
    rows = []
    for r in _Rows(folder / "codes.csv"):
        kind = r.text("kind")
        if kind not in {"own", "part"}:
            raise DataValidationError(r.path, r.row, "kind", f"expected own or part, got {kind!r}")
        iso3 = r.text("iso3")
        rows.append(
            (
                iso3,
                Holding(iso3, r.integer("gwno"), r.day("start"), r.open_day("end"), kind == "own"),
            )
        )
    out: dict[str, list[Holding]] = {}
    for iso3, holding in rows:
        out.setdefault(iso3, []).append(holding)
    return {k: tuple(v) for k, v in out.items()}


@single_flight_cache(maxsize=8)
def load_reference(folder: Path) -> CountryData:
    """Read and index ``folder`` (a snapshot's ``countries/`` directory), once per folder."""
    spells, territory = _read_states(folder)
    names = {r.text("name"): r.integer("gwno") for r in _Rows(folder / "names.csv")}
    aliases = tuple(
        Alias(
            r.integer("gwno"),
            r.day("start"),
            r.open_day("end"),
            r.integer("canonical_gwno"),
            r.text("used_by"),
        )
        for r in _Rows(folder / "gwno_aliases.csv")
    )
    return CountryData(
        folder=folder,
        spells=spells,
        language_territory=territory,
        holdings=_read_holdings(folder),
        names=names,
        aliases=aliases,
    )


@single_flight_cache(maxsize=8)
def load_edges(folder: Path) -> dict[int, tuple[Edge, ...]]:
    """``neighbours.csv``: every border edge listed under both of its states."""
    edges: list[tuple[int, Edge]] = []
    for r in _Rows(folder / "neighbours.csv"):
        edge = Edge(r.integer("gwno_a"), r.integer("gwno_b"), r.day("start"), r.open_day("end"))
        edges += [(edge.a, edge), (edge.b, edge)]
    return _group(edges)


@single_flight_cache(maxsize=8)
def load_memberships(folder: Path) -> MembershipIndex:
    """``memberships.csv`` indexed by organisation and by gwno."""
    by_org: dict[str, list[Membership]] = {}
    by_gwno: dict[int, list[Membership]] = {}
    for r in _Rows(folder / "memberships.csv"):
        m = Membership(
            r.text("org"), r.integer("gwno"), r.day("start"), r.open_day("end"), r.text("source")
        )
        by_org.setdefault(m.org, []).append(m)
        by_gwno.setdefault(m.gwno, []).append(m)
    return MembershipIndex(
        by_org={k: tuple(v) for k, v in by_org.items()},
        by_gwno={k: tuple(v) for k, v in by_gwno.items()},
    )


def snapshot_folder() -> Path:
    """``countries/`` of the current settings' snapshot."""
    return _countries_folder(get_settings().snapshot_dir)


@single_flight_cache(maxsize=8)
def _countries_folder(snapshot_dir: Path) -> Path:
    return (snapshot_dir / "countries").resolve()


def reference() -> CountryData:
    """The country reference of the current settings' snapshot."""
    return load_reference(snapshot_folder())
