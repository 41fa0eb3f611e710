"""The core's refusals on French pages: frame and common problems translated, the rest English."""

from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient
from starlette.requests import Request

from detente.errors import (
    ConflictError,
    DataValidationError,
    DetenteError,
    NotFoundError,
    UnknownCountryError,
)
from detente.web.error_text import page_text, problem_text
from tests.web.conftest import SignIn, csrf_from
from tests.web.test_alerts import MEDIATION

NBSP = "\u00a0"


def _request(language: str, path: str = "/sanctions") -> Request:
    return Request(
        {
            "type": "http",
            "method": "POST",
            "path": path,
            "query_string": b"",
            "headers": [],
            "state": {"language": language},
        }
    )


@pytest.mark.parametrize(
    ("error", "french"),
    [
        (
            DataValidationError("form", None, "imposed_by", "must not be empty"),
            f"formulaire, champ « imposed_by »{NBSP}: ne doit pas être vide",
        ),
        (
            DataValidationError("team request", None, "size", "0 is not between 1 and 50"),
            f"demande d'équipe, champ « size »{NBSP}: 0 n'est pas compris entre 1 et 50",
        ),
        (
            DataValidationError("form", None, "on", "'2024-13-01' is not a date; write YYYY-MM-DD"),
            f"formulaire, champ « on »{NBSP}: « 2024-13-01 » n'est pas une "
            f"date{NBSP}; écrivez AAAA-MM-JJ",
        ),
        (
            DataValidationError("form", 3, None, "'x' is not a date"),
            f"formulaire, ligne 3{NBSP}: « x » n'est pas une date",
        ),
        (
            UnknownCountryError("'XXX' is not a known country"),
            "« XXX » n'est pas un pays connu",
        ),
        (
            ConflictError("org action: already recorded as #12"),
            f"action d'organisation{NBSP}: déjà enregistrée sous le n°{NBSP}12",
        ),
        (
            ConflictError("mediation initiative: already recorded"),
            f"initiative de médiation{NBSP}: déjà enregistrée",
        ),
        (
            ConflictError(
                "officer 3 is already booked by deployment 7 on overlapping dates; "
                "propose the team of deployment 9 again"
            ),
            "l'agent 3 est déjà affecté au déploiement 7 à des dates qui se "
            f"chevauchent{NBSP}; proposez de nouveau l'équipe du déploiement 9",
        ),
    ],
)
def test_common_problems_read_in_french(error: Exception, french: str) -> None:
    assert isinstance(error, DetenteError)
    assert str(problem_text(_request("fr"), error)) == french.replace("'", "&#39;")
    assert problem_text(_request("en"), error) == str(error)


def test_an_unknown_problem_keeps_its_english_marked_inside_the_french_frame() -> None:
    error = DataValidationError("form", None, "category", "'x' is not one of: a, b")
    assert problem_text(_request("fr"), error) == (
        f"formulaire, champ « category »{NBSP}: "
        '<span lang="en">&#39;x&#39; is not one of: a, b</span>'
    )


def test_the_words_between_placeholders_must_match_exactly() -> None:
    """'1 and 5 UN regions' is not 'between A and B': no half-translated English."""
    error = DataValidationError(
        "team request", None, "min_regions", "9 is not between 1 and 5 UN regions"
    )
    assert 'lang="en">9 is not between 1 and 5 UN regions</span>' in problem_text(
        _request("fr"), error
    )


def test_unknown_sources_and_messages_stay_as_the_core_wrote_them() -> None:
    file_error = DataValidationError("/tmp/roster.csv", 2, "name", "must not be empty")
    assert problem_text(_request("fr"), file_error) == str(file_error)
    hint = UnknownCountryError("'GMY' is not a known country; hint: 'GMY' is a letter code")
    assert problem_text(_request("fr"), hint) == str(hint)
    missing = NotFoundError("no alert 9; see 'detente alerts list'")
    assert page_text(_request("fr", "/alerts/9"), missing, 404) == (str(missing), False)


def test_json_answers_stay_english() -> None:
    error = DataValidationError("form", None, "imposed_by", "must not be empty")
    assert page_text(_request("fr", "/api/v1/sanctions"), error, 422) == (str(error), False)
    translated, localised = page_text(_request("fr"), error, 422)
    assert localised
    assert "ne doit pas être vide" in translated


def test_the_sanctions_form_refuses_in_french(client: TestClient, sign_in: SignIn) -> None:
    sign_in(client, "monitor")
    token = csrf_from(client.get("/sanctions?lang=fr").text)
    measure = {
        "imposed_by": "",
        "target": "Test target",
        "target_country": "RUS",
        "category": "travel",
        "reason": "Stated reason",
        "adopted_on": "2020-01-01",
        "source": "https://eur-lex.europa.eu/",
        "csrf_token": token,
    }
    empty = client.post("/sanctions", data=measure)
    assert empty.status_code == 422
    assert f"formulaire, champ « imposed_by »{NBSP}: ne doit pas être vide" in empty.text
    assert "must not be empty" not in empty.text
    country = client.post(
        "/sanctions", data={**measure, "imposed_by": "EU", "target_country": "XXX"}
    )
    assert "« XXX » n&#39;est pas un pays connu" in country.text
    english = client.post("/sanctions?lang=en", data=measure)
    assert "form, field &#39;imposed_by&#39;: must not be empty" in english.text


def test_the_team_form_refuses_in_french(client: TestClient, sign_in: SignIn) -> None:
    sign_in(client, "coordinator")
    page = client.get("/response/teams/new?country=MLI&lang=fr")
    start = dt.date(2026, 12, 1)
    data = {
        "csrf_token": csrf_from(page.text),
        "country": "MLI",
        "size": "0",
        "languages": "fr",
        "expertise": ["mediation"],
        "start": start.isoformat(),
        "end": (start + dt.timedelta(days=60)).isoformat(),
        "min_regions": "3",
    }
    refused = client.post("/response/teams", data=data)
    assert refused.status_code == 422
    assert "« 0 » n&#39;est pas compris entre 1 et 50" in refused.text
    assert "is not between" not in refused.text


def test_an_error_page_translates_the_frame_and_marks_the_english_problem(
    client: TestClient, sign_in: SignIn
) -> None:
    sign_in(client, "coordinator")
    page = client.get("/response/officers?language=xx&lang=fr")
    assert page.status_code == 422
    frame = f"filtre des agents, champ « language »{NBSP}: "
    assert f'<p class="error-detail">{frame}<span lang="en">' in page.text
    english = client.get("/response/officers?language=xx&lang=en")
    assert "officer filter, field &#39;language&#39;:" in english.text


def test_a_registry_form_sent_twice_is_refused_in_french(
    client: TestClient, sign_in: SignIn
) -> None:
    sign_in(client, "analyst")
    token = csrf_from(client.get("/actions?lang=fr").text)
    first = client.post("/actions/mediation", data={**MEDIATION, "csrf_token": token})
    assert first.status_code == 200  # the list again, after the redirect
    again = client.post("/actions/mediation", data={**MEDIATION, "csrf_token": token})
    assert again.status_code == 409
    assert f"initiative de médiation{NBSP}: déjà enregistrée sous le n°{NBSP}1" in again.text
    english = client.post("/actions/mediation?lang=en", data={**MEDIATION, "csrf_token": token})
    assert "mediation initiative: already recorded as #1" in english.text
