"""Team assembly as an exact optimisation problem (OR-Tools CP-SAT), and a greedy baseline.

The model
---------
Officers the rules treat alike are interchangeable, so the solver works on *classes*: officers
with the same region, the same required languages and expertise, the same seniority and the same
eligibility flags. An integer ``n_c`` says how many of class ``c`` join the team; within a class
the lowest officer ids are taken. The reduction is exact (no constraint or objective term can
tell two officers of one class apart) and makes a 10,000-officer roster a model of a few hundred
variables.

Rules (each can be relaxed on its own to explain an infeasible request):

``size``                   exactly ``size`` members (relaxed: at most ``size``)
``language:<code>``        at least one member speaks it
``expertise:<tag>``        at least one member has it
``min_regions``            members come from at least ``k`` distinct UN regions
``region_cap``             no region has more than half the team (``max(1, size // 2)``)
``availability``           an availability window covers the whole deployment
``conflict_of_interest``   no national of the crisis country, a party or a neighbour

An officer already booked on overlapping dates is never a candidate (not a relaxable rule).

Objective (lexicographic, encoded as one weighted sum whose weights make it strict):

1. the number of members (only matters when ``size`` is relaxed),
2. *depth*: for each required language and expertise, the number of members holding it, capped
   at 2 (a second holder keeps the skill in the team when one member leaves),
3. the number of distinct regions (representativeness beyond the minimum),
4. the total seniority (1-5 per member).
"""

from __future__ import annotations

import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ortools.sat.python import cp_model

RELAX_ORDER = ("min_regions", "size", "region_cap", "availability", "conflict_of_interest")
"""After the skill rules, which rules the closest team gives up first (softest first): a team
missing a language is a better start than one with a national of a party."""


@dataclass(frozen=True)
class Requirements:
    """What a team must satisfy (see the module docstring for each rule)."""

    gwno: int
    size: int
    languages: tuple[str, ...]
    expertise: tuple[str, ...]
    start: dt.date
    end: dt.date
    min_regions: int
    excluded_gwno: frozenset[int] = frozenset()
    allow_conflict_of_interest: bool = False

    @property
    def region_cap(self) -> int:
        """The most members one region may have: half the team (rounded down), at least 1."""
        return max(1, self.size // 2)

    def rules(self) -> tuple[str, ...]:
        """Every rule name that applies to this request."""
        found = [f"language:{code}" for code in self.languages]
        found += [f"expertise:{tag}" for tag in self.expertise]
        found += ["min_regions", "region_cap", "availability", "size"]
        if not self.allow_conflict_of_interest:
            found.append("conflict_of_interest")
        return tuple(found)


@dataclass(frozen=True)
class Candidate:
    """One officer as the solver sees them."""

    id: int
    name: str
    gwno: int
    region: str
    languages: frozenset[str]
    expertise: frozenset[str]
    seniority: int
    available: bool
    conflict: bool


@dataclass(frozen=True)
class Solution:
    """A team (maybe empty) and how good it is."""

    status: str  # optimal | feasible | infeasible
    members: tuple[Candidate, ...]
    relaxed: tuple[str, ...] = ()
    score: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


def score(members: Sequence[Candidate], req: Requirements) -> dict[str, int]:
    """The objective's terms for a team (same definition for the solver and greedy)."""
    depth = sum(min(2, sum(code in m.languages for m in members)) for code in req.languages)
    depth += sum(min(2, sum(tag in m.expertise for m in members)) for tag in req.expertise)
    return {
        "members": len(members),
        "depth": depth,
        "regions": len({m.region for m in members}),
        "seniority": sum(m.seniority for m in members),
    }


def broken_rules(members: Sequence[Candidate], req: Requirements) -> list[str]:
    """The rules a team breaks (empty for a valid team)."""
    broken = [f"language:{c}" for c in req.languages if not any(c in m.languages for m in members)]
    broken += [
        f"expertise:{t}" for t in req.expertise if not any(t in m.expertise for m in members)
    ]
    regions: dict[str, int] = defaultdict(int)
    for m in members:
        regions[m.region] += 1
    if len(regions) < req.min_regions:
        broken.append("min_regions")
    if any(n > req.region_cap for n in regions.values()):
        broken.append("region_cap")
    if any(not m.available for m in members):
        broken.append("availability")
    if not req.allow_conflict_of_interest and any(m.conflict for m in members):
        broken.append("conflict_of_interest")
    if len(members) != req.size:
        broken.append("size")
    return broken


def _classes(
    candidates: Iterable[Candidate], req: Requirements, size: int
) -> dict[tuple[Any, ...], list[Candidate]]:
    """Candidates grouped into interchangeable classes, keeping only those a team could use.

    A class is (region, required languages held, required expertise held, seniority,
    available, conflict). Within one region and the same flags, officer *d* dominates *c* when
    *d* holds every required skill *c* holds and is at least as senior: swapping *c* for an
    unused *d* never lowers the objective nor breaks a rule. So some optimal team uses a class
    only when all its dominators are in the team too, and a class with ``D`` dominating officers
    contributes at most ``size - D`` members (lowest ids first). Dropping the rest is exact and
    leaves a model of a few dozen classes even for 10,000 officers.
    """
    wanted_languages, wanted_expertise = set(req.languages), set(req.expertise)
    classes: dict[tuple[Any, ...], list[Candidate]] = defaultdict(list)
    for c in sorted(candidates, key=lambda c: c.id):
        key = (
            c.region,
            frozenset(c.languages & wanted_languages),
            frozenset(c.expertise & wanted_expertise),
            c.seniority,
            c.available,
            c.conflict,
        )
        members = classes[key]
        if len(members) < size:  # more than a team's worth of one class is never needed
            members.append(c)
    buckets: dict[tuple[Any, ...], list[tuple[Any, ...]]] = defaultdict(list)
    for key in classes:
        buckets[(key[0], key[4], key[5])].append(key)
    kept: dict[tuple[Any, ...], list[Candidate]] = {}
    for keys in buckets.values():
        for key in keys:
            dominators = sum(
                len(classes[other])
                for other in keys
                if other != key and other[1] >= key[1] and other[2] >= key[2] and other[3] >= key[3]
            )
            room = size - dominators
            if room > 0:
                kept[key] = classes[key][:room]
    return kept


def solve(
    candidates: Sequence[Candidate],
    req: Requirements,
    relaxed: Iterable[str] = (),
    time_limit: float = 10.0,
    optimise: bool = True,
) -> Solution:
    """The best team under every rule not in ``relaxed`` (CP-SAT, deterministic: one worker).

    With ``optimise=False`` any team that meets the rules (a feasibility check, much faster
    when the answer is no, used by :func:`diagnose`).
    """
    began = time.perf_counter()
    relaxed_set = set(relaxed)
    if req.allow_conflict_of_interest:
        relaxed_set.add("conflict_of_interest")
    classes = _classes(candidates, req, req.size)
    model = cp_model.CpModel()
    count: dict[tuple[Any, ...], cp_model.IntVar] = {}
    for index, (key, members) in enumerate(classes.items()):
        _, _, _, _, available, conflict = key
        upper = len(members)
        if (not available and "availability" not in relaxed_set) or (
            conflict and "conflict_of_interest" not in relaxed_set
        ):
            upper = 0
        count[key] = model.new_int_var(0, upper, f"n{index}")
    total = sum(count.values())
    if "size" in relaxed_set:
        model.add(total <= req.size)
    else:
        model.add(total == req.size)
    depth_terms = []
    for position, (kind, item) in enumerate(
        [("language", c) for c in req.languages] + [("expertise", t) for t in req.expertise]
    ):
        slot = 1 if kind == "language" else 2
        holders = sum(n for key, n in count.items() if item in key[slot])
        if f"{kind}:{item}" not in relaxed_set:
            model.add(holders >= 1)
        capped = model.new_int_var(0, 2, f"depth{position}")
        model.add(capped <= holders)
        depth_terms.append(capped)
    regions = sorted({key[0] for key in classes})
    used = []
    for position, region in enumerate(regions):
        in_region = sum(n for key, n in count.items() if key[0] == region)
        if "region_cap" not in relaxed_set:
            model.add(in_region <= req.region_cap)
        flag = model.new_bool_var(f"used{position}")
        model.add(flag <= in_region)
        used.append(flag)
    if "min_regions" not in relaxed_set:
        model.add(sum(used) >= req.min_regions)
    seniority = sum(n * key[3] for key, n in count.items())
    # strict lexicographic weights: each term's range is below the next weight
    w_regions = 5 * req.size + 1
    w_depth = w_regions * (len(regions) + 1)
    w_members = w_depth * (2 * (len(req.languages) + len(req.expertise)) + 1)
    if optimise:
        model.maximize(
            w_members * total + w_depth * sum(depth_terms) + w_regions * sum(used) + seniority
        )
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    # full linear relaxation of the coverage and region constraints: on the hard covering
    # instances of the benchmark this finds and proves the optimum 10-50x faster
    solver.parameters.linearization_level = 2
    solver.parameters.max_time_in_seconds = time_limit
    status = solver.solve(model)
    seconds = time.perf_counter() - began
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Solution("infeasible", (), tuple(sorted(relaxed_set)), {}, seconds)
    chosen: list[Candidate] = []
    for key, n in count.items():
        chosen.extend(classes[key][: solver.value(n)])
    chosen.sort(key=lambda c: c.id)
    return Solution(
        "optimal" if status == cp_model.OPTIMAL else "feasible",
        tuple(chosen),
        tuple(sorted(set(relaxed))),
        score(chosen, req),
        seconds,
    )


@dataclass(frozen=True)
class Diagnosis:
    """Why no team satisfies every rule, and the closest team."""

    culprits: tuple[str, ...]
    closest: Solution


def diagnose(candidates: Sequence[Candidate], req: Requirements) -> Diagnosis:
    """Relax rules one at a time; a rule whose relaxation alone makes a team possible is a culprit.

    Every such rule is reported (any one of them, relaxed, makes a team possible). The closest
    team relaxes the softest culprit: skills first, then :data:`RELAX_ORDER`; between equally
    soft ones (two missing languages), the best-scoring team. When no single rule explains it,
    rules are relaxed cumulatively in that order until a team exists; the rules that team
    breaks are reported. Culprits are found with feasibility checks; only the closest team is
    optimised.
    """
    rules = req.rules()
    ordered = [r for r in rules if r.startswith(("language:", "expertise:"))]
    ordered += [r for r in RELAX_ORDER if r in rules]
    culprits = [
        rule
        for rule in ordered
        if not _uncoverable(candidates, req, {rule})
        and solve(candidates, req, relaxed=[rule], optimise=False).status != "infeasible"
    ]
    if culprits:

        def tier(rule: str) -> int:
            return RELAX_ORDER.index(rule) if rule in RELAX_ORDER else -1

        softest = [r for r in culprits if tier(r) == tier(culprits[0])]
        teams = [solve(candidates, req, relaxed=[rule]) for rule in softest]
        best = max(teams, key=lambda team: _rank(team.score))
        return Diagnosis(tuple(culprits), best)
    relaxed: list[str] = []
    for rule in ordered:
        relaxed.append(rule)
        if _uncoverable(candidates, req, set(relaxed)) or (
            solve(candidates, req, relaxed=relaxed, optimise=False).status == "infeasible"
        ):
            continue
        found = solve(candidates, req, relaxed=relaxed)
        if found.status != "infeasible":
            # keep only the rules the closest team actually breaks
            broken = tuple(r for r in relaxed if r in broken_rules(found.members, req))
            return Diagnosis(broken or tuple(relaxed), found)
    return Diagnosis(tuple(relaxed), Solution("infeasible", (), tuple(relaxed)))


def _uncoverable(candidates: Sequence[Candidate], req: Requirements, relaxed: set[str]) -> set[str]:
    """Skill rules still in force that no eligible officer can meet (no solver needed).

    A relaxation that leaves one of these is certainly infeasible, which spares
    :func:`diagnose` most of its solver calls.
    """
    any_date = "availability" in relaxed
    any_nationality = req.allow_conflict_of_interest or "conflict_of_interest" in relaxed
    languages: set[str] = set()
    expertise: set[str] = set()
    for c in candidates:
        if (c.available or any_date) and (not c.conflict or any_nationality):
            languages |= c.languages
            expertise |= c.expertise
    missing = {f"language:{code}" for code in req.languages if code not in languages}
    missing |= {f"expertise:{tag}" for tag in req.expertise if tag not in expertise}
    return missing - relaxed


def _rank(terms: dict[str, int]) -> tuple[int, ...]:
    return (terms["members"], terms["depth"], terms["regions"], terms["seniority"])


def greedy(candidates: Sequence[Candidate], req: Requirements) -> Solution:
    """The baseline a coordinator might apply by hand, for the benchmark.

    Among eligible officers (available, no conflict of interest), repeatedly take the one that
    covers the most still-uncovered required languages and expertise, preferring a new region
    while fewer than ``min_regions`` are represented, then higher seniority, never exceeding the
    region cap. Fast, but blind to combinations: it can miss the optimum or a feasible team.
    """
    began = time.perf_counter()
    eligible = [
        c for c in candidates if c.available and (req.allow_conflict_of_interest or not c.conflict)
    ]
    uncovered = set(req.languages) | {f"x:{t}" for t in req.expertise}
    regions: dict[str, int] = defaultdict(int)
    chosen: list[Candidate] = []
    taken: set[int] = set()
    for _ in range(req.size):
        best: Candidate | None = None
        best_key: tuple[int, int, int, int] | None = None
        need_region = len(regions) < req.min_regions
        for c in eligible:
            if c.id in taken or regions[c.region] >= req.region_cap:
                continue
            gain = len(uncovered & (c.languages | {f"x:{t}" for t in c.expertise}))
            key = (gain, int(need_region and c.region not in regions), c.seniority, -c.id)
            if best_key is None or key > best_key:
                best, best_key = c, key
        if best is None:
            break
        chosen.append(best)
        taken.add(best.id)
        regions[best.region] += 1
        uncovered -= best.languages | {f"x:{t}" for t in best.expertise}
    chosen.sort(key=lambda c: c.id)
    broken = broken_rules(chosen, req)
    return Solution(
        "feasible" if not broken else "infeasible",
        tuple(chosen),
        tuple(broken),
        score(chosen, req),
        time.perf_counter() - began,
    )
