"""Countries and indicators in the public JSON API: published content only."""

from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets

from contacts.api import OfficeSummarySerializer
from profiles.facts import group_facts
from profiles.models import Country, Indicator, Statistic


class IndicatorSerializer(serializers.ModelSerializer):
    unit_label = serializers.CharField(source="get_unit_display", read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "slug",
            "name",
            "unit",
            "unit_label",
            "definition",
            "default_source",
            "display_order",
            "publisher",
            "dataset",
            "series",
            "source_url",
            "licence",
            "citation",
        ]


class IndicatorViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The kinds of figures a country page can show, in display order."""

    queryset = Indicator.objects.order_by("display_order", "name", "pk")
    serializer_class = IndicatorSerializer


class StatisticSerializer(serializers.ModelSerializer):
    indicator = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    value = serializers.DecimalField(
        max_digits=18,
        decimal_places=3,
        coerce_to_string=False,
        allow_null=True,
        read_only=True,
        help_text="The figure in full; null when not available.",
    )
    shown_as = serializers.CharField(source="display_value", read_only=True)
    source = serializers.CharField(source="effective_source", read_only=True)
    publisher = serializers.CharField(source="indicator.publisher", read_only=True)
    series = serializers.CharField(
        source="indicator.series", read_only=True, help_text="The publisher's series code."
    )
    edition = serializers.CharField(
        read_only=True,
        help_text="The edition of the publisher's file the figure came from; empty when typed in.",
    )
    licence = serializers.CharField(source="indicator.licence", read_only=True)

    class Meta:
        model = Statistic
        fields = [
            "indicator",
            "year",
            "value",
            "shown_as",
            "source",
            "publisher",
            "series",
            "edition",
            "licence",
        ]


class MembershipSerializer(serializers.Serializer):
    member_state = serializers.BooleanField(help_text="Whether the country is an IOM Member State.")
    since = serializers.DateField(
        allow_null=True, help_text="Admission date, as precise as `precision` says."
    )
    precision = serializers.ChoiceField(choices=Country.Precision.choices)
    since_text = serializers.CharField(help_text="The date as the page states it, or empty.")


class InitiativeInPlanSerializer(serializers.Serializer):
    theme = serializers.CharField(source="theme.slug")
    theme_name = serializers.CharField(source="theme.name")
    text = serializers.CharField()


class PlanSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    lead_in = serializers.CharField(source="lead_in_text")
    initiatives = InitiativeInPlanSerializer(many=True)


class CountrySerializer(serializers.ModelSerializer):
    iso_code = serializers.CharField(source="iso_code.code", read_only=True)
    regional_office = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    page = serializers.SerializerMethodField()

    class Meta:
        model = Country
        fields = ["iso_code", "name", "slug", "regional_office", "page"]

    def get_page(self, country) -> str:
        return self.context["request"].build_absolute_uri(country.get_absolute_url())


class CountryDetailSerializer(CountrySerializer):
    membership = serializers.SerializerMethodField()
    regional_office = OfficeSummarySerializer(read_only=True)
    contact_office = OfficeSummarySerializer(read_only=True, source="contact")
    latest_facts = serializers.SerializerMethodField(
        help_text="Facts and Figures: each indicator's latest statistic, in display order."
    )
    history = StatisticSerializer(
        many=True, read_only=True, source="api_statistics", help_text="Every statistic."
    )
    plans = PlanSerializer(
        many=True, read_only=True, source="api_plans", help_text="Published plans, newest first."
    )

    class Meta(CountrySerializer.Meta):
        fields = [
            *CountrySerializer.Meta.fields,
            "membership",
            "contact_office",
            "latest_facts",
            "history",
            "plans",
        ]

    @extend_schema_field(MembershipSerializer)
    def get_membership(self, country):
        return {
            "member_state": country.member_since is not None,
            "since": country.member_since,
            "precision": country.member_since_precision,
            "since_text": country.admission_date_text,
        }

    @extend_schema_field(StatisticSerializer(many=True))
    def get_latest_facts(self, country):
        latest = [fact.latest for fact in group_facts(country.api_statistics)]
        return StatisticSerializer(latest, many=True, context=self.context).data


class CountryViewSet(viewsets.ReadOnlyModelViewSet):
    """Published countries. One country by its ISO 3166-1 code: its latest facts and their
    full history with sources, its membership, its offices and its plans by year."""

    queryset = Country.objects.published().select_related("regional_office")
    lookup_field = "iso_code"
    lookup_url_kwarg = "iso"
    lookup_value_regex = "[A-Za-z]{2}"

    def get_serializer_class(self):
        return CountryDetailSerializer if self.action == "retrieve" else CountrySerializer

    def get_queryset(self):
        if self.action != "retrieve":
            return self.queryset.order_by("name", "pk")
        return self.queryset.select_related("contact_office").prefetch_related(
            Prefetch(
                "statistics", queryset=Statistic.objects.for_facts(), to_attr="api_statistics"
            ),
        )

    def get_object(self):
        self.kwargs[self.lookup_url_kwarg] = self.kwargs[self.lookup_url_kwarg].upper()
        country = super().get_object()
        # Plans belong to the initiatives app: followed by the relation's name, so imports
        # stay one way. Eight themes for hundreds of items: one query, one instance each.
        country.api_plans = (
            country.plans.published().order_by("-year").prefetch_related("initiatives__theme")
        )
        return country
