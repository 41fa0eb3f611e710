"""The five roles of Détente and the rule that ties a delegate to one state.

| role | may change |
| --- | --- |
| ``analyst`` | forecasts, criteria assessments, alerts (warning domain) |
| ``coordinator`` | the crisis management unit: officers, teams, deployments |
| ``delegate`` | the positions of the one state (``gwno``) they act for |
| ``monitor`` | pacts, compliance reports, CSBM notifications |
| ``admin`` | everything, including users |

The public reads everything public without an account.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal, get_args

from detente.countries import get_state, is_known_gwno
from detente.errors import DataValidationError, UnknownCountryError

Role = Literal["analyst", "coordinator", "delegate", "monitor", "admin"]
ROLES: tuple[Role, ...] = get_args(Role)


def check_role(role: str, gwno: int | None, *, source: str = "user") -> Role:
    """Validate a role and its ``gwno``: a delegate needs a known state, no other role has one.

    Raises
    ------
    DataValidationError
        naming ``source`` and the field (``role`` or ``gwno``) that is wrong.
    """
    if role not in ROLES:
        raise DataValidationError(
            source, None, "role", f"unknown role '{role}'; choose one of {', '.join(ROLES)}"
        )
    if role == "delegate":
        if gwno is None:
            raise DataValidationError(
                source, None, "gwno", "a delegate acts for one state: give its gwno"
            )
        if not is_known_gwno(gwno):
            raise DataValidationError(
                source, None, "gwno", f"{gwno} is not a Gleditsch-Ward state code"
            )
        try:
            get_state(gwno, dt.date.today())
        except UnknownCountryError as error:  # a delegate speaks for a state that exists
            raise DataValidationError(
                source, None, "gwno", f"{gwno} is not an independent state today"
            ) from error
    elif gwno is not None:
        raise DataValidationError(
            source, None, "gwno", f"only a delegate acts for a state, not {_article(role)} {role}"
        )
    return role


def _article(word: str) -> str:
    """``a`` or ``an`` before a role name ("not an analyst", "not a monitor")."""
    return "an" if word[:1].lower() in "aeiou" else "a"
