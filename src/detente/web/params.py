"""Checks on the address (path and query) every route gets before it runs.

Installed app-wide (``FastAPI(dependencies=...)`` in :mod:`detente.web.app`), so no route has
to remember them, and a problem answers like FastAPI's own validation errors (422, the
parameter named in ``loc``, the value sent in ``input``):

- :func:`refuse_control_characters_in_address`: a NUL in a path or query value reached the
  database as text, and PostgreSQL refuses a string with a NUL in it, so
  ``/api/v1/pacts/%00`` or ``/audit?actor=%00`` answered 500 there (SQLite took it).
"""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError

from detente.safetext import CONTROL_PROBLEM, control_character
from detente.web.i18n import gettext


def _problem(location: tuple[str, str], message: str, sent: object) -> dict[str, Any]:
    return {"type": "value_error", "loc": location, "msg": message, "input": sent}


def refuse_control_characters_in_address(request: Request) -> None:
    """Refuse (422) a path or query value holding a control character (tab, line feed and
    carriage return aside, as for forms: :func:`detente.safetext.control_character`)."""
    sent = [("path", str(k), str(v)) for k, v in request.path_params.items()]
    sent += [("query", k, v) for k, v in request.query_params.multi_items()]
    problems = []
    for where, name, value in sent:
        code = control_character(value)
        if code is not None:
            message = gettext(request, CONTROL_PROBLEM, code=code)
            problems.append(_problem((where, name), message, value))
    if problems:
        raise RequestValidationError(problems)
