"""Django's PostgreSQL backend, with deadlines for a server that stops answering.

A kept connection's health check (and the pool's check before it lends one) must be
answered within DATABASE_CONNECT_TIMEOUT, like a new connection's handshake, and a
check that goes unanswered ends the request at once (the 503 page) instead of waiting
again for a new connection. A query, a commit or a rollback gets the statement timeout
and GRACE: by then a running server has cancelled the statement and said so.
"""

from django.conf import settings
from django.db.backends.postgresql import base
from psycopg_pool import ConnectionPool

from config.postgresql.deadline import DatabaseAway, answer_within

# Seconds past the statement timeout for the server's cancellation to arrive.
GRACE = 2


def check_pooled(connection):
    """The pool's own check before it lends a connection, under the same deadline."""
    with answer_within(connection, settings.DATABASE_CONNECT_TIMEOUT):
        ConnectionPool.check_connection(connection)


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, settings_dict, *args, **kwargs):
        pool = settings_dict["OPTIONS"].get("pool")
        if isinstance(pool, dict) and settings_dict["CONN_HEALTH_CHECKS"]:
            # In place of Django's choice (psycopg's check, with no deadline); on a copy, so
            # that settings.DATABASES stays as configured.
            options = {**settings_dict["OPTIONS"], "pool": {"check": check_pooled, **pool}}
            settings_dict = {**settings_dict, "OPTIONS": options}
        super().__init__(settings_dict, *args, **kwargs)
        self.execute_wrappers.append(self._execute_within_deadline)
        self._check_unanswered = False

    def _work_deadline(self):
        timeout = settings.DATABASE_STATEMENT_TIMEOUT
        return answer_within(self.connection, timeout + GRACE if timeout else 0)

    def _execute_within_deadline(self, execute, sql, params, many, context):
        if many:  # many statements, each with its own timeout on the server
            return execute(sql, params, many, context)
        with self._work_deadline():
            return execute(sql, params, many, context)

    def _commit(self):
        with self._work_deadline():
            return super()._commit()

    def _rollback(self):
        with self._work_deadline():
            return super()._rollback()

    def is_usable(self):
        try:
            with answer_within(self.connection, settings.DATABASE_CONNECT_TIMEOUT):
                return super().is_usable()
        except DatabaseAway:
            self._check_unanswered = True
            return False

    def close_if_health_check_failed(self):
        self._check_unanswered = False
        super().close_if_health_check_failed()  # closes the connection if unusable
        if self._check_unanswered:
            # A server that could not answer "SELECT 1" would not answer a new connection
            # either: the request ends now rather than after connect_timeout more.
            raise DatabaseAway(
                "PostgreSQL did not answer the connection's health check within "
                f"{settings.DATABASE_CONNECT_TIMEOUT} s"
            )
