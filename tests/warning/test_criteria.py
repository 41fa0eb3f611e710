"""The four criteria on the real snapshot: bounds, inputs that recompute the score, registry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from detente.errors import NotFoundError, UnknownCountryError
from detente.settings import REPO_ROOT, Settings
from detente.store import Database
from detente.warning.actions import add_mediation, add_org_action
from detente.warning.criteria import (
    CRITERIA,
    NAME_LENGTH,
    PaxRow,
    country_criteria,
    criteria_frame,
    intervention_score,
    log_scale,
    mediation_score,
    organisations_score,
    regional_score,
)
from tests.warning.alerts_support import store_settings


@pytest.fixture
def settings_store(tmp_path: Path, analytics_path: Path) -> Settings:
    return store_settings(tmp_path, analytics_path)


def test_log_scale_anchors() -> None:
    assert log_scale(0) == 0
    assert log_scale(99) == pytest.approx(0.5)
    assert log_scale(9999) == pytest.approx(1.0)
    assert log_scale(1e7) == 1.0


def test_every_score_is_in_unit_interval_for_every_state_and_year(settings_store: Settings) -> None:
    frame = criteria_frame(settings_store)
    assert len(frame) > 6000
    for key in CRITERIA:
        assert frame[key].between(0, 1).all(), key
    # most states in most years face no threat of intervention, but some do
    assert (frame["intervention"] == 0).mean() > 0.5
    assert (frame["intervention"] >= 0.5).sum() > 50


def test_scores_recompute_from_shown_inputs(settings_store: Settings) -> None:
    for gwno, year in [(490, 2000), (369, 2022), (625, 2023), (395, 2010)]:
        found = country_criteria(settings_store, gwno, year)
        a = found.get("regional").inputs
        recomputed = regional_score(
            a["neighbour_deaths"],
            len(a["neighbours_in_conflict"]),
            a["neighbours"],
            a["subregion_deaths"],
            len(a["cross_border_conflicts"]),
        )
        assert found.score("regional") == pytest.approx(recomputed, abs=1e-3)  # deaths rounded
        b = found.get("intervention").inputs
        assert found.score("intervention") == intervention_score(
            len(b["interstate_with_neighbours"]),
            len(b["neighbour_parties"]),
            len(b["neighbour_supporters"]),
            len(b["external_supporters"]),
        )
        c = found.get("organisations").inputs
        assert found.score("organisations") == organisations_score(
            len(c["memberships"]), c["weighted_actions"], len(c["pax_with_member_org"])
        )
        d = found.get("mediation").inputs
        assert found.score("mediation") == mediation_score(
            d["pax_agreements"], d["pax_with_third_party"], d["weighted_initiatives"]
        )
        for criterion in found.criteria:
            assert criterion.formula
            assert criterion.title


def test_second_congo_war_shows_neighbours_as_supporters(settings_store: Settings) -> None:
    found = country_criteria(settings_store, 490, 2000)
    inputs = found.get("intervention").inputs
    # Uganda (500) and Rwanda (517) backed the rebels, Angola (540) the government (UCDP ACD)
    assert {500, 517, 540} <= set(inputs["neighbour_supporters"])
    assert found.score("intervention") >= 0.5
    # Lusaka ceasefire (PA-X 319), witnessed by the OAU and SADC, both DRC memberships then
    lusaka = [
        agreement
        for agreement in found.get("organisations").inputs["pax_with_member_org"]
        if agreement["id"] == 319
    ]
    assert len(lusaka) == 1
    assert {"OAU", "SADC"} <= set(lusaka[0]["orgs"])
    assert "Lusaka" in lusaka[0]["name"]
    assert found.get("mediation").inputs["pax_agreements"] >= 1


def test_russia_ukraine_2022_is_an_interstate_conflict_with_a_neighbour(
    settings_store: Settings,
) -> None:
    found = country_criteria(settings_store, 369, 2022)
    assert found.get("intervention").inputs["interstate_with_neighbours"]
    assert found.score("intervention") >= 0.5
    assert 365 in found.get("intervention").inputs["neighbour_parties"]


def test_island_state_has_no_neighbour_terms(settings_store: Settings) -> None:
    found = country_criteria(settings_store, 395, 2010)  # Iceland
    inputs = found.get("regional").inputs
    assert inputs["neighbours"] == 0
    assert inputs["neighbour_deaths"] == 0
    assert found.score("intervention") == 0


def test_unknown_or_dead_state_is_refused(settings_store: Settings) -> None:
    with pytest.raises(UnknownCountryError):
        country_criteria(settings_store, 626, 2005)  # South Sudan before independence
    with pytest.raises(UnknownCountryError):
        country_criteria(settings_store, 999, 2005)


def test_missing_store_says_run_init(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "var", snapshot_dir=REPO_ROOT / "data")
    with pytest.raises(NotFoundError, match="detente init"):
        country_criteria(settings, 490, 2000)


def test_registry_raises_organisation_and_mediation_scores(
    settings_store: Settings, database: Database
) -> None:
    without = country_criteria(settings_store, 433, 2023)  # Senegal: calm, ECOWAS/AU member
    with database.session() as session:
        add_org_action(
            session,
            gwno=433,
            org="ECOWAS",
            kind="mission",
            acted_on=dt.date(2023, 3, 1),
            title="Test mission (generated for the test)",
            source="test",
            actor="test",
        )
        add_mediation(
            session,
            gwno=433,
            track="private",
            mediator="Test mediator (generated)",
            started_on=dt.date(2022, 1, 10),
            title="Test dialogue",
            source="test",
            actor="test",
        )
    with database.session() as session:
        found = country_criteria(settings_store, 433, 2023, session)
    assert found.get("organisations").inputs["registry_read"] is True
    assert found.get("organisations").inputs["weighted_actions"] == 3.0
    assert found.score("organisations") == pytest.approx(
        without.score("organisations") + 0.8 * 3 / 5
    )
    assert found.get("mediation").inputs["weighted_initiatives"] == 0.5
    assert found.score("mediation") > without.score("mediation")
    frame = criteria_frame(settings_store, [2023], session=None)
    assert frame.loc[frame.gwno == 433, "organisations"].item() == without.score("organisations")


def _pax(name: str) -> PaxRow:
    return PaxRow(1, name, "1997-10-23", 1997, 450, "", True, frozenset(), False)


def test_long_agreement_names_are_cut_at_a_word_with_an_ellipsis() -> None:
    name = (
        "Communiqué issued at Conakry on 23 October 1997 at the conclusion of the meeting between"
        " the Ministers of Foreign Affairs of the Committee of Five on Sierra Leone and the"
        " delegation of the Chairman of the Armed Forces Revolutionary Council"
    )
    short = _pax(name).short_name
    assert len(short) <= NAME_LENGTH
    assert short.endswith("of the Committee of Five on Sierra…")
    assert _pax("Lusaka Ceasefire Agreement").short_name == "Lusaka Ceasefire Agreement"
