"""Team requests: defaults from the country (languages, conflict of interest), reasons, JSON."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.countries import neighbours
from detente.dates import years_after
from detente.errors import DataValidationError, UnknownCountryError
from detente.response.teams import propose_team, team_requirements
from detente.settings import REPO_ROOT, Settings
from detente.store import Database
from tests.response.roster import add_roster, officer

START = dt.date(2026, 12, 1)


@pytest.fixture
def analysed(settings: Settings, analytics_path: Path) -> Settings:
    """Settings whose analytics store holds the real ACD release of the snapshot."""
    return Settings(
        data_dir=settings.data_dir, snapshot_dir=REPO_ROOT / "data", duckdb_path=analytics_path
    )


def test_defaults_come_from_the_country(settings: Settings) -> None:
    request = team_requirements(settings, "Mali", 5, start=START)
    req = request.requirements
    assert req.gwno == 432
    assert req.languages == ("fr",)  # CLDR official language
    assert req.end == START + dt.timedelta(days=90)
    assert req.min_regions == 3
    assert req.region_cap == 2
    assert req.excluded_gwno == {432} | neighbours(432, START)
    assert "no analytics store" in request.parties_source


def test_parties_from_acd_are_conflicts_of_interest(analysed: Settings) -> None:
    request = team_requirements(analysed, "UKR", 4, start=START)
    assert 365 in request.parties  # Russia, primary side of the ACD conflict in Ukraine
    assert 365 in request.requirements.excluded_gwno
    assert request.parties_source.startswith("UCDP/PRIO ACD")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"languages": ["klingon"]}, "languages"),
        ({"expertise": ["juggling"]}, "expertise"),
        ({"min_regions": 6}, "min_regions"),
        ({"end": START - dt.timedelta(days=1)}, "end"),
        ({"end": dt.date(2999, 12, 31)}, "end"),  # more than two years ahead
    ],
)
def test_bad_requests(settings: Settings, kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(DataValidationError) as caught:
        team_requirements(settings, "MLI", 3, start=START, **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field


def test_bad_size_and_country(settings: Settings) -> None:
    with pytest.raises(DataValidationError, match="size"):
        team_requirements(settings, "MLI", 0)
    with pytest.raises(UnknownCountryError):
        team_requirements(settings, "Atlantis", 3)
    with pytest.raises(DataValidationError, match="Yugoslavia was not an independent state"):
        team_requirements(settings, "YUG", 3, start=START)
    assert team_requirements(settings, "YUG", 3, start=dt.date(1991, 3, 1)).requirements.gwno == 345


def test_proposal_explains_each_member(database: Database, settings: Settings) -> None:
    add_roster(
        database,
        [
            officer("Demo-1", 220, ["fr", "en"], ["mediation"], 4),  # France
            officer("Demo-2", 20, ["en"], ["ddr"], 3),  # Canada
            officer("Demo-3", 740, ["en"], ["mediation"], 5),  # Japan
            officer("Demo-4", 433, ["fr"], ["ddr", "mediation"], 5),  # Senegal: neighbour
            officer("Demo-5", 255, ["fr"], ["ddr"], 5, [(START, START)]),  # Germany: busy
        ],
    )
    request = team_requirements(settings, "MLI", 3, expertise=["ddr"], start=START)
    with database.session() as session:
        proposal = propose_team(session, request)
    assert proposal.status == "optimal"
    assert [m.name for m in proposal.members] == ["Demo-1", "Demo-2", "Demo-3"]
    assert proposal.excluded == {"booked": 0, "unavailable": 1, "conflict_of_interest": 1}
    by_name = {m.name: m for m in proposal.members}
    assert "only member covering fr" in by_name["Demo-1"].reasons
    assert "only member covering ddr" in by_name["Demo-2"].reasons
    assert "only member from Asia" in by_name["Demo-3"].reasons
    data = proposal.to_json()
    assert data["country"] == {"gwno": 432, "iso3": "MLI"}
    assert "seniority" in data["objective"]
    assert data["requirements"]["languages"] == ["fr"]


def test_infeasible_request_says_which_rule(database: Database, settings: Settings) -> None:
    add_roster(
        database,
        [officer(f"Demo-{i}", gwno, ["fr", "en"]) for i, gwno in enumerate((220, 20, 740, 900))],
    )
    request = team_requirements(settings, "MLI", 3, languages=["fr", "sw"], start=START)
    with database.session() as session:
        proposal = propose_team(session, request)
    assert proposal.status == "infeasible"
    assert proposal.broken_rules == ("language:sw",)
    assert len(proposal.members) == 3
    assert "speaks 'sw'" in proposal.to_json()["explanation"][0]


def test_a_team_is_planned_at_most_two_years_ahead(settings: Settings) -> None:
    today = dt.date.today()
    latest = years_after(today, 2)
    with pytest.raises(DataValidationError) as caught:
        team_requirements(settings, "MLI", 3, start=latest + dt.timedelta(days=1))
    assert caught.value.field == "start"
    assert "more than 2 years ahead" in str(caught.value)
    with pytest.raises(DataValidationError, match="field 'end': 2999-12-31 is more than 2 years"):
        team_requirements(settings, "MLI", 3, start=today, end=dt.date(2999, 12, 31))
    assert team_requirements(settings, "MLI", 3, start=today, end=latest).requirements.end == latest
