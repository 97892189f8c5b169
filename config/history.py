"""Every change of every content model is kept (django-simple-history)."""

import simple_history

from config.edits import EditRecord


def keep_history(model, translated=()):
    """Record each create, change and delete of `model`, with who made it and in which edit
    (config.edits). Left out: the columns that translated fields stand in for (each
    language is kept instead) and `updated_at`, which each record's own date replaces."""
    names = {field.name for field in model._meta.fields}
    simple_history.register(
        model, excluded_fields=[*translated, *({"updated_at"} & names)], bases=[EditRecord]
    )
