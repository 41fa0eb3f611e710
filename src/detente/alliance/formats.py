"""Inclusive crisis formats: who could sit in a contact group for a crisis country.

The Leaders for Peace report asks for "more original formats than the traditional use of P5 or
P3 members" and to involve "countries that are not often solicited". For a crisis country and a
year, every state and the main organisations are scored on transparent, additive reasons, each
computed from the project's real data with nothing after the cutoff year:

=============================  ======  ===========================================================
reason                         weight  source
=============================  ======  ===========================================================
land neighbour                 3.0     ``detente.countries.neighbours``
party to / supporter of a      2.5     UCDP/PRIO ACD conflicts located in the country
side in a recent conflict              (``gwno_a``/``gwno_b``, ``*_2nd``), previous 15 years
mediated there before          1.5 x   PA-X third parties of agreements located in the country
                               log2    (``log2(1 + n)``, at most 3 units)
mediated in the region         0.5 x   PA-X third parties of agreements elsewhere in its UN region
experienced mediator           0.25 x  PA-X third parties anywhere
votes with a side              1.0     top 5 UNGA agreement with each state side (10 years)
shares regional organisations  0.4     per organisation both belong to (at most 3)
same UN subregion              0.5     ``State.subregion``
permanent member (P5)          1.5     global reach; kept, but one reason among others
=============================  ======  ===========================================================

Organisations: the UN (2.0), each organisation the country belongs to (2.0), organisations
that two or more of its neighbours belong to (1.0), plus their PA-X mediation record as above.
The weights were set by hand before looking at the historical formats; :func:`recall_at_k`
checks the result against documented formats (``data/alliance/historical_formats.csv``).
"""

from __future__ import annotations

import csv
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from detente.alliance.mediators import ORGANISATION_NAMES, Mention, third_party_mentions
from detente.alliance.voting import alignment, load_votes
from detente.analytics.store import read_connection, store_path
from detente.caching import single_flight_cache
from detente.countries import (
    ORGANISATIONS,
    P5,
    get_state,
    gwno_to_iso3,
    members,
    memberships,
    neighbours,
    resolve,
    states_alive,
)
from detente.errors import DataValidationError
from detente.settings import Settings

WEIGHTS = {
    "neighbour": 3.0,
    "conflict": 2.5,
    "mediated_here": 1.5,
    "mediated_region": 0.5,
    "mediator": 0.25,
    "aligned": 1.0,
    "shared_org": 0.4,
    "subregion": 0.5,
    "p5": 1.5,
    "un": 2.0,
    "member_org": 2.0,
    "neighbours_org": 1.0,
}
CONFLICT_YEARS = 15
VOTE_YEARS = 10
MAX_GROUP_SIZE = 30
"""The most suggestions asked for at once, on the page, the API and the command line alike."""
ALIGNED_TOP = 5
UNIVERSAL = frozenset({"OSCE"})
"""Organisations too broad to count as "shared regional organisation" with a neighbour."""


@dataclass(frozen=True)
class Suggestion:
    """A proposed member of a contact group, with its score and the reasons behind it."""

    code: str
    kind: str
    name: str
    score: float
    reasons: tuple[str, ...]
    gwno: int | None = None
    reason_parts: tuple[Reason, ...] = ()
    """The same reasons as templates and values, so pages can write them in their language."""

    @property
    def beyond_p5(self) -> bool:
        """True for everyone but the five permanent members of the Security Council."""
        return self.gwno not in P5


@dataclass(frozen=True)
class Reason:
    """A reason as a gettext-style template (``%(name)s``) and its values.

    Values stay structured so pages can write them in their language: numbers as numbers
    (``agreement`` is a float), the placeholders listed in ``states`` name a state whose GW code
    is given there (``values`` holds its reference name), and ``subregion`` is a UN subregion
    name (an English msgid).
    """

    template: str
    values: tuple[tuple[str, str | int | float], ...] = ()
    states: tuple[tuple[str, int], ...] = ()

    def __str__(self) -> str:
        return self.template % {
            key: f"{value:.2f}" if isinstance(value, float) else value for key, value in self.values
        }


def _reason(
    template: str, *, states: Mapping[str, int] | None = None, **values: str | int | float
) -> Reason:
    return Reason(template, tuple(sorted(values.items())), tuple(sorted((states or {}).items())))


AGREEMENT_REASONS: dict[tuple[str, bool], str] = {
    # (where, one agreement?) -> template; a reason is only given for one agreement or more,
    # so "one" and "several" are the whole plural rule in English and French alike
    ("here", True): "third party to %(count)s agreement here (PA-X)",
    ("here", False): "third party to %(count)s agreements here (PA-X)",
    ("in the region", True): "third party to %(count)s agreement in the region (PA-X)",
    ("in the region", False): "third party to %(count)s agreements in the region (PA-X)",
    ("worldwide", True): "third party to %(count)s agreement worldwide (PA-X)",
    ("worldwide", False): "third party to %(count)s agreements worldwide (PA-X)",
}


def _agreements_reason(where: str, count: int) -> Reason:
    return _reason(AGREEMENT_REASONS[(where, count == 1)], count=count)


@dataclass
class _Candidate:
    score: float = 0.0
    reasons: list[Reason] = field(default_factory=list)

    def add(self, weight: float, reason: Reason) -> None:
        if weight > 0:
            self.score += weight
            self.reasons.append(reason)


def _codes(value: object) -> tuple[int, ...]:
    return tuple(int(v) for v in re.findall(r"\d+", str(value))) if value is not None else ()


AcdRow = tuple[int, tuple[int, ...], tuple[int, ...], tuple[int, ...], str, str]
"""year, locations, state parties, state supporters, side A name, side B name."""


@single_flight_cache(maxsize=2)
def _acd(path: Path, _mtime: float) -> tuple[AcdRow, ...]:
    with read_connection(path) as con:
        rows = con.execute(
            "SELECT year, gwno_loc, gwno_a, gwno_b, gwno_a_2nd, gwno_b_2nd, side_a, side_b "
            "FROM raw_acd"
        ).fetchall()
    out = []
    for year, loc, a, b, a2, b2, side_a, side_b in rows:
        out.append((int(year), _codes(loc), _codes(a) + _codes(b), _codes(a2) + _codes(b2),
                    str(side_a), str(side_b)))  # fmt: skip
    return tuple(out)


def _scaled(weight: float, count: int, cap: float = 3.0) -> float:
    return weight * min(math.log2(1 + count), cap)


def _sides(
    settings: Settings | Path, gwno: int, year: int
) -> tuple[dict[int, list[Reason]], set[int]]:
    """States involved in recent conflicts located in ``gwno`` (with reasons) and state sides."""
    path = store_path(settings)
    involved: dict[int, list[Reason]] = defaultdict(list)
    state_sides = {gwno}
    for y, loc, parties, supporters, side_a, side_b in _acd(path, path.stat().st_mtime):
        if gwno not in loc or not (year - CONFLICT_YEARS <= y < year):
            continue
        for state in parties:
            if state != gwno:
                state_sides.add(state)
                involved[state].append(
                    _reason("party to the conflict %(conflict)s (%(year)s)",
                            conflict=f"{side_a} v. {side_b}", year=y)
                )  # fmt: skip
        for state in supporters:
            involved[state].append(
                _reason("supported a side in %(conflict)s (%(year)s)",
                        conflict=f"{side_a} v. {side_b}", year=y)
            )  # fmt: skip
    return involved, state_sides


def group_size(value: int | str) -> int:
    """``value`` as a number of suggestions from 1 to :data:`MAX_GROUP_SIZE`.

    One check and one message for every entry point: the page's text field, the API's integer
    and the command line's option used to hit different bounds and wordings.
    """
    text = str(value).strip()
    if not (text.isdecimal() and len(text) <= 3 and 1 <= int(text) <= MAX_GROUP_SIZE):
        raise DataValidationError(
            "formats", None, "k", f"'{value}' is not a group size from 1 to {MAX_GROUP_SIZE}"
        )
    return int(text)


def suggest_format(
    settings: Settings | Path, country: str | int, k: int = 10, year: int | None = None
) -> list[Suggestion]:
    """The ``k`` best-placed states and organisations for a contact group on ``country``.

    Parameters
    ----------
    settings:
        Settings (or the analytics store path) holding UN votes, ACD and PA-X.
    country:
        ISO3, gwno or name of the crisis country.
    k:
        How many suggestions to return (1 to :data:`MAX_GROUP_SIZE`).
    year:
        The year the format is formed; only data from before it are used (default: the year
        after the latest UN votes, so every source is used).

    Returns
    -------
    list[Suggestion]
        Ranked by score (ties by code); the crisis country itself is never suggested.

    Raises
    ------
    UnknownCountryError
        If ``country`` is unknown, or was not an independent state in ``year``.
    """
    k = group_size(k)
    votes = load_votes(settings)
    year = year or int(votes.years.max()) + 1
    # a state that was not independent that year has no format, as it has no criteria:
    # "gwno 626 (South Sudan) was not an independent state in 1990; its spells: ..."
    crisis = get_state(resolve(str(country)).gwno, on=year)
    gwno = crisis.gwno
    alive = {s.gwno: s for s in states_alive(year)}
    candidates: dict[int, _Candidate] = defaultdict(_Candidate)
    organisations: dict[str, _Candidate] = defaultdict(_Candidate)
    near = neighbours(gwno, year) if year >= 1946 else frozenset()
    for other in near:
        candidates[other].add(WEIGHTS["neighbour"], _reason("land neighbour"))
    involved, sides = _sides(settings, gwno, year)
    for other, reasons in involved.items():
        candidates[other].add(WEIGHTS["conflict"], reasons[-1])
    _mediation(third_party_mentions(settings), crisis.gwno, crisis.region, year, alive,
               candidates, organisations)  # fmt: skip
    _alignment(settings, sides, year, candidates)
    own = memberships(gwno, year)
    for other, other_state in alive.items():
        shared = sorted((own & memberships(other, year)) - UNIVERSAL)
        if shared and other != gwno:
            candidates[other].add(
                WEIGHTS["shared_org"] * min(len(shared), 3),
                _reason("shares %(organisations)s", organisations=", ".join(shared)),
            )
        if (
            other_state.subregion
            and other_state.subregion == crisis.subregion
            and other not in near
        ):
            candidates[other].add(
                WEIGHTS["subregion"],
                _reason("same subregion (%(subregion)s)", subregion=crisis.subregion),
            )
        if other in P5:
            candidates[other].add(
                WEIGHTS["p5"], _reason("permanent member of the Security Council")
            )
    organisations["UN"].add(WEIGHTS["un"], _reason("universal organisation"))
    for acronym in own:
        organisations[acronym].add(
            WEIGHTS["member_org"],
            _reason(
                "%(country)s is a member", country=crisis.name, states={"country": crisis.gwno}
            ),
        )
    for acronym in ORGANISATIONS:
        count = len(members(acronym, year) & near)
        if count >= 2 and acronym not in own:
            organisations[acronym].add(
                WEIGHTS["neighbours_org"], _reason("%(count)s neighbours are members", count=count)
            )
    found = [
        Suggestion(
            code=gwno_to_iso3(other) or str(other),
            kind="state",
            name=alive[other].name if other in alive else str(other),
            score=round(c.score, 3),
            reasons=tuple(str(r) for r in c.reasons),
            gwno=other,
            reason_parts=tuple(c.reasons),
        )
        for other, c in candidates.items()
        if other != gwno and other in alive
    ]
    found += [
        Suggestion(
            code=acronym,
            kind="organisation",
            name=ORGANISATIONS[acronym].name if acronym in ORGANISATIONS else "United Nations",
            score=round(c.score, 3),
            reasons=tuple(str(r) for r in c.reasons),
            reason_parts=tuple(c.reasons),
        )
        for acronym, c in organisations.items()
    ]
    return sorted(found, key=lambda s: (-s.score, s.code))[:k]


def _mediation(
    mentions: tuple[Mention, ...],
    gwno: int,
    region: str | None,
    year: int,
    alive: Mapping[int, object],
    candidates: dict[int, _Candidate],
    organisations: dict[str, _Candidate],
) -> None:
    here: Counter[str] = Counter()
    nearby: Counter[str] = Counter()
    anywhere: Counter[str] = Counter()
    regions: dict[int, str | None] = {}
    for mention in mentions:
        if mention.year >= year:
            continue
        anywhere[mention.party] += 1
        if gwno in mention.locations:
            here[mention.party] += 1
            continue
        for location in mention.locations:
            if location not in regions:
                regions[location] = _region(location)
        if region and any(regions[loc] == region for loc in mention.locations):
            nearby[mention.party] += 1
    for party, count in anywhere.items():
        target = organisations[party] if party in ORGANISATION_NAMES else None
        if target is None:
            state = int(party)
            if state not in alive:
                continue
            target = candidates[state]
        target.add(_scaled(WEIGHTS["mediated_here"], here[party]),
                   _agreements_reason("here", here[party]))  # fmt: skip
        target.add(_scaled(WEIGHTS["mediated_region"], nearby[party]),
                   _agreements_reason("in the region", nearby[party]))  # fmt: skip
        target.add(_scaled(WEIGHTS["mediator"], count, cap=6.0),
                   _agreements_reason("worldwide", count))  # fmt: skip


@single_flight_cache(maxsize=512)
def _region(gwno: int) -> str | None:
    try:
        return get_state(gwno).region
    except Exception:  # a code the reference does not hold (e.g. pre-1945 states)
        return None


def _alignment(
    settings: Settings | Path, sides: set[int], year: int, candidates: dict[int, _Candidate]
) -> None:
    votes = load_votes(settings)
    last = min(year - 1, int(votes.years.max()))
    # the window is clipped to the roll calls there are (from 1946): no "1937-1946" window
    first = max(last - VOTE_YEARS + 1, int(votes.years.min()))
    if first > last:  # a format formed before any roll call: no voting reason
        return
    matrix = alignment(votes, first, last)
    for side in sorted(sides):
        if side not in set(matrix.gwnos.tolist()):
            continue
        row = matrix.index(side)
        scores = np.where(matrix.joint[row] >= 20, matrix.agreement[row], -1.0)
        scores[row] = -1.0
        for column in np.argsort(-scores, kind="stable")[:ALIGNED_TOP]:
            other = int(matrix.gwnos[column])
            if other in sides:
                continue
            candidates[other].add(
                WEIGHTS["aligned"],
                _reason(
                    "votes with %(state)s at the UN (agreement %(agreement)s, %(years)s)",
                    state=gwno_to_iso3(side) or str(side),
                    agreement=round(float(scores[column]), 2),
                    years=str(last) if first == last else f"{first}-{last}",
                ),
            )


@dataclass(frozen=True)
class HistoricalFormat:
    """A documented negotiation format: its crisis country, the year it formed, its members."""

    name: str
    crisis: str
    cutoff_year: int
    members: tuple[str, ...]
    source: str


@dataclass(frozen=True)
class FormatCheck:
    """How many members of a historical format the top ``k`` suggestions contain."""

    format: HistoricalFormat
    k: int
    found: tuple[str, ...]
    missed: tuple[str, ...]
    recall: float
    baseline_recall: float


def historical_formats(path: Path) -> list[HistoricalFormat]:
    """Read ``historical_formats.csv`` (format, crisis, cutoff_year, members, source)."""
    formats = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), 1):
            try:
                year = int(row["cutoff_year"])
            except (KeyError, ValueError) as error:
                raise DataValidationError(
                    path, number, "cutoff_year", f"'{row.get('cutoff_year')}' is not a year"
                ) from error
            if not row.get("source", "").startswith("http"):
                raise DataValidationError(path, number, "source", "a public source URL is required")
            formats.append(
                HistoricalFormat(
                    row["format"], row["crisis"], year, tuple(row["members"].split()), row["source"]
                )
            )
    return formats


BASELINE = ("USA", "GBR", "FRA", "RUS", "CHN", "UN")
"""The traditional format the report wants to go beyond: the P5 (and the UN)."""


def recall_at_k(
    settings: Settings, k: int, formats: list[HistoricalFormat] | None = None
) -> list[FormatCheck]:
    """Recall at ``k`` of the suggestions on each documented format (data before its year).

    ``baseline_recall`` is the recall of the traditional P5 + UN list, truncated to ``k``.
    """
    formats = formats or historical_formats(
        settings.snapshot_dir / "alliance" / "historical_formats.csv"
    )
    checks = []
    for item in formats:
        wanted = [m for m in item.members if m != item.crisis]
        codes = {s.code for s in suggest_format(settings, item.crisis, k, item.cutoff_year)}
        found = tuple(m for m in wanted if m in codes)
        baseline = set(BASELINE[:k])
        checks.append(
            FormatCheck(
                format=item,
                k=k,
                found=found,
                missed=tuple(m for m in wanted if m not in codes),
                recall=len(found) / len(wanted),
                baseline_recall=sum(m in baseline for m in wanted) / len(wanted),
            )
        )
    return checks
