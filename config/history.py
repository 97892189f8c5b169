"""Every change of every content model is kept (django-simple-history)."""

import functools

import simple_history
from simple_history.manager import HistoryManager

from config.edits import EditRecord


class HistoryManagerBuiltOnce(HistoryManager):
    """django-simple-history's manager, its class built once per queryset class: the
    library builds a new one, inspecting every queryset method, each time `.history` is
    read, which every save does (some 0.07 ms a row: half a second for 7,000 rows)."""

    @classmethod
    @functools.cache
    def from_queryset(cls, queryset_class, class_name=None):
        return super().from_queryset(queryset_class, class_name)


def keep_history(model, translated=()):
    """Record each create, change and delete of `model`, with who made it and in which edit
    (config.edits). Left out: the columns that translated fields stand in for (each
    language is kept instead) and `updated_at`, which each record's own date replaces."""
    names = {field.name for field in model._meta.fields}
    simple_history.register(
        model,
        excluded_fields=[*translated, *({"updated_at"} & names)],
        bases=[EditRecord],
        history_manager=HistoryManagerBuiltOnce,
    )
