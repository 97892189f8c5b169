"""Offices in the public JSON API (/api/v1/offices/)."""

from rest_framework import mixins, serializers, viewsets

from contacts.models import Office


class OfficeSummarySerializer(serializers.ModelSerializer):
    """An office named inside another resource: enough to find it in /api/v1/offices/."""

    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Office
        fields = ["slug", "name", "full_name", "kind"]


class OfficeSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)
    country = serializers.CharField(source="country.code", read_only=True, allow_blank=True)
    address_lines = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Office
        fields = [
            "slug",
            "name",
            "full_name",
            "kind",
            "city",
            "country",
            "organisation",
            "address_lines",
            "telephone",
            "fax",
            "email",
            "website",
        ]


class OfficeViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """IOM's regional and country offices and how to reach them."""

    queryset = Office.objects.order_by("kind", "name", "pk")
    serializer_class = OfficeSerializer
