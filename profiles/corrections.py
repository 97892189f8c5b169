"""Corrections to published content go live at once (figures are corrected often) and wait
for a reviewer's look: whatever path wrote them, the page they reach is marked "changed
since review" when the edit that wrote them ends (config.edits)."""

from profiles.models import Country, Statistic
from profiles.publication import Status
from profiles.review import is_reviewer


def mark_corrected(model, keys, changes):
    """Mark the published pages of `model` among `keys` as corrected. A page this edit
    created is left as written (a recovered or restored page comes back with its own
    review state, a demo page is published as loaded), and so is a reviewer's own change."""
    keys = set(keys) - changes.created(model) - {None}  # None: a page deleted since
    if keys and not is_reviewer(changes.user, model):
        model.objects.filter(pk__in=keys, status=Status.PUBLISHED).update(changed_since_review=True)


def mark_corrected_countries(changes):
    """A country page is corrected by a change to it or to any of its statistics."""
    countries = {country.pk for country in changes.rows(Country)}
    countries |= {statistic.country_id for statistic in changes.rows(Statistic)}
    mark_corrected(Country, countries, changes)
