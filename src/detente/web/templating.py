"""The Jinja environment every page renders with, and the gettext callables it is given.

Templates are autoescaped. ``_``/``gettext``/``ngettext`` follow Jinja's "new style" gettext:
``%(name)s`` placeholders are filled from keyword arguments, which are escaped, while the
translated text itself is trusted (it comes from our catalogues).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from detente import __version__
from detente.sources.pax import AGREEMENT_URL
from detente.web.i18n import template_domain, translations

TEMPLATES_DIR = Path(__file__).parent / "templates"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The shared Jinja environment (templates cached, autoescaped, i18n extension on)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html", "xml", "svg"], default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.newstyle_gettext = True  # type: ignore[attr-defined]  # read by the i18n extension
    env.globals["static"] = static_url
    env.globals["version"] = __version__
    env.globals["agreement_url"] = AGREEMENT_URL  # PA-X's page of an agreement, by its id
    return env


def static_url(path: str) -> str:
    """URL of a vendored static file, versioned so browsers refetch after an upgrade."""
    return f"/static/{path.lstrip('/')}?v={__version__}"


def gettext_callables(language: str, template_name: str) -> dict[str, Callable[..., Any]]:
    """``_``, ``gettext`` and ``ngettext`` for a template in a language (its domain first)."""
    catalogue = translations(language, template_domain(template_name))

    def gettext(message: str, **variables: Any) -> Markup:
        text = Markup(catalogue.gettext(message))
        return text % variables if variables else text

    def ngettext(singular: str, plural: str, num: int, **variables: Any) -> Markup:
        text = Markup(catalogue.ngettext(singular, plural, num))
        return text % {"num": num, **variables}

    return {"_": gettext, "gettext": gettext, "ngettext": ngettext}
