"""Validation errors on pages read as plain words, in the visitor's language, with a way back."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.web.conftest import SignIn, csrf_from


def _post_without_country(client: TestClient, sign_in: SignIn, language: str) -> str:
    sign_in(client, "analyst")
    form = client.get(f"/actions?lang={language}")
    response = client.post(
        "/actions",
        data={
            "csrf_token": csrf_from(form.text),
            "org": "AU",
            "kind": "mission",
            "acted_on": "2013-01-17",
            "title": "t",
            "source": "s",
        },
        headers={"referer": str(client.base_url) + "/actions"},
    )
    assert response.status_code == 422
    return response.text


def test_a_missing_form_field_is_named_in_plain_words(client: TestClient, sign_in: SignIn) -> None:
    page = _post_without_country(client, sign_in, "en")
    assert "Form field &#39;country&#39; is required" in page
    assert "body.country" not in page
    assert 'href="/actions" data-history-back' in page  # back to the filled form


def test_the_same_message_in_french(client: TestClient, sign_in: SignIn) -> None:
    page = _post_without_country(client, sign_in, "fr")
    assert "Le champ « country » est obligatoire" in page
    assert "Retour au formulaire" in page


def test_bad_path_and_query_values_name_the_part(client: TestClient) -> None:
    page = client.get("/alerts/abc").text
    assert "The address part &#39;alert_id&#39;: Input should be a valid integer" in page
    assert "path.alert_id" not in page
    assert "Back to the form" not in page  # only after a form was sent
    groups = client.get("/opinion-groups?k=99").text
    assert "Parameter &#39;k&#39;: Input should be less than or equal to" in groups


def test_no_back_link_to_another_site(client: TestClient, sign_in: SignIn) -> None:
    sign_in(client, "analyst")
    form = client.get("/actions")
    response = client.post(
        "/actions",
        data={"csrf_token": csrf_from(form.text)},
        headers={"referer": "https://elsewhere.example/actions"},
    )
    assert response.status_code == 422
    assert "data-history-back" not in response.text
