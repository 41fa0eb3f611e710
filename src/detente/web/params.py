"""Checks on the address (path and query) every route gets before it runs.

Installed app-wide (``FastAPI(dependencies=...)`` in :mod:`detente.web.app`), so no route has
to remember them, and a problem answers like FastAPI's own validation errors (422, the
parameter named in ``loc``, the value sent in ``input``):

- :func:`refuse_control_characters_in_address`: a NUL in a path or query value reached the
  database as text, and PostgreSQL refuses a string with a NUL in it, so
  ``/api/v1/pacts/%00`` or ``/audit?actor=%00`` answered 500 there (SQLite took it);
- :func:`refuse_repeated_parameters`: ``?state=FRA&state=DEU`` on a parameter that takes one
  value silently used the last one (DEU), so a script that meant both got one answer, about
  the other state. API only, where scripts build the query strings (its messages are English,
  as pydantic's are).
"""

from __future__ import annotations

import types
import typing
from collections.abc import Iterator, Sequence
from typing import Any

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError

from detente.safetext import CONTROL_PROBLEM, control_character
from detente.web.i18n import gettext

_SEQUENCES: tuple[type, ...] = (list, tuple, set, frozenset, Sequence)


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


def _all_query_params(dependant: Dependant) -> Iterator[Any]:
    yield from dependant.query_params
    for sub in dependant.dependencies:
        yield from _all_query_params(sub)


def takes_many(annotation: object) -> bool:
    """Whether a parameter annotated ``annotation`` takes several values (``list[str] | None``)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType, typing.Annotated):
        return any(takes_many(arg) for arg in typing.get_args(annotation))
    target = origin or annotation
    return isinstance(target, type) and issubclass(target, _SEQUENCES) and target is not str


def refuse_repeated_parameters(request: Request) -> None:
    """Refuse (422) an API query parameter that takes one value and was given several.

    Parameters the route does not read (``lang``, read by the language middleware, or a
    cache-buster) are left alone; so are the ones that take a list (``languages``).
    """
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if not request.url.path.startswith("/api/") or not isinstance(dependant, Dependant):
        return
    problems = []
    for field in _all_query_params(dependant):
        values = request.query_params.getlist(field.alias)
        if len(values) > 1 and not takes_many(field.field_info.annotation):
            message = f"'{field.alias}' is given {len(values)} times; it takes one value"
            problems.append(_problem(("query", field.alias), message, values))
    if problems:
        raise RequestValidationError(problems)
