import functools
from decimal import Decimal

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from config.admin_widgets import NamedAutocompleteMixin, NamedTabularInline
from config.content_languages import each_language
from config.history_admin import HistoryAdmin
from profiles import admin_import, admin_refresh
from profiles.models import Country, Indicator, Statistic
from profiles.review_admin import ReviewAdminMixin


class PlainDecimalInput(forms.NumberInput):
    """Show 2100000 rather than 2100000.000: the figure as an editor would type it."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            return f"{value.normalize():f}"
        return super().format_value(value)


STATISTIC_WIDGETS = {
    models.DecimalField: {"widget": PlainDecimalInput},
    models.CharField: {"widget": forms.TextInput(attrs={"size": 24})},
    models.TextField: {"widget": forms.Textarea(attrs={"rows": 1, "cols": 24})},
}


class StatisticForm(forms.ModelForm):
    """A figure retyped in the admin is the editor's, no longer the publisher's: a new value
    or year drops the edition it came from (unless the editor sets one), and its source
    line falls back to the indicator's."""

    def clean(self):
        cleaned = super().clean()
        if {"value", "year"} & set(self.changed_data) and "edition" not in self.changed_data:
            cleaned["edition"] = self.instance.edition = ""
            self.instance.imported_at = None
        return cleaned


class StatisticInline(NamedTabularInline):
    model = Statistic
    form = StatisticForm
    fields = ["indicator", "year", "value", "shown_as", "source", "note"]
    readonly_fields = ["shown_as"]
    autocomplete_fields = ["indicator"]
    formfield_overrides = STATISTIC_WIDGETS
    extra = 1
    ordering = ["indicator__display_order", "-year"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("indicator")

    @admin.display(description=_("shown as"))
    def shown_as(self, statistic):
        return statistic.display_value if statistic.indicator_id else ""


@admin.register(Country)
class CountryAdmin(NamedAutocompleteMixin, ReviewAdminMixin, HistoryAdmin, TranslationAdmin):
    description = _(
        "One page per country. Drafts are visible only to signed-in staff; "
        "publish a country to show its page to everyone."
    )
    list_display = [
        "name",
        "code",
        "status",
        "changed_since_review",
        "regional_office_name",
        "member_since_text",
        "statistic_count",
    ]
    list_filter = ["status", "changed_since_review", "regional_office", "member_since_precision"]
    search_fields = [*each_language("name"), "iso_code", "slug"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["regional_office", "contact_office"]
    list_select_related = ["regional_office"]
    readonly_fields = ["yearly_plans"]
    inlines = [StatisticInline]
    fieldsets = [
        (None, {"fields": ["name", "iso_code", "slug"]}),
        (_("Review"), {"fields": ReviewAdminMixin.review_fields}),
        (_("IOM membership"), {"fields": ["member_since", "member_since_precision"]}),
        (_("Offices"), {"fields": ["regional_office", "contact_office"]}),
        (_("Migration initiatives"), {"fields": ["yearly_plans"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(statistic_total=Count("statistics"))

    @admin.display(description=_("statistics"), ordering="statistic_total")
    def statistic_count(self, country):
        return country.statistic_total

    @admin.display(description=_("ISO code"), ordering="iso_code")
    def code(self, country):
        return country.iso_code.code

    @admin.display(description=_("regional office"), ordering="regional_office__name")
    def regional_office_name(self, country):
        return country.regional_office.name

    @admin.display(description=_("IOM Member State since"), ordering="member_since")
    def member_since_text(self, country):
        return country.admission_date_text or "—"

    @admin.display(description=_("yearly plans"))
    def yearly_plans(self, country):
        # Plans belong to the initiatives app: linked by admin URL name, not imported.
        add_url = reverse("admin:initiatives_yearlyplan_add")
        if country.pk is None:
            return gettext("Save the country first, then add its yearly plans.")
        links = format_html_join(
            ", ",
            '<a href="{}">{} ({})</a>',
            (
                (
                    reverse("admin:initiatives_yearlyplan_change", args=[plan.pk]),
                    plan.year,
                    plan.get_status_display(),
                )
                for plan in country.plans.order_by("-year")
            ),
        )
        return format_html(
            '{}{}<a href="{}?country={}">{}</a>',
            links or gettext("No plans yet."),
            " · ",
            add_url,
            country.pk,
            gettext("Add a yearly plan"),
        )


@admin.register(Indicator)
class IndicatorAdmin(HistoryAdmin, TranslationAdmin):
    description = _(
        "The facts a country page can show. A country shows each indicator it has "
        "statistics for, from the lowest display order up."
    )
    list_display = [
        "name",
        "unit",
        "display_order",
        "default_source",
        "publisher",
        "series",
        "statistic_count",
    ]
    list_editable = ["display_order"]
    list_filter = ["unit"]
    search_fields = [*each_language("name"), "slug", *each_language("definition"), "series"]
    ordering = ["display_order", "name"]
    prepopulated_fields = {"slug": ["name"]}
    fieldsets = [
        (None, {"fields": ["name", "slug", "unit", "definition", "display_order"]}),
        (
            _("Source"),
            {
                "description": _(
                    "Where the figures come from. A publisher's file (“Refresh from a "
                    "publisher's file”) refreshes the indicator whose series code it holds; "
                    "each refreshed figure's source line then names the publisher, the "
                    "dataset and the file's edition."
                ),
                "fields": [
                    "default_source",
                    "publisher",
                    "dataset",
                    "series",
                    "factor",
                    "source_url",
                    "licence",
                    "citation",
                ],
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(statistic_total=Count("statistics"))

    @admin.display(description=_("statistics"), ordering="statistic_total")
    def statistic_count(self, indicator):
        return indicator.statistic_total


@admin.register(Statistic)
class StatisticAdmin(NamedAutocompleteMixin, HistoryAdmin):
    description = _(
        "Every figure of every country. To edit one country's figures together, "
        "open the country instead."
    )
    list_display = ["country", "indicator", "year", "shown_as", "source", "edition"]
    form = StatisticForm
    readonly_fields = ["imported_at"]
    formfield_overrides = STATISTIC_WIDGETS
    list_filter = ["indicator", "year", "country__regional_office"]
    search_fields = ["country__name", "indicator__name", "source", "note"]
    ordering = ["country__name", "indicator__display_order", "-year"]
    autocomplete_fields = ["country", "indicator"]
    list_select_related = ["country", "indicator"]
    change_list_template = "admin/profiles/statistic/change_list.html"

    def get_urls(self):
        def view(function, **kwargs):
            # wraps() carries the function's marks (config.accepts.takes_files) to the URL.
            @functools.wraps(function)
            def bound(request):
                return function(self, request, **kwargs)

            return self.admin_site.admin_view(bound)

        return [
            path("import/", view(admin_import.import_view), name="profiles_statistic_import"),
            path("refresh/", view(admin_refresh.refresh_view), name="profiles_statistic_refresh"),
            path(
                "export.csv",
                view(admin_import.export_view, extension="csv"),
                name="profiles_statistic_export_csv",
            ),
            path(
                "export.xlsx",
                view(admin_import.export_view, extension="xlsx"),
                name="profiles_statistic_export_xlsx",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_import": admin_import.can_import(request.user),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("shown as"))
    def shown_as(self, statistic):
        return statistic.display_value
