"""The one-call country profile the CLI and web pages render."""

from __future__ import annotations

from datetime import date

import pytest

from detente.countries import country_profile
from detente.errors import UnknownCountryError


def test_profile_of_sweden_in_2024() -> None:
    profile = country_profile("Sweden", 2024)
    assert profile.state.gwno == 380
    assert profile.alive
    assert {n.gwno for n in profile.neighbours or ()} == {375, 385}
    assert profile.memberships == ("EU", "NATO", "OSCE")  # in ORGANISATIONS order
    assert profile.languages == ("sv",)
    assert not profile.permanent_member


def test_profile_picks_the_spell_alive_then_and_marks_dead_states() -> None:
    assert country_profile(366, 1930).state.end == date(1940, 6, 1)
    assert country_profile(366, 1930).neighbours is None  # before 1946
    gdr = country_profile("DDR", 2000)
    assert not gdr.alive
    assert gdr.neighbours == ()
    assert country_profile("SDN", 1800).neighbours == ()  # not alive: none, before 1946 or not
    assert gdr.memberships == ()


def test_profile_of_unknown_country_raises_with_hint() -> None:
    with pytest.raises(UnknownCountryError, match="hint"):
        country_profile("Swedn")
