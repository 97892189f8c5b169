"""Year rollover: next year's plan, as a draft, from this year's."""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext

from config.content_languages import each_language
from config.edits import create_rows, edit
from initiatives.models import Initiative, YearlyPlan
from profiles.publication import Status


class RolloverRefused(Exception):
    """The plan was not copied; the message says why, naming the country and year."""


def next_year_lead_in(text, year):
    """The lead-in with the plan's year, as a whole word, moved on by one. An empty lead-in
    stays empty: the default sentence fills in the year itself."""
    return re.sub(rf"\b{year}\b", str(year + 1), text)


def copy_to_next_year(plan, user=None):
    """Create `plan`'s country's plan for the next year, in draft, with the same items in
    every language; one transaction, so a refusal leaves nothing behind. The history says
    who copied it (`user`) and from which year."""
    year = plan.year + 1
    refused = gettext("%(country)s already has a plan for %(year)s: not copied.") % {
        "country": plan.country,
        "year": year,
    }
    copy = YearlyPlan(country=plan.country, year=year, status=Status.DRAFT)
    for name in each_language("lead_in"):
        setattr(copy, name, next_year_lead_in(getattr(plan, name) or "", plan.year))
    copied_from = gettext("Copied from %(year)s") % {"year": plan.year}
    try:
        with transaction.atomic(), edit(user, copied_from):
            if YearlyPlan.objects.filter(country=plan.country, year=year).exists():
                raise RolloverRefused(refused)
            copy.full_clean()
            copy.save()
            create_rows(
                Initiative,
                (
                    Initiative(
                        plan=copy,
                        theme_id=item.theme_id,
                        order=item.order,
                        **{name: getattr(item, name) for name in each_language("text")},
                    )
                    for item in plan.initiatives.all()
                ),
            )
    except IntegrityError as error:  # another editor copied it a moment before
        raise RolloverRefused(refused) from error
    except ValidationError as error:  # e.g. a year too far ahead
        raise RolloverRefused(
            gettext("%(country)s %(year)s: not copied. %(reason)s")
            % {"country": plan.country, "year": year, "reason": " ".join(error.messages)}
        ) from error
    return copy
