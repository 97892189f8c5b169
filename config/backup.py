"""All of the site's content as one JSON file, and back: the export_content and
import_content commands.

Rows refer to each other by natural keys (an office by its slug, a country by its ISO
code, a plan by country and year), so a backup restores into any database, whatever ids it
gives. Initiatives have no natural key and keep their ids. Users, sessions and sign-in
records are not content: PostgreSQL's own dump keeps them (README, "Backup"), and a file
that holds any of them is refused whole (config.backup_check).
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.exceptions import ObjectDoesNotExist
from django.core.management.color import no_style
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.utils.translation import gettext

from config.backup_check import NOTHING_CHANGED, BackupRefused, cut, describe, read_backup
from config.database import all_or_nothing
from config.edits import edit, record_created


def content_models():
    """(model, ordering) for every content model, in an order that loads: the content apps
    in settings.CONTENT_APPS order, each app's models as its AppConfig's `content` lists
    them, each after what it refers to. Each sorted by its natural key, so the same content
    always gives the same file."""
    return [
        (app.get_model(name), ordering)
        for app in map(apps.get_app_config, settings.CONTENT_APPS)
        for name, ordering in app.content.items()
    ]


def seeded(model):
    """Rows the migrations create (the themes), so a new database has them: not counted."""
    return model._meta.model_name in apps.get_app_config(model._meta.app_label).seeded


class ContentExists(Exception):
    """The database already holds content, and replacing it was not asked for."""


def content_counts():
    return {
        model._meta.verbose_name_plural: model.objects.count()
        for model, _ in content_models()
        if not seeded(model)
    }


def content_objects():
    for model, ordering in content_models():
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


def import_content(stream, replace=False, user=None, filename=None):
    """Load a backup in one transaction: all of it, or nothing. The whole file is read and
    checked first, so a bad file is refused before --replace deletes anything. One edit by
    `user` (config.edits): the history records each deletion and each restored row."""
    content = [model for model, _ in content_models()]
    objects = read_backup(stream, content)
    reason = gettext("Restored from %(file)s") % {"file": filename or gettext("a backup")}
    with all_or_nothing(), edit(user, reason):
        held = {name: count for name, count in content_counts().items() if count}
        if held and not replace:
            raise ContentExists(held)
        if replace:
            for model in reversed(content):
                model.objects.all().delete()
        restored = [_restore(position, item) for position, item in enumerate(objects, start=1)]
        # Saved raw, as the file has them, which records no history: recorded here.
        record_created(restored)
        # Initiatives keep their ids: PostgreSQL's id counters must move past them.
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), content):
                cursor.execute(statement)
    return len(objects)


def _restore(position, item):
    """Save one checked object. What only the database can tell (a natural key that names
    nothing, a rule the database keeps) is refused with the object named; the transaction
    then rolls back what was deleted and written before it."""
    try:
        (restored,) = serializers.deserialize("python", [item])
        restored.save()
        return restored.object
    except (OperationalError, InterfaceError):
        raise  # the connection, not the object: the command says so
    except (DeserializationError, DatabaseError) as error:
        model = apps.get_model(item["model"])
        reason = _reason(model, item, error)
        raise BackupRefused(
            f"{describe(position, model, item)} cannot be restored: {reason} {NOTHING_CHANGED}"
        ) from error


def _reason(model, item, error):
    if isinstance(error, DatabaseError):
        # The database's own words; their first line only, as a failing row can be long.
        return f"the database refused it ({_first_line(error)})."
    for field in model._meta.local_fields:
        key = item["fields"].get(field.name)
        if not field.is_relation or not isinstance(key, list):
            continue
        try:
            field.related_model._default_manager.get_by_natural_key(*key)
        except (ObjectDoesNotExist, TypeError):
            return (
                f"its {field.name} names the {field.related_model._meta.verbose_name} "
                f"“{cut(key)}”, which is neither in the database nor earlier in the file."
            )
    return f"{_first_line(error.__context__ or error)}."


def _first_line(error):
    return cut(str(error).strip().split("\n")[0].rstrip("."), length=200)
