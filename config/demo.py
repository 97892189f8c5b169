"""What every app's demo data (its demo.py, which the load_demo command loads) is made with."""

from django.db.models import Q


def find_or_create(model, fields, *keys):
    """The row that already has any of `keys` (a unique field, or a tuple of fields unique
    together) as in `fields`, untouched so an editor's changes stay; else a new, validated row.
    Returns (row, created)."""
    match = Q()
    for key in keys:
        names = (key,) if isinstance(key, str) else key
        match |= Q(**{name: fields[name] for name in names})
    existing = model.objects.filter(match).first()
    if existing is not None:
        return existing, False
    row = model(**fields)
    row.full_clean()
    row.save()
    return row, True
