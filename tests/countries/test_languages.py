"""Official languages from CLDR (Babel), including historical states via successors."""

from __future__ import annotations

import pytest

from detente.countries import official_languages
from detente.errors import UnknownCountryError


@pytest.mark.parametrize(
    ("gwno", "expected"),
    [
        (220, ("fr",)),
        (2, ("en",)),  # no de jure language: CLDR's de facto one
        (225, ("de", "fr", "it")),  # de jure only, no Swiss German
        (346, ("bs", "hr", "sr")),  # script variants (sr_Latn) collapse to one code
        (365, ("ru",)),
        (265, ("de",)),  # GDR through its successor
        (396, ("ka",)),  # Abkhazia through Georgia
        (347, ("sq", "sr")),  # Kosovo (XK)
    ],
)
def test_official_languages(gwno: int, expected: tuple[str, ...]) -> None:
    assert official_languages(gwno) == expected


def test_unknown_state_raises() -> None:
    with pytest.raises(UnknownCountryError):
        official_languages(999)
