"""Find every translatable string of the web layer and keep the French catalogues complete.

Strings are extracted with Babel's own extractors: the Jinja2 one for templates and the Python
one for ``routes/*.py``, the shell's modules and the few domain modules of
:data:`DOMAIN_SOURCES`, with keywords ``_``, ``N_``, ``gettext``
(second argument: the first is the request) and ``ngettext``. Which catalogue a string belongs to
follows :mod:`detente.web.i18n`. ``detente web catalogues`` adds missing msgids (untranslated) to
the right ``.po`` file; the test ``tests/web/test_i18n.py`` fails while any is untranslated.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages import Catalog, pofile
from babel.messages.extract import extract_from_file
from jinja2.ext import babel_extract

from detente.web.i18n import LOCALES_DIR, SHELL_DOMAIN

WEB_DIR = Path(__file__).parent
DOMAIN_SOURCES: dict[Path, str] = {
    WEB_DIR.parent / "warning" / "features.py": "warning",
    WEB_DIR.parent / "safetext.py": SHELL_DOMAIN,
}
"""Modules outside the web layer that define words the pages show (marked with ``N_`` from
:mod:`detente.marks`), and the catalogue each belongs to."""
PYTHON_KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "_": None,
    "N_": None,
    "gettext": (2,),
    "ngettext": (2, 3),
}
JINJA_OPTIONS = {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true", "trimmed": "false"}


@dataclass(frozen=True)
class Message:
    """One translatable string and where it is used."""

    domain: str
    msgid: str | tuple[str, ...]
    path: Path
    line: int


def domain_of(path: Path) -> str:
    """The catalogue a source file's strings belong to."""
    if path in DOMAIN_SOURCES:
        return DOMAIN_SOURCES[path]
    relative = path.relative_to(WEB_DIR)
    if relative.parts[0] == "templates":
        return relative.parts[1] if len(relative.parts) > 2 else SHELL_DOMAIN
    if relative.parts[0] == "routes":
        # ``alerts_api``, ``alerts_text``: a domain's route modules share its catalogue
        return path.stem.partition("_")[0]
    return SHELL_DOMAIN


def source_files() -> Iterator[Path]:
    """Templates and Python modules of the web layer (the catalogues tool itself excluded)."""
    yield from sorted((WEB_DIR / "templates").rglob("*.html"))
    yield from sorted((WEB_DIR / "templates").rglob("*.xml"))
    for path in sorted(WEB_DIR.rglob("*.py")):
        if path.name != "catalogues.py" and "static" not in path.parts:
            yield path
    yield from DOMAIN_SOURCES


def extract_messages() -> list[Message]:
    """Every translatable string of the web layer."""
    found: list[Message] = []
    for path in source_files():
        if path.suffix == ".py":
            extracted = extract_from_file("python", str(path), keywords=PYTHON_KEYWORDS)
        else:
            extracted = extract_from_file(
                babel_extract,  # type: ignore[arg-type]  # Jinja's hints are looser
                str(path),
                options=JINJA_OPTIONS,
            )
        domain = domain_of(path)
        for line, msgid, _comments, _context in extracted:
            if msgid:
                found.append(Message(domain, msgid, path, line))
    return found


def catalogue_path(domain: str, language: str = "fr") -> Path:
    """Where ``domain``'s catalogue for ``language`` lives."""
    return LOCALES_DIR / language / "LC_MESSAGES" / f"{domain}.po"


def read_catalogue(domain: str, language: str = "fr") -> Catalog:
    """The catalogue of ``domain`` (empty when the file does not exist yet)."""
    path = catalogue_path(domain, language)
    if not path.exists():
        return Catalog(
            locale=language,
            domain=domain,
            project="Détente",
            version=None,
            copyright_holder="the Détente contributors",
            fuzzy=False,
        )
    with path.open("rb") as handle:
        return pofile.read_po(handle, locale=language, domain=domain)


def add_missing(language: str = "fr") -> dict[str, int]:
    """Add every extracted msgid missing from its catalogue (with an empty translation).

    Returns the number of msgids added per domain. Existing translations are kept.
    """
    by_domain: dict[str, list[Message]] = {}
    for message in extract_messages():
        by_domain.setdefault(message.domain, []).append(message)
    added: dict[str, int] = {}
    for domain, messages in sorted(by_domain.items()):
        catalog = read_catalogue(domain, language)
        count = 0
        for message in messages:
            key = message.msgid if isinstance(message.msgid, str) else message.msgid[0]
            if catalog.get(key) is None:
                catalog.add(
                    message.msgid, string="" if isinstance(message.msgid, str) else ("", "")
                )
                count += 1
        if count:
            path = catalogue_path(domain, language)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("wb") as handle:
                pofile.write_po(handle, catalog, width=100, omit_header=False)
            added[domain] = count
    return added
