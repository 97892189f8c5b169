"""The years a statistic or a plan may carry, shared by every model that has one."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 1951  # IOM was founded in December 1951
# The database keeps a fixed outer bound; model validation applies the moving one.
DATABASE_LAST_YEAR = 2100


def last_year():
    """Next year plus five: plans and projections may look ahead, not further."""
    return timezone.now().year + 6


def year_out_of_range():
    return ValidationError(
        _("Enter a year between %(first)s (IOM's founding) and %(last)s."),
        code="year_out_of_range",
        params={"first": FIRST_YEAR, "last": last_year()},
    )


def validate_year(value):
    if not FIRST_YEAR <= value <= last_year():
        raise year_out_of_range()


def year_field(**kwargs):
    kwargs.setdefault("verbose_name", _("year"))
    return models.PositiveSmallIntegerField(validators=[validate_year], **kwargs)


def year_constraint(model_name):
    return models.CheckConstraint(
        condition=models.Q(year__gte=FIRST_YEAR, year__lte=DATABASE_LAST_YEAR),
        name=f"{model_name}_year_in_range",
        violation_error_message=format_lazy(
            _("The year must lie between {first} and {last}."),
            first=FIRST_YEAR,
            last=DATABASE_LAST_YEAR,
        ),
    )
