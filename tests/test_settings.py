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


POSTGRESQL = {
    "DEBUG": "false",
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "example.org",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/country_pages",
}
SHOW_DATABASE = (
    "from django.conf import settings; database = settings.DATABASES['default']; "
    "options = database['OPTIONS']; "
    "print(database['ENGINE'], database['CONN_MAX_AGE'], options.get('pool'), "
    "options['connect_timeout'], repr(options.get('options')))"
)


@pytest.mark.parametrize(
    ("pool", "expected"),
    [
        ("false", "60 None"),
        ("true", "0 {'min_size': 2, 'max_size': 4, 'timeout': 2}"),
    ],
    ids=["persistent-connections", "pool"],
)
def test_postgresql_connections_persist_or_come_from_a_pool(pool, expected):
    result = run_django(SHOW_DATABASE, **POSTGRESQL, DATABASE_POOL=pool)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (f"config.postgresql {expected} 2 '-c statement_timeout=10s'")


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        pytest.param(
            {"DATABASE_CONNECT_TIMEOUT": "5", "DATABASE_STATEMENT_TIMEOUT": "30"},
            "None 5 '-c statement_timeout=30s'",
            id="longer",
        ),
        pytest.param(
            {"DATABASE_STATEMENT_TIMEOUT": "0", "DATABASE_POOL": "true"},
            "{'min_size': 2, 'max_size': 4, 'timeout': 2} 2 None",
            id="no-statement-timeout",
        ),
        pytest.param(
            {"DATABASE_URL": POSTGRESQL["DATABASE_URL"] + "?options=-c%20work_mem%3D8MB"},
            "None 2 '-c work_mem=8MB -c statement_timeout=10s'",
            id="options-in-the-url-kept",
        ),
    ],
)
def test_postgresql_timeouts_are_read_from_the_environment(environment, expected):
    result = run_django(SHOW_DATABASE, **{**POSTGRESQL, **environment})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().split(" ", 2)[2] == expected


def test_sqlite_gets_no_postgresql_options():
    result = run_django(SHOW_DATABASE.replace("options['connect_timeout']", "None"))
    assert result.stdout.strip() == "django.db.backends.sqlite3 0 None None None", result.stderr
