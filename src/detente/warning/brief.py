"""The monthly brief: plain-language text generated from the data with fixed templates.

The report asks for "regular flows of information" in "simple language". The brief says, with
numbers, where organized violence rose and fell most in the latest year of data, which alerts
were raised in the period and how many are still open. Every sentence comes from a template
filled with data (no language model), so the same data always gives the same text and each
number can be traced to the UCDP release or the alert it came from.

Periods: ``YYYY-MM`` (a monthly brief) or ``YYYY``. The violence figures are country-year data,
so a monthly brief reports the latest complete year before that month; alerts are those
created during the period, and the open ones those raised by its end and not closed by then
(from the alerts' lifecycle events), so a brief of 1995 or 2023 does not count today's alerts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd
from babel import Locale
from markupsafe import Markup, escape
from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from detente.caching import single_flight_cache
from detente.errors import DataValidationError, UnknownCountryError
from detente.numbers import number, percent
from detente.settings import Settings
from detente.warning.alerts import ALERT_ORDER, Alert, _view
from detente.warning.criteria import load_sources
from detente.warning.models import AlertEvent, AlertRow
from detente.warning.outlook import NEW_RISK_FLOOR, Outlook, OutlookRow, make_outlook

PERIOD_RE = re.compile(r"^(?P<year>\d{4})(-(?P<month>0[1-9]|1[0-2]))?$")
MIN_DEATHS = 25
"""A change is reported only where one of the two years had at least this many deaths."""
RULE_TEXT = {
    "onset": "risk of a new conflict",
    "escalation": "risk of escalation",
    "surge": "risk of a surge in deaths",
    "criterion:regional": "regional destabilisation criterion crossed its threshold",
    "criterion:intervention": "threat of intervention criterion crossed its threshold",
    "criterion:organisations": "regional organisations criterion crossed its threshold",
    "criterion:mediation": "mediation criterion crossed its threshold",
}


@dataclass(frozen=True)
class Change:
    """Deaths in organized violence (state-based + non-state + one-sided) in two years."""

    gwno: int
    iso3: str | None
    country: str
    before: float
    after: float

    @property
    def delta(self) -> float:
        """After minus before."""
        return self.after - self.before


@dataclass(frozen=True)
class Brief:
    """Everything the brief says, before it is written as Markdown or HTML."""

    period: str
    data_year: int
    generated_at: dt.datetime
    world_before: float
    world_after: float
    conflicts_before: int
    conflicts_after: int
    deteriorations: tuple[Change, ...]
    improvements: tuple[Change, ...]
    new_alerts: tuple[Alert, ...]
    open_alerts: int
    previous: str | None = None
    """The period before this one, when the data reach back to it (for "previous brief")."""
    outlook: Outlook | None = None
    """What the forecast from the same data expects next year (``None``: no such forecast)."""

    @property
    def title(self) -> str:
        """'Détente brief, <period>'."""
        return f"Détente brief, {self.period}"


def parse_period(period: str) -> tuple[int, int | None]:
    """(year, month or ``None``) of a ``YYYY-MM`` or ``YYYY`` period.

    Only the form is checked (``DataValidationError`` if malformed), so callers can tell a
    malformed period (a bad request) from a well-formed one that has no brief (not found).
    """
    match = PERIOD_RE.match(period)
    if not match:
        raise DataValidationError(
            "brief", None, "period", f"'{period}' is not YYYY-MM or YYYY (e.g. 2026-11)"
        )
    return int(match["year"]), int(match["month"]) if match["month"] else None


def period_bounds(period: str) -> tuple[dt.datetime, dt.datetime]:
    """[start, end) of a ``YYYY`` or ``YYYY-MM`` period in UTC; ``DataValidationError`` if bad."""
    year, month = parse_period(period)
    if not 1900 <= year <= dt.date.today().year:
        raise DataValidationError(
            "brief", None, "period", f"'{period}' is outside 1900-{dt.date.today().year}"
        )
    if month is not None:
        start = dt.datetime(year, month, 1, tzinfo=dt.UTC)
        end = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=dt.UTC)
    else:
        start = dt.datetime(year, 1, 1, tzinfo=dt.UTC)
        end = dt.datetime(year + 1, 1, 1, tzinfo=dt.UTC)
    if start > dt.datetime.now(dt.UTC):
        raise DataValidationError("brief", None, "period", f"'{period}' is in the future")
    return start, end


def _previous_period(start: dt.datetime, is_month: bool) -> str:
    return f"{start - dt.timedelta(days=1):%Y-%m}" if is_month else str(start.year - 1)


def latest_period(today: dt.date | None = None) -> str:
    """The current month as ``YYYY-MM`` (the brief the home page shows)."""
    day = today or dt.date.today()
    return f"{day.year:04d}-{day.month:02d}"


def brief_range(
    first_data_year: int, today: dt.date | None = None
) -> tuple[tuple[str, str], tuple[str, str]]:
    """The first and last yearly briefs (``YYYY``) and monthly ones (``YYYY-MM``).

    A brief compares a year of data with the year before, so yearly briefs start the year
    after the panel's first year and monthly ones in January of the year after that; both
    end with today's year and month (:func:`latest_period`).
    """
    day = today or dt.date.today()
    return (
        (str(first_data_year + 1), str(day.year)),
        (f"{first_data_year + 2}-01", latest_period(day)),
    )


def make_brief(
    settings: Settings,
    session: Session,
    period: str,
    limit: int = 5,
    panel: pd.DataFrame | None = None,
) -> Brief:
    """The brief for ``period`` from the panel and the alerts table.

    Raises ``DataValidationError`` for a malformed period or one outside the briefs there are
    (:func:`brief_range`), naming that range.
    """
    _, month = parse_period(period)
    panel_given = panel is not None
    panel = panel if panel is not None else load_sources(settings).panel  # cached per store
    first, last = int(panel["year"].min()), int(panel["year"].max())
    yearly, monthly = brief_range(first)
    low, high = yearly if month is None else monthly
    if not low <= period <= high:  # YYYY and YYYY-MM compare as text
        raise DataValidationError(
            "brief",
            None,
            "period",
            f"'{period}' is outside the briefs there are: a brief compares a year of data with "
            f"the year before, so yearly briefs start in {yearly[0]} and monthly ones in "
            f"{monthly[0]}; the latest are {yearly[1]} and {monthly[1]}",
        )
    start, end = period_bounds(period)
    is_month = len(period) == 7
    data_year = min(last, start.year - 1 if is_month else start.year)
    if data_year <= first:
        raise DataValidationError(
            "brief",
            None,
            "period",
            f"'{period}' is before the first brief: a brief compares a year of data with the "
            f"year before, so yearly briefs start in {first + 1} and monthly ones in "
            f"{first + 2}-01",
        )
    before = _previous_period(start, is_month)
    previous = None if (int(before[:4]) - 1 if is_month else int(before)) <= first else before
    if panel_given:
        data = _data_part(panel, data_year, limit)
    else:
        path = settings.analytics_path
        data = _cached_data_part(path, path.stat().st_mtime, settings, data_year, limit)
    world_before, world_after, conflicts_before, conflicts_after, worse, better = data
    rows = session.scalars(
        select(AlertRow)
        .where(AlertRow.created_at >= start, AlertRow.created_at < end)
        .order_by(*ALERT_ORDER)  # as the alerts page ranks them: a chance before an index
    )
    raised = [_view(r) for r in rows]
    then = status_at(session, [a.id for a in raised], end)
    new_alerts = tuple(replace(a, status=then.get(a.id, a.status)) for a in raised)
    open_count = open_at(session, end)
    return Brief(
        period=period,
        data_year=data_year,
        generated_at=dt.datetime.now(dt.UTC),
        world_before=world_before,
        world_after=world_after,
        conflicts_before=conflicts_before,
        conflicts_after=conflicts_after,
        deteriorations=worse,
        improvements=better,
        new_alerts=new_alerts,
        open_alerts=open_count,
        previous=previous,
        outlook=make_outlook(settings, data_year, panel=panel if panel_given else None),
    )


def open_at(session: Session, moment: dt.datetime) -> int:
    """How many alerts were open at ``moment``: raised before it and not closed before it.

    Read from the lifecycle events (closing is final, so one "closed" event settles it), not
    from the alerts' status now: a brief of a past period must not count alerts raised or
    still open today. An alert closed without an event (written by hand) counts as closed
    when it was last changed.
    """
    closed = select(AlertEvent.id).where(
        AlertEvent.alert_id == AlertRow.id, AlertEvent.to_status == "closed"
    )
    closed_by_then = or_(
        closed.where(AlertEvent.at < moment).exists(),
        and_(AlertRow.status == "closed", AlertRow.updated_at < moment, ~closed.exists()),
    )
    query = select(func.count(AlertRow.id)).where(AlertRow.created_at < moment, ~closed_by_then)
    return int(session.scalar(query) or 0)


def status_at(session: Session, alert_ids: list[int], moment: dt.datetime) -> dict[int, str]:
    """Each alert's status at ``moment``: the last lifecycle event before it, or ``new`` when
    its events all came later.

    A brief is read after its period: an alert raised in March and closed in June is "new" in
    the March brief, not "closed". Alerts without any event (written by hand) are left out, so
    their status now stands.
    """
    if not alert_ids:
        return {}
    events = session.execute(
        select(AlertEvent.alert_id, AlertEvent.to_status, AlertEvent.at)
        .where(AlertEvent.alert_id.in_(alert_ids))
        .order_by(AlertEvent.at, AlertEvent.id)
    )
    status: dict[int, str] = {}
    for alert_id, to_status, at in events:
        if _aware(at) < moment:
            status[alert_id] = to_status
        else:
            status.setdefault(alert_id, "new")
    return status


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back (stored in UTC): compare them as UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


_DataPart = tuple[float, float, int, int, tuple[Change, ...], tuple[Change, ...]]


@single_flight_cache(maxsize=16)
def _cached_data_part(
    path: Path, mtime: float, settings: Settings, data_year: int, limit: int
) -> _DataPart:
    """The data half of a brief, once per store version (the home page shows it on every hit)."""
    return _data_part(load_sources(settings).panel, data_year, limit)


def _data_part(panel: pd.DataFrame, data_year: int, limit: int) -> _DataPart:
    """World totals and the largest rises and falls between ``data_year - 1`` and it."""
    columns = ["gwno", "iso3", "country", "sb_best", "total"]
    total = panel.assign(total=panel["sb_best"] + panel["ns_best"] + panel["os_best"])
    now = total.loc[total["year"] == data_year, columns]
    before = total.loc[total["year"] == data_year - 1, columns]
    both = now.merge(before, on="gwno", how="outer", suffixes=("", "_before"))
    both["after"] = both["total"].fillna(0.0)
    both["before"] = both["total_before"].fillna(0.0)
    both["iso3"] = both["iso3"].fillna(both["iso3_before"])
    both["country"] = both["country"].fillna(both["country_before"])
    both["delta"] = both["after"] - both["before"]
    moved = both[(both[["after", "before"]].max(axis=1) >= MIN_DEATHS) & (both["delta"] != 0)]
    changes = [
        Change(
            gwno=int(gwno),
            iso3=iso3 if isinstance(iso3, str) else None,
            country=str(country),
            before=float(b),
            after=float(a),
        )
        for gwno, iso3, country, b, a in zip(
            moved["gwno"],
            moved["iso3"],
            moved["country"],
            moved["before"],
            moved["after"],
            strict=True,
        )
    ]
    worse = sorted((c for c in changes if c.delta > 0), key=lambda c: (-c.delta, c.gwno))
    better = sorted((c for c in changes if c.delta < 0), key=lambda c: (c.delta, c.gwno))
    return (
        float(before["total"].sum()),
        float(now["total"].sum()),
        int((before["sb_best"] >= MIN_DEATHS).sum()),
        int((now["sb_best"] >= MIN_DEATHS).sum()),
        tuple(worse[:limit]),
        tuple(better[:limit]),
    )


NameOf = Callable[[int], str]
LANGUAGES = ("en", "fr")
TEXT: dict[str, dict[str, str]] = {
    "en": {
        "title": "Détente brief, {period}",
        "lead": (
            "In {year}, deaths in organized violence worldwide {direction} from {before} to"
            " {after}; {conflicts} states had a state-based conflict with 25 or more deaths"
            " ({conflicts_before} in {year_before}). {alerts} in {period}; {open} in all."
        ),
        "rose": "rose",
        "fell": "fell",
        "alerts_one": "{n} new alert",
        "alerts_other": "{n} new alerts",
        "open_one": "{n} open",
        "open_other": "{n} open",
        "change": "{country}: deaths {verb} from {before} in {year_before} to {after} in {year}"
        " ({delta}).",
        "alert_head": "{country}, {period}: ",
        "alert_sep": "; ",
        "alert": "{reason} ({measure}, {status})",
        "score": "score {score}",
        "chance": "chance {chance}",
        "see": "See {links}.",
        "deteriorations": "Deteriorations ({year})",
        "improvements": "Improvements ({year})",
        "new_alerts": "New alerts ({period})",
        "none": "None.",
        "outlook": "Outlook for {year}",
        "likely": (
            "The forecast from data up to {cutoff} (model {model}) gives {states} a chance of"
            " 50% or more of 25 or more state-based deaths in {year}; {now} had them in {cutoff}."
        ),
        "states_one": "{n} state",
        "states_other": "{n} states",
        "new_risks": (
            "Highest chances of a new conflict, among states with fewer than 25 state-based"
            " deaths in each year {first}–{cutoff}:"
        ),
        "new_risk": "{country}: {chance} chance of 25 or more deaths (median {median}).",
        "no_new_risk": "None above {floor}.",
        "largest": "Most state-based deaths expected:",
        "large": "{country}: median {median} (90% interval {low}–{high}).",
        "footer": (
            "Generated from data with fixed templates (no language model). Deaths: UCDP"
            " country-year dataset on organized violence, best estimates (state-based, non-state,"
            " one-sided). Alerts: Détente alert rules on the latest forecast."
        ),
        "footer_outlook": (
            "Outlook: the Détente forecast made from the same data (simulated outcomes per state)."
        ),
    },
    "fr": {
        "title": "Bulletin Détente, {period}",
        "lead": (
            "En {year}, les morts dues à la violence organisée dans le monde {direction} de"
            " {before} à {after} ; {conflicts} États ont connu un conflit étatique d'au moins"
            " 25 morts ({conflicts_before} en {year_before}). {alerts} en {period} ; {open} au"
            " total."
        ),
        "rose": "sont passées",
        "fell": "sont passées",
        "alerts_one": "{n} nouvelle alerte",
        "alerts_other": "{n} nouvelles alertes",
        "open_one": "{n} ouverte",
        "open_other": "{n} ouvertes",
        "change": "{country} : les morts {verb} de {before} en {year_before} à {after} en"
        " {year} ({delta}).",
        "alert_head": "{country}, {period} : ",
        "alert_sep": " ; ",
        "alert": "{reason} ({measure}, {status})",
        "score": "score {score}",
        "chance": "probabilité {chance}",
        "see": "Voir {links}.",
        "deteriorations": "Dégradations ({year})",
        "improvements": "Améliorations ({year})",
        "new_alerts": "Nouvelles alertes ({period})",
        "none": "Aucune.",
        "outlook": "Perspectives pour {year}",
        "likely": (
            "La prévision à partir des données jusqu'à {cutoff} (modèle {model}) donne à {states}"
            " une probabilité d'au moins 50\u00a0% de 25 morts ou plus dans un conflit impliquant"
            " un État en {year} ; {now} en ont connu en {cutoff}."
        ),
        "states_one": "{n} État",
        "states_other": "{n} États",
        "new_risks": (
            "Plus fortes probabilités d'un nouveau conflit, parmi les États qui ont eu moins de"
            " 25 morts dans un conflit impliquant un État chaque année de {first} à {cutoff} :"
        ),
        "new_risk": "{country} : probabilité de {chance} de 25 morts ou plus (médiane {median}).",
        "no_new_risk": "Aucune au-dessus de {floor}.",
        "largest": "Plus grands nombres de morts attendus (conflits impliquant un État) :",
        "large": "{country} : médiane {median} (intervalle à 90\u00a0% {low}–{high}).",
        "footer": (
            "Généré à partir des données avec des modèles de texte fixes (sans modèle de"
            " langage). Morts : jeu de données pays-année de l'UCDP sur la violence organisée,"
            " meilleures estimations (étatique, non étatique, unilatérale). Alertes : règles"
            " d'alerte de Détente appliquées à la dernière prévision."
        ),
        "footer_outlook": (
            "Perspectives : la prévision de Détente faite à partir des mêmes données (issues"
            " simulées par État)."
        ),
    },
}
"""Every sentence of the brief, per language (the same data fills each)."""
RULE_TEXT_FR = {
    "onset": "risque d'un nouveau conflit",
    "escalation": "risque d'escalade",
    "surge": "risque d'une forte hausse des morts",
    "criterion:regional": "le critère de déstabilisation régionale a franchi son seuil",
    "criterion:intervention": "le critère de menace d'intervention a franchi son seuil",
    "criterion:organisations": "le critère des organisations régionales a franchi son seuil",
    "criterion:mediation": "le critère de médiation a franchi son seuil",
}
STATUS_TEXT = {
    "en": {
        "new": "new",
        "acknowledged": "acknowledged",
        "team_requested": "team requested",
        "closed": "closed",
    },
    "fr": {
        "new": "nouvelle",
        "acknowledged": "prise en compte",
        "team_requested": "équipe demandée",
        "closed": "close",
    },
}


def _check_language(language: str) -> dict[str, str]:
    if language not in TEXT:
        raise DataValidationError(
            "brief", None, "language", f"'{language}' is not one of {list(LANGUAGES)}"
        )
    return TEXT[language]


def _n(value: float, language: str = "en") -> str:
    return number(value, language)


def _reference_name(gwno: int) -> str:
    from detente.countries import get_state

    try:
        return get_state(gwno).name
    except UnknownCountryError:
        return str(gwno)


def _change_sentence(
    c: Change, year: int, language: str, name_of: NameOf | None
) -> tuple[str, str]:
    """(country name, the rest of the sentence after it)."""
    t = TEXT[language]
    sign = "+" if c.delta > 0 else "−"
    country = name_of(c.gwno) if name_of is not None else c.country
    sentence = t["change"].format(
        country=country,
        verb=t["rose"] if c.delta > 0 else t["fell"],
        before=_n(c.before, language),
        after=_n(c.after, language),
        year=year,
        year_before=year - 1,
        delta=f"{sign}{_n(abs(c.delta), language)}",
    )
    return country, sentence[len(country) :]


def alert_groups(alerts: tuple[Alert, ...]) -> list[tuple[Alert, ...]]:
    """Alerts by state and period, each group where its first alert stood: one line per
    state, since several rules often fire on the same forecast (escalation and surge)."""
    groups: dict[tuple[int, str], list[Alert]] = {}
    for a in alerts:
        groups.setdefault((a.gwno, a.period), []).append(a)
    return [tuple(group) for group in groups.values()]


def _alert_head(a: Alert, language: str, name_of: NameOf) -> str:
    return TEXT[language]["alert_head"].format(country=name_of(a.gwno), period=a.period)


def _alert_part(a: Alert, language: str) -> str:
    """One rule that fired: "risk of a surge in deaths (chance 26%, new)"."""
    reason = (RULE_TEXT_FR if language == "fr" else RULE_TEXT).get(a.rule, a.rule)
    text = TEXT[language]
    measure = (
        text["chance"].format(chance=percent(a.score, language))
        if a.score_kind == "probability"
        else text["score"].format(score=number(a.score, language, 2))
    )
    return text["alert"].format(
        reason=reason, measure=measure, status=STATUS_TEXT[language].get(a.status, a.status)
    )


def _plural(text: dict[str, str], key: str, n: int, language: str) -> str:
    """``text[key_one]`` or ``text[key_other]`` by the language's CLDR plural rule (French
    counts 0 as singular: "0 nouvelle alerte"), with ``n`` written in."""
    form = "one" if Locale.parse(language).plural_form(n) == "one" else "other"
    return text[f"{key}_{form}"].format(n=_n(n, language))


def _states_note(b: Brief, language: str) -> str:
    """The count of states after the count of new alerts (" (30 states)"), when a state has
    more than one."""
    states = len(alert_groups(b.new_alerts))
    if states == len(b.new_alerts):
        return ""
    return f" ({_plural(TEXT[language], 'states', states, language)})"


def _lead(b: Brief, language: str) -> str:
    t = TEXT[language]
    n = len(b.new_alerts)
    return t["lead"].format(
        year=b.data_year,
        direction=t["rose"] if b.world_after > b.world_before else t["fell"],
        before=_n(b.world_before, language),
        after=_n(b.world_after, language),
        conflicts=b.conflicts_after,
        conflicts_before=b.conflicts_before,
        year_before=b.data_year - 1,
        alerts=_plural(t, "alerts", n, language) + _states_note(b, language),
        period=b.period,
        open=_plural(t, "open", b.open_alerts, language),
    )


@dataclass(frozen=True)
class _OutlookText:
    """The outlook's sentences in one language; list items as (row, country, rest)."""

    heading: str
    lead: str
    risks_intro: str
    risks: list[tuple[OutlookRow, str, str]]
    no_risk: str
    largest_intro: str
    largest: list[tuple[OutlookRow, str, str]]


def _outlook_text(o: Outlook, b: Brief, language: str, name_of: NameOf | None) -> _OutlookText:
    t = TEXT[language]

    def item(row: OutlookRow, key: str) -> tuple[OutlookRow, str, str]:
        country = name_of(row.gwno) if name_of is not None else row.country
        sentence = t[key].format(
            country=country,
            chance=percent(row.chance, language),
            median=_n(row.median, language),
            low=_n(row.low, language),
            high=_n(row.high, language),
        )
        return row, country, sentence[len(country) :]

    return _OutlookText(
        heading=t["outlook"].format(year=o.year),
        lead=t["likely"].format(
            cutoff=o.cutoff,
            model=o.model,
            states=_plural(t, "states", o.likely, language),
            year=o.year,
            now=_plural(t, "states", b.conflicts_after, language),  # the cutoff is the data year
        ),
        risks_intro=t["new_risks"].format(first=o.calm_since, cutoff=o.cutoff),
        risks=[item(r, "new_risk") for r in o.new_risks],
        no_risk=t["no_new_risk"].format(floor=percent(NEW_RISK_FLOOR, language)),
        largest_intro=t["largest"],
        largest=[item(r, "large") for r in o.largest],
    )


def _footer(b: Brief, language: str) -> str:
    """Where every part's numbers come from (the outlook's only when there is one)."""
    t = TEXT[language]
    return t["footer"] + (f" {t['footer_outlook']}" if b.outlook is not None else "")


def title(b: Brief, language: str = "en") -> str:
    """The brief's title in ``language``."""
    return _check_language(language)["title"].format(period=b.period)


def to_markdown(b: Brief, language: str = "en", name_of: NameOf | None = None) -> str:
    """The brief as Markdown in ``language`` (``en`` or ``fr``).

    ``name_of(gwno)`` gives country names in that language (the web passes CLDR names); the
    default is the reference (English) name.
    """
    t = _check_language(language)
    names = name_of or _reference_name
    year, period = b.data_year, b.period

    def changes(found: tuple[Change, ...]) -> list[str]:
        return [f"- {''.join(_change_sentence(c, year, language, name_of))}" for c in found]

    lines = [f"# {title(b, language)}", "", _lead(b, language), ""]
    lines += [f"## {t['deteriorations'].format(year=year)}", ""]
    lines += changes(b.deteriorations) or [f"- {t['none']}"]
    lines += ["", f"## {t['improvements'].format(year=year)}", ""]
    lines += changes(b.improvements) or [f"- {t['none']}"]
    lines += ["", f"## {t['new_alerts'].format(period=period)}", ""]
    for group in alert_groups(b.new_alerts):
        parts = t["alert_sep"].join(_alert_part(a, language) for a in group)
        links = ", ".join(f"/alerts/{a.id}" for a in group)
        lines.append(
            f"- {_alert_head(group[0], language, names)}{parts}. {t['see'].format(links=links)}"
        )
    if not b.new_alerts:
        lines.append(f"- {t['none']}")
    if b.outlook is not None:
        o = _outlook_text(b.outlook, b, language, name_of)
        lines += ["", f"## {o.heading}", "", o.lead, "", o.risks_intro, ""]
        lines += [f"- {country}{rest}" for _, country, rest in o.risks] or [f"- {o.no_risk}"]
        lines += ["", o.largest_intro, ""]
        lines += [f"- {country}{rest}" for _, country, rest in o.largest]
    lines += ["", f"_{_footer(b, language)}_", ""]
    return "\n".join(lines)


def to_html(b: Brief, language: str = "en", name_of: NameOf | None = None) -> Markup:
    """The brief as an HTML fragment (headings, lists, links), every value escaped."""
    t = _check_language(language)
    names = name_of or _reference_name

    def items(sentences: list[Markup]) -> Markup:
        if not sentences:
            return Markup("<ul><li>{}</li></ul>").format(t["none"])
        return (
            Markup("<ul>")
            + Markup("").join(Markup("<li>{}</li>").format(s) for s in sentences)
            + Markup("</ul>")
        )

    def change(c: Change) -> Markup:
        country, rest = _change_sentence(c, b.data_year, language, name_of)
        if c.iso3:
            return Markup('<a href="/countries/{}">{}</a>{}').format(c.iso3, country, rest)
        return Markup("{}{}").format(country, rest)

    def alerts(group: tuple[Alert, ...]) -> Markup:
        parts = Markup(t["alert_sep"]).join(
            Markup('<a href="/alerts/{}">{}</a>').format(a.id, _alert_part(a, language))
            for a in group
        )
        return Markup("{}{}.").format(_alert_head(group[0], language, names), parts)

    parts = [
        Markup("<p>{}</p>").format(_lead(b, language)),
        Markup("<h2>{}</h2>").format(t["deteriorations"].format(year=b.data_year)),
        items([change(c) for c in b.deteriorations]),
        Markup("<h2>{}</h2>").format(t["improvements"].format(year=b.data_year)),
        items([change(c) for c in b.improvements]),
        Markup("<h2>{}</h2>").format(t["new_alerts"].format(period=b.period)),
        items([alerts(group) for group in alert_groups(b.new_alerts)]),
    ]
    if b.outlook is not None:
        o = _outlook_text(b.outlook, b, language, name_of)

        def linked(row: OutlookRow, country: str, rest: str) -> Markup:
            if row.iso3:
                return Markup('<a href="/countries/{}">{}</a>{}').format(row.iso3, country, rest)
            return Markup("{}{}").format(country, rest)

        parts += [
            Markup("<h2>{}</h2>").format(o.heading),
            Markup("<p>{}</p>").format(o.lead),
            Markup("<p>{}</p>").format(o.risks_intro),
            items([linked(*r) for r in o.risks])
            if o.risks
            else Markup("<ul><li>{}</li></ul>").format(o.no_risk),
            Markup("<p>{}</p>").format(o.largest_intro),
            items([linked(*r) for r in o.largest]),
        ]
    parts.append(Markup('<p class="muted"><em>{}</em></p>').format(_footer(b, language)))
    return Markup("\n").join(parts)


def to_html_document(b: Brief, language: str = "en", name_of: NameOf | None = None) -> str:
    """A standalone HTML page of the brief (``detente brief --format html``)."""
    heading = escape(title(b, language))
    return (
        f'<!doctype html>\n<html lang="{escape(language)}"><head><meta charset="utf-8">'
        f"<title>{heading}</title></head><body>\n<h1>{heading}</h1>\n"
        f"{to_html(b, language, name_of)}\n</body></html>\n"
    )
