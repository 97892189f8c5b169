from functools import cached_property

import django_filters
from django import forms
from django.db import connection
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from config.content_languages import contains_in_any_language
from contacts.models import Office
from initiatives.models import Initiative, InitiativeQuerySet, Theme, YearlyPlan
from initiatives.open_filters import (
    OpenChoiceFilter,
    OpenFilter,
    OpenMultipleChoiceFilter,
    check_slug,
    check_year,
)
from initiatives.search import countries_by_word, search_words
from profiles.models import Country
from profiles.publication import Status
from profiles.years import FIRST_YEAR, last_year

# Renders a widget with the site's TEMPLATES (templates/), not Django's form templates only.
SITE_TEMPLATES = TemplatesSetting()


def plan_years(user=None):
    plans = YearlyPlan.objects.visible_to(user) if user else YearlyPlan.objects.published()
    years = plans.order_by("-year").values_list("year", flat=True).distinct()
    return [(year, str(year)) for year in years]


def visible_countries(user=None):
    countries = Country.objects.visible_to(user) if user else Country.objects.published()
    return [(country.slug, str(country)) for country in countries]


def regional_offices(user=None):
    return [(office.slug, str(office)) for office in Office.objects.regional()]


def themes(user=None):
    return [(theme.slug, str(theme)) for theme in Theme.objects.all()]


class LongSelect(forms.Select):
    """Django's select in one template (initiatives/widgets/long_select.html), without its
    template per option: for some hundred countries, an include and an attributes template
    for each option took longer than the whole database's work. The same HTML as Django's
    select for text values (slugs): a select's option has no attribute but "selected".
    Rendered with the site's templates, where the widget's own template is."""

    template_name = "initiatives/widgets/long_select.html"

    def render(self, name, value, attrs=None, renderer=None):
        return super().render(name, value, attrs, renderer=SITE_TEMPLATES)


class YearField(forms.IntegerField):
    """A year the site may hold: the models' range, whose end moves with the calendar."""

    def __init__(self, **kwargs):
        super().__init__(min_value=FIRST_YEAR, max_value=last_year(), **kwargs)


class YearBoundFilter(django_filters.NumberFilter):
    field_class = YearField


# For the API's schema: each value is a slug (the choices offered are not all it takes).
@extend_schema_field(OpenApiTypes.STR)
class SlugFilter(OpenChoiceFilter):
    pass


@extend_schema_field(OpenApiTypes.STR)
class SlugsFilter(OpenMultipleChoiceFilter):
    pass


class InitiativeFilter(django_filters.FilterSet):
    """The reviewers' filter. A well-formed value that matches nothing (a year without
    plans, an unknown slug) narrows the list to nothing, and `unmatched_notes` says so; a
    malformed one is reported on its field and left out (the exports refuse it)."""

    q = django_filters.CharFilter(label=_("Words"), method="search", max_length=200)
    country = SlugFilter(
        label=_("Country"),
        field_name="plan__country__slug",
        # Readers choose only among the countries they may see.
        offered=visible_countries,
        unmatched=_("No country “%(value)s”, so no initiatives for it."),
        check=check_slug,
        empty_label=_("Any country"),
        widget=LongSelect,
    )
    year = OpenMultipleChoiceFilter(
        label=_("Year"),
        field_name="plan__year",
        # Readers choose only among the years of the plans they may see.
        offered=plan_years,
        unmatched=_("No initiatives for %(value)s."),
        check=check_year,
        widget=forms.CheckboxSelectMultiple,
        # An initiative has one plan, country, office and theme: no duplicates to remove,
        # and DISTINCT would make the database sort every row found.
        distinct=False,
    )
    year_from = YearBoundFilter(label=_("From year"), field_name="plan__year", lookup_expr="gte")
    year_to = YearBoundFilter(label=_("To year"), field_name="plan__year", lookup_expr="lte")
    office = SlugsFilter(
        label=_("Regional office"),
        field_name="plan__country__regional_office__slug",
        offered=regional_offices,
        unmatched=_("No regional office “%(value)s”, so no initiatives for it."),
        check=check_slug,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    theme = SlugsFilter(
        label=_("Theme"),
        field_name="theme__slug",
        offered=themes,
        unmatched=_("No theme “%(value)s”, so no initiatives for it."),
        check=check_slug,
        widget=forms.CheckboxSelectMultiple,
        distinct=False,
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Status.choices, method="with_status", empty_label=_("Any status")
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sort by"),
        method="sort_by",
        empty_label=None,
        choices=[
            ("", _("Best match, then newest")),
            ("newest", _("Newest year first")),
            ("oldest", _("Oldest year first")),
            ("country", _("Country, A to Z")),
            ("theme", _("Theme, A to Z")),
        ],
    )

    class Meta:
        model = Initiative
        fields = ["q", "country", "year", "year_from", "year_to", "office", "theme", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "user", None)
        for name, value_filter in self.filters.items():
            if isinstance(value_filter, OpenFilter):
                value_filter.open_to(name, self.data, user)
        # Only those who may see drafts may ask for them.
        if "status" in self.filters and not (
            user and user.has_perm(InitiativeQuerySet.preview_permission)
        ):
            del self.filters["status"]

    def unmatched_notes(self):
        """ "No initiatives for 2019.": a sentence for each well-formed value that matches
        nothing, whatever the other filters."""
        self.form.is_valid()  # a value that was not understood is left out, as the list does
        return [
            note
            for name, value in self.form.cleaned_data.items()
            if isinstance(self.filters[name], OpenFilter)
            for note in self.filters[name].unmatched_notes(value)
        ]

    def search(self, queryset, name, value):
        """Every word must match. On PostgreSQL a word matches in any of its forms
        ("trafficked" finds "trafficking") and results rank by relevance; a fragment of a
        word matches everywhere, as a plain case-insensitive match does on SQLite."""
        words = value.split()
        if not words:
            return queryset
        if connection.vendor == "postgresql":
            return search_words(queryset, words, self.countries_by_word)
        for word in words:
            queryset = queryset.filter(
                contains_in_any_language("text", word)
                | contains_in_any_language("plan__country__name", word)
            )
        return queryset

    @cached_property
    def countries_by_word(self):
        # Once per request, though the list and its facets each search.
        return countries_by_word(self.form.cleaned_data["q"].split())

    def with_status(self, queryset, name, value):
        published = InitiativeQuerySet.published_filter()
        return queryset.filter(published if value == Status.PUBLISHED else ~published)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        # The default order applies when no valid "sort" came: best match first, if searched.
        if not self.form.cleaned_data.get("sort"):
            queryset = self.sort_by(queryset, "sort", "")
        return queryset

    def sort_by(self, queryset, name, value):
        newest = ["-plan__year", "plan__country__name", "order", "pk"]
        orders = {
            "newest": newest,
            "oldest": ["plan__year", "plan__country__name", "order", "pk"],
            "country": ["plan__country__name", "-plan__year", "order", "pk"],
            "theme": ["theme__name", *newest],
        }
        if value in orders:
            return queryset.order_by(*orders[value])
        if "rank" in queryset.query.annotations:
            return queryset.order_by("-rank", *newest)
        return queryset.order_by(*newest)
