"""The API keeps its OpenAPI schema: schemathesis sends generated requests to every
operation (a bounded number each) and checks each answer: no server error, and a status,
content type and body that the schema allows."""

import pytest
import schemathesis
from django.core import signals
from django.core.cache import cache
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from profiles.models import Country

OPERATIONS = [
    ("/api/v1/countries/", "GET"),
    ("/api/v1/countries/{iso}/", "GET"),
    ("/api/v1/indicators/", "GET"),
    ("/api/v1/initiatives/", "GET"),
    ("/api/v1/offices/", "GET"),
]
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(demo, monkeypatch):
    # Generated requests come fast from one address; the limit is tested on its own.
    monkeypatch.setattr(AnonRateThrottle, "rate", "100000/minute", raising=False)
    cache.clear()
    # The WSGI app closes the database connection around each request, which would end the
    # test's transaction; Django's own test client keeps it open the same way.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        # Loaded in the test, not at import: the schema lists the years in the database.
        yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


def test_every_operation_is_tested(api_schema):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert sorted((op.path, op.method.upper()) for op in operations) == OPERATIONS


@pytest.mark.parametrize(("path", "method"), OPERATIONS, ids=[path for path, _ in OPERATIONS])
def test_api_answers_as_its_schema_says(api_schema, path, method):
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=20,
        deadline=None,
        database=None,  # the same examples on every run; no .hypothesis folder
        suppress_health_check=[HealthCheck.too_slow],
    )
    def answers(case):
        case.call_and_validate(checks=CHECKS)

    answers()


def test_every_published_country_answers_as_the_schema_says(api_schema):
    # Generated ISO codes rarely name a country; check each real one's full answer too.
    operation = api_schema["/api/v1/countries/{iso}/"]["GET"]
    codes = list(Country.objects.published().values_list("iso_code", flat=True))
    assert len(codes) == 5
    for code in codes:
        response = operation.Case(path_parameters={"iso": code}).call_and_validate(checks=CHECKS)
        assert response.status_code == 200
