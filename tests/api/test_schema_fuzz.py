"""The whole OpenAPI document fuzzed in-process: no server error and no answer that breaks
the document, with a national token and a Pemda token, on the real regions and a refreshed
month (tests/api/scope_world.py). Bounded: `FUZZ_EXAMPLES` cases per operation (the
environment's PANTAU_FUZZ_EXAMPLES raises it for a longer run)."""

from __future__ import annotations

import os
import re

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, given, settings
from rest_framework.throttling import SimpleRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.core.failures import FailureGroup, ServerError
from schemathesis.specs.openapi.checks import response_schema_conformance

from pantau.accounts import tokens
from pantau.api.views import coverage
from tests.api.scope_world import USER_REGION, coverage_world

FUZZ_EXAMPLES = int(os.environ.get("PANTAU_FUZZ_EXAMPLES", "15"))
CHECKS = [not_a_server_error, response_schema_conformance]
METHODS = {"get", "post", "put", "patch", "delete"}


def _document() -> dict:
    return SchemaGenerator(api_version="v1").get_schema(request=None, public=True)


OPERATIONS = sorted(
    (path, method.upper())
    for path, item in _document()["paths"].items()
    for method in item
    if method in METHODS
)


@pytest.fixture
def app(db, monkeypatch):
    """The site as a WSGI server runs it, inside the test's transaction: the handler's
    close of old connections at each request's start and end is held off, as Django's test
    client does; the rate limits are lifted (the fuzz sends hundreds of requests a minute)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES",
                        {"token": "1000000/minute", "anon": "1000000/minute"})  # fmt: skip
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(app):
    return schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", app)


@pytest.fixture
def askers(make_user):
    """Authorization headers of a national token and a Pemda (Kutai Kartanegara) token."""
    coverage_world()
    national = tokens.create(make_user("fuzz-national", "national"))[1]
    pemda = tokens.create(make_user("fuzz-pemda", "pemda", USER_REGION))[1]
    return {"national": {"Authorization": f"Token {national}"},
            "pemda": {"Authorization": f"Token {pemda}"}}  # fmt: skip


def fuzz(operation, askers: dict) -> None:
    """Every generated case, sent once per asker, checked."""

    @settings(max_examples=FUZZ_EXAMPLES, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(case=operation.as_strategy())
    def run(case):
        for headers in askers.values():
            case.call_and_validate(headers=headers, checks=CHECKS)

    run()


@pytest.mark.parametrize("path, method", OPERATIONS, ids=[f"{m} {p}" for p, m in OPERATIONS])
def test_operation(path, method, api_schema, askers):
    fuzz(api_schema[path][method], askers)


def test_every_endpoint_is_fuzzed():
    paths = {path for path, _method in OPERATIONS}
    assert {"/api/v1/regions/", "/api/v1/regions/{code}/", "/api/v1/coverage/{code}/",
            "/api/v1/coverage/{code}/trend/"} <= paths  # fmt: skip


def test_a_view_that_raises_fails_the_fuzz(api_schema, askers, monkeypatch):
    def broken(self, request, code):
        raise RuntimeError("broken on purpose")

    monkeypatch.setattr(coverage.CoverageView, "get", broken)
    with pytest.raises(FailureGroup) as failed:
        fuzz(api_schema["/api/v1/coverage/{code}/"]["GET"], askers)
    assert any(isinstance(error, ServerError) for error in failed.value.exceptions)


def test_the_document_validates(api_schema):
    document = _document()
    validate_schema(document)  # the OpenAPI 3 JSON schema
    assert document["openapi"].startswith("3.")
    assert api_schema.raw_schema["info"]["title"] == "Pantau API"  # schemathesis loaded it


@pytest.mark.parametrize("url", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_swagger_and_redoc_load_from_our_static_files(client, db, url):
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)\s*=\s*["\']([^"\']+)', html)
    scripts = [s for s in sources if s.endswith((".js", ".css"))]
    assert scripts, html[:500]
    for source in scripts:
        assert source.startswith("/static/"), source
    assert not re.search(r"https?://(?!localhost|testserver)", " ".join(sources))
    for source in scripts:
        assert client.get(source).status_code == 200, source
