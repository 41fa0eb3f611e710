"""Alerts, the brief, the four criteria, analogues and the action registry on the web.

Public pages: ``/alerts`` (list), ``/alerts/{id}`` (explanation), ``/brief`` and
``/brief/{period}``, ``/actions`` (registry). Writes: acknowledge and close (analyst or
coordinator), request a team (coordinator: then on to the response domain's
``/response/teams/new?alert=<id>&country=<ISO3>``), record an organisation action or a
mediation initiative (analyst). Hooks: top alerts and the latest brief on the home page, the
criteria and analogues on each country page, alerts and briefs in the Atom feed. JSON under
``/api/v1/alerts``, ``/api/v1/criteria/{code}``, ``/api/v1/analogues/{code}``,
``/api/v1/brief/{period}``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path as FilePath
from typing import Any, Literal

from babel.numbers import get_decimal_symbol
from fastapi import APIRouter, Depends, Form, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup
from pydantic import BaseModel, Field

from detente.caching import single_flight_cache
from detente.countries import ORGANISATIONS, get_state, resolve
from detente.errors import DataValidationError, NotFoundError, UnknownCountryError
from detente.numbers import number, percent
from detente.settings import Settings
from detente.sources.acd import CONFLICT_URL
from detente.sources.pax import AGREEMENT_URL
from detente.store import Database
from detente.warning.actions import (
    ACTION_KINDS,
    TRACKS,
    add_mediation,
    add_org_action,
    list_mediation,
    list_org_actions,
)
from detente.warning.alert_rules import RULE_NAMES, ScoreKind
from detente.warning.alerts import (
    STATUSES,
    Alert,
    alert_events,
    get_alert,
    list_alerts,
    request_team,
    transition,
)
from detente.warning.analogues import AnalogueSet, find_analogues
from detente.warning.brief import latest_period, make_brief, to_html
from detente.warning.criteria import country_criteria, load_sources
from detente.warning.features import FEATURE_LABELS
from detente.web.deps import (
    CurrentUser,
    current_user,
    get_database,
    get_settings,
    render,
    require_role,
    verify_csrf,
)
from detente.web.i18n import N_, colon, gettext, request_language, translations
from detente.web.names import country_name, country_slug
from detente.web.sections import FeedEntry, NavItem, Section

router = APIRouter()
api = APIRouter(prefix="/api/v1", tags=["alerts"])
CODE = Path(..., min_length=1, max_length=60, description="ISO3, gwno or name of a state")
PERIOD = Path(
    ...,
    min_length=4,
    max_length=7,
    pattern=r"^\d{4}(-(0[1-9]|1[0-2]))?$",
    description="YYYY-MM or YYYY",
)
StatusName = Literal["new", "acknowledged", "team_requested", "closed"]
RuleName = Literal[
    "onset",
    "escalation",
    "surge",
    "criterion:regional",
    "criterion:intervention",
    "criterion:organisations",
    "criterion:mediation",
]
HOME_ALERTS = 5

RULE_LABELS = {
    "onset": N_("Risk of a new conflict"),
    "escalation": N_("Risk of escalation"),
    "surge": N_("Risk of a surge in deaths"),
    "criterion:regional": N_("Regional destabilisation crossed its threshold"),
    "criterion:intervention": N_("Threat of intervention crossed its threshold"),
    "criterion:organisations": N_("Mobilisation of organisations crossed its threshold"),
    "criterion:mediation": N_("Mediation criterion crossed its threshold"),
}
STATUS_LABELS = {
    "new": N_("new"),
    "acknowledged": N_("acknowledged"),
    "team_requested": N_("team requested"),
    "closed": N_("closed"),
}
CRITERION_LABELS = {
    "regional": N_("Risk of regional destabilisation"),
    "intervention": N_("Threat of intervention from neighbours"),
    "organisations": N_("Mobilisation of regional organisations"),
    "mediation": N_("Mediation already undertaken"),
}
KIND_LABELS = {
    "statement": N_("statement"),
    "sanctions": N_("sanctions"),
    "mediation": N_("mediation"),
    "mission": N_("mission"),
}
TRACK_LABELS = {"official": N_("official (track 1)"), "private": N_("private (track 2)")}
INPUT_LABELS = {
    # what each input of a criterion or alert rule measures, in words; the page shows the
    # formula's own name beside it, so the formula above the inputs can still be read
    "window": N_("Years looked at"),
    "neighbours": N_("Land neighbours"),
    "neighbour_deaths": N_("Deaths in land neighbours over these years (all three types)"),
    "neighbours_in_conflict": N_("Neighbours with 25 or more state-based deaths this year"),
    "subregion": N_("UN subregion"),
    "subregion_deaths": N_("Deaths in the rest of the subregion over these years"),
    "cross_border_conflicts": N_("Conflicts fought across its borders"),
    "acd_conflicts": N_("Its armed conflicts (UCDP conflict ids)"),
    "interstate_with_neighbours": N_("Interstate conflicts with neighbours"),
    "neighbour_parties": N_("Neighbours fighting in its conflicts"),
    "neighbour_supporters": N_("Neighbours supporting a side"),
    "external_supporters": N_("Outside states supporting a side"),
    "memberships": N_("Regional organisations it belongs to"),
    "recorded_actions": N_("Recorded actions of these organisations"),
    "weighted_actions": N_("Recorded actions, weighted"),
    "registry_read": N_("Action registry read"),
    "pax_with_member_org": N_(
        "Peace agreements with one of its organisations as third party (PA-X)"
    ),
    "pax_agreements": N_("Peace agreements signed (PA-X)"),
    "pax_with_third_party": N_("Agreements with a third party"),
    "pax_with_un": N_("Agreements with the UN as third party"),
    "pax_examples": N_("Latest agreements"),
    "initiatives": N_("Recorded mediation initiatives"),
    "weighted_initiatives": N_("Mediation initiatives, weighted"),
    "pax_coverage": N_("Years PA-X covers"),
    "cutoff": N_("Forecast made with data up to"),
    "p_over": N_("Probability of 25 or more deaths"),
    "p_over_25": N_("Probability of 25 or more deaths"),
    "threshold": N_("Threshold"),
    "deaths": N_("Deaths that count as conflict"),
    "recent": N_("Deaths in the last periods"),
    "forecast_mean": N_("Forecast mean of deaths"),
    "recent_level": N_("Recent level of deaths (mean)"),
    "factor": N_("Rise that raises the alert (times the recent deaths)"),
    "p_event": N_("Probability of a surge (an onset or more than doubling)"),
    "at_least": N_("Threshold of deaths for the event"),
    "p_escalation": N_("Probability of that rise"),
    "worst_recent": N_("Worst of the last periods (deaths)"),
    "min_increase": N_("Smallest rise in deaths that counts"),
    "interval_90": N_("90% forecast interval"),
    "criterion": N_("Criterion"),
    "score": N_("Score"),
    "previous": N_("Score a year before"),
}


PART_LABELS = {
    # the fields of one recorded action or mediation initiative inside an input
    "year": N_("year"),
    "org": N_("organisation"),
    "kind": N_("kind"),
    "title": N_("title"),
    "track": N_("track"),
    "mediator": N_("mediator"),
    "start": N_("from"),
    "end": N_("until"),
}
PART_VALUE_LABELS: dict[str, dict[str, str]] = {"kind": KIND_LABELS, "track": TRACK_LABELS}
"""Fields whose value is a word from a fixed list, translated on the page."""


def nav_items() -> list[NavItem]:
    """Alerts and the brief in the main navigation."""
    return [NavItem(N_("Alerts"), "/alerts", order=30), NavItem(N_("Brief"), "/brief", order=35)]


CODE_INPUTS = frozenset(
    {
        # codes (GW states, UCDP conflicts, PA-X agreements) and years: written as they are,
        # never grouped like quantities (``13604``, not ``13 604``)
        "neighbours_in_conflict",
        "cross_border_conflicts",
        "acd_conflicts",
        "interstate_with_neighbours",
        "neighbour_parties",
        "neighbour_supporters",
        "external_supporters",
        "pax_with_member_org",
        "id",
        "year",
        "start",
        "end",
        "cutoff",
    }
)
CONFLICT_INPUTS = frozenset(
    {"acd_conflicts", "cross_border_conflicts", "interstate_with_neighbours"}
)
"""Inputs that list UCDP conflict ids: each links to the conflict's page at UCDP."""
STATE_INPUTS = frozenset(
    {"neighbours_in_conflict", "neighbour_parties", "neighbour_supporters", "external_supporters"}
)
"""Inputs that list Gleditsch–Ward codes of states: shown as names in the page's language."""
PROBABILITY_INPUTS = frozenset({"p_over", "p_over_25", "p_event", "p_escalation"})
"""Inputs that are chances: written as percentages (59%, not 0.59)."""
RANGE_INPUTS = frozenset({"interval_90"})
"""Inputs that are (low, high) pairs: written as a range (0–437, not "0, 437")."""
TEXT_INPUTS = frozenset({"subregion", "pax_coverage"})
"""Inputs whose value is English text from a fixed list, translated on the page."""
INPUT_TEXTS = (N_("PA-X agreements 1990-2020"),)  # the value of ``pax_coverage``


def input_text(value: object, language: str = "en", key: str | None = None) -> str | list[str]:
    """A criterion input as a visitor reads it: numbers as the language writes them, lists
    joined, agreements as "date: name (PA-X id, linked) — organisations" lines, yes/no for
    flags (never Python's repr).

    ``key`` is the input's name: states (:data:`STATE_INPUTS`) are named, codes and years
    (:data:`CODE_INPUTS`) are not grouped, and subregion names and fixed notes
    (:data:`TEXT_INPUTS`) are translated.
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) and key in STATE_INPUTS:
        return _state_name(value, language)
    if isinstance(value, int) and key in CODE_INPUTS:
        return str(value)
    if isinstance(value, int | float) and key in PROBABILITY_INPUTS:
        return percent(value, language)
    if isinstance(value, int | float):
        return number(value, language, 0 if float(value).is_integer() else 2)
    if key in RANGE_INPUTS and isinstance(value, list | tuple) and len(value) == 2:
        low, high = (input_text(v, language) for v in value)
        return f"{low}–{high}"
    if isinstance(value, str) and key == "criterion" and value in CRITERION_LABELS:
        return str(translations(language, "alerts").gettext(CRITERION_LABELS[value]))
    if isinstance(value, str) and key in TEXT_INPUTS:
        return str(translations(language, "alerts").gettext(value))
    if isinstance(value, dict):
        if {"date", "name"} <= value.keys():
            # the date kept on one line: a phone broke "2019-" above "07-17"
            text = Markup('<span class="nowrap">{}</span>{}{}').format(
                value["date"], colon(language), value["name"]
            )
            if "id" in value:
                link = Markup('<a href="{}" rel="external">PA-X {}</a>')
                text += Markup(" ({})").format(
                    link.format(AGREEMENT_URL.format(value["id"]), value["id"])
                )
            if value.get("orgs"):
                text += Markup(" — {}").format(", ".join(value["orgs"]))
            return text
        return ", ".join(_part_text(k, v, language) for k, v in value.items())
    if isinstance(value, list | tuple):
        if not value:
            return "none"
        if key in CONFLICT_INPUTS and all(isinstance(item, int) for item in value):
            return Markup(", ").join(
                Markup('<a href="{}" rel="external">{}</a>').format(CONFLICT_URL.format(item), item)
                for item in value
            )
        parts = [input_text(item, language, key) for item in value]
        flat = [p if isinstance(p, str) else "; ".join(p) for p in parts]
        if any(isinstance(item, dict) for item in value):
            return flat
        quantities = key not in CODE_INPUTS and any(
            isinstance(item, int | float) and not isinstance(item, bool) for item in value
        )
        # "0, 437" would read as one number where the comma is the decimal sign
        comma_decimal = get_decimal_symbol(language) == ","
        return ("; " if quantities and comma_decimal else ", ").join(flat)
    return str(value)


def _part_text(key: str, value: object, language: str) -> str:
    """One field of a recorded action or initiative: "organisation: AU", "type : déclaration"."""
    catalogue = translations(language, "alerts")
    label = catalogue.gettext(PART_LABELS[key]) if key in PART_LABELS else key
    words = PART_VALUE_LABELS.get(key, {})
    if isinstance(value, str) and value in words:
        shown: object = catalogue.gettext(words[value])
    elif value is None and key == "end":
        shown = catalogue.gettext(N_("ongoing"))
    else:
        shown = input_text(value, language, key)
    return f"{label}{colon(language)}{shown}"


def _state_name(gwno: int, language: str) -> str:
    """A state's name in ``language`` with its code, e.g. "Turquie (640)"."""
    try:
        return f"{country_name(get_state(gwno), language)} ({gwno})"
    except UnknownCountryError:
        return str(gwno)


def _labels() -> dict[str, Any]:
    return {
        "input_text": input_text,
        "rule_labels": RULE_LABELS,
        "status_labels": STATUS_LABELS,
        "criterion_labels": CRITERION_LABELS,
        "input_labels": INPUT_LABELS,
        "kind_labels": KIND_LABELS,
        "track_labels": TRACK_LABELS,
    }


def _country(request: Request, gwno: int) -> tuple[str, str]:
    """(display name, URL slug) of a state, falling back to the number."""
    try:
        state = get_state(gwno)
    except UnknownCountryError:
        return str(gwno), str(gwno)
    return _country_in(request_language(request), gwno), country_slug(state)


def _country_in(language: str, gwno: int) -> str:
    """A state's name in ``language`` (the reference name for unknown codes)."""
    try:
        return country_name(get_state(gwno), language)
    except UnknownCountryError:
        return str(gwno)


def _analogue_name(language: str, analogue: Any) -> str:
    """A past situation's country in ``language`` (an :class:`Analogue` or its stored dict);
    its stored reference name when the code is not a known state."""
    stored = analogue if isinstance(analogue, dict) else vars(analogue)
    try:
        return country_name(get_state(int(stored["gwno"])), language)
    except (KeyError, TypeError, ValueError, UnknownCountryError):
        return str(stored.get("country", ""))


def _names(request: Request) -> dict[str, Any]:
    """Country names in the page's language for templates: by code and for analogues."""
    language = request_language(request)
    return {
        "name_of": lambda g: _country(request, g)[0],
        "analogue_name": lambda a: _analogue_name(language, a),
    }


def _number(request: Request, value: float, digits: int = 0) -> str:
    """A number in the page's language (French: narrow no-break space, decimal comma)."""
    return number(value, request_language(request), digits)


def reason(request: Request, alert: Alert) -> str:
    """Why the alert fired, in the page's language, from the rule's stored inputs.

    Falls back to the stored English sentence when the inputs are not the expected ones.
    """
    inputs = alert.explanation.get("rule", {}).get("inputs", {})
    try:
        if alert.rule == "onset":
            return gettext(
                request,
                "P(%(deaths)s or more deaths in %(period)s) = %(p)s%%, at or above %(threshold)s%%,"
                " after %(n)s calm periods",
                deaths=_number(request, inputs["deaths"]),
                period=alert.period,
                p=_number(request, 100 * inputs["p_over"]),
                threshold=_number(request, 100 * inputs["threshold"]),
                n=len(inputs["recent"]),
            )
        if alert.rule == "escalation":
            sentence = gettext(
                request,
                "forecast mean %(mean)s deaths in %(period)s, %(ratio)s times the recent level"
                " %(level)s",
                mean=_number(request, inputs["forecast_mean"]),
                period=alert.period,
                ratio=_number(request, inputs["forecast_mean"] / inputs["recent_level"], 1),
                level=_number(request, inputs["recent_level"]),
            )
            if "p_escalation" not in inputs:  # raised before escalation was scored by a chance
                return sentence
            return sentence + gettext(
                request,
                "; chance of %(at_least)s or more: %(p)s",
                at_least=_number(request, inputs["at_least"]),
                p=percent(inputs["p_escalation"], request_language(request)),
            )
        if alert.rule == "surge":
            return gettext(
                request,
                "P(%(at_least)s or more deaths in %(period)s) = %(p)s%%, at or above"
                " %(threshold)s%%: %(deaths)s or more and over %(factor)s times the worst of the"
                " last %(n)s periods (%(worst)s)",
                at_least=_number(request, inputs["at_least"]),
                period=alert.period,
                p=_number(request, 100 * inputs["p_event"]),
                threshold=_number(request, 100 * inputs["threshold"]),
                deaths=_number(request, inputs["deaths"]),
                factor=_number(request, inputs["factor"], 1),
                n=len(inputs["recent"]),
                worst=_number(request, inputs["worst_recent"]),
            )
        if alert.rule.startswith("criterion:"):
            label = CRITERION_LABELS[inputs["criterion"]]
            return gettext(
                request,
                "%(criterion)s rose to %(score)s in %(year)s (from %(previous)s), crossing"
                " %(threshold)s",
                criterion=gettext(request, label),
                score=_number(request, inputs["score"], 2),
                year=inputs["cutoff"],
                previous=_number(request, inputs["previous"], 2),
                threshold=_number(request, inputs["threshold"], 2),
            )
    except (KeyError, TypeError, ZeroDivisionError):
        pass
    return alert.summary


def strength(request: Request, alert: Alert) -> str:
    """How strong an alert is, in the page's language: "chance 26%" where the score is the
    forecast's probability of the event (:attr:`Alert.score_kind`), "score 0.26" otherwise
    (an index in [0, 1] is not a chance, and a reader takes "0.26" for one)."""
    language = request_language(request)
    if alert.score_kind == "probability":
        return gettext(request, N_("chance %(chance)s"), chance=percent(alert.score, language))
    return gettext(request, N_("score %(score)s"), score=number(alert.score, language, 2))


def _alert_rows(request: Request, found: list[Alert]) -> list[dict[str, Any]]:
    rows = []
    for alert in found:
        name, slug = _country(request, alert.gwno)
        rows.append(
            {
                "alert": alert,
                "country": name,
                "slug": slug,
                "reason": reason(request, alert),
                "strength": strength(request, alert),
                "is_chance": alert.score_kind == "probability",
            }
        )
    return rows


def _team_url(alert: Alert) -> str:
    return f"/response/teams/new?alert={alert.id}&country={alert.iso3 or alert.gwno}"


def _data_year(settings: Settings) -> int | None:
    try:
        return load_sources(settings).last_year
    except NotFoundError:
        return None


@single_flight_cache(maxsize=512)
def _analogues_cached(
    path: FilePath, mtime: float, settings: Settings, gwno: int, year: int
) -> AnalogueSet:
    return find_analogues(settings, gwno, year, k=5)


def _analogues(settings: Settings, gwno: int, year: int) -> AnalogueSet | None:
    """The page's analogues (cached per store version: the search takes ~25 ms)."""
    path = settings.analytics_path
    try:
        return _analogues_cached(path, path.stat().st_mtime, settings, gwno, year)
    except (DataValidationError, FileNotFoundError, NotFoundError):
        return None


# --------------------------------------------------------------------------- pages


@router.get("/alerts", include_in_schema=False)
def alert_list(
    request: Request,
    status: str | None = Query(None, max_length=20),
    rule: str | None = Query(None, max_length=40),
    database: Database = Depends(get_database),
) -> HTMLResponse:
    """Every alert in :func:`list_alerts` order, optionally by status and rule."""
    if status and status not in STATUSES:
        raise DataValidationError(
            "alerts filter", None, "status", f"'{status}' is not one of {', '.join(STATUSES)}"
        )
    if rule and rule not in RULE_NAMES:
        raise DataValidationError(
            "alerts filter", None, "rule", f"'{rule}' is not one of {', '.join(RULE_NAMES)}"
        )
    chosen, chosen_rule = status or None, rule or None
    with database.session() as session:
        found = list_alerts(session, chosen, rule=chosen_rule)
    return render(
        request,
        "alerts/list.html",
        rows=_alert_rows(request, found),
        status=chosen,
        statuses=STATUSES,
        rule=chosen_rule,
        rules=RULE_NAMES,
        **_labels(),
    )


@router.get("/alerts/{alert_id}", include_in_schema=False)
def alert_page(
    request: Request, alert_id: int, database: Database = Depends(get_database)
) -> HTMLResponse:
    """One alert: why it fired, the criteria, analogues, contributions, lifecycle, actions."""
    with database.session() as session:
        alert = get_alert(session, alert_id)
        events = alert_events(session, alert_id)
        # other rules often fire for the same state and period (escalation and surge read the
        # same forecast): the analyst sees them together rather than as unrelated alerts
        siblings = [
            a
            for a in list_alerts(session, gwno=alert.gwno)
            if a.period == alert.period and a.id != alert.id
        ]
    name, slug = _country(request, alert.gwno)
    explanation = alert.explanation
    why = reason(request, alert)
    # the creation step stores the rule's English sentence; show it in the page's language
    events = [
        replace(e, note=why) if e.from_status is None and e.note == alert.summary else e
        for e in events
    ]
    user = current_user(request)
    return render(
        request,
        "alerts/alert.html",
        alert=alert,
        country=name,
        slug=slug,
        reason=why,
        is_chance=alert.score_kind == "probability",
        siblings=[(a, strength(request, a)) for a in siblings],
        events=events,
        rule=explanation.get("rule", {}),
        forecast=explanation.get("forecast", {}),
        criteria=explanation.get("criteria", {}).get("criteria", []),
        analogues=explanation.get("analogues") or {},
        contributions=[
            (gettext(request, FEATURE_LABELS.get(name, name)), name, value)
            for name, value in explanation.get("contributions") or []
        ],
        team_url=_team_url(alert),
        can_review=bool(user and user.has_role("analyst", "coordinator")),
        can_request=bool(user and user.has_role("coordinator")),
        **_labels(),
        **_names(request),
    )


def _step(database: Database, alert_id: int, to: str, user: CurrentUser, note: str) -> Alert:
    with database.session() as session:
        if to == "team_requested":
            return request_team(session, alert_id, user.username, note)
        return transition(session, alert_id, to, actor=user.username, note=note)


@router.post(
    "/alerts/{alert_id}/acknowledge",
    include_in_schema=False,
    dependencies=[Depends(verify_csrf)],
)
def acknowledge_alert(
    alert_id: int,
    note: str = Form("", max_length=2000),
    user: CurrentUser = Depends(require_role("analyst", "coordinator")),
    database: Database = Depends(get_database),
) -> RedirectResponse:
    """Acknowledge a new alert."""
    _step(database, alert_id, "acknowledged", user, note)
    return RedirectResponse(f"/alerts/{alert_id}", status_code=303)


@router.post(
    "/alerts/{alert_id}/close", include_in_schema=False, dependencies=[Depends(verify_csrf)]
)
def close_alert(
    alert_id: int,
    note: str = Form("", max_length=2000),
    user: CurrentUser = Depends(require_role("analyst", "coordinator")),
    database: Database = Depends(get_database),
) -> RedirectResponse:
    """Close an alert."""
    _step(database, alert_id, "closed", user, note)
    return RedirectResponse(f"/alerts/{alert_id}", status_code=303)


@router.post(
    "/alerts/{alert_id}/request-team",
    include_in_schema=False,
    dependencies=[Depends(verify_csrf)],
)
def request_team_route(
    alert_id: int,
    note: str = Form("", max_length=2000),
    user: CurrentUser = Depends(require_role("coordinator")),
    database: Database = Depends(get_database),
) -> RedirectResponse:
    """Ask for a team, then go on to assembling it (the response domain's page)."""
    alert = _step(database, alert_id, "team_requested", user, note)
    return RedirectResponse(_team_url(alert), status_code=303)


@router.get("/brief", include_in_schema=False)
def brief_latest() -> RedirectResponse:
    """The current month's brief."""
    return RedirectResponse(f"/brief/{latest_period()}", status_code=307)


@router.get("/brief/{period}", include_in_schema=False)
def brief_page(
    request: Request,
    period: str = PERIOD,
    database: Database = Depends(get_database),
) -> HTMLResponse:
    """The brief of a month (YYYY-MM) or year (YYYY), generated from the data."""
    with database.session() as session:
        brief = make_brief(get_settings(request), session, period)
    language = request_language(request)
    body = to_html(brief, language, name_of=lambda gwno: _country(request, gwno)[0])
    return render(request, "alerts/brief.html", brief=brief, body=body, previous=brief.previous)


@router.get("/actions", include_in_schema=False)
def actions_page(request: Request, database: Database = Depends(get_database)) -> HTMLResponse:
    """The registry of organisation actions and mediation initiatives (forms for analysts)."""
    return _actions(request, database)


def _actions(
    request: Request, database: Database, error: str | None = None, status_code: int = 200
) -> HTMLResponse:
    with database.session() as session:
        found_actions = list_org_actions(session)
        found_mediation = list_mediation(session)
    user = current_user(request)
    return render(
        request,
        "alerts/actions.html",
        status_code=status_code,
        actions=[(a, *_country(request, a.gwno)) for a in found_actions],
        mediation=[(m, *_country(request, m.gwno)) for m in found_mediation],
        organisations=sorted(ORGANISATIONS),
        kinds=ACTION_KINDS,
        tracks=TRACKS,
        can_add=bool(user and user.has_role("analyst")),
        error=error,
        today=dt.date.today().isoformat(),
        **_labels(),
    )


def _form_date(value: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise DataValidationError("form", None, field, f"'{value}' is not a date") from e


@router.post("/actions", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def add_action(
    request: Request,
    country: str = Form(..., max_length=60),
    org: str = Form(..., max_length=16),
    kind: str = Form(..., max_length=20),
    acted_on: str = Form(..., max_length=10),
    title: str = Form(..., max_length=300),
    source: str = Form(..., max_length=500),
    user: CurrentUser = Depends(require_role("analyst")),
    database: Database = Depends(get_database),
) -> Response:
    """Record an organisation action; the form comes back with the problem if it is wrong."""
    try:
        gwno = resolve(country).gwno
        with database.session() as session:
            add_org_action(
                session,
                gwno=gwno,
                org=org,
                kind=kind,
                acted_on=_form_date(acted_on, "acted_on"),
                title=title,
                source=source,
                actor=user.username,
            )
    except (DataValidationError, UnknownCountryError) as e:
        return _actions(request, database, error=str(e), status_code=422)
    return RedirectResponse("/actions", status_code=303)


@router.post("/actions/mediation", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def add_mediation_route(
    request: Request,
    country: str = Form(..., max_length=60),
    track: str = Form(..., max_length=10),
    mediator: str = Form(..., max_length=200),
    started_on: str = Form(..., max_length=10),
    ended_on: str = Form("", max_length=10),
    title: str = Form(..., max_length=300),
    source: str = Form(..., max_length=500),
    user: CurrentUser = Depends(require_role("analyst")),
    database: Database = Depends(get_database),
) -> Response:
    """Record a mediation initiative."""
    try:
        gwno = resolve(country).gwno
        with database.session() as session:
            add_mediation(
                session,
                gwno=gwno,
                track=track,
                mediator=mediator,
                started_on=_form_date(started_on, "started_on"),
                ended_on=_form_date(ended_on, "ended_on") if ended_on else None,
                title=title,
                source=source,
                actor=user.username,
            )
    except (DataValidationError, UnknownCountryError) as e:
        return _actions(request, database, error=str(e), status_code=422)
    return RedirectResponse("/actions", status_code=303)


# --------------------------------------------------------------------------- hooks


def home_section(request: Request) -> Section | None:
    """Top open alerts and the latest brief's lead."""
    database = get_database(request)
    settings = get_settings(request)
    with database.session() as session:
        top = list_alerts(session, open_only=True, limit=HOME_ALERTS)
        try:
            brief = make_brief(settings, session, latest_period())
        except (NotFoundError, DataValidationError):
            brief = None
    return Section(
        "alerts/home_section.html",
        {"rows": _alert_rows(request, top), "brief": brief, **_labels(), **_names(request)},
        order=110,
    )


def country_section(request: Request, gwno: int) -> Section | None:
    """The four criteria with their inputs, analogues and this state's open alerts."""
    settings = get_settings(request)
    year = _data_year(settings)
    database = get_database(request)
    with database.session() as session:
        alerts = list_alerts(session, gwno=gwno, open_only=True)
        criteria = None
        if year is not None:
            try:
                criteria = country_criteria(settings, gwno, year, session)
            except UnknownCountryError:
                criteria = None
    analogues = _analogues(settings, gwno, year) if year is not None and criteria else None
    return Section(
        "alerts/country_section.html",
        {
            "year": year,
            "criteria": criteria,
            "analogues": analogues,
            "alert_rows": _alert_rows(request, alerts),
            "slug_of": lambda g: _country(request, g)[1],
            **_labels(),
            **_names(request),
        },
        order=120,
    )


def last_months(today: dt.date, count: int) -> list[dt.date]:
    """The first days of this month and the ``count - 1`` calendar months before it."""
    index = today.year * 12 + today.month - 1
    return [dt.date((index - back) // 12, (index - back) % 12 + 1, 1) for back in range(count)]


def feed_entries(request: Request) -> list[FeedEntry]:
    """Every alert (newest 50) and the briefs of the last three months."""
    database = get_database(request)
    entries = []
    with database.session() as session:
        for alert in list_alerts(session, limit=50):
            name, _ = _country(request, alert.gwno)
            rule = gettext(request, RULE_LABELS.get(alert.rule, alert.rule))
            entries.append(
                FeedEntry(
                    id=f"urn:detente:alert:{alert.id}",
                    title=gettext(
                        request, "Alert: %(country)s, %(period)s", country=name, period=alert.period
                    )
                    + f" ({rule})",
                    summary=reason(request, alert),
                    path=f"/alerts/{alert.id}",
                    updated=alert.updated_at or alert.created_at,  # a status change is news
                )
            )
    for month in last_months(dt.date.today(), 3):
        period = f"{month:%Y-%m}"
        entries.append(
            FeedEntry(
                id=f"urn:detente:brief:{period}",
                title=gettext(request, "Brief %(period)s", period=period),
                summary=gettext(
                    request,
                    "Deteriorations, improvements and new alerts, generated from the data.",
                ),
                path=f"/brief/{period}",
                updated=dt.datetime(month.year, month.month, 1, tzinfo=dt.UTC),
            )
        )
    return entries


# --------------------------------------------------------------------------- API


class AlertOut(BaseModel):
    """An alert (``explanation`` holds the rule inputs, criteria, analogues, contributions)."""

    id: int
    gwno: int
    iso3: str | None
    period: str
    rule: str
    status: str
    score: float
    score_kind: ScoreKind = Field(
        description="probability: the forecast's chance of the rule's event (onset, escalation, "
        "surge); index: a score in [0, 1] that is not a chance (the criteria, and escalation "
        "alerts raised before 2026-12)"
    )
    created_at: str
    updated_at: str | None
    summary: str
    explanation: dict[str, Any]


class CriterionOut(BaseModel):
    """One criterion: score in [0, 1], its inputs and formula."""

    key: str
    title: str
    score: float
    inputs: dict[str, Any]
    formula: str


class CriteriaOut(BaseModel):
    """The four criteria of a state in a year."""

    gwno: int
    year: int
    criteria: list[CriterionOut]


class BriefOut(BaseModel):
    """The brief of a period as Markdown."""

    period: str
    data_year: int
    markdown: str


def _alert_out(alert: Alert) -> AlertOut:
    return AlertOut(**alert.as_dict())


@api.get("/alerts", response_model=list[AlertOut])
def api_alerts(
    status: StatusName | None = Query(None, description="Only alerts with this status"),
    rule: RuleName | None = Query(None, description="Only alerts of this rule"),
    limit: int = Query(100, ge=1, le=1000),
    database: Database = Depends(get_database),
) -> list[AlertOut]:
    """Alerts: newest period first, then forecast alerts by chance, then criterion alerts by
    score."""
    with database.session() as session:
        found = list_alerts(session, status, rule=rule, limit=limit)
    return [_alert_out(a) for a in found]


@api.get("/alerts/{alert_id}", response_model=AlertOut)
def api_alert(alert_id: int, database: Database = Depends(get_database)) -> AlertOut:
    """One alert with its explanation."""
    with database.session() as session:
        return _alert_out(get_alert(session, alert_id))


def _year(settings: Settings, year: int | None) -> int:
    last = _data_year(settings)
    if last is None:
        raise NotFoundError("no conflict data is loaded; run 'detente init'")
    chosen = year or last
    if chosen > last:
        raise NotFoundError(f"no data for {chosen}; the panel ends in {last}")
    return chosen


@api.get("/criteria/{code}", response_model=CriteriaOut)
def api_criteria(
    request: Request,
    code: str = CODE,
    year: int | None = Query(None, ge=1989, le=2100, description="Default: latest data year"),
    database: Database = Depends(get_database),
) -> CriteriaOut:
    """The four recognised criteria of a state, with inputs and formulas."""
    settings = get_settings(request)
    state = resolve(code)
    with database.session() as session:
        found = country_criteria(settings, state.gwno, _year(settings, year), session)
    return CriteriaOut(**found.as_dict())


@api.get("/analogues/{code}")
def api_analogues(
    request: Request,
    code: str = CODE,
    year: int | None = Query(None, ge=1989, le=2100, description="Default: latest data year"),
    k: int = Query(5, ge=1, le=20),
) -> dict[str, Any]:
    """The k most similar past situations and what followed (next three years, agreements)."""
    settings = get_settings(request)
    state = resolve(code)
    try:
        return find_analogues(settings, state.gwno, _year(settings, year), k=k).as_dict()
    except DataValidationError as e:  # no panel row: the state did not exist that year
        raise NotFoundError(str(e)) from e


@api.get("/brief/{period}", response_model=BriefOut)
def api_brief(
    request: Request,
    period: str = PERIOD,
    language: Literal["en", "fr"] = Query("en", description="Language of the text"),
    database: Database = Depends(get_database),
) -> BriefOut:
    """The brief of a month or a year, as Markdown."""
    from detente.warning.brief import to_markdown

    with database.session() as session:
        try:
            brief = make_brief(get_settings(request), session, period)
        except DataValidationError as e:  # a well-formed period outside the data or in the future
            raise NotFoundError(str(e)) from e
    names = None if language == "en" else (lambda gwno: _country_in(language, gwno))
    return BriefOut(
        period=brief.period,
        data_year=brief.data_year,
        markdown=to_markdown(brief, language, name_of=names),
    )


router.include_router(api)
