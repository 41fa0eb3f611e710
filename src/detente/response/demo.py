"""A generated demo roster: invented people, realistic mixes of regions, languages, skills.

There is no public roster of crisis-unit officers, so the demo (``make run``) and the benchmark
use invented ones. Every generated officer has ``generated=True`` and a name that is obviously
not a person's (``Demo-0042 Kalo Matu``: an id and two syllable strings), so no page can pass
one off as a real person.

Distributions (assumptions, stated so they can be argued with):

- nationality: a state alive on the reference date, uniform over states (so regions follow the
  number of states: Africa 27%, Asia 25%, Europe 23%, Americas 18%, Oceania 7%);
- languages: the nationality's official languages (CLDR) plus the UN working languages with
  probabilities English 0.80, French 0.35, Spanish 0.20, Arabic 0.12, Russian 0.10, Chinese 0.05,
  Portuguese 0.06 (skipped when already spoken);
- expertise: one to three tags, mediation and political analysis twice as frequent;
- seniority 1-5 with weights 25/30/25/15/5 %;
- availability: one or two windows of 6-24 months starting within a year of the reference date.
"""

from __future__ import annotations

import datetime as dt
import random

from detente.countries import official_languages, states_alive
from detente.response.officers import OfficerRecord
from detente.response.vocab import EXPERTISE

SYLLABLES = ("ka", "lo", "ma", "tu", "ri", "sen", "do", "vi", "na", "bo", "le", "zu", "mi", "ta")
UN_LANGUAGES = (
    ("en", 0.80),
    ("fr", 0.35),
    ("es", 0.20),
    ("ar", 0.12),
    ("ru", 0.10),
    ("zh", 0.05),
    ("pt", 0.06),
)
SENIORITY_WEIGHTS = (25, 30, 25, 15, 5)
REFERENCE_DATE = dt.date(2026, 11, 1)


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def generate_roster(
    n: int, seed: int = 0, reference: dt.date = REFERENCE_DATE
) -> list[OfficerRecord]:
    """``n`` invented officers, reproducible for a given ``seed`` (see the module docstring)."""
    rng = random.Random(seed)
    states = [s for s in states_alive(reference) if not s.microstate]
    expertise_pool = [*EXPERTISE, "mediation", "political-analysis"]
    roster = []
    for number in range(1, n + 1):
        state = rng.choice(states)
        languages = list(official_languages(state.gwno))[:2] or ["en"]
        for code, probability in UN_LANGUAGES:
            if code not in languages and rng.random() < probability:
                languages.append(code)
        expertise = sorted(set(rng.sample(expertise_pool, rng.randint(1, 3))))
        windows = []
        for _ in range(rng.randint(1, 2)):
            start = reference + dt.timedelta(days=rng.randint(-180, 365))
            windows.append((start, start + dt.timedelta(days=rng.randint(180, 730))))
        roster.append(
            OfficerRecord(
                id=None,
                name=f"Demo-{number:04d} {_word(rng)} {_word(rng)}",
                gwno=state.gwno,
                languages=tuple(languages),
                expertise=tuple(expertise),
                seniority=rng.choices(range(1, 6), weights=SENIORITY_WEIGHTS)[0],
                availability=tuple(sorted(windows)),
                generated=True,
            )
        )
    return roster
