"""All of the site's content as one JSON file, and back: the export_content and
import_content commands.

Rows refer to each other by natural keys (an office by its slug, a country by its ISO
code, a plan by country and year), so a backup restores into any database, whatever ids it
gives. Initiatives have no natural key and keep their ids. Users, sessions and sign-in
records are not content: PostgreSQL's own dump keeps them (README, "Backup").
"""

import datetime

from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction

from contacts.models import Office
from initiatives.models import Initiative, Theme, YearlyPlan
from profiles.models import Country, Indicator, Statistic

# In an order that loads: each after what it refers to. Each sorted by its natural key,
# so the same content always gives the same file.
CONTENT = [
    (Office, ["slug"]),
    (Country, ["iso_code"]),
    (Indicator, ["slug"]),
    (Statistic, ["country__iso_code", "indicator__slug", "year"]),
    (Theme, ["slug"]),
    (YearlyPlan, ["country__iso_code", "year"]),
    (Initiative, ["pk"]),
]
# Migrations seed the themes, so a new database has them: they don't count as content.
SEEDED = {Theme}


class ContentExists(Exception):
    """The database already holds content, and replacing it was not asked for."""


def content_counts():
    return {
        model._meta.verbose_name_plural: model.objects.count()
        for model, _ in CONTENT
        if model not in SEEDED
    }


def content_objects():
    for model, ordering in CONTENT:
        yield from model.objects.order_by(*ordering)


class ExactTimes(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds, so a time like 08:34:06.000412 would
    come back as 08:34:06 and export differently the second time: keep all six digits."""

    def default(self, o):
        if isinstance(o, datetime.datetime):
            return o.isoformat().replace("+00:00", "Z")
        return super().default(o)


def export_content(stream):
    serializers.serialize(
        "json",
        content_objects(),
        cls=ExactTimes,
        indent=2,
        use_natural_foreign_keys=True,
        use_natural_primary_keys=True,
        stream=stream,
    )


@transaction.atomic
def import_content(stream, replace=False):
    """Load a backup in one transaction: all of it, or nothing."""
    held = {name: count for name, count in content_counts().items() if count}
    if held and not replace:
        raise ContentExists(held)
    if replace:
        for model, _ in reversed(CONTENT):
            model.objects.all().delete()
    loaded = 0
    for item in serializers.deserialize("json", stream):
        item.save()
        loaded += 1
    # Initiatives keep their ids: PostgreSQL's id counters must move past them.
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [m for m, _ in CONTENT]):
            cursor.execute(statement)
    return loaded
