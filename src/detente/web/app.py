"""Build the FastAPI application: every domain plugs its router in here.

Each module named in ``ROUTE_MODULES`` exposes ``router`` (an ``APIRouter``) and may expose the
hooks described in :mod:`detente.web.sections`. Page routes render templates; API routes live
under ``/api/v1``. Routes parse input, call one core function, render.
"""

from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import func, select
from starlette.middleware.sessions import SessionMiddleware

from detente import __version__
from detente.settings import Settings, get_settings
from detente.store import Database
from detente.store.audit import AuditEntry
from detente.web import errors, params
from detente.web.middleware import (
    HeadAsGetMiddleware,
    LanguageMiddleware,
    SecurityHeadersMiddleware,
)
from detente.web.pagecache import PublicPageCache

STATIC_DIR = Path(__file__).parent / "static"
TEMPLATES_DIR = Path(__file__).parent / "templates"
SESSION_COOKIE = "detente_session"
SESSION_MAX_AGE = 8 * 3600  # a working day; sign in again after

ROUTE_MODULES: tuple[str, ...] = (
    "detente.web.routes.home",
    "detente.web.routes.countries",
    "detente.web.routes.countries_api",
    "detente.web.routes.warning",
    "detente.web.routes.alerts",
    "detente.web.routes.alerts_registry",
    "detente.web.routes.alerts_api",
    "detente.web.routes.response",
    "detente.web.routes.response_api",
    "detente.web.routes.alliance",
    "detente.web.routes.security",
    "detente.web.routes.security_api",
    "detente.web.routes.security_pact_forms",
    "detente.web.routes.security_sanction_forms",
    "detente.web.routes.data",
    "detente.web.routes.feed",
    "detente.web.routes.audit",
    "detente.web.routes.accounts",
)


def create_app(settings: Settings | None = None) -> FastAPI:
    """The Détente web application for the given settings (default: environment)."""
    settings = settings or get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    database = Database(settings.sqlalchemy_url)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        database.dispose()

    app = FastAPI(
        title="Détente",
        version=__version__,
        description="Open data and workflows for multilateral conflict prevention.\n\n"
        + errors.API_ERRORS,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
        # every route, page or API: see detente.web.params for why
        dependencies=[
            Depends(params.refuse_control_characters_in_address),
            Depends(params.refuse_repeated_parameters),
        ],
    )
    app.state.settings = settings
    app.state.database = database
    app.add_middleware(
        SessionMiddleware,
        secret_key=settings.session_secret(),
        session_cookie=SESSION_COOKIE,
        max_age=SESSION_MAX_AGE,
        same_site="lax",
        https_only=settings.secure_cookies,
    )
    if settings.page_cache:
        app.add_middleware(
            PublicPageCache,
            data_version=lambda: data_version(settings, database),
            session_cookie=SESSION_COOKIE,
        )
    app.add_middleware(LanguageMiddleware, secure=settings.secure_cookies)
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(HeadAsGetMiddleware)  # outermost: everything inside sees a GET
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    errors.install(app)
    _add_docs(app)
    modules = []
    for name in ROUTE_MODULES:
        module = importlib.import_module(name)
        router: APIRouter = module.router
        app.include_router(router)
        modules.append(module)
    app.state.route_modules = tuple(modules)
    return app


def data_version(settings: Settings, database: Database) -> tuple[int, float, float]:
    """Changes whenever anything a public page shows may have changed (see ``pagecache``).

    The newest audit entry (every write in every domain records one), the analytics store's
    modification time, and the newest forecast file's.
    """
    with database.engine.connect() as connection:
        newest = connection.execute(select(func.max(AuditEntry.id))).scalar()
    store = settings.analytics_path
    store_mtime = store.stat().st_mtime if store.exists() else 0.0
    forecasts = settings.data_dir / "forecasts"
    forecast_mtime = (
        max((p.stat().st_mtime for p in forecasts.glob("*.parquet")), default=0.0)
        if forecasts.is_dir()
        else 0.0
    )
    return (int(newest or 0), store_mtime, forecast_mtime)


def _add_docs(app: FastAPI) -> None:
    """OpenAPI docs at ``/docs`` with the vendored Swagger UI (FastAPI's default uses a CDN)."""

    @app.get("/docs", include_in_schema=False)
    def docs(_request: Request) -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json",
            title="Détente API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )
