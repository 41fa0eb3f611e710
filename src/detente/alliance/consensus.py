"""Consensus on texts: numbered paragraphs in versions, positions, silence procedures, history.

Lifecycle of a text::

    draft ──open_silence──▶ silence ──deadline passes, no objection──▶ adopted
      ▲  │                    │
      │  └──withdraw──▶ withdrawn
      └──objection or amendment lodged before the deadline (silence broken)

A delegate states their own state's position on each paragraph of the current version:
``support``, ``reservation`` (goes along, on the record), ``objection`` (blocks consensus) or
``amendment`` (proposes new wording). Positions belong to a version: revising the text asks
every state again. During a silence procedure an objection or an amendment lodged at or before
the deadline breaks the silence and the text returns to draft; once the deadline has passed the
text is adopted (settled lazily the next time anyone reads or writes it) and no further position
can be lodged. Every change is in the audit log; positions are never overwritten (the newest per
state counts), so the record of who said what, when, is complete.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from detente.alliance.models import DraftText, Paragraph, Position, SilenceProcedure
from detente.countries import get_state, gwno_to_iso3, is_known_gwno
from detente.errors import (
    DataValidationError,
    InvalidTransitionError,
    NotFoundError,
    PermissionDeniedError,
    UnknownCountryError,
)
from detente.store import AuditRecord, get_row, list_audit, record_audit, utcnow

Stance = Literal["support", "reservation", "objection", "amendment"]
STANCES: tuple[Stance, ...] = ("support", "reservation", "objection", "amendment")
BREAKS_SILENCE = frozenset({"objection", "amendment"})
TEXT_STATUSES = ("draft", "silence", "adopted", "withdrawn")
SYSTEM_ACTOR = "system:silence"
CLOSING_SOON = dt.timedelta(hours=48)


def as_utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` as an aware UTC time (SQLite hands back naive UTC timestamps)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


@dataclass(frozen=True)
class PositionView:
    """A state's position on one paragraph."""

    gwno: int
    iso3: str | None
    number: int
    version: int
    stance: str
    comment: str
    amendment: str | None
    actor: str
    at: dt.datetime


@dataclass(frozen=True)
class ParagraphView:
    """A paragraph of the current version with the newest position of each state."""

    number: int
    body: str
    positions: tuple[PositionView, ...]
    status: str

    def count(self, stance: str) -> int:
        """How many states hold ``stance`` on this paragraph."""
        return sum(1 for p in self.positions if p.stance == stance)


@dataclass(frozen=True)
class SilenceView:
    """A silence procedure: open, broken (by ``broken_by``) or passed."""

    id: int
    text_id: int
    text_title: str
    version: int
    opened_by: str
    opened_at: dt.datetime
    deadline: dt.datetime
    status: str
    broken_by: int | None
    closed_at: dt.datetime | None

    def closing_soon(self, now: dt.datetime, within: dt.timedelta = CLOSING_SOON) -> bool:
        """Whether an open silence ends within ``within`` of ``now``."""
        return self.status == "open" and now <= self.deadline <= now + within


@dataclass(frozen=True)
class TextView:
    """A text, its current paragraphs, consensus status and latest silence procedure."""

    id: int
    title: str
    initiative_id: int | None
    status: str
    version: int
    created_by: str
    created_at: dt.datetime
    updated_at: dt.datetime
    paragraphs: tuple[ParagraphView, ...]
    consensus: str
    silence: SilenceView | None


def paragraph_status(stances: list[str]) -> str:
    """Consensus status of a paragraph from its states' newest stances.

    ``objection`` if anyone objects, else ``amendments proposed``, else ``consensus with
    reservations``, else ``consensus`` (at least one support), else ``no positions``.
    """
    if "objection" in stances:
        return "objection"
    if "amendment" in stances:
        return "amendments proposed"
    if "reservation" in stances:
        return "consensus with reservations"
    if stances:
        return "consensus"
    return "no positions"


def text_consensus(status: str, paragraphs: list[str]) -> str:
    """Consensus status of a whole text from its lifecycle status and paragraph statuses."""
    if status in ("adopted", "withdrawn"):
        return status
    if "objection" in paragraphs:
        return "blocked"
    if "amendments proposed" in paragraphs:
        return "amendments proposed"
    if paragraphs and all(p.startswith("consensus") for p in paragraphs):
        return "consensus"
    return "open"


def _text(session: Session, text_id: int) -> DraftText:
    row = get_row(session, DraftText, text_id)
    if row is None:
        raise NotFoundError(f"no text {text_id}")
    return row


def _bodies(paragraphs: list[str]) -> list[str]:
    cleaned = [p.strip() for p in paragraphs]
    if not cleaned or any(not p for p in cleaned):
        raise DataValidationError("text", None, "paragraphs", "every paragraph needs some text")
    return cleaned


def _silence_view(row: SilenceProcedure, title: str) -> SilenceView:
    return SilenceView(
        id=row.id,
        text_id=row.text_id,
        text_title=title,
        version=row.version,
        opened_by=row.opened_by,
        opened_at=as_utc(row.opened_at),
        deadline=as_utc(row.deadline),
        status=row.status,
        broken_by=row.broken_by,
        closed_at=as_utc(row.closed_at) if row.closed_at else None,
    )


def _open_silence(session: Session, text_id: int) -> SilenceProcedure | None:
    return session.scalars(
        select(SilenceProcedure)
        .where(SilenceProcedure.text_id == text_id, SilenceProcedure.status == "open")
        .order_by(SilenceProcedure.id.desc())
    ).first()


def _settle(session: Session, text: DraftText, now: dt.datetime) -> None:
    """Adopt a text whose silence deadline has passed unbroken."""
    silence = _open_silence(session, text.id)
    if silence is None or now <= as_utc(silence.deadline):
        return
    silence.status = "passed"
    silence.closed_at = silence.deadline
    text.status = "adopted"
    text.updated_at = now
    record_audit(
        session,
        actor=SYSTEM_ACTOR,
        action="silence_passed",
        entity="alliance_text",
        entity_id=text.id,
        before={"status": "silence"},
        after={
            "status": "adopted",
            "version": text.version,
            "deadline": silence.deadline.isoformat(),
        },
    )


def create_text(
    session: Session,
    *,
    title: str,
    paragraphs: list[str],
    actor: str,
    initiative_id: int | None = None,
) -> TextView:
    """A new draft (version 1) with numbered paragraphs 1..n."""
    if not title.strip():
        raise DataValidationError("text", None, "title", "a title is required")
    bodies = _bodies(paragraphs)
    text = DraftText(
        title=title.strip(),
        initiative_id=initiative_id,
        status="draft",
        version=1,
        created_by=actor,
    )
    session.add(text)
    session.flush()
    session.add_all(
        Paragraph(text_id=text.id, version=1, number=n, body=b) for n, b in enumerate(bodies, 1)
    )
    session.flush()
    record_audit(
        session,
        actor=actor,
        action="create",
        entity="alliance_text",
        entity_id=text.id,
        after={"title": text.title, "version": 1, "paragraphs": bodies},
    )
    return get_text(session, text.id)


def revise_text(
    session: Session,
    text_id: int,
    *,
    paragraphs: list[str],
    actor: str,
    now: dt.datetime | None = None,
) -> TextView:
    """A new version of a draft with these paragraphs; states are asked again."""
    now = as_utc(now or utcnow())
    text = _text(session, text_id)
    _settle(session, text, now)
    if text.status != "draft":
        raise InvalidTransitionError(
            f"text {text_id} is {text.status}; only a draft can be revised"
            + (
                " (wait for the silence procedure to end or be broken)"
                if text.status == "silence"
                else ""
            )
        )
    bodies = _bodies(paragraphs)
    before = [p.body for p in _paragraph_rows(session, text.id, text.version)]
    text.version += 1
    text.updated_at = now
    session.add_all(
        Paragraph(text_id=text.id, version=text.version, number=n, body=b)
        for n, b in enumerate(bodies, 1)
    )
    session.flush()
    record_audit(
        session,
        actor=actor,
        action="revise",
        entity="alliance_text",
        entity_id=text.id,
        before={"version": text.version - 1, "paragraphs": before},
        after={"version": text.version, "paragraphs": bodies},
    )
    return get_text(session, text.id, now=now)


def open_silence(
    session: Session,
    text_id: int,
    *,
    deadline: dt.datetime,
    actor: str,
    now: dt.datetime | None = None,
) -> SilenceView:
    """Put the current version under a silence procedure ending at ``deadline``."""
    now = as_utc(now or utcnow())
    deadline = as_utc(deadline)
    text = _text(session, text_id)
    _settle(session, text, now)
    if text.status != "draft":
        raise InvalidTransitionError(
            f"text {text_id} is {text.status}; a silence procedure needs a draft"
        )
    if deadline <= now:
        raise DataValidationError(
            "silence", None, "deadline", f"{deadline.isoformat()} is not in the future"
        )
    silence = SilenceProcedure(
        text_id=text.id,
        version=text.version,
        opened_by=actor,
        opened_at=now,
        deadline=deadline,
        status="open",
    )
    session.add(silence)
    text.status = "silence"
    text.updated_at = now
    session.flush()
    record_audit(
        session,
        actor=actor,
        action="open_silence",
        entity="alliance_text",
        entity_id=text.id,
        before={"status": "draft"},
        after={"status": "silence", "version": text.version, "deadline": deadline.isoformat()},
    )
    return _silence_view(silence, text.title)


def withdraw_text(
    session: Session, text_id: int, *, actor: str, now: dt.datetime | None = None
) -> TextView:
    """Withdraw a draft or a text under silence (an adopted text stays adopted)."""
    now = as_utc(now or utcnow())
    text = _text(session, text_id)
    _settle(session, text, now)
    if text.status not in ("draft", "silence"):
        raise InvalidTransitionError(f"text {text_id} is {text.status}; it cannot be withdrawn")
    before = text.status
    silence = _open_silence(session, text.id)
    if silence is not None:
        silence.status = "cancelled"
        silence.closed_at = now
    text.status = "withdrawn"
    text.updated_at = now
    record_audit(
        session,
        actor=actor,
        action="withdraw",
        entity="alliance_text",
        entity_id=text.id,
        before={"status": before},
        after={"status": "withdrawn"},
    )
    return get_text(session, text.id, now=now)


def record_position(
    session: Session,
    text_id: int,
    *,
    number: int,
    gwno: int,
    stance: str,
    actor: str,
    acting_for: int | None,
    comment: str = "",
    amendment: str | None = None,
    now: dt.datetime | None = None,
) -> PositionView:
    """Lodge ``gwno``'s position on paragraph ``number`` of the current version.

    ``acting_for`` is the state the actor represents (a delegate's own state): a delegate acts
    only for their own state, so anything else raises :class:`PermissionDeniedError`. An
    objection or amendment lodged at or before the deadline of an open silence procedure breaks
    it (the text returns to draft); after the deadline the text is adopted and positions are
    refused with :class:`InvalidTransitionError`.
    """
    now = as_utc(now or utcnow())
    if acting_for is None or acting_for != gwno:
        who = gwno_to_iso3(acting_for) if acting_for is not None else "no state"
        raise PermissionDeniedError(
            f"a delegate acts only for their own state: you represent {who}, "
            f"not {gwno_to_iso3(gwno) or gwno}"
        )
    if not is_known_gwno(gwno):
        raise DataValidationError("position", None, "gwno", f"{gwno} is not a known GW state")
    if not _alive_on(gwno, now.date()):
        raise DataValidationError(
            "position", None, "gwno", f"{gwno} is not an independent state on {now.date()}"
        )
    if stance not in STANCES:
        raise DataValidationError(
            "position", None, "stance", f"'{stance}' is not one of {', '.join(STANCES)}"
        )
    if stance == "amendment" and not (amendment or "").strip():
        raise DataValidationError(
            "position", None, "amendment", "an amendment proposal needs the proposed wording"
        )
    text = _text(session, text_id)
    _settle(session, text, now)
    if text.status not in ("draft", "silence"):
        raise InvalidTransitionError(
            f"text {text_id} is {text.status}; positions can no longer be lodged"
        )
    numbers = {p.number for p in _paragraph_rows(session, text.id, text.version)}
    if number not in numbers:
        raise DataValidationError(
            "position", None, "number", f"paragraph {number} is not in version {text.version}"
        )
    position = Position(
        text_id=text.id,
        version=text.version,
        number=number,
        gwno=gwno,
        stance=stance,
        comment=comment.strip(),
        amendment=amendment.strip() if amendment else None,
        actor=actor,
        at=now,
    )
    session.add(position)
    session.flush()
    record_audit(
        session,
        actor=actor,
        action="position",
        entity="alliance_text",
        entity_id=text.id,
        after={
            "version": text.version,
            "paragraph": number,
            "gwno": gwno,
            "stance": stance,
            "comment": position.comment,
            "amendment": position.amendment,
        },
    )
    silence = _open_silence(session, text.id)
    if silence is not None and stance in BREAKS_SILENCE:
        silence.status = "broken"
        silence.broken_by = gwno
        silence.closed_at = now
        text.status = "draft"
        text.updated_at = now
        record_audit(
            session,
            actor=actor,
            action="silence_broken",
            entity="alliance_text",
            entity_id=text.id,
            before={"status": "silence"},
            after={"status": "draft", "broken_by": gwno, "stance": stance, "paragraph": number},
        )
    return _position_view(position)


def _position_view(row: Position) -> PositionView:
    return PositionView(
        gwno=row.gwno,
        iso3=gwno_to_iso3(row.gwno),
        number=row.number,
        version=row.version,
        stance=row.stance,
        comment=row.comment,
        amendment=row.amendment,
        actor=row.actor,
        at=as_utc(row.at),
    )


def _paragraph_rows(session: Session, text_id: int, version: int) -> list[Paragraph]:
    return list(
        session.scalars(
            select(Paragraph)
            .where(Paragraph.text_id == text_id, Paragraph.version == version)
            .order_by(Paragraph.number)
        )
    )


def get_text(session: Session, text_id: int, now: dt.datetime | None = None) -> TextView:
    """A text with its current paragraphs, each state's newest position and consensus status.

    Reading settles a silence procedure whose deadline has passed (the text is then adopted).
    """
    now = as_utc(now or utcnow())
    text = _text(session, text_id)
    _settle(session, text, now)
    newest: dict[tuple[int, int], Position] = {}
    for row in session.scalars(
        select(Position)
        .where(Position.text_id == text.id, Position.version == text.version)
        .order_by(Position.id)
    ):
        newest[(row.number, row.gwno)] = row
    paragraphs = []
    for paragraph in _paragraph_rows(session, text.id, text.version):
        positions = sorted(
            (_position_view(p) for (n, _), p in newest.items() if n == paragraph.number),
            key=lambda p: (p.iso3 or "", p.gwno),
        )
        paragraphs.append(
            ParagraphView(
                number=paragraph.number,
                body=paragraph.body,
                positions=tuple(positions),
                status=paragraph_status([p.stance for p in positions]),
            )
        )
    latest = session.scalars(
        select(SilenceProcedure)
        .where(SilenceProcedure.text_id == text.id)
        .order_by(SilenceProcedure.id.desc())
    ).first()
    return TextView(
        id=text.id,
        title=text.title,
        initiative_id=text.initiative_id,
        status=text.status,
        version=text.version,
        created_by=text.created_by,
        created_at=as_utc(text.created_at),
        updated_at=as_utc(text.updated_at),
        paragraphs=tuple(paragraphs),
        consensus=text_consensus(text.status, [p.status for p in paragraphs]),
        silence=_silence_view(latest, text.title) if latest else None,
    )


def list_texts(session: Session, now: dt.datetime | None = None) -> list[TextView]:
    """Every text, newest first."""
    ids = session.scalars(select(DraftText.id).order_by(DraftText.id.desc())).all()
    return [get_text(session, text_id, now) for text_id in ids]


def closing_soon(
    session: Session, now: dt.datetime | None = None, within: dt.timedelta = CLOSING_SOON
) -> list[SilenceView]:
    """Open silence procedures ending within ``within`` (48 hours by default), soonest first."""
    now = as_utc(now or utcnow())
    rows = session.execute(
        select(SilenceProcedure, DraftText.title)
        .join(DraftText, DraftText.id == SilenceProcedure.text_id)
        .where(SilenceProcedure.status == "open")
        .order_by(SilenceProcedure.deadline)
    ).all()
    views = [_silence_view(row, title) for row, title in rows]
    return [v for v in views if v.closing_soon(now, within)]


def text_history(session: Session, text_id: int) -> list[AuditRecord]:
    """Every recorded change of a text (creation, versions, positions, silence), oldest first."""
    _text(session, text_id)
    return list(
        reversed(list_audit(session, entity="alliance_text", entity_id=text_id, limit=10_000))
    )


def positions_count(session: Session, text_id: int) -> int:
    """Positions ever lodged on a text, every version included."""
    return int(
        session.scalar(
            select(func.count()).select_from(Position).where(Position.text_id == text_id)
        )
        or 0
    )


def _alive_on(gwno: int, day: dt.date) -> bool:
    try:
        get_state(gwno, day)
    except UnknownCountryError:
        return False
    return True
