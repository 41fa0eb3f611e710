"""Roadmap stages and frozen-conflict detection on the real UCDP panel."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest

from detente.analytics import load_panel
from detente.errors import ConflictError, DataValidationError
from detente.security import (
    create_process,
    frozen_check,
    get_process,
    list_processes,
    reach_stage,
)
from detente.store import Database

ACTOR = "test"


def _process(database: Database, pact_id: int) -> int:
    with database.session() as session:
        process = create_process(
            session,
            pact_id,
            name="Eastern Ukraine",
            parties=["UKR", "RUS"],
            started_on="2014-09-05",
            actor=ACTOR,
        )
        reach_stage(session, process.id, "ground_arrangements", "2015-02-12", actor=ACTOR)
    return process.id


def test_stages_in_roadmap_order(database: Database, pact_id: int) -> None:
    process_id = _process(database, pact_id)
    with database.session() as session:
        reach_stage(session, process_id, "diplomatic_dialogue", "2016-01-01", actor=ACTOR)
        process = get_process(session, process_id)
        assert process.current_stage == "diplomatic_dialogue"
        assert process.last_progress == dt.date(2016, 1, 1)
        assert process.parties == (369, 365)
        with pytest.raises(ConflictError):
            reach_stage(session, process_id, "diplomatic_dialogue", "2017-01-01", actor=ACTOR)
        with pytest.raises(DataValidationError, match="stage"):
            reach_stage(session, process_id, "peace", "2017-01-01", actor=ACTOR)
        with pytest.raises(DataValidationError, match="outside the process"):
            reach_stage(session, process_id, "regional_conference", "2010-01-01", actor=ACTOR)
        with pytest.raises(DataValidationError, match="parties"):
            create_process(
                session, pact_id, name="x", parties=[], started_on="2020-01-01", actor=ACTOR
            )
        assert [p.name for p in list_processes(session, pact_id)] == ["Eastern Ukraine"]


def test_a_stalled_process_with_continuing_violence_is_frozen(
    database: Database, pact_id: int, analytics_path: Path
) -> None:
    process_id = _process(database, pact_id)
    with database.session() as session:
        process = get_process(session, process_id)
    panel = load_panel(analytics_path, "cy")
    check = frozen_check(process, panel, as_of=dt.date(2023, 12, 31))
    assert check.frozen
    assert check.stalled_months == 106
    assert "no stage progress since 2015-02-12" in check.reasons[0]
    assert any(r.startswith("UCDP 2023:") for r in check.reasons)
    recent = frozen_check(process, panel, as_of=dt.date(2016, 1, 1))
    assert not recent.frozen
    assert "progress within 24 months" in recent.reasons[0]
    no_data = frozen_check(process, None, as_of=dt.date(2023, 12, 31))
    assert no_data.frozen
    assert "could not be checked" in no_data.reasons[-1]
    # the same reasons, structured for pages in other languages: quantities stay numbers
    assert [str(part) for part in check.reason_parts] == list(check.reasons)
    ucdp = next(p for p in check.reason_parts if p.template.startswith("UCDP"))
    values = dict(ucdp.values)
    assert values["year"] == "2023"
    assert isinstance(values["deaths"], int)
    assert values["deaths"] > 1000
    assert f"{values['deaths']:,} deaths" in str(ucdp)  # English grouping, as before


def test_a_stalled_process_with_peace_and_a_settlement_is_not_frozen(
    database: Database, pact_id: int
) -> None:
    process_id = _process(database, pact_id)
    with database.session() as session:
        process = get_process(session, process_id)
    calm = pd.DataFrame(
        {
            "gwno": [369, 365],
            "year": [2020, 2020],
            "sb_best": [0.0, 0.0],
            "ns_best": [0.0, 0.0],
            "os_best": [0.0, 0.0],
            "acd_conflicts": [0, 0],
            "pax_comprehensive": [1, 0],
        }
    )
    check = frozen_check(process, calm, as_of=dt.date(2020, 12, 31))
    assert not check.frozen
    assert "stalled but not frozen" in check.reasons[-1]
    unsettled = calm.assign(pax_comprehensive=0)
    assert frozen_check(process, unsettled, as_of=dt.date(2020, 12, 31)).frozen


def test_progress_after_the_data_is_not_read_as_no_settlement(
    database: Database, pact_id: int
) -> None:
    """Last progress in 2024, data to 2020: the settlement check has no years to look at."""
    process_id = _process(database, pact_id)
    with database.session() as session:
        reach_stage(session, process_id, "diplomatic_dialogue", "2024-02-01", actor=ACTOR)
        process = get_process(session, process_id)
    calm = pd.DataFrame(
        {"gwno": [369, 365], "year": [2020, 2020], "sb_best": [0.0, 0.0], "ns_best": [0.0, 0.0],
         "os_best": [0.0, 0.0], "acd_conflicts": [0, 0], "pax_comprehensive": [0, 0]}
    )  # fmt: skip
    check = frozen_check(process, calm, as_of=dt.date(2026, 12, 1))
    assert not check.frozen  # no violence seen, settlement unknown
    assert "no data after 2020" in check.reasons[-1]
    assert not any("from 2024 to 2020" in r for r in check.reasons)
    violent = calm.assign(sb_best=[120.0, 0.0])
    assert frozen_check(process, violent, as_of=dt.date(2026, 12, 1)).frozen


@pytest.mark.parametrize(
    ("started_on", "problem"),
    [
        ("1800-01-01", "was not an independent state"),  # Armenia and Azerbaijan: 1991
        ("2999-12-31", "2999-12-31 is in the future"),
    ],
)
def test_a_process_cannot_start_before_its_parties_existed_or_in_the_future(
    database: Database, pact_id: int, started_on: str, problem: str
) -> None:
    with pytest.raises(DataValidationError) as error, database.session() as session:
        create_process(
            session,
            pact_id,
            name="Nagorno-Karabakh",
            parties=["ARM", "AZE"],
            started_on=started_on,
            actor=ACTOR,
        )
    assert error.value.field == "started_on"
    assert problem in str(error.value)
    with database.session() as session:
        assert list_processes(session, pact_id) == []
