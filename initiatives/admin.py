from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from config.admin_widgets import NamedAutocompleteMixin, NamedTabularInline
from initiatives.models import Initiative, Theme, YearlyPlan


class InitiativeInline(NamedTabularInline):
    model = Initiative
    fields = ["order", "theme", "text"]
    autocomplete_fields = ["theme"]
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 60})}
    }
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("theme")


@admin.register(YearlyPlan)
class YearlyPlanAdmin(NamedAutocompleteMixin, admin.ModelAdmin):
    description = _(
        "What IOM will do in a country in a year: a lead-in sentence and its initiatives, "
        "in order. The country page shows the latest published year."
    )
    list_display = ["country", "year", "status", "regional_office", "initiative_count"]
    list_filter = ["year", "status", "country__regional_office", "initiatives__theme", "country"]
    search_fields = ["country__name", "initiatives__text", "lead_in"]
    ordering = ["-year", "country__name"]
    autocomplete_fields = ["country"]
    list_select_related = ["country__regional_office"]
    inlines = [InitiativeInline]
    fields = ["country", "year", "status", "lead_in"]

    def get_queryset(self, request):
        # distinct: a theme filter or a search joins the initiatives again, multiplying rows.
        return (
            super()
            .get_queryset(request)
            .annotate(initiative_total=Count("initiatives", distinct=True))
        )

    @admin.display(description=_("initiatives"), ordering="initiative_total")
    def initiative_count(self, plan):
        return plan.initiative_total

    @admin.display(description=_("regional office"), ordering="country__regional_office__name")
    def regional_office(self, plan):
        return plan.country.regional_office


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    description = _("What initiatives are about. Reviewers filter initiatives by theme.")
    list_display = ["name", "slug", "initiative_count"]
    search_fields = ["name"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(initiative_total=Count("initiatives"))

    @admin.display(description=_("initiatives"), ordering="initiative_total")
    def initiative_count(self, theme):
        return theme.initiative_total
