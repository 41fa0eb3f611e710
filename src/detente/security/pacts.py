"""Pacts, their members over time, their principles and the commitments under each basket.

A pact is looked up by id or by its short ``slug`` (``osce``). Membership is a list of spells
(joined, left) so "who was bound on that date" has an answer; commitments are open until
fulfilled or dropped, and overdue when still open after their due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from detente import dates
from detente.countries import get_state
from detente.errors import (
    ConflictError,
    DataValidationError,
    InvalidTransitionError,
    NotFoundError,
    UnknownCountryError,
)
from detente.security import checks
from detente.security.catalogue import (
    BASKETS,
    PACT_STATUSES,
    PACT_TRANSITIONS,
    Thresholds,
    helsinki_principles,
    vienna_document_thresholds,
)
from detente.security.models import Commitment, Pact, PactMember, Principle, add_audited, audit_row
from detente.store import record_audit

DUE_YEARS = 10
"""How far ahead a due or planned day under a pact may be."""
SLUG_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789-")
RESERVED_SLUGS = frozenset({"tracks"})
"""Slugs that name pages under ``/pacts/`` rather than a pact."""


@dataclass(frozen=True)
class PrincipleView:
    """One principle of a pact."""

    id: int
    number: int
    title: str


@dataclass(frozen=True)
class MemberSpell:
    """A state's membership of a pact from ``joined_on`` to ``left_on`` (``None``: still)."""

    gwno: int
    iso3: str
    name: str
    joined_on: dt.date
    left_on: dt.date | None
    source: str

    def active_on(self, on: dt.date) -> bool:
        """Whether the spell covers ``on``."""
        return self.joined_on <= on and (self.left_on is None or on < self.left_on)


@dataclass(frozen=True)
class PactView:
    """A pact as pages, the CLI and the API show it."""

    id: int
    slug: str
    name: str
    region: str
    status: str
    signed_on: dt.date | None
    description: str
    source: str
    thresholds: Thresholds
    principles: tuple[PrincipleView, ...]
    members: tuple[MemberSpell, ...]

    def members_on(self, on: dt.date) -> tuple[MemberSpell, ...]:
        """The spells that cover ``on`` (one per member state)."""
        return tuple(m for m in self.members if m.active_on(on))


@dataclass(frozen=True)
class PactSummary:
    """A line of the pact list."""

    id: int
    slug: str
    name: str
    region: str
    status: str
    signed_on: dt.date | None
    member_count: int


@dataclass(frozen=True)
class CommitmentView:
    """A commitment and whether it is late as of the day asked."""

    id: int
    pact_id: int
    basket: str
    title: str
    owner: str
    owner_gwno: int | None
    due_on: dt.date | None
    status: str
    done_on: dt.date | None
    overdue: bool


def find_pact(session: Session, pact: int | str) -> Pact:
    """The pact row with this id or slug; ``NotFoundError`` naming the value otherwise."""
    row: Pact | None
    if isinstance(pact, int) or (pact.isascii() and pact.isdigit()):
        row = session.get(Pact, int(pact)) if 0 < int(pact) < 2**31 else None
    else:
        row = session.scalar(select(Pact).where(Pact.slug == pact.strip().lower()))
    if row is None:
        raise NotFoundError(f"no pact '{pact}'; see 'detente pacts list'")
    return row


def _spell(member: PactMember) -> MemberSpell:
    try:
        state = get_state(member.gwno)
        name, code = state.name, state.iso3 or str(member.gwno)
    except UnknownCountryError:
        name, code = str(member.gwno), str(member.gwno)
    return MemberSpell(member.gwno, code, name, member.joined_on, member.left_on, member.source)


def thresholds_of(row: Pact) -> Thresholds:
    return Thresholds(
        row.notify_troops,
        row.notify_tanks,
        row.notify_acv,
        row.notify_artillery,
        row.notify_days,
        row.threshold_source,
    )


def pact_view(session: Session, row: Pact) -> PactView:
    """The full read-only view of a pact row."""
    principles = session.scalars(
        select(Principle).where(Principle.pact_id == row.id).order_by(Principle.number)
    )
    members = session.scalars(
        select(PactMember)
        .where(PactMember.pact_id == row.id)
        .order_by(PactMember.joined_on, PactMember.gwno)
    )
    return PactView(
        id=row.id,
        slug=row.slug,
        name=row.name,
        region=row.region,
        status=row.status,
        signed_on=row.signed_on,
        description=row.description,
        source=row.source,
        thresholds=thresholds_of(row),
        principles=tuple(PrincipleView(p.id, p.number, p.title) for p in principles),
        members=tuple(_spell(m) for m in members),
    )


def get_pact(session: Session, pact: int | str) -> PactView:
    """The pact with this id or slug."""
    return pact_view(session, find_pact(session, pact))


def create_pact(
    session: Session,
    *,
    slug: str,
    name: str,
    region: str,
    actor: str,
    status: str = "in_force",
    signed_on: dt.date | str | None = None,
    description: str = "",
    source: str = "",
    thresholds: Thresholds | None = None,
    principles: Sequence[str] | None = None,
    origin: str = "pact",
) -> PactView:
    """Add a pact with its principles (the ten Helsinki principles unless given) and CSBM
    thresholds (the Vienna Document 2011 ones unless given).

    Raises
    ------
    DataValidationError
        a bad slug (lower-case letters, digits, ``-``), empty name, unknown status, bad date or
        negative threshold.
    ConflictError
        the slug is taken.
    """
    slug = checks.text(slug, origin, "slug", 40).lower()
    if not set(slug) <= SLUG_CHARS:
        raise DataValidationError(
            origin, None, "slug", f"'{slug}' may hold only lower-case letters, digits and -"
        )
    if slug in RESERVED_SLUGS or slug.isdigit():
        raise DataValidationError(
            origin, None, "slug", f"'{slug}' is reserved (a page or an id); choose another"
        )
    status = checks.choice(status, PACT_STATUSES, origin, "status")
    limits = thresholds or vienna_document_thresholds()
    for field in ("troops", "tanks", "acv", "artillery", "days"):
        if getattr(limits, field) < 0:
            raise DataValidationError(origin, None, field, "a threshold cannot be negative")
    titles = [
        checks.text(t, origin, "principle", 200) for t in (principles or helsinki_principles())
    ]
    if session.scalar(select(Pact.id).where(Pact.slug == slug)) is not None:
        raise ConflictError(f"a pact '{slug}' already exists")
    row = Pact(
        slug=slug,
        name=checks.text(name, origin, "name", 200),
        region=checks.text(region, origin, "region", 80),
        status=status,
        signed_on=checks.optional_day(signed_on, origin, "signed_on"),
        description=checks.text(description, origin, "description", 4000, required=False),
        source=checks.text(source, origin, "source", 400, required=False),
        notify_troops=limits.troops,
        notify_tanks=limits.tanks,
        notify_acv=limits.acv,
        notify_artillery=limits.artillery,
        notify_days=limits.days,
        threshold_source=limits.source[:400],
        created_at=dt.datetime.now(dt.UTC),
    )
    session.add(row)
    session.flush()
    for number, title in enumerate(titles, start=1):
        session.add(Principle(pact_id=row.id, number=number, title=title))
    session.flush()
    record_audit(
        session,
        actor=actor,
        action="create",
        entity="pact",
        entity_id=row.id,
        after={**audit_row(row), "principles": titles},
    )
    return pact_view(session, row)


def list_pacts(session: Session, on: dt.date | None = None) -> list[PactSummary]:
    """Every pact with its member count on ``on`` (today by default), by name."""
    on = on or dt.date.today()
    counts: dict[int, int] = {
        pact_id: int(n)
        for pact_id, n in session.execute(
            select(PactMember.pact_id, func.count(func.distinct(PactMember.gwno)))
            .where(PactMember.joined_on <= on)
            .where((PactMember.left_on.is_(None)) | (PactMember.left_on > on))
            .group_by(PactMember.pact_id)
        ).tuples()
    }
    return [
        PactSummary(p.id, p.slug, p.name, p.region, p.status, p.signed_on, counts.get(p.id, 0))
        for p in session.scalars(select(Pact).order_by(Pact.name))
    ]


def set_pact_status(session: Session, pact: int | str, status: str, *, actor: str) -> PactView:
    """Move a pact along draft → in force ⇄ suspended → terminated.

    Raises
    ------
    InvalidTransitionError
        a move the lifecycle does not allow (a terminated pact stays terminated).
    """
    row = find_pact(session, pact)
    status = checks.choice(status, PACT_STATUSES, "pact", "status")
    if status not in PACT_TRANSITIONS[row.status]:
        raise InvalidTransitionError(
            f"pact '{row.slug}' is {row.status}; it cannot become {status}"
        )
    before = audit_row(row)
    row.status = status
    record_audit(
        session,
        actor=actor,
        action="set_status",
        entity="pact",
        entity_id=row.id,
        before=before,
        after=audit_row(row),
    )
    return pact_view(session, row)


def add_member(
    session: Session,
    pact: int | str,
    country: int | str,
    joined_on: dt.date | str,
    *,
    actor: str,
    source: str = "",
    origin: str = "member",
) -> MemberSpell:
    """Record that a state joined a pact on ``joined_on``.

    Raises
    ------
    DataValidationError
        an unknown country, a bad date (in the future or before the pact was signed), or a
        state not independent on that date.
    ConflictError
        the state is already a member on that date.
    """
    row = find_pact(session, pact)
    require_open(row, "a member")
    gw = checks.gwno(country, origin, "country")
    joined = checks.past_day(joined_on, origin, "joined_on", signature(row))
    checks.independent(gw, joined, origin, "joined_on")
    for spell in session.scalars(
        select(PactMember).where(PactMember.pact_id == row.id, PactMember.gwno == gw)
    ):
        if spell.left_on is None or spell.left_on > joined:
            raise ConflictError(
                f"{checks.iso3(gw)} is already a member of '{row.slug}' "
                f"since {spell.joined_on.isoformat()}"
            )
    member = PactMember(
        pact_id=row.id,
        gwno=gw,
        joined_on=joined,
        source=checks.text(source, origin, "source", 400, required=False),
    )
    add_audited(session, member, actor=actor, action="add_member", entity="pact", entity_id=row.id)
    return _spell(member)


def end_membership(
    session: Session,
    pact: int | str,
    country: int | str,
    left_on: dt.date | str,
    *,
    actor: str,
    origin: str = "member",
) -> MemberSpell:
    """Close a state's current membership spell on ``left_on`` (it is no longer bound from then).

    Raises
    ------
    NotFoundError
        the state has no open spell in the pact.
    DataValidationError
        ``left_on`` is not after the day it joined.
    """
    row = find_pact(session, pact)
    gw = checks.gwno(country, origin, "country")
    left = checks.day(left_on, origin, "left_on")
    spell = session.scalar(
        select(PactMember).where(
            PactMember.pact_id == row.id, PactMember.gwno == gw, PactMember.left_on.is_(None)
        )
    )
    if spell is None:
        raise NotFoundError(f"{checks.iso3(gw)} is not a current member of '{row.slug}'")
    if left <= spell.joined_on:
        raise DataValidationError(
            origin, None, "left_on", f"{left} is not after joining ({spell.joined_on})"
        )
    before = audit_row(spell)
    spell.left_on = left
    record_audit(
        session,
        actor=actor,
        action="end_membership",
        entity="pact",
        entity_id=row.id,
        before=before,
        after=audit_row(spell),
    )
    return _spell(spell)


def pacts_of(session: Session, gwno: int, on: dt.date | None = None) -> list[PactSummary]:
    """The pacts a state belongs to on ``on`` (today by default)."""
    on = on or dt.date.today()
    ids = set(
        session.scalars(
            select(PactMember.pact_id).where(
                PactMember.gwno == gwno,
                PactMember.joined_on <= on,
                (PactMember.left_on.is_(None)) | (PactMember.left_on > on),
            )
        )
    )
    return [p for p in list_pacts(session, on) if p.id in ids]


def _commitment_view(row: Commitment, as_of: dt.date) -> CommitmentView:
    overdue = row.status == "open" and row.due_on is not None and row.due_on < as_of
    return CommitmentView(
        row.id,
        row.pact_id,
        row.basket,
        row.title,
        row.owner,
        row.owner_gwno,
        row.due_on,
        row.status,
        row.done_on,
        overdue,
    )


def add_commitment(
    session: Session,
    pact: int | str,
    *,
    basket: str,
    title: str,
    owner: str,
    actor: str,
    due_on: dt.date | str | None = None,
    origin: str = "commitment",
) -> CommitmentView:
    """Add a commitment under a basket; ``owner`` is a state (code, ISO3, name) or a body
    ("OSCE Secretariat"): a state owner is also stored as its gwno for the per-member view.

    Raises
    ------
    DataValidationError
        unknown basket, empty title or owner, bad due date (before the pact was signed or
        more than ``DUE_YEARS`` years ahead).
    """
    row = find_pact(session, pact)
    require_open(row, "a commitment")
    basket = checks.choice(basket, BASKETS, origin, "basket")
    owner = checks.text(owner, origin, "owner", 120)
    try:
        owner_gwno: int | None = checks.gwno(owner, origin, "owner")
    except DataValidationError:
        owner_gwno = None  # a body, not a state
    commitment = Commitment(
        pact_id=row.id,
        basket=basket,
        title=checks.text(title, origin, "title", 300),
        owner=owner if owner_gwno is None else checks.iso3(owner_gwno),
        owner_gwno=owner_gwno,
        due_on=due_day(row, due_on, origin, "due_on"),
        status="open",
        created_at=dt.datetime.now(dt.UTC),
    )
    add_audited(session, commitment, actor=actor, action="create", entity="commitment")
    return _commitment_view(commitment, dt.date.today())


def close_commitment(
    session: Session,
    commitment_id: int,
    status: str,
    *,
    actor: str,
    on: dt.date | str | None = None,
) -> CommitmentView:
    """Mark an open commitment fulfilled or dropped (on ``on``, today by default).

    Raises
    ------
    NotFoundError
        no such commitment.
    InvalidTransitionError
        it is not open any more.
    """
    row = checks.get_row(session, Commitment, commitment_id)
    if row is None:
        raise NotFoundError(f"no commitment {commitment_id}")
    status = checks.choice(status, ("fulfilled", "dropped"), "commitment", "status")
    if row.status != "open":
        raise InvalidTransitionError(
            f"commitment {commitment_id} is already {row.status}; only open ones can change"
        )
    before = audit_row(row)
    row.status = status
    row.done_on = checks.optional_day(on, "commitment", "on") or dt.date.today()
    record_audit(
        session,
        actor=actor,
        action=status,
        entity="commitment",
        entity_id=row.id,
        before=before,
        after=audit_row(row),
    )
    return _commitment_view(row, dt.date.today())


def list_commitments(
    session: Session, pact: int | str, as_of: dt.date | None = None, basket: str | None = None
) -> list[CommitmentView]:
    """A pact's commitments by basket then due date, flagged overdue as of ``as_of``."""
    row = find_pact(session, pact)
    as_of = as_of or dt.date.today()
    query = select(Commitment).where(Commitment.pact_id == row.id)
    if basket is not None:
        query = query.where(Commitment.basket == checks.choice(basket, BASKETS, "filter", "basket"))
    rows = session.scalars(query.order_by(Commitment.basket, Commitment.due_on, Commitment.id))
    return [_commitment_view(c, as_of) for c in rows]


def is_member(session: Session, pact_id: int, gwno: int, on: dt.date) -> bool:
    """Whether ``gwno`` was a participating state of the pact on ``on``."""
    spells = session.scalars(
        select(PactMember).where(PactMember.pact_id == pact_id, PactMember.gwno == gwno)
    )
    return any(s.joined_on <= on and (s.left_on is None or on < s.left_on) for s in spells)


def signature(row: Pact) -> dates.Bound | None:
    """The earliest day anything can happen under the pact (``None`` when not recorded)."""
    return None if row.signed_on is None else (row.signed_on, "the pact was signed")


def due_day(row: Pact, value: dt.date | str | None, origin: str, field: str) -> dt.date | None:
    """An optional due or planned day under the pact: not before it was signed, and at most
    ``DUE_YEARS`` years ahead (a deadline in 2999 is a typo no overdue list would ever show)."""
    found = checks.optional_day(value, origin, field)
    if found is None:
        return None
    return dates.ahead(found, origin, field, years=DUE_YEARS, not_before=signature(row))


def require_open(row: Pact, what: str) -> None:
    """``ConflictError`` when ``row`` is terminated: nothing new is recorded under it."""
    if row.status == "terminated":
        raise ConflictError(f"pact '{row.slug}' is terminated; {what} cannot be recorded under it")
