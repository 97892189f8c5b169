"""Logging that says it once, not on every request."""

import logging
import time

from config.database import CONNECTION_ERRORS

# SQLSTATE classes of a server that cannot serve: connection exceptions, insufficient
# resources (too many connections), operator intervention (shutting down, starting up).
UNAVAILABLE_CLASSES = ("08", "53", "57P")


class OncePerInterval(logging.Filter):
    """Let a message through once, then drop its repeats for `interval` seconds.

    With Redis down every request fails to read and write the cache; one line per
    outage (and a reminder every few minutes) tells the operator as much as thousands.
    """

    def __init__(self, interval=300):
        super().__init__()
        self.interval = interval
        self.last_seen = {}

    def filter(self, record):
        key = (record.name, record.msg)
        now = time.monotonic()
        last = self.last_seen.get(key)
        if last is not None and now - last < self.interval:
            return False
        self.last_seen[key] = now
        return True


class DatabaseUnavailable(OncePerInterval):
    """For django.request: a request that failed because the database is away (the 503
    page, /healthz's 503) is one line per interval, not a traceback per request.

    Errors the server answered with (a statement timeout, a deadlock) pass as they are:
    each is a problem of its own.
    """

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if not unavailable(error):
            return True
        record.msg = "The database is unavailable, so requests get a 503: %s"
        record.args = (str(error).strip().split("\n")[0],)
        record.exc_info = record.exc_text = None
        return super().filter(record)


def unavailable(error):
    """Whether `error` (Django's) says the database could not be reached or would not
    serve, rather than refusing one statement."""
    if not isinstance(error, CONNECTION_ERRORS):
        return False
    sqlstate = getattr(error.__cause__, "sqlstate", None)  # the driver's error, if any
    return sqlstate is None or sqlstate.startswith(UNAVAILABLE_CLASSES)
