"""The CP-SAT team model: optimal against brute force, rules, diagnosis, greedy's blind spots."""

from __future__ import annotations

import datetime as dt
import itertools
import random

import pytest

from detente.response.solver import (
    Candidate,
    Requirements,
    broken_rules,
    diagnose,
    greedy,
    score,
    solve,
)

REGIONS = ("Africa", "Americas", "Asia", "Europe", "Oceania")
START, END = dt.date(2026, 12, 1), dt.date(2027, 2, 28)


def cand(
    i: int,
    region: str,
    languages: str = "en",
    expertise: str = "mediation",
    seniority: int = 3,
    available: bool = True,
    conflict: bool = False,
) -> Candidate:
    return Candidate(
        id=i,
        name=f"Demo-{i}",
        gwno=1000 + i,
        region=region,
        languages=frozenset(languages.split()),
        expertise=frozenset(expertise.split()),
        seniority=seniority,
        available=available,
        conflict=conflict,
    )


def req(size: int, languages: str = "", expertise: str = "", min_regions: int = 2) -> Requirements:
    return Requirements(
        gwno=432,
        size=size,
        languages=tuple(languages.split()),
        expertise=tuple(expertise.split()),
        start=START,
        end=END,
        min_regions=min_regions,
    )


def rank(terms: dict[str, int]) -> tuple[int, ...]:
    return (terms["members"], terms["depth"], terms["regions"], terms["seniority"])


@pytest.mark.parametrize("seed", range(8))
def test_matches_brute_force_on_small_rosters(seed: int) -> None:
    rng = random.Random(seed)
    candidates = [
        cand(
            i,
            rng.choice(REGIONS[:3]),
            " ".join(rng.sample(["en", "fr", "ar", "es"], rng.randint(1, 2))),
            " ".join(rng.sample(["mediation", "ddr", "gender", "cyber"], rng.randint(1, 2))),
            rng.randint(1, 5),
            available=rng.random() > 0.2,
            conflict=rng.random() < 0.1,
        )
        for i in range(1, 13)
    ]
    request = req(4, "fr ar", "ddr gender", min_regions=2)
    eligible = [c for c in candidates if c.available and not c.conflict]
    valid = [
        team
        for team in itertools.combinations(eligible, request.size)
        if not broken_rules(team, request)
    ]
    found = solve(candidates, request)
    if not valid:
        assert found.status == "infeasible"
        return
    assert found.status == "optimal"
    assert not broken_rules(found.members, request)
    assert rank(found.score) == max(rank(score(team, request)) for team in valid)


def test_rules_hold() -> None:
    candidates = [cand(i, "Europe", "en fr", "mediation ddr", 5) for i in range(1, 6)]
    candidates += [cand(10, "Africa", "fr"), cand(11, "Asia", "ar", "gender", 1)]
    candidates += [cand(12, "Americas", "ar fr", "gender", 5, conflict=True)]
    candidates += [cand(13, "Oceania", "ar fr", "gender", 5, available=False)]
    found = solve(candidates, req(4, "fr ar", "gender", min_regions=3))
    assert found.status == "optimal"
    ids = {c.id for c in found.members}
    assert 12 not in ids
    assert 13 not in ids
    assert 11 in ids  # the only eligible Arabic speaker
    assert sum(c.region == "Europe" for c in found.members) <= 2  # half of 4


def test_conflict_of_interest_can_be_allowed() -> None:
    candidates = [cand(1, "Africa", "ar", conflict=True), cand(2, "Asia"), cand(3, "Europe")]
    request = req(2, "ar")
    assert solve(candidates, request).status == "infeasible"
    allowed = Requirements(**{**request.__dict__, "allow_conflict_of_interest": True})
    assert {c.id for c in solve(candidates, allowed).members} == {1, 3}


def test_lowest_ids_within_a_class_and_deterministic() -> None:
    candidates = [cand(i, REGIONS[i % 3]) for i in range(30, 0, -1)]
    first = solve(candidates, req(3))
    assert first.members == solve(list(reversed(candidates)), req(3)).members
    assert [c.id for c in first.members] == [1, 2, 3]


def test_diagnosis_names_the_missing_language_and_gives_the_closest_team() -> None:
    candidates = [cand(i, REGIONS[i % 4], "en fr", "mediation") for i in range(1, 9)]
    diagnosis = diagnose(candidates, req(3, "fr sw", "mediation"))
    assert diagnosis.culprits == ("language:sw",)
    assert len(diagnosis.closest.members) == 3
    assert broken_rules(diagnosis.closest.members, req(3, "fr sw", "mediation")) == ["language:sw"]


def test_diagnosis_of_a_one_region_roster() -> None:
    candidates = [cand(i, "Europe") for i in range(1, 9)]
    diagnosis = diagnose(candidates, req(4, min_regions=2))
    # relaxing one rule is not enough; the softest way out is a smaller one-region team
    assert set(diagnosis.culprits) == {"min_regions", "size"}
    assert len(diagnosis.closest.members) == 2


def test_diagnosis_of_too_few_available() -> None:
    candidates = [cand(1, "Asia"), cand(2, "Africa"), cand(3, "Europe", available=False)]
    diagnosis = diagnose(candidates, req(3))
    assert set(diagnosis.culprits) == {"availability", "size"}
    # a smaller team of available officers is closer than sending an unavailable one
    assert diagnosis.closest.relaxed == ("size",)
    assert {c.id for c in diagnosis.closest.members} == {1, 2}


def test_greedy_misses_a_feasible_team_the_solver_finds() -> None:
    # greedy takes the senior Europe all-rounder first; 'sw' then only exists in Europe (capped)
    candidates = [
        cand(1, "Europe", "en fr ar", seniority=5),
        cand(2, "Africa", "en fr ar", seniority=1),
        cand(3, "Europe", "sw", seniority=1),
    ]
    request = req(2, "en fr ar sw")
    assert greedy(candidates, request).status == "infeasible"
    found = solve(candidates, request)
    assert found.status == "optimal"
    assert {c.id for c in found.members} == {2, 3}
