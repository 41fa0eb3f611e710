"""English and French: complete catalogues, placeholders kept, language chosen as promised."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from detente.warning.features import FEATURE_LABELS
from detente.web.catalogues import extract_messages, read_catalogue
from detente.web.i18n import SHELL_DOMAIN, catalogue_files, choose_language, negotiate, translations

PLACEHOLDER = re.compile(r"%\((\w+)\)s")


def _translation(domain: str, msgid: str) -> str:
    for name in (domain, SHELL_DOMAIN):
        message = read_catalogue(name).get(msgid)
        if message is not None and message.string:
            return str(message.string)
    return ""


def test_every_msgid_in_templates_and_routes_has_a_french_translation() -> None:
    messages = extract_messages()
    assert len(messages) > 50, "the extractor found suspiciously few strings"
    missing = sorted(
        {
            f"{m.domain}.po: {m.msgid!r} ({m.path.name}:{m.line})"
            for m in messages
            if isinstance(m.msgid, str) and not _translation(m.domain, m.msgid)
        }
    )
    assert not missing, (
        "untranslated (run 'detente web catalogues' then fill the msgstr):\n" + "\n".join(missing)
    )


def test_feature_labels_defined_in_the_warning_domain_are_extracted_into_its_catalogue() -> None:
    from_features = {m.msgid: m.domain for m in extract_messages() if m.path.name == "features.py"}
    assert from_features == dict.fromkeys(FEATURE_LABELS.values(), "warning")


@pytest.mark.parametrize("domain", sorted(catalogue_files("fr")))
def test_translations_keep_the_same_placeholders(domain: str) -> None:
    for message in read_catalogue(domain):
        if message.id and isinstance(message.id, str) and message.string:
            assert set(PLACEHOLDER.findall(message.id)) == set(
                PLACEHOLDER.findall(str(message.string))
            ), f"{domain}.po: {message.id!r}"


def test_catalogues_compile_in_memory_and_translate() -> None:
    assert translations("fr").gettext("Skip to main content") == "Aller au contenu principal"
    assert translations("en").gettext("Skip to main content") == "Skip to main content"


def test_a_domain_string_is_found_from_another_domain_template() -> None:
    assert translations("fr", "alerts").gettext("Countries") == "Pays"


@pytest.mark.parametrize(
    ("query", "cookie", "accept", "expected"),
    [
        ("fr", "en", "en", "fr"),
        (None, "fr", "en", "fr"),
        (None, None, "fr-CH, en;q=0.8", "fr"),
        (None, None, "de-DE, fr;q=0.5, en;q=0.9", "en"),
        ("xx", None, None, "en"),
        (None, "zz", "nonsense;q=abc", "en"),
    ],
)
def test_language_choice_order(
    query: str | None, cookie: str | None, accept: str | None, expected: str
) -> None:
    assert choose_language(query, cookie, accept) == expected


def test_accept_language_ignores_refused_languages() -> None:
    assert negotiate("fr;q=0, en;q=0.1") == "en"


def test_lang_parameter_switches_and_is_remembered(client: TestClient) -> None:
    first = client.get("/countries?lang=fr")
    assert "<h1>Pays</h1>" in first.text
    assert '<html lang="fr">' in first.text
    assert "detente_lang=fr" in first.headers["set-cookie"]
    assert "<h1>Pays</h1>" in client.get("/countries").text
    assert "<h1>Countries</h1>" in client.get("/countries?lang=en").text


def test_french_country_page_uses_french_names(client: TestClient) -> None:
    page = client.get("/countries/DEU?lang=fr").text
    assert "<h1>Allemagne</h1>" in page
    assert "Voisins terrestres" in page
    assert ">Pologne<" in page


def test_browser_language_is_used_without_a_choice(client: TestClient) -> None:
    page = client.get("/countries", headers={"Accept-Language": "fr-FR,fr;q=0.9"}).text
    assert "<h1>Pays</h1>" in page


def test_no_catalogue_writes_a_plural_as_parentheses() -> None:
    """ "accord(s) global(aux)" reads badly: counted phrases pick a singular or plural msgid."""
    clumsy = {
        f"{domain}.po: {message.id!r}"
        for domain in catalogue_files("fr")
        for message in read_catalogue(domain)
        if message.id
        and isinstance(message.id, str)
        and "(s)" in PLACEHOLDER.sub("", str(message.string))
    }
    assert clumsy == set()
