"""The data-gap report: what each country page lacks, and where in the admin to fix it.

It lives in the initiatives app because it reads plans as well as countries, figures and
offices (imports go initiatives -> profiles -> contacts). It runs the same few queries
whatever the number of countries.
"""

from dataclasses import dataclass, field
from itertools import groupby

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from config.content_languages import ORIGINAL
from initiatives.models import YearlyPlan
from profiles.models import Indicator, Statistic

EMPTY_VALUE = _("Empty value")
OUT_OF_DATE = _("Out of date")
NO_PLAN = _("No plan")
CONTACT = _("Contact")

# The texts of an office that a country page shows: the regional office is named in the
# membership sentence; the contact office fills the contact card.
REGIONAL_OFFICE_TEXTS = ("name", "city")
CONTACT_OFFICE_TEXTS = ("name", "organisation", "address", "city")
INDICATOR_TEXTS = ("name", "definition")


@dataclass(frozen=True)
class Gap:
    kind: str
    text: str
    url: str


@dataclass
class CountryGaps:
    country: object
    gaps: list = field(default_factory=list)


def translation_languages():
    """Every content language but the original, in the site's order."""
    return [code for code, _name in settings.LANGUAGES if code != ORIGINAL]


def missing_in(language):
    # Translators: the kind of a data gap, e.g. "Missing in French".
    return gettext("Missing in %(language)s") % {
        "language": get_language_info(language)["name_translated"]
    }


def untranslated(instance, fields, language):
    """The fields of `instance` with English text and none in `language`."""
    return [
        name
        for name in fields
        if getattr(instance, build_localized_fieldname(name, ORIGINAL))
        and not getattr(instance, build_localized_fieldname(name, language))
    ]


def field_gap(kind, instance, name, url):
    model = instance._meta
    return Gap(
        kind,
        # Translators: an untranslated text, e.g. "Indicator “Population”: definition".
        gettext("%(model)s “%(object)s”: %(field)s")
        % {
            "model": capfirst(model.verbose_name),
            "object": instance,
            "field": model.get_field(name).verbose_name,
        },
        url,
    )


def country_url(country, anchor=""):
    return reverse("admin:profiles_country_change", args=[country.pk]) + anchor


def office_url(office):
    return reverse("admin:contacts_office_change", args=[office.pk])


def plan_url(plan):
    return reverse("admin:initiatives_yearlyplan_change", args=[plan.pk])


def indicator_url(indicator):
    return reverse("admin:profiles_indicator_change", args=[indicator.pk])


def data_gaps(countries, stale_years, today=None):
    """One CountryGaps per country of `countries` (a queryset), in name order."""
    year = (today or timezone.localdate()).year
    current_year_plan = YearlyPlan.objects.filter(country=OuterRef("pk"), year=year)
    rows = list(
        countries.select_related("regional_office", "contact_office")
        .annotate(has_current_plan=Exists(current_year_plan))
        .order_by("name", "pk")
    )
    indicators = {indicator.pk: indicator for indicator in Indicator.objects.all()}
    # Per country, per indicator: the year of its latest figure.
    latest = (
        Statistic.objects.filter(country__in=countries)
        .values("country_id", "indicator_id")
        .annotate(year=Max("year"))
        .order_by("country_id", "indicator__display_order", "indicator__name")
    )
    latest_years = {
        country_id: [(indicators[row["indicator_id"]], row["year"]) for row in group]
        for country_id, group in groupby(latest, key=lambda row: row["country_id"])
    }
    empty_values = {
        country_id: list(group)
        for country_id, group in groupby(
            Statistic.objects.for_facts()
            .filter(country__in=countries, value=None)
            .order_by("country_id", "indicator__display_order", "indicator__name", "-year"),
            key=lambda statistic: statistic.country_id,
        )
    }
    # The latest plan: the one the country page opens on, and the next to be published.
    latest_plans = {
        plan.country_id: plan
        for plan in YearlyPlan.objects.filter(
            country__in=countries,
            year=Subquery(
                YearlyPlan.objects.filter(country=OuterRef("country"))
                .order_by("-year")
                .values("year")[:1]
            ),
        ).prefetch_related("initiatives")
    }

    report = []
    for country in rows:
        entry = CountryGaps(country)
        figures = latest_years.get(country.pk, [])
        entry.gaps += value_gaps(country, empty_values.get(country.pk, []))
        entry.gaps += freshness_gaps(country, figures, year - stale_years)
        if not country.has_current_plan:
            entry.gaps.append(missing_plan_gap(country, year))
        entry.gaps += contact_gaps(country)
        plan = latest_plans.get(country.pk)
        for language in translation_languages():
            entry.gaps += translation_gaps(country, figures, plan, language)
        report.append(entry)
    return report


def value_gaps(country, statistics):
    return [
        Gap(
            EMPTY_VALUE,
            gettext("%(figure)s has no value") % {"figure": statistic.label},
            country_url(country, "#statistics-group"),
        )
        for statistic in statistics
    ]


def freshness_gaps(country, figures, oldest_fresh_year):
    url = country_url(country, "#statistics-group")
    if not figures:
        return [Gap(OUT_OF_DATE, gettext("No figures at all"), url)]
    return [
        Gap(
            OUT_OF_DATE,
            # Translators: e.g. "Population: the latest figure is for 2020".
            gettext("%(indicator)s: the latest figure is for %(year)s")
            % {"indicator": indicator, "year": year},
            url,
        )
        for indicator, year in figures
        if year < oldest_fresh_year
    ]


def missing_plan_gap(country, year):
    query = f"?country={country.pk}&year={year}"
    return Gap(
        NO_PLAN,
        gettext("No plan for %(year)s") % {"year": year},
        reverse("admin:initiatives_yearlyplan_add") + query,
    )


def contact_gaps(country):
    office = country.contact
    details = [
        (office.email, gettext("%(office)s has no email")),
        (office.telephone, gettext("%(office)s has no telephone")),
    ]
    return [
        Gap(CONTACT, message % {"office": office}, office_url(office))
        for value, message in details
        if not value
    ]


def translation_gaps(country, figures, plan, language):
    kind = missing_in(language)
    gaps = []
    for indicator, _year in figures:
        for name in untranslated(indicator, INDICATOR_TEXTS, language):
            gaps.append(field_gap(kind, indicator, name, indicator_url(indicator)))
    offices = {country.regional_office: REGIONAL_OFFICE_TEXTS}
    offices[country.contact] = CONTACT_OFFICE_TEXTS  # all four when it is the same office
    for office, texts in offices.items():
        for name in untranslated(office, texts, language):
            gaps.append(field_gap(kind, office, name, office_url(office)))
    if plan is None:
        return gaps
    for name in untranslated(plan, ["lead_in"], language):
        gaps.append(field_gap(kind, plan, name, plan_url(plan)))
    items = sum(1 for item in plan.initiatives.all() if untranslated(item, ["text"], language))
    if items:
        gaps.append(
            Gap(
                kind,
                ngettext(
                    "%(count)d initiative of the %(year)s plan",
                    "%(count)d initiatives of the %(year)s plan",
                    items,
                )
                % {"count": items, "year": plan.year},
                plan_url(plan),
            )
        )
    return gaps
