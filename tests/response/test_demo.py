"""The generated roster is reproducible, invented, and spreads over regions and languages."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from detente.response.demo import generate_roster
from detente.response.officers import OfficerRecord, read_csv, region_of
from detente.settings import REPO_ROOT


def test_reproducible_and_labelled() -> None:
    first, again = generate_roster(200, seed=7), generate_roster(200, seed=7)
    assert first == again
    assert first != generate_roster(200, seed=8)
    assert all(r.generated and r.name.startswith("Demo-") for r in first)


def test_distributions_are_plausible() -> None:
    roster = generate_roster(2000, seed=1)
    regions = Counter(region_of(r.gwno) for r in roster)
    assert set(regions) == {"Africa", "Americas", "Asia", "Europe", "Oceania"}
    assert regions["Africa"] > regions["Oceania"]
    languages = Counter(code for r in roster for code in r.languages)
    assert languages.most_common(1)[0][0] == "en"
    assert {"fr", "es", "ar", "ru", "zh", "pt"} <= set(languages)


def test_bundled_file_matches_the_generator() -> None:
    path = REPO_ROOT / "data" / "response" / "demo_roster.csv"
    bundled = read_csv(path.read_text(encoding="utf-8"), str(path))
    # Babel releases may reorder a territory's CLDR languages; the set is what the roster means.
    assert [_unordered(r) for r in bundled] == [
        _unordered(r) for r in generate_roster(600, seed=2026)
    ]


def _unordered(record: OfficerRecord) -> OfficerRecord:
    return replace(record, languages=tuple(sorted(record.languages)))
