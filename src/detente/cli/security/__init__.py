"""CLI of the security domain: ``detente pacts``, ``notify``, ``incidents``, ``roadmap``,
``tracks`` and ``sanctions``.

Commands parse options, call one core function of :mod:`detente.security` and render a rich
table or JSON. Dates are ``YYYY-MM-DD``; countries are a GW code, an ISO3 code or a name.
Bad input ends with ``error: <file or input>, row, field: problem`` and exit 1, writing nothing.
"""

from __future__ import annotations

import typer

from detente.cli.security.incidents import incidents
from detente.cli.security.notify import notify
from detente.cli.security.pacts import pacts
from detente.cli.security.roadmap import roadmap
from detente.cli.security.sanctions import sanctions
from detente.cli.security.tracks import tracks


def register(app: typer.Typer) -> None:
    """Add the groups pacts, notify, incidents, roadmap, tracks and sanctions."""
    app.add_typer(pacts, name="pacts")
    app.add_typer(notify, name="notify")
    app.add_typer(incidents, name="incidents")
    app.add_typer(roadmap, name="roadmap")
    app.add_typer(tracks, name="tracks")
    app.add_typer(sanctions, name="sanctions")
