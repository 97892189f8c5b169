"""Dates in the reader's language, as Babel (CLDR) writes them, like the figures."""

from datetime import date, datetime

from babel.dates import format_date
from django import template
from django.utils import timezone

from profiles.units import babel_locale

register = template.Library()


@register.filter
def long_date(value):
    """ "29 November 2010", "29 novembre 2010", "29 de noviembre de 2010"; "" for no date."""
    if isinstance(value, datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if not isinstance(value, date):
        return ""
    return format_date(value, "long", locale=babel_locale())
