"""Load the alliance seed from ``<snapshot>/alliance/``: initiatives, counts, Paris Call, members.

The files (built by ``scripts/snapshot/alliance.py``, see ``data/PROVENANCE.md``):

``initiatives.csv``            the six initiatives named on the Alliance for Multilateralism page
                               (optional ``title_fr``, ``summary_fr``: their French words)
``count_reports.csv``          published endorser counts (initiative, as_of, count, unit, source)
``paris_call_supporters.csv``  the official Paris Call supporters (states by ISO3, organisations)
``membership.csv``             states the Alliance page names as launching states or co-chairs

Everything is validated before anything is written; loading twice adds nothing. An initiative
already stored gets the French words of the file when it has none yet (a state made before the
French columns existed), never loses its own.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from detente.alliance.models import CountReport, Endorsement, Initiative, Membership
from detente.countries import by_iso3
from detente.errors import DataValidationError, UnknownCountryError
from detente.settings import Settings
from detente.store import Database, record_audit

SEED_ACTOR = "seed:alliance"
PARIS_CALL = "paris-call"
TITLE_LENGTH = 200
"""The length of ``alliance_initiative.title_fr`` (a longer one would fail on PostgreSQL)."""
PARIS_CALL_SOURCE = (
    "pariscall.international supporters list (ambanum/pariscall.international, commit 916433b2)"
)


@dataclass(frozen=True)
class SeedResult:
    """What one load added."""

    initiatives: int
    count_reports: int
    endorsements: int
    members: int
    translated: int = 0


def _rows(path: Path, required: tuple[str, ...]) -> list[dict[str, str]]:
    if not path.is_file():
        raise DataValidationError(path, None, None, "missing file (run `detente init`?)")
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required if c not in (reader.fieldnames or [])]
        if missing:
            raise DataValidationError(path, 0, missing[0], "required column is missing")
        return [dict(row) for row in reader]


def _date(path: Path, row: int, field: str, value: str, required: bool = False) -> dt.date | None:
    if not value.strip():
        if required:
            raise DataValidationError(path, row, field, "a date is required (YYYY-MM-DD)")
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError as error:
        raise DataValidationError(
            path, row, field, f"'{value}' is not a YYYY-MM-DD date"
        ) from error


def _gwno(path: Path, row: int, field: str, iso3: str, on: dt.date | None) -> int:
    try:
        return by_iso3(iso3.strip(), on=on).gwno if on else by_iso3(iso3.strip()).gwno
    except UnknownCountryError as error:
        raise DataValidationError(path, row, field, f"'{iso3}' is not a known ISO3 code") from error


def _int(path: Path, row: int, field: str, value: str) -> int:
    try:
        number = int(value)
    except ValueError as error:
        raise DataValidationError(path, row, field, f"'{value}' is not a whole number") from error
    if number < 0:
        raise DataValidationError(path, row, field, f"{number} is negative")
    return number


def _text(path: Path, row: int, field: str, value: str | None, max_length: int) -> str:
    """An optional text column, stripped (empty when the column is absent); refused when longer
    than its database column, with the row, rather than a database error half-way."""
    cleaned = (value or "").strip()
    if len(cleaned) > max_length:
        raise DataValidationError(
            path, row, field, f"is {len(cleaned)} characters long; at most {max_length}"
        )
    return cleaned


def _bool(path: Path, row: int, field: str, value: str) -> bool:
    if value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    raise DataValidationError(path, row, field, f"'{value}' is not true or false")


def load_seed(session: Session, folder: Path, actor: str = SEED_ACTOR) -> SeedResult:
    """Validate every seed file in ``folder`` and add what is not there yet (idempotent)."""
    path = folder / "initiatives.csv"
    initiatives: list[Initiative] = []
    for number, raw in enumerate(
        _rows(path, ("slug", "title", "category", "launched_on", "lead_states", "list_public")), 1
    ):
        if not raw["slug"].strip() or not raw["title"].strip():
            raise DataValidationError(path, number, "slug", "slug and title are required")
        leads = [_gwno(path, number, "lead_states", c, None) for c in raw["lead_states"].split()]
        initiatives.append(
            Initiative(
                slug=raw["slug"].strip(),
                title=raw["title"].strip(),
                summary=raw.get("summary", "").strip(),
                title_fr=_text(path, number, "title_fr", raw.get("title_fr"), TITLE_LENGTH),
                summary_fr=(raw.get("summary_fr") or "").strip(),
                category=raw["category"].strip(),
                launched_on=_date(path, number, "launched_on", raw["launched_on"]),
                lead_states=leads,
                documents=[d for d in raw.get("documents", "").split() if d],
                list_public=_bool(path, number, "list_public", raw["list_public"]),
                list_source=raw.get("list_source", "").strip(),
            )
        )
    slugs = {i.slug for i in initiatives}

    path = folder / "count_reports.csv"
    reports: list[tuple[str, CountReport]] = []
    for number, raw in enumerate(_rows(path, ("initiative", "as_of", "count", "source")), 1):
        if raw["initiative"] not in slugs:
            raise DataValidationError(path, number, "initiative", f"unknown '{raw['initiative']}'")
        as_of = _date(path, number, "as_of", raw["as_of"], required=True)
        assert as_of is not None
        reports.append(
            (
                raw["initiative"],
                CountReport(
                    as_of=as_of,
                    count=_int(path, number, "count", raw["count"]),
                    unit=raw.get("unit", "").strip() or "states",
                    source=raw["source"].strip(),
                ),
            )
        )

    path = folder / "paris_call_supporters.csv"
    supporters: list[Endorsement] = []
    for number, raw in enumerate(_rows(path, ("name", "category", "iso3", "date_signed")), 1):
        signed = _date(path, number, "date_signed", raw["date_signed"])
        if raw["category"] == "state":
            supporters.append(
                Endorsement(
                    gwno=_gwno(path, number, "iso3", raw["iso3"], None),
                    level="signed",
                    endorsed_on=signed,
                    source=PARIS_CALL_SOURCE,
                )
            )
        else:
            supporters.append(
                Endorsement(
                    organisation=raw["name"].strip(),
                    organisation_kind=raw["category"].strip() or None,
                    level="supports",
                    endorsed_on=signed,
                    source=PARIS_CALL_SOURCE,
                )
            )

    path = folder / "membership.csv"
    members: list[Membership] = []
    for number, raw in enumerate(_rows(path, ("iso3", "joined_on", "role", "source")), 1):
        joined = _date(path, number, "joined_on", raw["joined_on"], required=True)
        assert joined is not None
        members.append(
            Membership(
                gwno=_gwno(path, number, "iso3", raw["iso3"], joined),
                joined_on=joined,
                role=raw["role"].strip(),
                source=raw["source"].strip(),
            )
        )
    return _write(session, initiatives, reports, supporters, members, actor)


def _write(
    session: Session,
    initiatives: list[Initiative],
    reports: list[tuple[str, CountReport]],
    supporters: list[Endorsement],
    members: list[Membership],
    actor: str,
) -> SeedResult:
    existing = {i.slug: i for i in session.scalars(select(Initiative))}
    added_initiatives = 0
    translated = 0
    for initiative in initiatives:
        if initiative.slug in existing:
            translated += _add_french(session, existing[initiative.slug], initiative, actor)
            continue
        session.add(initiative)
        session.flush()
        existing[initiative.slug] = initiative
        added_initiatives += 1
        record_audit(
            session,
            actor=actor,
            action="create",
            entity="alliance_initiative",
            entity_id=initiative.id,
            after={"slug": initiative.slug, "title": initiative.title},
        )
    known_reports = {
        (r.initiative_id, r.as_of, r.count) for r in session.scalars(select(CountReport))
    }
    added_reports = 0
    for slug, report in reports:
        report.initiative_id = existing[slug].id
        if (report.initiative_id, report.as_of, report.count) in known_reports:
            continue
        session.add(report)
        added_reports += 1
    paris = existing.get(PARIS_CALL)
    added_endorsements = 0
    if paris is not None:
        keys = {
            (e.gwno, e.organisation)
            for e in session.scalars(
                select(Endorsement).where(Endorsement.initiative_id == paris.id)
            )
        }
        for endorsement in supporters:
            key = (endorsement.gwno, endorsement.organisation)
            if key in keys:
                continue
            keys.add(key)
            endorsement.initiative_id = paris.id
            session.add(endorsement)
            added_endorsements += 1
    known_members = {(m.gwno, m.joined_on) for m in session.scalars(select(Membership))}
    added_members = 0
    for member in members:
        if (member.gwno, member.joined_on) in known_members:
            continue
        session.add(member)
        added_members += 1
    result = SeedResult(
        added_initiatives, added_reports, added_endorsements, added_members, translated
    )
    if any((added_initiatives, added_reports, added_endorsements, added_members)):
        record_audit(
            session,
            actor=actor,
            action="seed",
            entity="alliance",
            entity_id="seed",
            after={
                "initiatives": added_initiatives,
                "count_reports": added_reports,
                "endorsements": added_endorsements,
                "members": added_members,
            },
        )
    return result


def _add_french(session: Session, stored: Initiative, seed: Initiative, actor: str) -> int:
    """Give a stored initiative the seed's French title and summary where it has none (1 if it
    changed, audited; 0 otherwise)."""
    before = {"title_fr": stored.title_fr or "", "summary_fr": stored.summary_fr or ""}
    after = {
        "title_fr": before["title_fr"] or seed.title_fr or "",
        "summary_fr": before["summary_fr"] or seed.summary_fr or "",
    }
    if after == before:
        return 0
    stored.title_fr, stored.summary_fr = after["title_fr"], after["summary_fr"]
    record_audit(
        session,
        actor=actor,
        action="update",
        entity="alliance_initiative",
        entity_id=stored.id,
        before=before,
        after=after,
    )
    return 1


def seed_alliance(settings: Settings) -> str:
    """``detente init`` step: load the alliance seed into the state database (idempotent)."""
    database = Database(settings.sqlalchemy_url)
    try:
        with database.session() as session:
            result = load_seed(session, settings.snapshot_dir / "alliance")
    finally:
        database.dispose()
    if not any(
        (
            result.initiatives,
            result.count_reports,
            result.endorsements,
            result.members,
            result.translated,
        )
    ):
        return "alliance: seed already loaded"
    french = f", French words for {result.translated} stored initiatives" * bool(result.translated)
    return (
        f"alliance: {result.initiatives} initiatives, {result.count_reports} published counts, "
        f"{result.endorsements} Paris Call supporters, {result.members} Alliance members{french}"
    )
