"""Numbers as each language writes them, from Babel's CLDR patterns.

English: ``10,034.2`` and ``96.4%``; French: ``10 034,2`` (narrow no-break space) and
``96,4 %``. Shared by the web pages (templates get :func:`number` and :func:`percent` bound to
the page's language) and the generated brief, so no text formats a number with Python's
English-only ``format``.
"""

from __future__ import annotations

import copy
from functools import lru_cache

from babel import Locale
from babel.numbers import NumberPattern


@lru_cache(maxsize=64)
def _pattern(language: str, kind: str, digits: int) -> tuple[NumberPattern, Locale]:
    locale = Locale.parse(language)
    formats = locale.percent_formats if kind == "percent" else locale.decimal_formats
    pattern = copy.copy(formats[None])
    pattern.frac_prec = (digits, digits)
    return pattern, locale


def number(value: float, language: str, digits: int = 0, *, sign: bool = False) -> str:
    """``value`` with ``digits`` decimals and grouped thousands (``sign``: ``+`` on positives)."""
    pattern, locale = _pattern(language, "decimal", digits)
    text = str(pattern.apply(value, locale))
    return f"+{text}" if sign and value > 0 else text


def percent(value: float, language: str, digits: int = 0) -> str:
    """A share (0.964) as a percentage with ``digits`` decimals (96.4%)."""
    pattern, locale = _pattern(language, "percent", digits)
    return str(pattern.apply(value, locale))


def counted(count: int, singular: str, plural: str | None = None) -> str:
    """An English count with its noun in the right number: ``1 alert``, ``16 alerts``.

    For the command line's messages, which are English; pages and the brief use their
    catalogue's plural forms instead. ``plural`` defaults to ``singular + "s"``.
    """
    noun = singular if count == 1 else (plural or f"{singular}s")
    return f"{count:,} {noun}"
