"""Build the FastAPI application: every domain plugs its router in here.

Each module named in ``ROUTE_MODULES`` exposes ``router`` (an ``APIRouter``). Page routes render
templates; API routes live under ``/api/v1``. Routes parse input, call one core function, render.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

from detente import __version__
from detente.settings import Settings, get_settings

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"

ROUTE_MODULES: tuple[str, ...] = (
    "detente.web.routes.home",
    "detente.web.routes.countries",
    "detente.web.routes.warning",
    "detente.web.routes.response",
    "detente.web.routes.alliance",
    "detente.web.routes.security",
    "detente.web.routes.accounts",
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The Détente web application for the given settings (default: environment)."""
    settings = settings or get_settings()
    app = FastAPI(title="Détente", version=__version__, docs_url="/docs", redoc_url=None)
    app.state.settings = settings
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    for name in ROUTE_MODULES:
        module = importlib.import_module(name)
        router: APIRouter = module.router
        app.include_router(router)
    return app
