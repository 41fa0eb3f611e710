"""Dataset credits read from the real snapshot manifest, and manifests that are not right."""

from __future__ import annotations

import json
import os
from pathlib import Path

from fastapi.testclient import TestClient

from detente.settings import REPO_ROOT, Settings
from detente.web.app import create_app
from detente.web.provenance import (
    Source,
    in_language,
    published_sources,
    sources,
    translate_note,
)

SNAPSHOT = REPO_ROOT / "data"


def _manifest(folder: Path, payload: object, mtime: int = 1_700_000_000) -> Path:
    path = folder / "manifest.json"
    path.write_text(json.dumps(payload), encoding="utf-8")
    os.utime(path, (mtime, mtime))
    return path


def _entry(title: str, publisher: str = "UCDP", release: str = "25.1") -> dict[str, str]:
    return {"title": title, "publisher": publisher, "release": release, "licence": "CC BY 4.0"}


def test_the_snapshot_credits_its_real_releases() -> None:
    found = sources(SNAPSHOT)
    titles = {s.title for s in found}
    assert "UCDP Country-Year Dataset on Organized Violence within Country Borders" in titles
    assert "UCDP/PRIO Armed Conflict Dataset" in titles
    ucdp = next(s for s in found if s.title.startswith("UCDP Country-Year"))
    assert ucdp.release.startswith("25.1")
    assert ucdp.publisher.startswith("Uppsala Conflict Data Program")
    assert ucdp.licence
    assert ucdp.citation
    manifest = json.loads((SNAPSHOT / "manifest.json").read_text(encoding="utf-8"))
    distinct = {(e["publisher"], e["title"], e["release"]) for e in manifest["files"]}
    assert len(found) == len(distinct)


def test_the_footer_leaves_out_detentes_own_tables() -> None:
    everything = sources(SNAPSHOT)
    published = published_sources(SNAPSHOT)
    assert set(published) < set(everything)
    assert not any(s.publisher.startswith("Détente") for s in published)
    assert any(s.publisher.startswith("Détente") for s in everything)
    publishers = " ".join(s.publisher for s in published)
    for name in ("Uppsala", "PA-X", "Voeten", "Gleditsch"):
        assert name in publishers


def test_entries_are_deduplicated_and_untitled_ones_dropped(tmp_path: Path) -> None:
    _manifest(
        tmp_path,
        {
            "files": [
                _entry("UN votes", "Voeten", "2021"),
                _entry("UN votes", "Voeten", "2021"),  # one per table file: credited once
                _entry("UN votes", "Voeten", "2024"),
                {"publisher": "nobody", "release": "1"},
                "not an entry",
            ]
        },
    )
    assert sources(tmp_path) == (
        Source("UN votes", "Voeten", "2021", "CC BY 4.0", ""),
        Source("UN votes", "Voeten", "2024", "CC BY 4.0", ""),
    )


def test_other_manifest_shapes(tmp_path: Path) -> None:
    _manifest(tmp_path, [_entry("A list")])
    assert [s.title for s in sources(tmp_path)] == ["A list"]
    _manifest(tmp_path, {"datasets": [_entry("Datasets key")]}, mtime=1_700_000_100)
    assert [s.title for s in sources(tmp_path)] == ["Datasets key"]
    _manifest(tmp_path, {"files": "not a list"}, mtime=1_700_000_200)
    assert sources(tmp_path) == ()
    _manifest(tmp_path, 42, mtime=1_700_000_300)
    assert sources(tmp_path) == ()


def test_a_changed_manifest_is_read_again(tmp_path: Path) -> None:
    _manifest(tmp_path, {"files": [_entry("Before")]}, mtime=1_700_000_000)
    assert [s.title for s in sources(tmp_path)] == ["Before"]
    _manifest(tmp_path, {"files": [_entry("After")]}, mtime=1_700_000_500)
    assert [s.title for s in sources(tmp_path)] == ["After"]


def test_a_missing_or_unreadable_manifest_credits_nothing(tmp_path: Path) -> None:
    assert sources(tmp_path / "nowhere") == ()
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    assert sources(tmp_path) == ()
    assert published_sources(tmp_path) == ()
    latin = tmp_path / "latin"
    latin.mkdir()
    (latin / "manifest.json").write_bytes(
        '{"files": [{"title": "x", "publisher": "Détente"}]}'.encode("latin-1")
    )
    assert sources(latin) == ()
    folder = tmp_path / "folder"
    (folder / "manifest.json").mkdir(parents=True)
    assert sources(folder) == ()


def test_pages_still_render_over_a_manifest_that_is_not_utf8(
    web_settings: Settings, tmp_path: Path
) -> None:
    """Every page's footer reads the manifest: a bad one must cost the credits, not a 500."""
    snapshot = tmp_path / "snapshot"
    snapshot.mkdir()
    (snapshot / "manifest.json").write_bytes('{"files": [{"title": "Détente"}]}'.encode("cp1252"))
    settings = web_settings.model_copy(update={"snapshot_dir": snapshot})
    with TestClient(create_app(settings)) as client:
        response = client.get("/login")
    assert response.status_code == 200


LANGUAGE_NEUTRAL_NOTES = {"CC BY 4.0", "states 0.3.3 (commit b15448281b4b)"}
"""Footer notes that read the same in French: a licence's name, a package version."""


def test_a_note_is_translated_with_its_parts_kept() -> None:
    note = "25.1 (rows of 2024 withheld: data stop at 2023)"
    assert translate_note(note, "en") == note
    assert translate_note(note, "fr") == (
        "25.1 (lignes de 2024 mises de côté\u00a0: les données s'arrêtent en 2023)"
    )
    assert translate_note("public information; website source under EUPL 1.2", "fr") == (
        "information publique\u00a0; source du site web sous licence EUPL 1.2"
    )
    assert translate_note("a note nobody wrote a msgid for", "fr") == (
        "a note nobody wrote a msgid for"
    )


def test_every_note_of_the_footer_has_french() -> None:
    """A new release note in the manifest must get a msgid in ``NOTES`` (or be neutral)."""
    english = published_sources(SNAPSHOT)
    french = in_language(english, "fr")
    untranslated = {
        note
        for en, fr in zip(english, french, strict=True)
        for note, shown in ((en.release, fr.release), (en.licence, fr.licence))
        if note == shown
    }
    assert untranslated == LANGUAGE_NEUTRAL_NOTES
    assert [s.title for s in french] == [s.title for s in english]


def test_the_french_footer_shows_french_notes(client: TestClient) -> None:
    french = client.get("/login?lang=fr").text
    assert "lignes de 2024 mises de côté" in french
    assert "source du site web sous licence EUPL 1.2" in french
    for english in ("rows of 2024 withheld", "public information", "GitHub head"):
        assert english not in french
    assert "rows of 2024 withheld: data stop at 2023" in client.get("/login?lang=en").text


def test_the_data_page_and_the_api_keep_their_languages(client: TestClient) -> None:
    assert "lignes de 2024 mises de côté" in client.get("/data?lang=fr").text
    status = client.get("/api/v1/data/status?lang=fr").json()
    assert any("rows of 2024 withheld" in s["release"] for s in status["sources"])
