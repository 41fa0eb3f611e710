"""The alliance seed: counts from the Alliance page, the real Paris Call list, idempotence."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import func, select

from detente.alliance.initiatives import get_initiative, list_endorsements, members_on
from detente.alliance.models import Endorsement, Initiative
from detente.alliance.seed import load_seed, seed_alliance
from detente.errors import DataValidationError
from detente.settings import REPO_ROOT, Settings
from detente.store import Database, list_audit

SEED = REPO_ROOT / "data" / "alliance"
ALLIANCE_PAGE_COUNTS = {
    "ihl-call-for-action": 43,
    "paris-call": 17,
    "information-democracy": 34,
    "gender-at-the-center": 13,
    "climate-and-security": 48,
    "laws-11-principles": 82,
}


def test_seed_stores_the_six_initiatives_with_the_counts_of_the_alliance_page(
    database: Database,
) -> None:
    with database.session() as session:
        load_seed(session, SEED)
    with database.session() as session:
        for slug, count in ALLIANCE_PAGE_COUNTS.items():
            initiative = get_initiative(session, slug)
            first = initiative.reports[0]
            assert (first.count, first.as_of.isoformat()) == (count, "2019-09-26")
            if slug != "paris-call":
                # only a count is public: no list is made up
                assert initiative.count_only
                assert initiative.states == initiative.organisations == 0


def test_paris_call_holds_the_real_supporters_list(database: Database) -> None:
    with database.session() as session:
        load_seed(session, SEED)
        paris = get_initiative(session, "paris-call")
        states = list_endorsements(session, "paris-call", states_only=True)
    assert paris.list_public
    assert paris.states == 81
    assert paris.organisations == 1222 - 81
    iso3 = {e.iso3 for e in states}
    # the source's non-ISO codes MTG, ROM, SCG are Montenegro, Romania and Serbia
    assert {"FRA", "USA", "GBR", "MNE", "ROU", "SRB"} <= iso3
    assert {e.level for e in states} == {"signed"}
    dated = {e.iso3: e.endorsed_on.isoformat() for e in states if e.endorsed_on}
    assert dated["GTM"] == "2019-11-12"


def test_loading_twice_adds_nothing_and_is_audited_once(database: Database) -> None:
    with database.session() as session:
        first = load_seed(session, SEED)
    with database.session() as session:
        second = load_seed(session, SEED)
        total = session.scalar(select(func.count()).select_from(Endorsement))
        seeds = list_audit(session, entity="alliance")
    assert first.endorsements == 1222
    assert first.initiatives == 6
    assert first.members == 7
    assert (second.initiatives, second.endorsements, second.count_reports, second.members) == (
        0,
        0,
        0,
        0,
    )
    assert total == 1222
    assert len(seeds) == 1


def test_alliance_members_over_time(database: Database) -> None:
    import datetime as dt

    with database.session() as session:
        load_seed(session, SEED)
        april = members_on(session, dt.date(2019, 4, 30))
        october = members_on(session, dt.date(2019, 10, 1))
    assert {m.iso3 for m in april} == {"FRA", "DEU"}
    assert {"CAN", "CHL", "GHA", "MEX", "SGP"} <= {m.iso3 for m in october}


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("count_reports.csv", "2019-09-26,43", "26/09/2019,43", "row 1, field 'as_of'"),
        ("membership.csv", "FRA,2019-04-02", "XXX,2019-04-02", "row 1, field 'iso3'"),
        ("paris_call_supporters.csv", ",2019-11-12,", ",12 Nov 2019,", "field 'date_signed'"),
        ("count_reports.csv", "2019-09-26,43", "2019-09-26,forty", "row 1, field 'count'"),
    ],
)
def test_a_bad_seed_file_is_refused_and_nothing_is_written(
    database: Database, tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    folder = tmp_path / "alliance"
    shutil.copytree(SEED, folder)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataValidationError, match=message), database.session() as session:
        load_seed(session, folder)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Endorsement)) == 0


def test_init_step_is_idempotent(tmp_path: Path, database_url: str) -> None:
    settings = Settings(
        data_dir=tmp_path, database_url=database_url, snapshot_dir=REPO_ROOT / "data"
    )
    assert "6 initiatives" in seed_alliance(settings)
    assert seed_alliance(settings) == "alliance: seed already loaded"


def test_the_seed_carries_the_french_names_of_the_initiatives(database: Database) -> None:
    with database.session() as session:
        load_seed(session, SEED)
        paris = get_initiative(session, "paris-call")
        laws = get_initiative(session, "laws-11-principles")
    assert paris.title_fr == "Appel de Paris pour la confiance et la sécurité dans le cyberespace"
    assert paris.summary_fr.startswith("Une déclaration de haut niveau")
    assert paris.title_in("fr") == paris.title_fr
    assert paris.title_in("en") == "Paris Call for Trust and Security in Cyberspace"
    assert laws.title_fr.endswith("(SALA)")


def test_french_columns_are_optional_and_an_empty_one_falls_back_to_english(
    database: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "alliance"
    shutil.copytree(SEED, folder)
    path = folder / "initiatives.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame["slug"] == "paris-call", ["title_fr", "summary_fr"]] = ""
    frame.drop(columns=["summary_fr"]).to_csv(path, index=False)
    with database.session() as session:
        load_seed(session, folder)
        paris = get_initiative(session, "paris-call")
        climate = get_initiative(session, "climate-and-security")
    assert (paris.title_fr, paris.summary_fr) == ("", "")
    assert paris.title_in("fr") == paris.title
    assert paris.summary_in("fr") == paris.summary
    assert climate.title_fr == "Initiative Climat et sécurité"
    assert climate.summary_in("fr") == climate.summary  # no summary_fr column at all


def test_a_french_title_too_long_for_the_database_is_one_line(
    database: Database, tmp_path: Path
) -> None:
    folder = tmp_path / "alliance"
    shutil.copytree(SEED, folder)
    path = folder / "initiatives.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame["slug"] == "climate-and-security", "title_fr"] = "x" * 201
    frame.to_csv(path, index=False)
    with pytest.raises(DataValidationError) as refused, database.session() as session:
        load_seed(session, folder)
    assert str(refused.value) == (
        f"{path}, row 5, field 'title_fr': is 201 characters long; at most 200"
    )
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Initiative)) == 0


def test_init_gives_french_words_to_initiatives_stored_before_they_existed(
    tmp_path: Path, database_url: str
) -> None:
    """A state seeded from the English-only file gets the French at the next ``detente init``."""
    settings = Settings(
        data_dir=tmp_path, database_url=database_url, snapshot_dir=REPO_ROOT / "data"
    )
    english = tmp_path / "english" / "alliance"
    shutil.copytree(SEED, english)
    path = english / "initiatives.csv"
    pd.read_csv(path, dtype=str, keep_default_na=False).drop(
        columns=["title_fr", "summary_fr"]
    ).to_csv(path, index=False)
    database = Database(database_url)
    try:
        with database.session() as session:
            load_seed(session, english)
        with database.session() as session:
            session.get(Initiative, 1).summary_fr = "Résumé écrit par un analyste."
    finally:
        database.dispose()
    assert seed_alliance(settings).endswith("French words for 6 stored initiatives")
    assert seed_alliance(settings) == "alliance: seed already loaded"
    database = Database(database_url)
    try:
        with database.session() as session:
            first = session.get(Initiative, 1)
            paris = get_initiative(session, "paris-call")
            audited = list_audit(session, entity="alliance_initiative")
    finally:
        database.dispose()
    assert paris.title_fr == "Appel de Paris pour la confiance et la sécurité dans le cyberespace"
    assert first is not None
    assert first.summary_fr == "Résumé écrit par un analyste."  # an analyst's words are kept
    assert first.title_fr.startswith("Appel à l'action")
    assert sum(a.action == "update" for a in audited) == 6
