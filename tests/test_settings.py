"""The settings module refuses to run production without its secrets."""

import pytest

from tests.processes import run_django

START = "from django.conf import settings; print(settings.DEBUG)"


def start(**environment):
    return run_django(START, **environment)


def test_no_environment_runs_in_development():
    result = start()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "True"


@pytest.mark.parametrize(
    ("environment", "missing"),
    [
        pytest.param({"ALLOWED_HOSTS": "example.org"}, "SECRET_KEY", id="no-secret-key"),
        pytest.param({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS", id="no-allowed-hosts"),
        pytest.param({}, "SECRET_KEY and ALLOWED_HOSTS", id="neither"),
    ],
)
def test_production_refuses_to_start_without(environment, missing):
    result = start(DEBUG="false", **{"SECRET_KEY": "", "ALLOWED_HOSTS": "", **environment})
    assert result.returncode != 0
    assert f"DEBUG is off, so {missing} must be set" in result.stderr


def test_production_starts_with_its_settings():
    result = start(DEBUG="false", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.org")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize(
    ("pool", "expected"),
    [("false", "60 None"), ("true", "0 {'min_size': 2, 'max_size': 4}")],
    ids=["persistent-connections", "pool"],
)
def test_postgresql_connections_persist_or_come_from_a_pool(pool, expected):
    code = (
        "from django.conf import settings; database = settings.DATABASES['default']; "
        "print(database['CONN_MAX_AGE'], database.get('OPTIONS', {}).get('pool'))"
    )
    result = run_django(
        code,
        DEBUG="false",
        SECRET_KEY="x" * 50,
        ALLOWED_HOSTS="example.org",
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/country_pages",
        DATABASE_POOL=pool,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == expected
