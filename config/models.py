"""The site's content version: the database's own record that content changed.

One row, bumped by every write to content in the writer's own transaction (see
config.page_cache): it commits or rolls back with the content, so no cache failure, lost
message or crashed process can leave it behind the content it stands for.
"""

import time

from django.db import connection, models
from django.db.models import Q

ROW = 1


class ContentVersion(models.Model):
    id = models.SmallIntegerField(primary_key=True, default=ROW)
    version = models.BigIntegerField()

    class Meta:
        default_permissions = ()  # nobody edits it: writes to content bump it
        constraints = [models.CheckConstraint(condition=Q(id=ROW), name="site_one_version")]

    def __str__(self):
        return str(self.version)


def read_version():
    """The committed version (0 if the row is missing: a database emptied by a test's
    flush). Plain SQL: with a per-process cache it is read on every cached page."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT version FROM site_contentversion WHERE id = %s", [ROW])
        row = cursor.fetchone()
    return row[0] if row else 0


# One past the last, or the clock in nanoseconds if that is further (see bump_version).
# Plain SQL, as for read_version: outside an edit (a shell, a test's factories) every saved
# row bumps it, and the ORM would compile the same UPDATE each time.
BUMP = (
    "UPDATE site_contentversion SET version = "
    "CASE WHEN version + 1 > %s THEN version + 1 ELSE %s END WHERE id = %s"
)


def bump_version():
    """Move the version on, in the caller's transaction if there is one.

    One past the last, or the clock in nanoseconds if that is further: a database restored
    from an older backup then moves on past every version it had handed out before, whose
    pages the shared cache may still hold. Concurrent writers wait for each other's commit
    on this row, so versions follow the order of the commits."""
    now = time.time_ns()
    with connection.cursor() as cursor:
        cursor.execute(BUMP, [now, now, ROW])
        if not cursor.rowcount:  # no row yet (a database emptied by a test's flush)
            ContentVersion.objects.bulk_create(
                [ContentVersion(pk=ROW, version=now)], ignore_conflicts=True
            )
            cursor.execute(BUMP, [now, now, ROW])  # past a concurrent writer's start too
