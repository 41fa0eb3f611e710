"""English and French: per-domain gettext catalogues compiled in memory at first use.

Each domain keeps its French catalogue in ``locales/fr/LC_MESSAGES/<domain>.po``; there is no
build step (the ``.po`` files are read with Babel and compiled to ``.mo`` bytes in memory). The
catalogue a string belongs to follows the file that uses it:

- a template under ``templates/<domain>/`` and a routes module ``routes/<domain>.py`` (or
  ``routes/<domain>_<part>.py``: ``alerts_api``, ``security_pact_forms``) use ``<domain>.po``;
- ``base.html`` and other top-level templates, and the shell's own modules, use ``web.po``.

Lookup goes domain first, then ``web``, then every other catalogue, so a shared phrase need be
translated only once. In templates use ``_("...")`` (or ``{% trans %}``); placeholders are
``%(name)s`` (``_("%(n)s alerts", n=3)``). In Python use ``gettext(request, "...")``; for strings
defined at import time (navigation labels) mark them with ``N_("...")`` and translate at render.
"""

from __future__ import annotations

import gettext as _gettext
import io
import itertools
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.core import UnknownLocaleError
from babel.messages import mofile, pofile
from babel.support import Translations
from starlette.requests import HTTPConnection

from detente.marks import N_

LOCALES_DIR = Path(__file__).parent / "locales"
LANGUAGES: tuple[str, ...] = ("en", "fr")
LANGUAGE_NAMES: Mapping[str, str] = {"en": "English", "fr": "Français"}
DEFAULT_LANGUAGE = "en"
LANG_COOKIE = "detente_lang"
LANG_PARAM = "lang"
SHELL_DOMAIN = "web"
__all__ = ["N_"]  # re-exported: the web layer marks its strings with it


def catalogue_files(language: str) -> dict[str, Path]:
    """Domain name -> ``.po`` file for a language."""
    folder = LOCALES_DIR / language / "LC_MESSAGES"
    if not folder.is_dir():
        return {}
    return {path.stem: path for path in sorted(folder.glob("*.po"))}


def _compile(path: Path, language: str) -> Translations:
    with path.open("rb") as handle:
        catalog = pofile.read_po(handle, locale=language, domain=path.stem)
    buffer = io.BytesIO()
    mofile.write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return Translations(fp=buffer, domain=path.stem)


@lru_cache(maxsize=64)
def translations(language: str, domain: str = SHELL_DOMAIN) -> _gettext.NullTranslations:
    """The translations for ``domain`` in ``language``, falling back to the other catalogues.

    English is the source language: it gets :class:`gettext.NullTranslations`.
    """
    files = catalogue_files(language)
    if language == DEFAULT_LANGUAGE or not files:
        return _gettext.NullTranslations()
    merged = Translations(domain="merged")
    for name in sorted(files, key=lambda n: (n == SHELL_DOMAIN, n)):  # web wins ties
        merged.merge(_compile(files[name], language))
    chain: list[_gettext.NullTranslations] = []
    for name in dict.fromkeys([domain, SHELL_DOMAIN]):
        if name in files:
            chain.append(_compile(files[name], language))
    chain.append(merged)
    for first, second in itertools.pairwise(chain):
        first.add_fallback(second)
    return chain[0]


def msgid_pattern(msgid: str, groups: Mapping[str, str] | None = None) -> re.Pattern[str]:
    """A pattern matching the English text ``msgid`` gives, one named group per placeholder.

    For text that reaches the pages already written in English (a manifest note, a core error
    message): a match finds its msgid and the values to fill the translation with. ``%(name)s``
    matches ``groups[name]`` when given, else any text (as little as possible).
    """
    parts = re.split(r"%\((\w+)\)s", msgid)  # text, name, text, name, ..., text
    return re.compile(
        "".join(
            re.escape(part) if index % 2 == 0 else f"(?P<{part}>{(groups or {}).get(part, '.+?')})"
            for index, part in enumerate(parts)
        )
    )


def reload_catalogues() -> None:
    """Forget compiled catalogues (tests and development after editing a ``.po`` file)."""
    translations.cache_clear()


def template_domain(template_name: str) -> str:
    """The catalogue a template uses: its first folder, or ``web`` at the top level."""
    parts = template_name.split("/")
    return parts[0] if len(parts) > 1 else SHELL_DOMAIN


def negotiate(accept_language: str | None) -> str | None:
    """The best of our languages for an ``Accept-Language`` header, or ``None``."""
    if not accept_language:
        return None
    weighted: list[tuple[float, int, str]] = []
    for position, item in enumerate(accept_language.split(",")):
        tag, _, params = item.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        try:
            code = Locale.parse(tag.strip().replace("-", "_")).language
        except (ValueError, TypeError, UnknownLocaleError):
            continue
        if code in LANGUAGES and quality > 0:
            weighted.append((-quality, position, code))
    return min(weighted)[2] if weighted else None


def choose_language(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """``?lang=`` beats the cookie, which beats the browser's ``Accept-Language``."""
    for candidate in (query, cookie):
        if candidate in LANGUAGES:
            return str(candidate)
    return negotiate(accept_language) or DEFAULT_LANGUAGE


def request_language(connection: HTTPConnection) -> str:
    """The language chosen for this request (set by :class:`LanguageMiddleware`)."""
    language = connection.scope.get("state", {}).get("language")
    if language in LANGUAGES:
        return str(language)
    return choose_language(
        connection.query_params.get(LANG_PARAM),
        connection.cookies.get(LANG_COOKIE),
        connection.headers.get("accept-language"),
    )


def _format(text: str, variables: Mapping[str, Any]) -> str:
    return text % variables if variables else text


def gettext(connection: HTTPConnection, message: str, /, **variables: Any) -> str:
    """``message`` in the request's language, with ``%(name)s`` placeholders filled."""
    return _format(translations(request_language(connection)).gettext(message), variables)


def ngettext(
    connection: HTTPConnection, singular: str, plural: str, n: int, /, **variables: Any
) -> str:
    """The singular or plural form for ``n`` (available as ``%(num)s``)."""
    text = translations(request_language(connection)).ngettext(singular, plural, n)
    return _format(text, {"num": n, **variables})


def colon(language: str) -> str:
    """The colon between a label and its value: French puts a no-break space before it."""
    return "\u00a0: " if language == "fr" else ": "
