"""Choice filters that understand every well-formed value, not only the values with content.

A year without plans, or the slug of a country that does not exist (or that the reader may
not see), is a question with an answer: nothing. Such a value narrows the list to nothing
and the page says so (`unmatched_notes`); only a malformed value ("abc", "20x9", 99999) is
"not understood". Before, both were "not understood" and left out, so a reviewer who asked
for 2019 got every year, in the exports too.
"""

import re
from functools import cache

import django_filters
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, validate_slug
from django_filters import fields

from profiles.years import validate_year, year_out_of_range

SLUG_LENGTH = 100  # the longest slug of a country, an office or a theme


def check_year(value):
    """A year the site may hold, written out: 1951 to next year plus five, as the models
    allow. "2019.0", "+2019" or " 2019" are not what any form sends."""
    if not re.fullmatch(r"[0-9]{4}", value):
        raise year_out_of_range()
    validate_year(int(value))


def check_slug(value):
    validate_slug(value)
    MaxLengthValidator(SLUG_LENGTH)(value)


def is_well_formed(check, value):
    try:
        check(value)
    except ValidationError:
        return False
    return True


class WellFormedChoices:
    """Valid: any value that `check` lets through, whether or not it is offered."""

    def __init__(self, *args, check, **kwargs):
        self.check = check
        super().__init__(*args, **kwargs)

    def valid_value(self, value):
        self.check(str(value))  # raises the ValidationError that says what is wrong
        return True


class OpenChoiceField(WellFormedChoices, fields.ChoiceField):
    pass


class OpenMultipleChoiceField(WellFormedChoices, fields.MultipleChoiceField):
    pass


class OpenFilter:
    """`offered(user)` lists the (value, label) choices with content that `user` may see;
    `unmatched` is the sentence for a value among none of them, "%(value)s" in it. The
    field's `check` (in the filter's keyword arguments) says what is well formed."""

    def __init__(self, *args, offered, unmatched, **kwargs):
        self.offered, self.unmatched = offered, unmatched
        super().__init__(*args, **kwargs)

    def open_to(self, name, data, user):
        """Offer `user` the choices with content and, after them, the well-formed values
        asked for in `data`, so that the form shows the filter the list applies. Listed
        lazily: the API validates without listing anything."""
        offered = cache(lambda: list(self.offered(user)))
        self.offered_values = cache(lambda: {str(value) for value, _label in offered()})
        asked = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        if not isinstance(self, django_filters.MultipleChoiceFilter):
            asked = asked[-1:]  # a single choice is the last value given, as the form reads it
        check = self.extra["check"]

        def choices():
            wanted = dict.fromkeys(v for v in asked if v and is_well_formed(check, v))
            unmatched = [v for v in wanted if v not in self.offered_values()]
            return offered() + [(value, value) for value in unmatched]

        self.extra["choices"] = choices

    def unmatched_notes(self, value):
        """The sentences for the values given (as the form cleaned them) that match nothing."""
        values = value if isinstance(value, list) else [value] if value else []
        return [self.unmatched % {"value": v} for v in values if v not in self.offered_values()]


class OpenChoiceFilter(OpenFilter, django_filters.ChoiceFilter):
    field_class = OpenChoiceField


class OpenMultipleChoiceFilter(OpenFilter, django_filters.MultipleChoiceFilter):
    field_class = OpenMultipleChoiceField
