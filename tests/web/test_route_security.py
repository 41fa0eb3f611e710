"""Every route that changes something checks a role and a CSRF token, route by route.

Walks ``app.routes`` of the full app (every domain's router included), so a write route a
domain adds later is checked too. The login form is the one write route without a role.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import APIRouter, Depends, FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute, iter_route_contexts

from detente.settings import Settings
from detente.web.app import create_app
from detente.web.deps import require_role, verify_csrf

NO_ROLE_NEEDED = {("/login", "POST")}


def _calls(dependant: Dependant) -> Iterator[Any]:
    for sub in dependant.dependencies:
        yield sub.call
        yield from _calls(sub)


def _write_routes() -> list[tuple[str, str, Dependant]]:
    """(path, method, dependant) of every non-GET route, include-level dependencies included."""
    app = create_app(Settings(data_dir=Path(tempfile.mkdtemp(prefix="detente-routes-"))))
    found = []
    for context in iter_route_contexts(app.routes):
        methods = context.methods or set()
        dependant = getattr(context, "dependant", None)
        if isinstance(context.original_route, APIRoute) and dependant is not None:
            for method in sorted(methods - {"GET", "HEAD", "OPTIONS"}):
                found.append((str(context.path), method, dependant))
    return found


WRITE_ROUTES = _write_routes()


def test_there_are_write_routes_to_check() -> None:
    assert ("/login", "POST") in {(path, method) for path, method, _ in WRITE_ROUTES}


def missing_protections(path: str, method: str, dependant: Dependant) -> list[str]:
    """What a write route lacks: ``verify_csrf`` and (except sign-in) ``require_role``."""
    calls = list(_calls(dependant))
    missing = []
    if not any(getattr(call, "detente_csrf", False) for call in calls):
        missing.append("Depends(verify_csrf)")
    if (path, method) not in NO_ROLE_NEEDED and not any(
        getattr(call, "detente_roles", None) is not None for call in calls
    ):
        missing.append("Depends(require_role(...))")
    return missing


@pytest.mark.parametrize(
    ("path", "method", "dependant"), WRITE_ROUTES, ids=[f"{m} {p}" for p, m, _ in WRITE_ROUTES]
)
def test_write_route_checks_role_and_csrf(path: str, method: str, dependant: Dependant) -> None:
    assert missing_protections(path, method, dependant) == [], f"{method} {path}"


def test_the_check_catches_an_unprotected_route() -> None:
    router = APIRouter()

    @router.post("/open")
    def unprotected() -> None: ...

    @router.post("/half", dependencies=[Depends(verify_csrf)])
    def csrf_only() -> None: ...

    @router.post("/full", dependencies=[Depends(verify_csrf), Depends(require_role("analyst"))])
    def protected() -> None: ...

    app = FastAPI()
    app.include_router(router)
    found = {
        str(c.path): missing_protections(str(c.path), "POST", c.dependant)
        for c in iter_route_contexts(app.routes)
        if isinstance(c.original_route, APIRoute)
    }
    assert found == {
        "/open": ["Depends(verify_csrf)", "Depends(require_role(...))"],
        "/half": ["Depends(require_role(...))"],
        "/full": [],
    }
