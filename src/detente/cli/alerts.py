"""CLI of the warning domain's alerts, criteria, analogues, brief and action registry.

``detente alerts list|show|ack|request-team|close|run|backtest``, ``detente criteria show``,
``detente analogues``, ``detente brief`` and ``detente actions add|add-mediation|list``. Each
command parses, calls one core function of ``detente.warning`` and renders.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from detente.cli.context import actor, check_out_file, check_out_folder, database, settings
from detente.countries import gwno_to_iso3, resolve
from detente.errors import DataValidationError, NotFoundError
from detente.numbers import counted

alerts = typer.Typer(no_args_is_help=True, help="Alerts of the pre-alert system.")
criteria = typer.Typer(no_args_is_help=True, help="The four recognised criteria.")
actions = typer.Typer(
    no_args_is_help=True, help="Registry of regional-organisation actions and mediation."
)


def _echo_json(value: Any) -> None:
    typer.echo(json.dumps(value, indent=2, ensure_ascii=False, default=str))


def _date(value: str, field: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as e:
        raise DataValidationError(
            "command line", None, field, f"'{value}' is not a date (YYYY-MM-DD)"
        ) from e


def _latest_year() -> int:
    from detente.warning.criteria import load_sources

    return load_sources(settings()).last_year


# --------------------------------------------------------------------------- alerts


@alerts.command("list")
def list_(
    status: str | None = typer.Option(None, help="new, acknowledged, team_requested or closed."),
    rule: str | None = typer.Option(
        None, help="onset, escalation, surge or criterion:regional|intervention|..."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List alerts: newest period first, forecast alerts by chance, then criterion alerts."""
    from detente.warning.alerts import list_alerts

    with database().session() as session:
        found = list_alerts(session, status, rule=rule)
    if as_json:
        _echo_json([{k: v for k, v in a.as_dict().items() if k != "explanation"} for a in found])
        return
    table = Table("id", "country", "period", "rule", "chance or score", "status", "reason")
    for a in found:
        table.add_row(
            str(a.id),
            a.iso3 or str(a.gwno),
            a.period,
            a.rule,
            a.strength,
            a.status,
            a.summary,
        )
    Console(width=160).print(table)
    if not found and (status or rule):
        typer.echo("no alert matches this filter")
    elif not found:
        typer.echo("no alerts; run 'detente alerts run' once a forecast exists")


@alerts.command("show")
def show(
    alert_id: int = typer.Argument(..., help="Alert id."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (with the explanation)."),
) -> None:
    """Show one alert with its explanation and lifecycle."""
    from detente.warning.alerts import alert_events, get_alert, list_alerts
    from detente.warning.features import FEATURE_LABELS

    with database().session() as session:
        alert = get_alert(session, alert_id)
        events = alert_events(session, alert_id)
        siblings = [
            a
            for a in list_alerts(session, gwno=alert.gwno)
            if a.period == alert.period and a.id != alert.id
        ]
    if as_json:
        _echo_json({**alert.as_dict(), "events": [e.__dict__ for e in events]})
        return
    typer.echo(f"alert {alert.id}: {alert.iso3 or alert.gwno} {alert.period} {alert.rule}")
    typer.echo(f"status {alert.status}, {alert.strength}")
    typer.echo(f"why: {alert.summary}")
    if siblings:
        also = ", ".join(f"{a.id} {a.rule} ({a.strength}, {a.status})" for a in siblings)
        typer.echo(f"also raised for this state and period: {also}")
    explanation = alert.explanation
    rule_inputs = (explanation.get("rule") or {}).get("inputs") or {}
    if rule_inputs:
        typer.echo("rule inputs: " + "; ".join(f"{k} {_plain(v)}" for k, v in rule_inputs.items()))
    criteria = explanation.get("criteria", {}).get("criteria", [])
    if criteria:
        typer.echo("criteria (0-1):")
    for item in criteria:
        typer.echo(f"  {item['score']:.2f}  {item.get('title') or item['key']}")
    contributions = explanation.get("contributions") or []
    if contributions:
        typer.echo("model drivers (log-odds of any state-based death, largest first):")
    for name, value in contributions[:5]:
        label = FEATURE_LABELS.get(name)
        typer.echo(f"  {value:+.3f}  {label} ({name})" if label else f"  {value:+.3f}  {name}")
    analogues = explanation.get("analogues", {})
    if isinstance(analogues, dict) and "summary" in analogues:
        typer.echo(f"past crises: {analogues['summary']}")
        for a in analogues.get("analogues", []):
            typer.echo(f"  {_analogue_line(a)}")
    typer.echo("history:")
    for e in events:
        note = f" ({e.note})" if e.note and e.note != alert.summary else ""
        typer.echo(
            f"  {e.at:%Y-%m-%d %H:%M} {e.actor}: {e.from_status or '-'} -> {e.to_status}{note}"
        )


def _plain(value: object) -> str:
    """A rule input on one line: numbers without trailing zeros, lists joined."""
    if isinstance(value, float):
        return f"{value:,.4g}" if abs(value) < 1 else f"{value:,.0f}"
    if isinstance(value, list | tuple):
        return "-".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {_plain(v)}" for k, v in value.items())
    return str(value)


def _analogue_line(analogue: dict[str, Any]) -> str:
    """One past situation: deaths in the five years up to it, the next three, agreements."""
    before = " ".join(f"{v:,.0f}" for v in analogue.get("pattern", []))
    after = " ".join(f"{v:,.0f}" for v in analogue.get("followed", []))
    agreements = len(analogue.get("agreements") or [])
    talks = f"; {counted(agreements, 'PA-X agreement')}" if agreements else ""
    return f"{analogue['country']} {analogue['year']}: {before} -> {after}{talks}"


def _transition(alert_id: int, to: str, note: str) -> None:
    from detente.warning.alerts import transition

    with database().session() as session:
        alert = transition(session, alert_id, to, actor=actor(), note=note)
    typer.echo(f"alert {alert.id} is now {alert.status}")


@alerts.command("ack")
def ack(
    alert_id: int = typer.Argument(...), note: str = typer.Option("", help="Why, for the log.")
) -> None:
    """Acknowledge a new alert."""
    _transition(alert_id, "acknowledged", note)


@alerts.command("request-team")
def request_team_(
    alert_id: int = typer.Argument(...), note: str = typer.Option("", help="Why, for the log.")
) -> None:
    """Ask the crisis management unit for a team (acknowledges a new alert first)."""
    _transition(alert_id, "team_requested", note)


@alerts.command("close")
def close_(
    alert_id: int = typer.Argument(...), note: str = typer.Option("", help="Why, for the log.")
) -> None:
    """Close an alert (resolved, false alarm, handed over)."""
    _transition(alert_id, "closed", note)


@alerts.command("run")
def run(
    forecast: Path | None = typer.Option(
        None, help="A forecast file (contract columns); default: the newest stored one."
    ),
    model: str | None = typer.Option(
        None, help="Fit this model now instead (e.g. analogues, lgbm) at --cutoff."
    ),
    cutoff: int | None = typer.Option(None, help="Cutoff year for --model (default: latest)."),
    analogues: bool = typer.Option(True, help="Add analogues to each explanation."),
) -> None:
    """Run the alert rules on a forecast and store the new alerts (existing ones are kept)."""
    from detente.analytics import load_panel
    from detente.warning.alerts import latest_forecast, read_forecast_file, run_alerts

    current = settings()
    panel = load_panel(current, "cy")
    fitted: Any = None
    model_name: str | None = None
    stored = False  # the newest stored forecast: its feature contributions are stored beside it
    if model is not None:
        from detente.warning.alert_backtest import model_factory

        try:
            factory = model_factory(model)
        except ValueError as e:
            raise DataValidationError("command line", None, "model", str(e)) from e
        from detente.warning.forecast import check_cutoff_in_panel
        from detente.warning.units import CY

        year = int(panel["year"].max()) if cutoff is None else cutoff
        check_cutoff_in_panel(panel, CY, str(year))
        fitted = factory().fit(panel[panel["year"] <= year], str(year))
        frame = fitted.sample(n=1000, seed=0)
        model_name = model
    elif forecast is not None:
        frame, model_name = read_forecast_file(forecast)
    else:
        found = latest_forecast(current, "cy")
        if found is None:
            raise NotFoundError(
                "no stored forecast; run 'detente forecast' or pass --forecast FILE or --model"
            )
        frame, model_name = found
        stored = True
    with database().session() as session:
        result = run_alerts(
            session,
            current,
            frame,
            actor=actor(),
            panel=panel,
            model_name=model_name,
            model=fitted,
            with_analogues=analogues,
            stored=stored,
        )
    typer.echo(
        f"cutoff {result.cutoff}: {len(result.created)} new alerts, {result.existing} already"
        f" recorded (rules: {', '.join(result.rules)})"
    )


@alerts.command("backtest")
def backtest(
    start: int = typer.Option(2010, help="First event year scored."),
    end: int = typer.Option(2023, help="Last event year scored."),
    model: str = typer.Option("analogues", help="Forecaster refitted at every cutoff."),
    draws: int = typer.Option(200, min=10, max=2000, help="Draws per state and horizon."),
    out: Path | None = typer.Option(
        None, help="Folder for alerts_backtest.md/.json (default: DATA_DIR/backtests)."
    ),
) -> None:
    """Precision, recall and lead time of the rules vs a naive 'last year above X' rule."""
    from detente.analytics import load_panel
    from detente.warning.alert_backtest import (
        ALERT_BACKTEST_FILES,
        backtest_alerts,
        write_alert_backtest,
    )
    from detente.warning.alert_rules import load_rules
    from detente.warning.criteria import criteria_frame
    from detente.warning.storage import refuse_folders_among

    if out is not None:
        check_out_folder(out)
    current = settings()
    folder = out or current.data_dir / "backtests"
    refuse_folders_among(folder, ALERT_BACKTEST_FILES)  # now, not after the backtest
    panel = load_panel(current, "cy")
    _check_event_years(start, end, int(panel["year"].min()) + 4, int(panel["year"].max()))
    try:
        with Progress(transient=True) as bar:
            task = bar.add_task("backtest", total=end - start + 1)
            result = backtest_alerts(
                panel,
                load_rules(current),
                model=model,
                first_year=start,
                last_year=end,
                draws=draws,
                criteria=criteria_frame(current),
                progress=lambda _: bar.advance(task),
            )
    except ValueError as e:
        raise DataValidationError("command line", None, "model", str(e)) from e
    write_alert_backtest(result, folder)
    typer.echo(result.to_markdown())
    typer.echo(f"written to {folder}/alerts_backtest.md and .json")


def _check_event_years(start: int, end: int, first: int, last: int) -> None:
    """Refuse --start/--end the alert backtest cannot score, naming the option at fault and
    its value.

    Why: every case used to read "command line, field 'start': years must lie in 1993-2023",
    also for --start after --end (a range inside 1993-2023) and for a bad --end.
    """
    if start > end:
        raise DataValidationError("--start/--end", None, "start", f"{start} is after --end {end}")
    if start < first:
        raise DataValidationError(
            "--start", None, "start", f"{start} is before {first}, the first year it can score"
        )
    if end > last:
        raise DataValidationError(
            "--end", None, "end", f"{end} is after {last}, the last year of the data"
        )


# --------------------------------------------------------------------------- criteria etc.


@criteria.command("show")
def criteria_show(
    country: str = typer.Argument(..., help="ISO3, GW code or name."),
    year: int | None = typer.Option(
        None, min=1946, max=2100, help="Year (default: latest with data)."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The four criteria of a state with their inputs and formulas."""
    from detente.warning.criteria import country_criteria

    state = resolve(country)
    chosen = year or _latest_year()
    with database().session() as session:
        found = country_criteria(settings(), state.gwno, chosen, session)
    if as_json:
        _echo_json(found.as_dict())
        return
    typer.echo(f"{state.name} ({gwno_to_iso3(state.gwno) or state.gwno}), {chosen}")
    for c in found.criteria:
        typer.echo(f"\n{c.title}: {c.score:.2f}")
        typer.echo(f"  formula: {c.formula}")
        for key, value in c.inputs.items():
            typer.echo(f"  {key}: {value}")


def analogues_command(
    country: str = typer.Argument(..., help="ISO3, GW code or name."),
    year: int | None = typer.Option(
        None, min=1946, max=2100, help="Year (default: latest with data)."
    ),
    k: int = typer.Option(5, min=1, max=20, help="How many analogues."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """The k most similar past situations and what followed them."""
    from detente.warning.analogues import find_analogues

    state = resolve(country)
    chosen = year or _latest_year()
    with database().session() as session:
        found = find_analogues(settings(), state.gwno, chosen, k=k, session=session)
    if as_json:
        _echo_json(found.as_dict())
        return
    typer.echo(f"{state.name} {chosen}: deaths {chosen - 4}-{chosen} {list(found.pattern)}")
    table = Table("country", "year", "distance", "deaths before", "next 3 years", "agreements")
    for a in found.analogues:
        table.add_row(
            a.country,
            str(a.year),
            f"{a.distance:.3f}",
            " ".join(f"{v:,.0f}" for v in a.pattern),
            " ".join(f"{v:,.0f}" for v in a.followed),
            str(len(a.agreements)),
        )
    Console(width=140).print(table)
    typer.echo(found.summary)


def brief_command(
    period: str = typer.Option(..., help="YYYY-MM (monthly brief) or YYYY."),
    format_: str = typer.Option("md", "--format", help="md or html."),
    language: str = typer.Option("en", "--language", help="en or fr."),
    out: Path | None = typer.Option(None, help="Write to this file instead of stdout."),
) -> None:
    """The plain-language brief of a period, generated from the data."""
    from detente.countries import get_state
    from detente.warning.brief import make_brief, to_html_document, to_markdown
    from detente.web.names import country_name

    if format_ not in ("md", "html"):
        raise DataValidationError("command line", None, "format", f"'{format_}' is not md or html")
    if language not in ("en", "fr"):
        raise DataValidationError("command line", None, "language", f"'{language}' is not en or fr")
    if out is not None:
        check_out_file(out)
    with database().session() as session:
        brief = make_brief(settings(), session, period)

    def name_of(gwno: int) -> str:
        return country_name(get_state(gwno), language)

    names = None if language == "en" else name_of
    text = (
        to_markdown(brief, language, names)
        if format_ == "md"
        else to_html_document(brief, language, names)
    )
    if out is None:
        typer.echo(text)
    else:
        out.write_text(text, encoding="utf-8")
        typer.echo(f"brief {period} written to {out}")


# --------------------------------------------------------------------------- registry


@actions.command("add")
def actions_add(
    country: str = typer.Argument(..., help="ISO3, GW code or name of the state concerned."),
    org: str = typer.Option(..., help="Organisation acronym (AU, ECOWAS, EU, OSCE, ...)."),
    kind: str = typer.Option(..., help="statement, sanctions, mediation or mission."),
    date: str = typer.Option(..., "--date", help="YYYY-MM-DD."),
    title: str = typer.Option(..., help="What it was."),
    source: str = typer.Option(..., help="Where it is published (URL or reference)."),
) -> None:
    """Record an action of a regional organisation (criterion c)."""
    from detente.warning.actions import add_org_action

    state = resolve(country)
    with database().session() as session:
        view = add_org_action(
            session,
            gwno=state.gwno,
            org=org,
            kind=kind,
            acted_on=_date(date, "date"),
            title=title,
            source=source,
            actor=actor(),
        )
    typer.echo(f"recorded {view.org} {view.kind} #{view.id} for {state.name}")


@actions.command("add-mediation")
def actions_add_mediation(
    country: str = typer.Argument(..., help="ISO3, GW code or name of the state concerned."),
    track: str = typer.Option(..., help="official (track 1) or private (track 2)."),
    mediator: str = typer.Option(..., help="Who mediates."),
    start: str = typer.Option(..., help="YYYY-MM-DD."),
    end: str | None = typer.Option(None, help="YYYY-MM-DD if it ended."),
    title: str = typer.Option(..., help="What it is."),
    source: str = typer.Option(..., help="Where it is published (URL or reference)."),
) -> None:
    """Record a mediation initiative (criterion d)."""
    from detente.warning.actions import add_mediation

    state = resolve(country)
    with database().session() as session:
        view = add_mediation(
            session,
            gwno=state.gwno,
            track=track,
            mediator=mediator,
            started_on=_date(start, "start"),
            ended_on=_date(end, "end") if end else None,
            title=title,
            source=source,
            actor=actor(),
        )
    typer.echo(f"recorded {view.track} mediation #{view.id} for {state.name}")


@actions.command("end-mediation")
def actions_end_mediation(
    mediation_id: int = typer.Argument(..., help="Number of the ongoing initiative."),
    on: str = typer.Option(..., "--on", help="Day it ended, YYYY-MM-DD."),
) -> None:
    """Record the end of an ongoing mediation initiative."""
    from detente.warning.actions import end_mediation

    with database().session() as session:
        view = end_mediation(session, mediation_id, ended_on=_date(on, "on"), actor=actor())
    typer.echo(f"mediation #{view.id} ended on {on}")


@actions.command("withdraw")
def actions_withdraw(
    kind: str = typer.Argument(..., help="action or mediation."),
    record_id: int = typer.Argument(..., help="Number of the record."),
    reason: str = typer.Option(..., help="Why it is withdrawn (kept in the audit log)."),
) -> None:
    """Withdraw a wrong record: the criteria stop counting it, the audit log keeps it."""
    from detente.warning.actions import withdraw_record

    with database().session() as session:
        withdraw_record(session, kind, record_id, reason=reason, actor=actor())
    typer.echo(f"{kind} #{record_id} withdrawn")


@actions.command("list")
def actions_list(
    country: str | None = typer.Argument(None, help="Only this state."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Recorded organisation actions and mediation initiatives."""
    from detente.warning.actions import list_mediation, list_org_actions

    gwno = resolve(country).gwno if country else None
    with database().session() as session:
        found_actions = list_org_actions(session, gwno)
        found_mediation = list_mediation(session, gwno)
    if as_json:
        _echo_json(
            {
                "actions": [a.audit_state() | {"id": a.id} for a in found_actions],
                "mediation": [m.audit_state() | {"id": m.id} for m in found_mediation],
            }
        )
        return
    table = Table("id", "country", "date", "organisation", "kind", "title")
    for a in found_actions:
        table.add_row(
            str(a.id),
            gwno_to_iso3(a.gwno) or str(a.gwno),
            a.acted_on.isoformat(),
            a.org,
            a.kind,
            a.title,
        )
    Console(width=140).print(table)
    table = Table("id", "country", "from", "to", "track", "mediator", "title")
    for m in found_mediation:
        table.add_row(
            str(m.id),
            gwno_to_iso3(m.gwno) or str(m.gwno),
            m.started_on.isoformat(),
            m.ended_on.isoformat() if m.ended_on else "",
            m.track,
            m.mediator,
            m.title,
        )
    Console(width=140).print(table)


def register(app: typer.Typer) -> None:
    """Add ``alerts``, ``criteria``, ``actions`` groups and ``analogues``, ``brief`` commands."""
    app.add_typer(alerts, name="alerts")
    app.add_typer(criteria, name="criteria")
    app.add_typer(actions, name="actions")
    app.command("analogues")(analogues_command)
    app.command("brief")(brief_command)
