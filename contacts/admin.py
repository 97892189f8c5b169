from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django_countries.filters import CountryFilter
from modeltranslation.admin import TranslationAdmin

from config.content_languages import each_language
from config.history_admin import HistoryAdmin
from contacts.models import Office


@admin.register(Office)
class OfficeAdmin(HistoryAdmin, TranslationAdmin):
    description = _(
        "IOM offices that readers can contact. Each country falls under a regional office, "
        "and may name a country office as its contact instead."
    )
    list_display = ["name", "kind", "city", "country", "email", "telephone", "country_count"]
    list_filter = ["kind", ("country", CountryFilter)]  # only countries that have an office
    search_fields = [*each_language("name"), *each_language("city"), "email"]
    ordering = ["kind", "name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "city", "country"]}),
        (
            _("Contact card"),
            {"fields": ["organisation", "address", "telephone", "fax", "email", "website"]},
        ),
    ]

    def get_queryset(self, request):
        # Countries live in the profiles app; they are counted by reverse relation.
        return (
            super()
            .get_queryset(request)
            .annotate(country_total=Count("purview_countries", distinct=True))
        )

    @admin.display(description=_("countries in purview"), ordering="country_total")
    def country_count(self, office):
        return office.country_total
