"""``detente init``: set up every store and load the bundled real data, idempotently.

Each step is a function ``(Settings) -> str`` named by ``module:function`` and returns a one-line
summary. Steps must be idempotent: a second ``make run`` reuses what exists. A domain that needs
set-up (loading the snapshot, seeding the demo roster, the Helsinki pact, ...) appends its step.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

import typer

from detente.cli.context import settings
from detente.settings import Settings

INIT_STEPS: tuple[str, ...] = (
    "detente.store.bootstrap:migrate",
    "detente.accounts.bootstrap:ensure_admin",
    "detente.analytics.bootstrap:load_snapshot",
    "detente.warning.bootstrap:ensure_forecast",
    "detente.alliance.seed:seed_alliance",
    "detente.security.bootstrap:seed_security",
    "detente.warning.alerts:initial_alerts",
    "detente.response.bootstrap:load_demo_roster",
)


def _load(step: str) -> Callable[[Settings], str]:
    module_name, function_name = step.split(":")
    function: Callable[[Settings], str] = getattr(
        importlib.import_module(module_name), function_name
    )
    return function


def register(app: typer.Typer) -> None:
    """Add ``detente init``."""

    @app.command("init")
    def init() -> None:
        """Set up the stores under DETENTE_DATA_DIR and load the bundled real snapshot."""
        current = settings()
        for step in INIT_STEPS:
            typer.echo(_load(step)(current))
