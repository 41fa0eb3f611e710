"""``detente alliance`` (initiatives, alignment, groups, texts) and ``detente formats``.

Commands parse their options, call one core function of :mod:`detente.alliance` and render the
result as a table or, with ``--json``, as JSON.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from detente.alliance import consensus, formats, groups, initiatives, voting
from detente.cli.context import actor, check_out_file, database, settings
from detente.countries import resolve
from detente.errors import DataValidationError

alliance = typer.Typer(no_args_is_help=True, help="Alliance: initiatives, alignment, texts.")
texts = typer.Typer(no_args_is_help=True, help="Draft texts, positions and silence procedures.")
formats_app = typer.Typer(no_args_is_help=True, help="Inclusive crisis formats.")
alliance.add_typer(texts, name="text")

JSON = typer.Option(False, "--json", help="Print JSON.")
FIRST_VOTE_YEAR, LAST_VOTE_YEAR = 1946, 2100
"""Bounds of ``--from`` and ``--to``, the same for both and as the web API's: the UN General
Assembly voted first in 1946. A range that misses the loaded votes entirely is refused by
:meth:`detente.alliance.voting.VoteData.columns`."""
FIRST_YEAR = typer.Option(
    None, "--from", min=FIRST_VOTE_YEAR, max=LAST_VOTE_YEAR, help="First year of roll calls."
)
LAST_YEAR = typer.Option(
    None, "--to", min=FIRST_VOTE_YEAR, max=LAST_VOTE_YEAR, help="Last year of roll calls."
)
MAX_SILENCE_HOURS = 24 * 365
"""A silence procedure longer than a year is a typo, and keeps the deadline in range."""


def _json(value: Any) -> str:
    def default(item: Any) -> Any:
        if dataclasses.is_dataclass(item) and not isinstance(item, type):
            return dataclasses.asdict(item)
        if isinstance(item, dt.date | dt.datetime):
            return item.isoformat()
        return str(item)

    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        value = dataclasses.asdict(value)
    if isinstance(value, list):
        value = [dataclasses.asdict(v) if dataclasses.is_dataclass(v) else v for v in value]  # type: ignore[arg-type]
    return json.dumps(value, indent=2, default=default, ensure_ascii=False)


def _gwno(code: str) -> int:
    return resolve(code).gwno


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError as error:
        raise DataValidationError(option, None, option, f"'{value}' is not YYYY-MM-DD") from error


@alliance.command("initiatives")
def initiatives_(as_json: bool = JSON) -> None:
    """List the initiatives with their endorsers (or the published count when only it is public)."""
    with database().session() as session:
        found = initiatives.list_initiatives(session)
    if as_json:
        typer.echo(_json(found))
        return
    table = Table("slug", "title", "states", "organisations", "published count")
    for item in found:
        latest = item.latest_report
        published = f"{latest.count} {latest.unit} ({latest.as_of})" if latest else ""
        states = str(item.states) if item.list_public else "count only, list not public"
        table.add_row(item.slug, item.title, states, str(item.organisations), published)
    Console(width=160).print(table)


@alliance.command("show")
def show(initiative: str = typer.Argument(..., help="Slug or id."), as_json: bool = JSON) -> None:
    """One initiative with its endorsement timeline."""
    with database().session() as session:
        line = initiatives.timeline(session, initiative)
    if as_json:
        typer.echo(_json(line))
        return
    item = line.initiative
    typer.echo(f"{item.title} [{item.slug}] — {item.category}")
    for report in line.reports:
        typer.echo(f"  published: {report.count} {report.unit} on {report.as_of} ({report.source})")
    if not item.list_public:
        typer.echo("  count only, list not public")
        return
    typer.echo(f"  {item.states} states, {item.organisations} organisations")
    for point in line.points:
        typer.echo(f"  {point.day}: {point.states} states, {point.organisations} organisations")
    typer.echo(
        f"  date not known: {line.undated_states} states, {line.undated_organisations} "
        "organisations"
    )


@alliance.command("endorse")
def endorse(
    initiative: str = typer.Argument(..., help="Slug or id."),
    state: str | None = typer.Option(None, help="ISO3, gwno or name of the endorsing state."),
    organisation: str | None = typer.Option(None, help="Name of the endorsing organisation."),
    level: str = typer.Option("endorsed", help="signed, endorsed or supports."),
    on: str | None = typer.Option(None, "--date", help="YYYY-MM-DD, when known."),
    source: str = typer.Option("", help="Where this endorsement is published."),
) -> None:
    """Record an endorsement by a state or an organisation."""
    with database().session() as session:
        done = initiatives.add_endorsement(
            session,
            initiative,
            gwno=_gwno(state) if state else None,
            organisation=organisation,
            level=level,
            endorsed_on=_date(on, "--date"),
            source=source,
            actor=actor(),
            date_field="--date",
        )
    typer.echo(f"{done.iso3 or done.organisation} {done.level} {done.initiative_slug}")


@alliance.command("export")
def export(out: Path = typer.Option(..., help="File to write (.csv or .parquet).")) -> None:
    """Write every endorsement to a CSV or Parquet file."""
    check_out_file(out)
    with database().session() as session:
        rows = initiatives.export_endorsements(session, out)
    typer.echo(f"wrote {rows} endorsements to {out}")


@alliance.command("align")
def align(
    state: str = typer.Option(..., help="ISO3, gwno or name."),
    other: str | None = typer.Option(None, "--with", help="A second state: one pair only."),
    first_year: int | None = FIRST_YEAR,
    last_year: int | None = LAST_YEAR,
    issue: str | None = typer.Option(None, help=f"One of {', '.join(voting.ISSUES)}."),
    top: int = typer.Option(15, min=1, help="How many states to list (most and least aligned)."),
    as_json: bool = JSON,
) -> None:
    """UN General Assembly voting alignment: who votes with whom (agreement and S-score)."""
    data = voting.load_votes(settings())
    gwno = _gwno(state)
    if other is not None:
        pair = voting.pair_alignment(data, gwno, _gwno(other), first_year, last_year, issue)
        typer.echo(_json(pair) if as_json else (
            f"agreement {pair.agreement:.3f}, S-score {pair.s_score:.3f} over {pair.votes} votes"
        ))  # fmt: skip
        return
    frame = voting.who_votes_with(data, gwno, first_year, last_year, issue)
    if as_json:
        typer.echo(frame.to_json(orient="records", indent=2))
        return
    table = Table("rank", "state", "agreement", "S-score", "joint votes")
    records = frame.to_dict("records")
    ranks = sorted(
        set(range(min(top, len(records)))) | set(range(max(len(records) - top, 0), len(records)))
    )
    for rank in ranks:
        row = records[rank]
        table.add_row(str(rank + 1), str(row["iso3"]), f"{row['agreement']:.3f}",
                      f"{row['s_score']:.3f}", str(row["votes"]))  # fmt: skip
    Console().print(table)


@alliance.command("groups")
def groups_(
    first_year: int | None = FIRST_YEAR,
    last_year: int | None = LAST_YEAR,
    k: int = typer.Option(4, help="Number of opinion groups."),
    as_json: bool = JSON,
) -> None:
    """Opinion groups of states and what unites or divides them."""
    data = voting.load_votes(settings())
    with database().session() as session:
        found = groups.opinion_groups(session, data, first_year, last_year, k)
    if as_json:
        payload = {
            "first_year": found.first_year,
            "last_year": found.last_year,
            "explained_variance": found.explained_variance,
            "states": json.loads(found.states.to_json(orient="records")),
            "items": json.loads(found.items.to_json(orient="records")),
        }
        typer.echo(json.dumps(payload, indent=2))
        return
    for group in range(1, found.k + 1):
        chosen = found.states[found.states["group"] == group]["iso3"].dropna()
        typer.echo(f"group {group} ({len(chosen)}): {' '.join(sorted(chosen))}")
    table = Table("kind", "item", *[f"group {g}" for g in range(1, found.k + 1)], "verdict")
    for row in found.items.to_dict("records"):
        rates = [f"{row[f'group_{g}']:.0%}" if row[f"group_{g}"] == row[f"group_{g}"] else "—"
                 for g in range(1, found.k + 1)]  # fmt: skip
        table.add_row(str(row["kind"]), str(row["title"])[:50], *rates, str(row["verdict"]))
    Console(width=160).print(table)


@texts.command("create")
def text_create(
    title: str = typer.Option(..., help="Title of the text."),
    paragraph: list[str] = typer.Option(..., "--paragraph", "-p", help="A paragraph (repeat)."),
) -> None:
    """Create a draft text with numbered paragraphs."""
    with database().session() as session:
        made = consensus.create_text(session, title=title, paragraphs=paragraph, actor=actor())
    typer.echo(f"text {made.id}: {made.title} (version 1, {len(made.paragraphs)} paragraphs)")


@texts.command("show")
def text_show(text_id: int = typer.Argument(...), as_json: bool = JSON) -> None:
    """A text with positions per paragraph and its consensus status."""
    with database().session() as session:
        view = consensus.get_text(session, text_id)
    if as_json:
        typer.echo(_json(view))
        return
    typer.echo(f"{view.title} — version {view.version}, {view.status}, {view.consensus}")
    if view.silence:
        typer.echo(f"silence procedure: {view.silence.status}, deadline {view.silence.deadline}")
    for paragraph in view.paragraphs:
        typer.echo(f"{paragraph.number}. {paragraph.body}  [{paragraph.status}]")
        for position in paragraph.positions:
            typer.echo(f"     {position.iso3}: {position.stance} {position.comment}")


@texts.command("silence")
def text_silence(
    text_id: int = typer.Argument(...),
    hours: float = typer.Option(24.0, help="Hours until the deadline."),
) -> None:
    """Open a silence procedure on the current version."""
    if not math.isfinite(hours) or not 0 < hours <= MAX_SILENCE_HOURS:
        raise DataValidationError(
            "--hours", None, "hours", f"{hours} is not between 0 and {MAX_SILENCE_HOURS:,}"
        )
    deadline = dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours)
    with database().session() as session:
        view = consensus.open_silence(session, text_id, deadline=deadline, actor=actor())
    typer.echo(f"silence procedure on text {text_id} until {view.deadline.isoformat()}")


@texts.command("position")
def text_position(
    text_id: int = typer.Argument(...),
    paragraph: int = typer.Option(..., help="Paragraph number."),
    state: str = typer.Option(..., help="The state whose position this is (ISO3)."),
    stance: str = typer.Option(..., help="support, reservation, objection or amendment."),
    comment: str = typer.Option("", help="Explanation."),
    amendment: str | None = typer.Option(None, help="Proposed wording (for amendment)."),
) -> None:
    """Lodge a state's position (the secretariat records it on the delegation's behalf)."""
    gwno = _gwno(state)
    with database().session() as session:
        consensus.record_position(
            session, text_id, number=paragraph, gwno=gwno, stance=stance, actor=actor(),
            acting_for=gwno, comment=comment, amendment=amendment,
        )  # fmt: skip
        view = consensus.get_text(session, text_id)
    typer.echo(f"{state.upper()}: {stance} on paragraph {paragraph}; text is {view.status}")


@texts.command("history")
def text_history(text_id: int = typer.Argument(...), as_json: bool = JSON) -> None:
    """Every change of a text, oldest first."""
    with database().session() as session:
        records = consensus.text_history(session, text_id)
    if as_json:
        typer.echo(_json(records))
        return
    for record in records:
        typer.echo(f"{record.at.isoformat()} {record.actor} {record.action} {record.after}")


@texts.command("closing-soon")
def text_closing(as_json: bool = JSON) -> None:
    """Silence procedures ending within 48 hours."""
    with database().session() as session:
        found = consensus.closing_soon(session)
    if as_json:
        typer.echo(_json(found))
        return
    for item in found:
        typer.echo(f"text {item.text_id} '{item.text_title}': silence ends {item.deadline}")


@formats_app.command("suggest")
def suggest(
    country: str = typer.Option(..., help="ISO3, gwno or name of the crisis country."),
    k: int = typer.Option(10, help="How many suggestions."),
    year: int | None = typer.Option(
        None, min=1947, max=2100, help="Use only data before this year."
    ),
    as_json: bool = JSON,
) -> None:
    """Propose an inclusive contact group (states and organisations) with reasons and scores."""
    found = formats.suggest_format(settings(), country, k, year)
    if as_json:
        rows = [
            {"code": s.code, "kind": s.kind, "name": s.name, "score": s.score,
             "beyond_p5": s.beyond_p5, "reasons": list(s.reasons)}
            for s in found
        ]  # fmt: skip
        typer.echo(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    table = Table("rank", "code", "name", "score", "reasons")
    for rank, item in enumerate(found, 1):
        table.add_row(str(rank), item.code, item.name, f"{item.score:.2f}", "; ".join(item.reasons))
    Console(width=200).print(table)


@formats_app.command("check")
def check(
    k: int = typer.Option(10, help="Suggestions per format."),
    as_json: bool = JSON,
) -> None:
    """Recall at k of the suggestions on documented historical formats (vs P5 + UN)."""
    checks = formats.recall_at_k(settings(), k)
    mean = sum(c.recall for c in checks) / len(checks)
    baseline = sum(c.baseline_recall for c in checks) / len(checks)
    if as_json:
        rows = [
            {"format": c.format.name, "crisis": c.format.crisis, "year": c.format.cutoff_year,
             "recall": c.recall, "baseline_recall": c.baseline_recall, "found": list(c.found),
             "missed": list(c.missed)}
            for c in checks
        ]  # fmt: skip
        payload = {"k": k, "mean_recall": mean, "mean_baseline_recall": baseline, "formats": rows}
        typer.echo(json.dumps(payload, indent=2))
        return
    table = Table("format", "year", "recall", "P5+UN", "missed")
    for c in checks:
        table.add_row(c.format.name, str(c.format.cutoff_year), f"{c.recall:.2f}",
                      f"{c.baseline_recall:.2f}", " ".join(c.missed))  # fmt: skip
    Console(width=160).print(table)
    typer.echo(f"mean recall at {k}: {mean:.3f} (P5 + UN: {baseline:.3f})")


def register(app: typer.Typer) -> None:
    """Add ``detente alliance`` and ``detente formats``."""
    app.add_typer(alliance, name="alliance")
    app.add_typer(formats_app, name="formats")
