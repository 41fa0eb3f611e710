"""The core's error messages in the page's language, as far as they can be read.

The core writes its refusals in English for the command line ("form, field 'imposed_by': must
not be empty"). A French page shows them translated in two parts, each by msgids with
placeholders:

- the frame of a :class:`DataValidationError` (its source, row and field), when the source is
  one of :data:`SOURCES` (the web's own forms); a file path or an unlisted source keeps the
  whole message English, so no sentence mixes a French frame with an English source;
- the problem, when it is one of the common ones of :data:`PROBLEMS`; any other problem stays
  English inside the French frame, marked ``lang="en"``.

A message neither part fits is returned as written (and the error page marks it English).
JSON answers and English pages always get the core's own words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from markupsafe import Markup, escape
from starlette.requests import Request

from detente.errors import DataValidationError, DetenteError
from detente.web.errors import NOT_FOUND_PAGES, wants_json, without_cli_hints
from detente.web.i18n import DEFAULT_LANGUAGE, N_, gettext, msgid_pattern, request_language

SOURCES: Mapping[str, str] = {
    "form": N_("form"),
    "team request": N_("team request"),
    "officer filter": N_("officer filter"),
    "handover": N_("handover"),
    "org action": N_("org action"),
    "mediation initiative": N_("mediation initiative"),
    "withdrawal": N_("withdrawal"),
}
"""The ``file`` of the errors web forms raise, and its words."""
FRAMES: Mapping[tuple[bool, bool], str] = {
    # (has a row, has a field) -> the frame of DataValidationError.one_line
    (False, False): N_("%(source)s: %(problem)s"),
    (True, False): N_("%(source)s, row %(row)s: %(problem)s"),
    (False, True): N_("%(source)s, field '%(field)s': %(problem)s"),
    (True, True): N_("%(source)s, row %(row)s, field '%(field)s': %(problem)s"),
}
NUMBER = r"-?\d[\d,.]*"
DAY = r"\d{4}-\d{2}-\d{2}"
PROBLEMS: tuple[tuple[str, Mapping[str, str]], ...] = (
    # msgid, and what its placeholders may match when not any text
    (N_("must not be empty"), {}),
    (N_("'%(value)s' is not a known country"), {}),
    (
        N_("%(value)s is not between %(low)s and %(high)s"),
        dict.fromkeys(("value", "low", "high"), NUMBER),
    ),
    # a form's number quoted as typed (it may not be a number at all)
    (N_("'%(value)s' is not between %(low)s and %(high)s"), dict.fromkeys(("low", "high"), NUMBER)),
    (N_("'%(value)s' is not a date; write YYYY-MM-DD"), {}),
    (N_("'%(value)s' is not a date"), {}),
    (N_("%(day)s is in the future"), {"day": DAY}),
    (N_("%(day)s is before the start (%(start)s)"), {"day": DAY, "start": DAY}),
    # the registry's corrections (NotFoundError, DataValidationError)
    (N_("org action #%(number)s does not exist"), {"number": r"\d+"}),
    (N_("mediation initiative #%(number)s does not exist"), {"number": r"\d+"}),
    (N_("'%(value)s' is not a recorded item"), {}),
    (
        N_(
            "#%(number)s already ended on %(day)s; withdraw the record and enter it again to "
            "correct it"
        ),
        {"number": r"\d+", "day": DAY},
    ),
    # a form sent twice (ConflictError): the registry's look found the copy, or its index did
    (N_("org action: already recorded as #%(number)s"), {"number": r"\d+"}),
    (N_("mediation initiative: already recorded as #%(number)s"), {"number": r"\d+"}),
    (N_("org action: already recorded"), {}),
    (N_("mediation initiative: already recorded"), {}),
    (
        N_(
            "officer %(officer)s is already booked by deployment %(other)s on overlapping dates; "
            "propose the team of deployment %(deployment)s again"
        ),
        dict.fromkeys(("officer", "other", "deployment"), r"\d+"),
    ),
)


@lru_cache(maxsize=1)
def _problem_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((msgid_pattern(msgid, groups), msgid) for msgid, groups in PROBLEMS)


def _problem(request: Request, problem: str) -> str | None:
    """A common problem in the page's language, or ``None`` when the table has no words for it."""
    for pattern, msgid in _problem_patterns():
        match = pattern.fullmatch(problem)
        if match:
            return gettext(request, msgid, **match.groupdict())
    return None


def _translated(request: Request, error: DetenteError) -> Markup | None:
    """The error in the page's language, or ``None`` when neither its frame nor its problem is
    known (it is then shown as the core wrote it)."""
    if not isinstance(error, DataValidationError):
        problem = _problem(request, without_cli_hints(str(error)))
        return None if problem is None else escape(problem)
    source = SOURCES.get(error.file)
    if source is None:
        return None
    cleaned = without_cli_hints(error.problem)
    problem = _problem(request, cleaned)
    frame = gettext(request, FRAMES[(error.row is not None, error.field is not None)])
    return escape(frame) % {
        "source": gettext(request, source),
        "row": error.row,
        "field": error.field,
        "problem": problem
        if problem is not None
        else Markup('<span lang="en">%s</span>') % cleaned,
    }


def problem_text(request: Request, error: DetenteError) -> str:
    """What a form shows above itself when the core refused the write (``str(error)`` on
    English pages; HTML-safe :class:`Markup` when translated)."""
    if request_language(request) == DEFAULT_LANGUAGE:
        return str(error)
    return _translated(request, error) or str(error)


def page_text(request: Request, error: DetenteError, status: int) -> tuple[str, bool]:
    """The detail of an error page, and whether it is in the page's language already.

    JSON answers, English pages and the 404s of :data:`NOT_FOUND_PAGES` (which have a sentence of
    their own) are left to :func:`detente.web.errors.error_response`.
    """
    route = getattr(request.scope.get("route"), "path", "")
    if (
        wants_json(request)
        or request_language(request) == DEFAULT_LANGUAGE
        or (status == 404 and route in NOT_FOUND_PAGES)
    ):
        return str(error), False
    translated = _translated(request, error)
    return (translated, True) if translated is not None else (str(error), False)
