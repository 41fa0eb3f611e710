"""The alliance on the web: initiatives, voting alignment, crisis formats, opinion groups, texts.

Public pages: ``/initiatives`` (endorser counts over time), ``/initiatives/{slug}``,
``/alignment?state=ISO3``, ``/formats?country=ISO3``, ``/opinion-groups``. Signed-in pages:
``/texts`` and ``/texts/{id}`` (draft texts, positions per paragraph, silence procedure).
Writes: a coordinator (the secretariat) creates and revises texts and opens silence procedures;
a delegate lodges their own state's positions and endorses initiatives for it. Hooks: the
initiatives a state endorsed on its country page, endorsement downloads, navigation. JSON under
``/api/v1/alliance/...`` (``web/routes/alliance_api.py``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from detente.accounts.roles import Role
from detente.alliance import consensus, formats, groups, initiatives, voting
from detente.countries import get_state, resolve
from detente.errors import DataValidationError, DetenteError, NotFoundError
from detente.numbers import number
from detente.store import Database
from detente.web.deps import (
    CurrentUser,
    get_database,
    get_settings,
    render,
    require_role,
    verify_csrf,
)
from detente.web.i18n import N_, gettext, request_language
from detente.web.names import country_name, country_slug, name_sort_key
from detente.web.routes.alliance_api import api
from detente.web.sections import Download, NavItem, Section

router = APIRouter()
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "parquet": "application/vnd.apache.parquet"}
READERS: tuple[Role, ...] = ("delegate", "coordinator", "analyst", "monitor")
COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")

LABELS = {
    # stances, statuses and verdicts as pages show them (``_(labels[x])``)
    "support": N_("support"),
    "reservation": N_("reservation"),
    "objection": N_("objection"),
    "amendment": N_("amendment proposal"),
    "draft": N_("draft"),
    "silence": N_("under silence procedure"),
    "adopted": N_("adopted"),
    "withdrawn": N_("withdrawn"),
    "open": N_("open"),
    "broken": N_("broken"),
    "passed": N_("passed"),
    "cancelled": N_("cancelled"),
    "blocked": N_("blocked"),
    "consensus": N_("consensus"),
    "consensus with reservations": N_("consensus with reservations"),
    "amendments proposed": N_("amendments proposed"),
    "no positions": N_("no positions"),
    "divisive": N_("divisive"),
    "mixed": N_("mixed"),
    "no data": N_("no data"),
    "signed": N_("signed"),
    "endorsed": N_("endorsed"),
    "supports": N_("supports"),
    "initiative": N_("initiative"),
    "issue": N_("UN votes"),
    "text": N_("text"),
    "state": N_("state"),
    "organisation": N_("organisation"),
    # kinds of organisations endorsing an initiative (Paris Call supporters)
    "private-sector": N_("private sector"),
    "civil-society": N_("civil society"),
    "public-authority": N_("public authority"),
}
# Values the seed and the vote data hold, shown with ``_()``; listed so the extractor finds them.
DATA_MSGIDS = (
    N_("humanitarian"),
    N_("cyber"),
    N_("information"),
    N_("education"),
    N_("climate"),
    N_("disarmament"),
    N_("states"),
    N_("signatories"),
    N_("launching state"),
    N_("co-chair"),
    N_("member"),
    N_("Palestinian conflict"),
    N_("Nuclear weapons and nuclear material"),
    N_("Arms control and disarmament"),
    N_("Human rights"),
    N_("Colonialism"),
    N_("Economic development"),
)


def nav_items() -> list[NavItem]:
    """Initiatives and alignment for everyone; texts for those who negotiate them."""
    return [
        NavItem(N_("Initiatives"), "/initiatives", order=40),
        NavItem(N_("Voting alignment"), "/alignment", order=41),
        NavItem(N_("Texts"), "/texts", order=42, roles=("delegate", "coordinator")),
    ]


def downloads() -> list[Download]:
    """Every endorsement, in both formats."""
    description = N_(
        "Who endorsed which initiative (state by GW code and ISO3, or organisation), at what "
        "level and when, with the source of each row."
    )
    return [
        Download(N_("Endorsements of initiatives"), description, "/data/endorsements.csv", "CSV"),
        Download(
            N_("Endorsements of initiatives"), description, "/data/endorsements.parquet", "Parquet"
        ),
    ]


def _name(request: Request, gwno: int | None) -> str:
    if gwno is None:
        return ""
    try:
        return country_name(get_state(gwno), request_language(request))
    except DetenteError:
        return str(gwno)


def reason_text(request: Request, reason: formats.Reason) -> str:
    """A format suggestion's reason in the page's language: states named from their GW code,
    numbers written as the language does, subregions translated."""
    language = request_language(request)
    states = dict(reason.states)
    values: dict[str, str | int] = {}
    for key, value in reason.values:
        if key in states:
            values[key] = _name(request, states[key])
        elif isinstance(value, float):
            values[key] = number(value, language, 2)
        elif key == "subregion":
            values[key] = gettext(request, str(value))
        else:
            values[key] = value
    return gettext(request, reason.template, **values)


def _slug(gwno: int) -> str:
    try:
        return country_slug(get_state(gwno))
    except DetenteError:
        return str(gwno)


def _helpers(request: Request) -> dict[str, Any]:
    return {
        "labels": LABELS,
        "name_of": lambda g: _name(request, g),
        "slug_of": _slug,
    }


# --------------------------------------------------------------------------- initiatives


def _chart(
    request: Request, series: list[initiatives.CountSeries], titles: dict[str, str]
) -> dict[str, Any]:
    days = sorted({day for s in series for day, _ in s.points})
    labels = [d.isoformat() for d in days]
    datasets = []
    for position, item in enumerate(series):
        values = dict(item.points)
        title = titles.get(item.slug, item.title)
        label = (
            title
            if item.kind == "published"
            else gettext(request, "%(title)s: dated state signatures", title=title)
        )
        datasets.append(
            {
                "label": label,
                "colour": COLOURS[position % len(COLOURS)],
                "dashed": item.kind == "dated",
                "values": [values.get(d) for d in days],
            }
        )
    return {
        "labels": labels,
        "datasets": datasets,
        "yLabel": gettext(request, "Endorsers"),
        "locale": request_language(request),
    }


@router.get("/initiatives", include_in_schema=False)
def initiative_list(request: Request, database: Database = Depends(get_database)) -> HTMLResponse:
    """Every initiative with its endorsers, and the endorser counts over time."""
    with database.session() as session:
        found = initiatives.list_initiatives(session)
        series = initiatives.endorsement_series(session)
        members = initiatives.members_on(session)
    language = request_language(request)
    titles = {i.slug: i.title_in(language) for i in found}  # French ones on French pages
    return render(
        request,
        "alliance/initiatives.html",
        initiatives=found,
        chart=_chart(request, series, titles) if series else None,
        series=series,
        titles=titles,
        members=members,
        **_helpers(request),
    )


@router.get("/initiatives/{slug}", include_in_schema=False)
def initiative_page(
    request: Request, slug: str, database: Database = Depends(get_database)
) -> HTMLResponse:
    """One initiative: published counts, timeline, the states and organisations that endorsed it."""
    with database.session() as session:
        line = initiatives.timeline(session, slug)
        endorsed = initiatives.list_endorsements(session, line.initiative.id)
    states = sorted(
        (e for e in endorsed if e.gwno is not None),
        key=lambda e: name_sort_key(_name(request, e.gwno)),
    )
    return render(
        request,
        "alliance/initiative.html",
        line=line,
        item=line.initiative,
        states=states,
        organisations=sorted(
            (e for e in endorsed if e.gwno is None),
            key=lambda e: name_sort_key(e.organisation or ""),
        ),
        levels=initiatives.LEVELS,
        **_helpers(request),
    )


@router.post(
    "/initiatives/{slug}/endorse", include_in_schema=False, dependencies=[Depends(verify_csrf)]
)
def endorse_route(
    slug: str,
    level: str = Form(...),
    user: CurrentUser = Depends(require_role("delegate")),
    database: Database = Depends(get_database),
) -> RedirectResponse:
    """A delegate endorses an initiative for their own state (today)."""
    if user.gwno is None:
        raise HTTPException(status_code=403, detail="your account represents no state")
    with database.session() as session:
        initiatives.add_endorsement(
            session,
            slug,
            gwno=user.gwno,
            level=level,
            endorsed_on=dt.date.today(),
            source=f"recorded by delegate {user.username}",
            actor=user.username,
        )
    return RedirectResponse(f"/initiatives/{slug}", status_code=303)


@router.get("/data/endorsements.{kind}", include_in_schema=False)
def endorsements_download(kind: str, database: Database = Depends(get_database)) -> Response:
    """Every endorsement as CSV or Parquet."""
    if kind not in MEDIA_TYPES:
        raise HTTPException(status_code=404, detail=f"no endorsements file of kind '{kind}'")
    with database.session() as session:
        body = initiatives.endorsements_bytes(session, kind)
    return Response(
        body,
        media_type=MEDIA_TYPES[kind],
        headers={"Content-Disposition": f'attachment; filename="detente-endorsements.{kind}"'},
    )


# --------------------------------------------------------------------------- alignment


def _year(value: str | None, field: str) -> int | None:
    if value is None or not value.strip():
        return None
    if not value.strip().isdigit() or not 1946 <= int(value) <= 2100:
        raise DataValidationError(field, None, field, f"'{value}' is not a year from 1946")
    return int(value)


def _group_size(value: str | None) -> int:
    """The form's group size: empty means the default 10 (a cleared field is not an error)."""
    if value is None or not value.strip():
        return 10
    return formats.group_size(value)


@router.get("/alignment", include_in_schema=False)
def alignment_page(
    request: Request,
    state: str | None = Query(None, max_length=60),
    first: str | None = Query(None, alias="from", max_length=4),
    last: str | None = Query(None, alias="to", max_length=4),
    issue: str | None = Query(None, max_length=60),
) -> HTMLResponse:
    """Who votes with whom at the UN General Assembly."""
    ranked = None
    chosen = None
    first_year, last_year = _year(first, "from"), _year(last, "to")
    issue = issue or None
    if state:
        chosen = resolve(state)
        data = voting.load_votes(get_settings(request))
        frame = voting.who_votes_with(data, chosen.gwno, first_year, last_year, issue)
        ranked = frame.to_dict("records")
    return render(
        request,
        "alliance/alignment.html",
        state=chosen,
        state_name=_name(request, chosen.gwno) if chosen else "",
        query={"state": state or "", "from": first or "", "to": last or "", "issue": issue or ""},
        ranked=ranked,
        issues=voting.ISSUES,
        **_helpers(request),
    )


@router.get("/formats", include_in_schema=False)
def formats_page(
    request: Request,
    country: str | None = Query(None, max_length=60),
    k: str | None = Query(None),  # checked by formats.group_size, with its message
    year: str | None = Query(None, max_length=4),
) -> HTMLResponse:
    """An inclusive contact group for a crisis country, with the reasons for each member."""
    found = None
    chosen = None
    size, as_of = _group_size(k), _year(year, "year")
    if country:
        chosen = resolve(country)
        found = formats.suggest_format(get_settings(request), chosen.gwno, size, as_of)
    return render(
        request,
        "alliance/formats.html",
        country=chosen,
        country_label=_name(request, chosen.gwno) if chosen else "",
        query={"country": country or "", "k": size, "year": year or ""},
        max_k=formats.MAX_GROUP_SIZE,
        suggestions=found,
        reason_text=lambda reason: reason_text(request, reason),
        **_helpers(request),
    )


@router.get("/opinion-groups", include_in_schema=False)
def groups_page(
    request: Request,
    k: int = Query(4, ge=2, le=8),
    database: Database = Depends(get_database),
) -> HTMLResponse:
    """Opinion groups of states and the items that unite or divide them."""
    data = voting.load_votes(get_settings(request))
    with database.session() as session:
        found = groups.opinion_groups(session, data, k=k)
    members = {
        g: sorted(found.states[found.states["group"] == g]["iso3"].dropna().tolist())
        for g in range(1, found.k + 1)
    }
    return render(
        request,
        "alliance/groups.html",
        found=found,
        members=members,
        items=found.items.to_dict("records"),
        issues=voting.ISSUES,
        **_helpers(request),
    )


# --------------------------------------------------------------------------- texts


@router.get("/texts", include_in_schema=False)
def text_list(
    request: Request,
    user: CurrentUser = Depends(require_role(*READERS)),
    database: Database = Depends(get_database),
) -> HTMLResponse:
    """Texts under negotiation and silence procedures closing soon."""
    with database.session() as session:
        found = consensus.list_texts(session)
        soon = consensus.closing_soon(session)
    return render(request, "alliance/texts.html", texts=found, soon=soon, **_helpers(request))


@router.post("/texts", include_in_schema=False, dependencies=[Depends(verify_csrf)])
def text_create(
    title: str = Form(..., max_length=200),
    body: str = Form(..., max_length=20_000),
    user: CurrentUser = Depends(require_role("coordinator")),
    database: Database = Depends(get_database),
) -> RedirectResponse:
    """Create a draft: one paragraph per block of text separated by a blank line."""
    paragraphs = [p for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    with database.session() as session:
        made = consensus.create_text(
            session, title=title, paragraphs=paragraphs, actor=user.username
        )
    return RedirectResponse(f"/texts/{made.id}", status_code=303)


@router.get("/texts/{text_id}", include_in_schema=False)
def text_page(
    request: Request,
    text_id: int,
    user: CurrentUser = Depends(require_role(*READERS)),
    database: Database = Depends(get_database),
) -> HTMLResponse:
    """A text: paragraphs with every state's position, the silence procedure, the history."""
    with database.session() as session:
        view = consensus.get_text(session, text_id)
        history = consensus.text_history(session, text_id)
    now = dt.datetime.now(dt.UTC)
    own = {
        p.number: next((x for x in p.positions if x.gwno == user.gwno), None)
        for p in view.paragraphs
    }
    return render(
        request,
        "alliance/text.html",
        text=view,
        history=history,
        own=own,
        stances=consensus.STANCES,
        closing_soon=bool(view.silence and view.silence.closing_soon(now)),
        body="\n\n".join(p.body for p in view.paragraphs),
        **_helpers(request),
    )


@router.post(
    "/texts/{text_id}/positions", include_in_schema=False, dependencies=[Depends(verify_csrf)]
)
def position_route(
    text_id: int,
    paragraph: int = Form(...),
    stance: str = Form(...),
    comment: str = Form("", max_length=4000),
    amendment: str = Form("", max_length=4000),
    user: CurrentUser = Depends(require_role("delegate")),
    database: Database = Depends(get_database),
) -> RedirectResponse:
    """A delegate lodges their own state's position on a paragraph."""
    if user.gwno is None:
        raise HTTPException(status_code=403, detail="your account represents no state")
    with database.session() as session:
        consensus.record_position(
            session,
            text_id,
            number=paragraph,
            gwno=user.gwno,
            stance=stance,
            actor=user.username,
            acting_for=user.gwno,
            comment=comment,
            amendment=amendment or None,
        )
    return RedirectResponse(f"/texts/{text_id}#paragraph-{paragraph}", status_code=303)


@router.post(
    "/texts/{text_id}/silence", include_in_schema=False, dependencies=[Depends(verify_csrf)]
)
def silence_route(
    text_id: int,
    hours: float = Form(..., gt=0, le=24 * 60),
    user: CurrentUser = Depends(require_role("coordinator")),
    database: Database = Depends(get_database),
) -> RedirectResponse:
    """Open a silence procedure ending ``hours`` from now."""
    deadline = dt.datetime.now(dt.UTC) + dt.timedelta(hours=hours)
    with database.session() as session:
        consensus.open_silence(session, text_id, deadline=deadline, actor=user.username)
    return RedirectResponse(f"/texts/{text_id}", status_code=303)


@router.post(
    "/texts/{text_id}/revise", include_in_schema=False, dependencies=[Depends(verify_csrf)]
)
def revise_route(
    text_id: int,
    body: str = Form(..., max_length=20_000),
    user: CurrentUser = Depends(require_role("coordinator")),
    database: Database = Depends(get_database),
) -> RedirectResponse:
    """A new version of a draft (paragraphs separated by a blank line)."""
    paragraphs = [p for p in body.replace("\r\n", "\n").split("\n\n") if p.strip()]
    with database.session() as session:
        consensus.revise_text(session, text_id, paragraphs=paragraphs, actor=user.username)
    return RedirectResponse(f"/texts/{text_id}", status_code=303)


# --------------------------------------------------------------------------- hooks


def country_section(request: Request, gwno: int) -> Section | None:
    """Initiatives the state endorsed, its Alliance membership and who votes with it."""
    with get_database(request).session() as session:
        endorsed = initiatives.list_endorsements(session, gwno=gwno)
        language = request_language(request)
        titles = {i.id: i.title_in(language) for i in initiatives.list_initiatives(session)}
        member = [m for m in initiatives.members_on(session) if m.gwno == gwno]
    aligned: list[dict[str, Any]] = []
    try:
        data = voting.load_votes(get_settings(request))
        last = int(data.years.max())
        frame = voting.who_votes_with(data, gwno, last - 9, last).head(5)
        aligned = [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]
        period = f"{last - 9}–{last}"
    except NotFoundError:
        period = ""
    return Section(
        "alliance/country_section.html",
        {
            "endorsed": endorsed,
            "titles": titles,
            "member": member,
            "aligned": aligned,
            "period": period,
            "iso3": _slug(gwno),
            **_helpers(request),
        },
        order=130,
    )


router.include_router(api)
