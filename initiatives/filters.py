import django_filters
from django.utils.translation import gettext_lazy as _

from contacts.languages import contains_in_any_language
from contacts.models import Office
from initiatives.models import Initiative, Theme, YearlyPlan
from profiles.models import Country


def plan_years(user=None):
    plans = YearlyPlan.objects.visible_to(user) if user else YearlyPlan.objects.published()
    years = plans.order_by("-year").values_list("year", flat=True).distinct()
    return [(year, str(year)) for year in years]


class InitiativeFilter(django_filters.FilterSet):
    """The reviewers' filter; an invalid value is reported on its field and ignored."""

    year = django_filters.ChoiceFilter(
        label=_("Year"), field_name="plan__year", choices=plan_years, empty_label=_("Any year")
    )
    country = django_filters.ModelChoiceFilter(
        label=_("Country"),
        field_name="plan__country",
        to_field_name="slug",
        # Readers choose only among the countries they may see.
        queryset=lambda request: Country.objects.visible_to(request.user),
        empty_label=_("Any country"),
    )
    office = django_filters.ModelChoiceFilter(
        label=_("Regional office"),
        field_name="plan__country__regional_office",
        to_field_name="slug",
        queryset=Office.objects.regional(),
        empty_label=_("Any regional office"),
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Theme"),
        to_field_name="slug",
        queryset=Theme.objects.all(),
        empty_label=_("Any theme"),
    )
    q = django_filters.CharFilter(label=_("Words"), method="search", max_length=200)

    class Meta:
        model = Initiative
        fields = ["year", "country", "office", "theme", "q"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Readers choose only among the years of the plans they may see.
        user = getattr(self.request, "user", None)
        self.filters["year"].extra["choices"] = lambda: plan_years(user)

    def search(self, queryset, name, value):
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                contains_in_any_language("text", word)
                | contains_in_any_language("plan__country__name", word)
            )
        return queryset
