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
