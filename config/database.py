"""One transaction for a command's whole import, and one sentence for the database failing
under it: the connection lost before the commit (nothing written), lost during the commit
(the outcome unknown), or another failure."""

from contextlib import contextmanager

from django.db import InterfaceError, OperationalError, connection, transaction

CONNECTION_ERRORS = (OperationalError, InterfaceError)


class ConnectionLost(OperationalError):
    """The connection went away before the commit: nothing was written."""


class CommitUnknown(OperationalError):
    """The connection went away while committing: the import may or may not be written."""


@contextmanager
def all_or_nothing():
    """transaction.atomic(), raising ConnectionLost or CommitUnknown when the connection
    goes away. Its state is read at once: Django reconnects as the block ends, and a
    database that is back would hide the loss."""
    committing = lost = False
    try:
        with transaction.atomic():
            try:
                yield
            except CONNECTION_ERRORS:
                lost = _broken()
                raise
            committing = True
    except CONNECTION_ERRORS as error:
        if committing:
            raise CommitUnknown(str(error)) from error
        if lost:
            raise ConnectionLost(str(error)) from error
        raise


def _broken():
    # psycopg's connections say when they are closed; SQLite's, a file, never are.
    raw = connection.connection
    return raw is None or bool(getattr(raw, "closed", False))


def database_problem(error):
    """What a command says when the database failed under its import."""
    if isinstance(error, CommitUnknown):
        return (
            "The database connection was lost while the import was being committed, so it "
            "may or may not have been written. Check what the database holds once it answers."
        )
    if isinstance(error, ConnectionLost):
        return (
            "The database connection was lost during the import; nothing was imported, as "
            "its transaction was never committed. Run the command again once the database "
            "answers."
        )
    first_line = str(error).strip().split("\n")[0]
    return f"The import failed in the database ({first_line}); nothing was imported."
