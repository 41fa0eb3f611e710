"""How alerts, criteria and their inputs read on the pages: labels, numbers, reasons.

Shared by the alert pages (:mod:`.alerts`), the action registry (:mod:`.alerts_registry`) and
the JSON API (:mod:`.alerts_api`), so an alert says the same thing wherever it is shown. Words
are marked for the ``alerts`` catalogue (a route module ``alerts_*`` shares it).
"""

from __future__ import annotations

from typing import Any

from babel.numbers import get_decimal_symbol
from fastapi import Request
from markupsafe import Markup

from detente.countries import get_state
from detente.errors import UnknownCountryError
from detente.numbers import number, percent
from detente.sources.acd import CONFLICT_URL
from detente.sources.pax import AGREEMENT_URL
from detente.warning.alerts import (
    Alert,
)
from detente.web.i18n import N_, colon, gettext, request_language, translations
from detente.web.names import country_name, country_slug

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
DEATH_INPUTS = frozenset(
    {
        "neighbour_deaths",
        "subregion_deaths",
        "deaths",
        "recent",
        "forecast_mean",
        "recent_level",
        "at_least",
        "worst_recent",
        "min_increase",
        "interval_90",
    }
)
"""Inputs that are numbers of deaths: written whole (944, not 943.60), as the reason's sentence
above them writes them; a reader counts deaths, and a mean's decimals are noise to them."""
RANGE_INPUTS = frozenset({"interval_90"})
"""Inputs that are (low, high) pairs: written as a range (0–437, not "0, 437")."""
TEXT_INPUTS = frozenset({"subregion", "pax_coverage"})
"""Inputs whose value is English text from a fixed list, translated on the page."""
INPUT_TEXTS = (N_("PA-X agreements 1990-2020"),)  # the value of ``pax_coverage``


def input_text(
    value: object, language: str = "en", key: str | None = None, *, chance: bool = False
) -> str | list[str]:
    """A criterion input as a visitor reads it: numbers as the language writes them, lists
    joined, agreements as "date: name (PA-X id, linked) — organisations" lines, yes/no for
    flags (never Python's repr).

    ``key`` is the input's name: states (:data:`STATE_INPUTS`) are named, codes and years
    (:data:`CODE_INPUTS`) are not grouped, deaths (:data:`DEATH_INPUTS`) are whole, chances
    (:data:`PROBABILITY_INPUTS`) are percentages and other numbers (scores, weights) have two
    decimals when they have any; subregion names and fixed notes (:data:`TEXT_INPUTS`) are
    translated. A rule's ``threshold`` is of the kind of its score: ``chance`` says it is one.
    """
    if isinstance(value, bool):
        return "yes" if value else "no"
    if chance and key == "threshold" and isinstance(value, int | float):
        return percent(value, language)
    if isinstance(value, int) and key in STATE_INPUTS:
        return _state_link(value, language)
    if isinstance(value, int) and key in CODE_INPUTS:
        return str(value)
    if isinstance(value, int | float) and key in PROBABILITY_INPUTS:
        return percent(value, language)
    if isinstance(value, int | float) and key in DEATH_INPUTS:
        return number(value, language, 0)
    if isinstance(value, int | float):
        return number(value, language, 0 if float(value).is_integer() else 2)
    if key in RANGE_INPUTS and isinstance(value, list | tuple) and len(value) == 2:
        low, high = (input_text(v, language, key) for v in value)
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
        if key in DEATH_INPUTS:  # deaths by period: "2021: 209, 2022: 0"
            return ", ".join(
                f"{k}{colon(language)}{input_text(v, language, key)}" for k, v in value.items()
            )
        return ", ".join(_part_text(k, v, language) for k, v in value.items())
    if isinstance(value, list | tuple):
        if not value:
            return "none"
        if key in STATE_INPUTS and all(isinstance(item, int) for item in value):
            return Markup(", ").join(_state_link(item, language) for item in value)
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


def _state_link(gwno: int, language: str) -> str:
    """A state's name in ``language`` linked to its country page, e.g. "Turquie".

    No code beside the name: next to "25 or more deaths", "Chad (483)" read as 483 deaths.
    An unknown code is all there is to show, so it is shown alone.
    """
    try:
        state = get_state(gwno)
    except UnknownCountryError:
        return str(gwno)
    return Markup('<a href="/countries/{}">{}</a>').format(
        country_slug(state), country_name(state, language)
    )


def template_labels() -> dict[str, Any]:
    return {
        "input_text": input_text,
        "rule_labels": RULE_LABELS,
        "status_labels": STATUS_LABELS,
        "criterion_labels": CRITERION_LABELS,
        "input_labels": INPUT_LABELS,
        "kind_labels": KIND_LABELS,
        "track_labels": TRACK_LABELS,
    }


def country_and_slug(request: Request, gwno: int) -> tuple[str, str]:
    """(display name, URL slug) of a state, falling back to the number."""
    try:
        state = get_state(gwno)
    except UnknownCountryError:
        return str(gwno), str(gwno)
    return country_in(request_language(request), gwno), country_slug(state)


def country_in(language: str, gwno: int) -> str:
    """A state's name in ``language`` (the reference name for unknown codes)."""
    try:
        return country_name(get_state(gwno), language)
    except UnknownCountryError:
        return str(gwno)


def analogue_name(language: str, analogue: Any) -> str:
    """A past situation's country in ``language`` (an :class:`Analogue` or its stored dict);
    its stored reference name when the code is not a known state."""
    stored = analogue if isinstance(analogue, dict) else vars(analogue)
    try:
        return country_name(get_state(int(stored["gwno"])), language)
    except (KeyError, TypeError, ValueError, UnknownCountryError):
        return str(stored.get("country", ""))


def template_names(request: Request) -> dict[str, Any]:
    """Country names in the page's language for templates: by code and for analogues."""
    language = request_language(request)
    return {
        "name_of": lambda g: country_and_slug(request, g)[0],
        "analogue_name": lambda a: analogue_name(language, a),
    }


def local_number(request: Request, value: float, digits: int = 0) -> str:
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
                deaths=local_number(request, inputs["deaths"]),
                period=alert.period,
                p=local_number(request, 100 * inputs["p_over"]),
                threshold=local_number(request, 100 * inputs["threshold"]),
                n=len(inputs["recent"]),
            )
        if alert.rule == "escalation":
            sentence = gettext(
                request,
                "forecast mean %(mean)s deaths in %(period)s, %(ratio)s times the recent level"
                " %(level)s",
                mean=local_number(request, inputs["forecast_mean"]),
                period=alert.period,
                ratio=local_number(request, inputs["forecast_mean"] / inputs["recent_level"], 1),
                level=local_number(request, inputs["recent_level"]),
            )
            if "p_escalation" not in inputs:  # raised before escalation was scored by a chance
                return sentence
            return sentence + gettext(
                request,
                "; chance of %(at_least)s or more: %(p)s",
                at_least=local_number(request, inputs["at_least"]),
                p=percent(inputs["p_escalation"], request_language(request)),
            )
        if alert.rule == "surge":
            return gettext(
                request,
                "P(%(at_least)s or more deaths in %(period)s) = %(p)s%%, at or above"
                " %(threshold)s%%: %(deaths)s or more and over %(factor)s times the worst of the"
                " last %(n)s periods (%(worst)s)",
                at_least=local_number(request, inputs["at_least"]),
                period=alert.period,
                p=local_number(request, 100 * inputs["p_event"]),
                threshold=local_number(request, 100 * inputs["threshold"]),
                deaths=local_number(request, inputs["deaths"]),
                factor=local_number(request, inputs["factor"], 1),
                n=len(inputs["recent"]),
                worst=local_number(request, inputs["worst_recent"]),
            )
        if alert.rule.startswith("criterion:"):
            label = CRITERION_LABELS[inputs["criterion"]]
            return gettext(
                request,
                "%(criterion)s rose to %(score)s in %(year)s (from %(previous)s), crossing"
                " %(threshold)s",
                criterion=gettext(request, label),
                score=local_number(request, inputs["score"], 2),
                year=inputs["cutoff"],
                previous=local_number(request, inputs["previous"], 2),
                threshold=local_number(request, inputs["threshold"], 2),
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


def alert_rows(request: Request, found: list[Alert]) -> list[dict[str, Any]]:
    rows = []
    for alert in found:
        name, slug = country_and_slug(request, alert.gwno)
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
