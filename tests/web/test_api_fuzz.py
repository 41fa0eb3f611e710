"""Fuzz every ``/api/v1`` operation with schemathesis: never a 5xx, responses match the schema.

Operations are read from the app's OpenAPI schema, so those a domain adds are fuzzed
automatically (one test per operation). Requests carry an admin's session cookie so operations
behind a role are exercised too. (schemathesis' ``from_fixture`` pytest integration does not
run on pytest 9, so the hypothesis loop is written here.)
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings

from detente.settings import Settings
from detente.web.app import create_app
from tests.web.conftest import add_user, csrf_from

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.response_schema_conformance,
]
API_PATHS = r"^/api/v1/"


def _api_schema(app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", app).include(path_regex=API_PATHS)


def _operation_labels() -> list[str]:
    """Every API operation of the full app (the routes do not depend on the data)."""
    app = create_app(Settings(data_dir=Path(tempfile.mkdtemp(prefix="detente-fuzz-"))))
    return sorted(result.ok().label for result in _api_schema(app).get_all_operations())


OPERATIONS = _operation_labels()


@pytest.fixture
def fuzz_app(web_settings: Settings) -> Iterator[FastAPI]:
    """The full app over a fresh state database (and the analytics store, when there is one)."""
    app = create_app(web_settings)
    with TestClient(app):
        yield app


@pytest.fixture
def admin_cookie(fuzz_app: FastAPI) -> str:
    """A signed-in admin's session cookie header."""
    username, password = add_user(fuzz_app.state.settings, "admin")
    with TestClient(fuzz_app) as client:
        token = csrf_from(client.get("/login").text)
        client.post(
            "/login",
            data={"username": username, "password": password, "csrf_token": token},
            follow_redirects=False,
        )
        return "; ".join(f"{name}={value}" for name, value in client.cookies.items())


def test_the_api_has_operations_to_fuzz() -> None:
    assert "GET /api/v1/countries/{code}" in OPERATIONS


@pytest.mark.parametrize("label", OPERATIONS)
def test_api_operation_never_answers_5xx(label: str, fuzz_app: FastAPI, admin_cookie: str) -> None:
    operation = _api_schema(fuzz_app).find_operation_by_label(label)
    assert operation is not None, label

    @given(case=operation.as_strategy())
    @settings(
        max_examples=30,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    def fuzz(case: schemathesis.Case) -> None:
        case.call_and_validate(headers={"Cookie": admin_cookie}, checks=CHECKS)

    fuzz()


RESOLVES_A_STATE = (  # no path parameter, but a state named in the query may be unknown
    "/api/v1/alliance/alignment",
    "/api/v1/alliance/alignment/pair",
    "/api/v1/alliance/formats",
    "/api/v1/response/teams/propose",
)


def _spec() -> dict[str, Any]:
    app = create_app(Settings(data_dir=Path(tempfile.mkdtemp(prefix="detente-spec-"))))
    return app.openapi()


def test_every_operation_that_can_answer_404_declares_it_with_its_error_model() -> None:
    """An unknown id, code or period answers 404 ``{"detail": "..."}``: clients and fuzzers
    read that from the spec (it declared only 200 and 422)."""
    spec = _spec()
    checked = []
    for path, operations in spec["paths"].items():
        if not path.startswith("/api/v1/") or ("{" not in path and path not in RESOLVES_A_STATE):
            continue
        for method, operation in operations.items():
            declared = operation["responses"].get("404")
            assert declared is not None, f"{method.upper()} {path} does not declare 404"
            schema = declared["content"]["application/json"]["schema"]
            assert schema == {"$ref": "#/components/schemas/ErrorOut"}, path
            checked.append(path)
    assert len(checked) >= 21
    assert spec["components"]["schemas"]["ErrorOut"]["properties"]["detail"]["type"] == "string"


def test_the_spec_describes_both_error_shapes() -> None:
    description = _spec()["info"]["description"]
    assert '"loc": ["query", "from"]' in description
    assert '{"detail": "no alert 0"}' in description


def _needs_a_role(dependant: Any) -> bool:
    return hasattr(dependant.call, "detente_roles") or any(
        _needs_a_role(sub) for sub in dependant.dependencies
    )


def test_every_operation_behind_a_role_declares_401_and_403() -> None:
    """``/api/v1/audit`` answered 401 and 403 but its spec listed only 200 and 422."""
    app = create_app(Settings(data_dir=Path(tempfile.mkdtemp(prefix="detente-spec-"))))
    spec = app.openapi()
    checked = []
    for context in iter_route_contexts(app.routes):
        path, dependant = str(context.path), getattr(context, "dependant", None)
        if not path.startswith("/api/v1/") or dependant is None or not _needs_a_role(dependant):
            continue
        for method in context.methods or set():
            responses = spec["paths"][path][method.lower()]["responses"]
            for status in ("401", "403"):
                schema = responses[status]["content"]["application/json"]["schema"]
                assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (path, status)
            checked.append(path)
    assert "/api/v1/audit" in checked
    assert len(checked) >= 6
