"""The log says a repeated failure once per interval, and the database being away in one
line without its traceback; other errors pass as they are."""

import logging
import time

import psycopg
from django.db import OperationalError

from config.logging import DatabaseUnavailable, OncePerInterval


def failed(error):
    """django.request's record of a request that failed with `error`, as Django logs it."""
    return logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "%s: %s",
        ("Service Unavailable", "/en/"), (type(error), error, error.__traceback__),
    )  # fmt: skip


def from_driver(driver_error):
    """Django's OperationalError for psycopg's, as Django's error wrapper raises it."""
    error = OperationalError(str(driver_error))
    error.__cause__ = driver_error
    return error


def test_a_message_passes_once_per_interval():
    once = OncePerInterval(interval=0.3)
    repeated = logging.LogRecord("config.cache", logging.ERROR, __file__, 1, "%s", ("x",), None)
    other = logging.LogRecord("config.cache", logging.ERROR, __file__, 1, "other", (), None)
    assert [once.filter(repeated), once.filter(repeated), once.filter(other)] == [True, False, True]
    time.sleep(0.35)
    assert once.filter(repeated)  # a reminder: it still happens


def test_the_database_away_is_one_line_without_its_traceback():
    away = DatabaseUnavailable(interval=300)
    refused = failed(from_driver(psycopg.OperationalError("connection failed: refused\nmore")))
    assert away.filter(refused)
    assert refused.getMessage() == (
        "The database is unavailable, so requests get a 503: connection failed: refused"
    )
    assert refused.exc_info is None
    # Later failures of the outage, whatever their words, are not repeated.
    assert not away.filter(failed(from_driver(psycopg.OperationalError("timeout expired"))))


def test_errors_the_server_answered_with_and_other_errors_keep_their_traceback():
    away = DatabaseUnavailable(interval=300)
    for error in [
        from_driver(psycopg.errors.QueryCanceled("canceling statement due to statement timeout")),
        from_driver(psycopg.errors.DeadlockDetected("deadlock detected")),
        ValueError("a bug"),
    ]:
        for _ in range(2):
            record = failed(error)
            assert away.filter(record), error
            assert record.getMessage() == "Service Unavailable: /en/"
            assert record.exc_info[1] is error
