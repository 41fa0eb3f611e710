"""How domains add to the shared pages without the shell knowing them.

A routes module listed in ``detente.web.app.ROUTE_MODULES`` may define any of these functions;
the shell finds them by name and calls each one on every relevant request:

==========================================================  ==================================
``home_section(request) -> Section | None``                 a block on the home page
``country_section(request, gwno) -> Section | None``        a block on ``/countries/{iso3}``
``downloads() -> list[Download]``                           files on ``/data``
``feed_entries(request) -> list[FeedEntry]``                entries of ``/feed.atom``
``nav_items() -> list[NavItem]``                            links in the main navigation
==========================================================  ==================================

A :class:`Section` names a template (``<domain>/<file>.html``, rendered with its own context
plus ``request``, ``user``, ``language`` and the gettext callables) and an ``order`` (lower comes
first; the shell's own blocks use 0-99, domains 100 and up). Labels and titles are English
msgids marked with ``N_`` and translated when the page is rendered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from starlette.requests import Request

from detente.accounts.roles import Role


@dataclass(frozen=True)
class Section:
    """A block a domain adds to a shared page."""

    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    order: int = 100


@dataclass(frozen=True)
class Download:
    """A file on the open-data page.

    ``title`` and ``description`` are English msgids (marked with ``N_``); ``path`` is the URL
    the file is served at (by the domain's own route); ``format`` is e.g. ``"CSV"``.
    """

    title: str
    description: str
    path: str
    format: str
    licence: str = "CC BY 4.0"


@dataclass(frozen=True)
class FeedEntry:
    """One entry of the Atom feed: ``id`` is a stable URI, ``path`` the page it links to."""

    id: str
    title: str
    summary: str
    path: str
    updated: dt.datetime
    author: str = "Détente"


@dataclass(frozen=True)
class NavItem:
    """A link in the main navigation; ``roles`` limits it to signed-in users with a role."""

    label: str
    path: str
    order: int = 100
    roles: tuple[Role, ...] | None = None


def as_utc(moment: dt.datetime) -> dt.datetime:
    """``moment`` as an aware UTC time (SQLite hands back naive UTC timestamps)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def route_modules(request: Request) -> tuple[ModuleType, ...]:
    """The imported routes modules of the running app (set by ``create_app``)."""
    modules: tuple[ModuleType, ...] = request.app.state.route_modules
    return modules


def _hooks(request: Request, name: str) -> Iterator[Callable[..., Any]]:
    for module in route_modules(request):
        hook = getattr(module, name, None)
        if callable(hook):
            yield hook


def home_sections(request: Request) -> list[Section]:
    """Every domain's home-page block, in order."""
    found = [s for hook in _hooks(request, "home_section") if (s := hook(request)) is not None]
    return sorted(found, key=lambda s: s.order)


def country_sections(request: Request, gwno: int) -> list[Section]:
    """Every domain's block for one country page, in order."""
    found = [
        s for hook in _hooks(request, "country_section") if (s := hook(request, gwno)) is not None
    ]
    return sorted(found, key=lambda s: s.order)


def downloads(request: Request) -> list[Download]:
    """Every domain's open-data files."""
    return [item for hook in _hooks(request, "downloads") for item in hook()]


def feed_entries(request: Request) -> list[FeedEntry]:
    """Every domain's feed entries, newest first."""
    entries = [entry for hook in _hooks(request, "feed_entries") for entry in hook(request)]
    return sorted(entries, key=lambda e: as_utc(e.updated), reverse=True)


def nav_items(request: Request, role: str | None) -> list[NavItem]:
    """The navigation links visible to a visitor with ``role`` (``None`` = public)."""
    items = [item for hook in _hooks(request, "nav_items") for item in hook()]
    visible = [
        item
        for item in items
        if item.roles is None or (role is not None and (role == "admin" or role in item.roles))
    ]
    return sorted(visible, key=lambda item: (item.order, item.path))
