"""Normalising country names so that lookups ignore case, accents and punctuation.

Why a single function: the snapshot step writes ``names.csv`` keyed by this normal form and
``resolve()`` looks user input up with it, so both sides must agree exactly.
"""

from __future__ import annotations

import re
import unicodedata

_NON_WORD = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = str.maketrans({c: " " for c in "'’‘`´ʼ"})


def normalise_name(name: str) -> str:
    """Lower-case ASCII words separated by single spaces, without a leading "the".

    Examples
    --------
    >>> normalise_name("Côte d'Ivoire")
    'cote d ivoire'
    >>> normalise_name("  The Gambia ")
    'gambia'
    >>> normalise_name("Antigua & Barbuda")
    'antigua and barbuda'
    """
    spaced = name.translate(_APOSTROPHES)  # "Côte d’Ivoire" must match "Cote d'Ivoire"
    ascii_text = (
        unicodedata.normalize("NFKD", spaced).encode("ascii", "ignore").decode("ascii").casefold()
    )
    ascii_text = ascii_text.replace("&", " and ")
    words = _NON_WORD.sub(" ", ascii_text).split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)
