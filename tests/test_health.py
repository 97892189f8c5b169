import pytest
from django.urls import reverse

from tests.processes import run_django

PROBE = """
from django.test.utils import setup_test_environment
from django.test import Client
setup_test_environment()
for _ in range(3):  # a load balancer probes again and again
    response = Client().get("/healthz")
print(response.status_code, response.get("Retry-After"), response.content.decode().strip())
"""


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.text == "ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_refuses_writes(client, db):
    assert client.post(reverse("healthz")).status_code == 405


@pytest.mark.parametrize(
    "database_url",
    [
        # Nothing listens on port 1: the connection is refused at once.
        pytest.param("postgres://postgres@127.0.0.1:1/country_pages", id="postgresql-down"),
        pytest.param("sqlite:////nonexistent-folder/db.sqlite3", id="sqlite-unreadable"),
    ],
)
def test_healthz_answers_503_when_the_database_does_not(database_url):
    production = {"DEBUG": "false", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "example.org"}
    result = run_django(PROBE, DATABASE_URL=database_url, **production)
    # Retry-After: the load balancer, or whoever looks, is told when to ask again.
    assert result.stdout.strip() == "503 30 database unavailable", result.stderr
    # The log says so once, with the cause, and no traceback.
    assert result.stderr.count("The database is unavailable, so requests get a 503: ") == 1
    assert "Traceback" not in result.stderr, result.stderr
