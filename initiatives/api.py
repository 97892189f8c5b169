"""Initiatives in the public JSON API, with the same filters as the /initiatives/ page."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import mixins, serializers, viewsets

from initiatives.filters import InitiativeFilter
from initiatives.models import Initiative


class PublicInitiativeFilter(InitiativeFilter):
    """The page's filters, less those only staff may use: the API serves published content."""

    status = None

    class Meta(InitiativeFilter.Meta):
        fields = [name for name in InitiativeFilter.Meta.fields if name != "status"]


class InitiativeSerializer(serializers.ModelSerializer):
    country = serializers.CharField(source="plan.country.iso_code.code")
    country_name = serializers.CharField(source="plan.country.name")
    year = serializers.IntegerField(source="plan.year")
    theme = serializers.CharField(source="theme.slug")
    theme_name = serializers.CharField(source="theme.name")
    regional_office = serializers.CharField(source="plan.country.regional_office.slug")

    class Meta:
        model = Initiative
        fields = [
            "id",
            "country",
            "country_name",
            "year",
            "theme",
            "theme_name",
            "text",
            "order",
            "regional_office",
        ]


class InitiativeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Published initiatives across countries, newest year first; filtered like /initiatives/."""

    # The filter orders the results, as on the page.
    queryset = Initiative.objects.published().select_related(
        "plan__country__regional_office", "theme"
    )
    serializer_class = InitiativeSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = PublicInitiativeFilter
