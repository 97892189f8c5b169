"""Every error under /api/ is JSON, {"detail": "..."}, whoever answers it: a walk over the
API's routes (a missing object, a bad page, a bad filter value, an odd method), addresses
that match no route, the rate limit, and the 400s and 500s Django answers itself."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from rest_framework.throttling import AnonRateThrottle

from initiatives.tests.test_filter_values import MALFORMED
from tests.processes import run_django
from tests.test_url_access import ALL_URLS, url_for

API_ROUTES = [(name, pattern) for name, pattern in ALL_URLS if name.startswith("api:")]
NOT_FOUND = {"detail": "Not found."}


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    # The anonymous rate limit counts in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


def json_error(response, status):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    return response.json()


def route_params():
    return [pytest.param(name, pattern, id=name) for name, pattern in API_ROUTES]


def view_class(pattern):
    return pattern.callback.cls


@pytest.mark.parametrize(("name", "pattern"), route_params())
def test_odd_methods_are_405_in_json(client, demo, name, pattern):
    url = url_for(name, pattern)
    for method in ["TRACE", "PUT", "DELETE", "PATCH", "POST", "FOO"]:
        response = client.generic(method, url)
        assert json_error(response, 405) == {"detail": f'Method "{method}" not allowed.'}
        assert "GET" in response["Allow"].split(", ")
    # OPTIONS is the framework's metadata where the answer is JSON; the docs page and the
    # schema refuse it.
    response = client.options(url)
    assert response["Content-Type"] == "application/json"
    assert response.status_code == (405 if name in {"api:docs", "api:schema"} else 200)
    json.loads(response.content)


@pytest.mark.parametrize(
    ("name", "pattern"), [p for p in route_params() if getattr(p.values[1].callback, "actions", 0)]
)
def test_a_bad_page_or_a_missing_object_is_a_json_404(client, demo, name, pattern):
    url = url_for(name, pattern)
    if pattern.callback.actions.get("get") == "retrieve":
        # A well-formed code of no published country, and one the address pattern refuses.
        for code, detail in [
            ("ZZ", "No Country matches the given query."),
            ("ZZZ", "Not found."),
            ("L%C3%A9", "Not found."),
            ("1", "Not found."),
        ]:
            missing = url.replace("/LS/", f"/{code}/")
            assert json_error(client.get(missing), 404) == {"detail": detail}, missing
        return
    for page in ["x", "0", "-1", "999", "9" * 40]:
        assert json_error(client.get(url, {"page": page}), 404) == {"detail": "Invalid page."}


@pytest.mark.parametrize(
    ("name", "pattern"),
    [p for p in route_params() if getattr(view_class(p.values[1]), "filterset_class", None)],
)
def test_a_bad_filter_value_is_a_json_400(client, demo, name, pattern):
    url = url_for(name, pattern)
    for field in view_class(pattern).filterset_class.base_filters:
        for value in MALFORMED[field]:
            body = json_error(client.get(url, {field: value}), 400)
            assert list(body) == [field], value
            assert body[field] and all(isinstance(text, str) for text in body[field])


@pytest.mark.parametrize(
    "path",
    [
        "/api/",
        "/api/v2/",
        "/api/v1/nothing/",
        "/api/v1/countries/ZZZ/",
        "/api/v1/countries/LS/plans/",
        "/api/v1/initiatives/1/",
        "/api/schema/extra/",
    ],
)
def test_an_address_that_matches_no_route_is_a_json_404_whatever_the_method(client, db, path):
    for method in ["GET", "HEAD", "POST", "OPTIONS", "DELETE", "FOO"]:
        response = client.generic(method, path)
        assert response.status_code == 404, method
        assert response["Content-Type"] == "application/json", method
        if method != "HEAD":
            assert response.json() == NOT_FOUND
        assert "Allow" not in response


def test_an_address_without_its_last_slash_gets_it_then_a_json_404(client, db):
    response = client.get("/api/v1/nothing", follow=True)
    assert response.redirect_chain == [("/api/v1/nothing/", 301)]
    assert json_error(response, 404) == NOT_FOUND


def test_the_rate_limit_is_a_json_429(client, demo, monkeypatch):
    monkeypatch.setattr(AnonRateThrottle, "rate", "1/minute", raising=False)
    assert client.get("/api/v1/offices/?reader=1").status_code == 200
    response = client.get("/api/v1/offices/?reader=2")
    assert json_error(response, 429)["detail"].startswith("Request was throttled.")
    assert int(response["Retry-After"]) > 0


def test_a_host_the_site_does_not_serve_is_a_json_400(client, db):
    response = client.get("/api/v1/countries/", HTTP_HOST="elsewhere.example")
    assert json_error(response, 400) == {"detail": "Malformed request."}
    # The pages keep Django's own answer.
    page = client.get("/en/", HTTP_HOST="elsewhere.example")
    assert page.status_code == 400
    assert page["Content-Type"].startswith("text/html")


def test_a_server_error_is_json(db):
    # A table gone from under the API (put back when the test's transaction rolls back):
    # PostgreSQL calls it a programming error, a 500; SQLite an operational one, the 503
    # of a database that is away.
    with connection.cursor() as cursor:
        cursor.execute("ALTER TABLE profiles_indicator RENAME TO profiles_indicator_away")
    response = Client(raise_request_exception=False).get("/api/v1/indicators/")

    if connection.vendor == "postgresql":
        assert json_error(response, 500) == {"detail": "A server error occurred."}
    else:
        assert json_error(response, 503) == {
            "detail": "The service is unavailable for a moment; retry later."
        }
        assert response["Retry-After"] == "30"


API_WITHOUT_DATABASE = """
import json
from django.test.utils import setup_test_environment
from django.test import Client
setup_test_environment()
response = Client(raise_request_exception=False).get("/api/v1/countries/", secure=True)
print(json.dumps([response.status_code, response["Content-Type"], response.get("Retry-After"),
                  response.json()]))
"""


def test_the_database_away_is_a_json_503():
    result = run_django(
        API_WITHOUT_DATABASE,
        # Nothing listens on port 1: the connection is refused at once.
        DATABASE_URL="postgres://postgres@127.0.0.1:1/country_pages",
        DEBUG="false",
        SECRET_KEY="a-key-for-this-test-only-0123456789abcdefghijklmnopqrstuvwxyz",
        ALLOWED_HOSTS="testserver",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout) == [
        503,
        "application/json",
        "30",
        {"detail": "The service is unavailable for a moment; retry later."},
    ]
