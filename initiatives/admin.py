from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from config.admin_widgets import NamedAutocompleteMixin, NamedTabularInline
from config.content_languages import each_language
from config.history_admin import HistoryAdmin
from initiatives import rollover
from initiatives.admin_views import data_gaps_view
from initiatives.models import Initiative, Theme, YearlyPlan
from profiles.review_admin import ReviewAdminMixin


class InitiativeInline(NamedTabularInline, TranslationTabularInline):
    model = Initiative
    fields = ["order", "theme", "text"]
    autocomplete_fields = ["theme"]
    autocomplete_width = "12em"  # room for the text in three languages
    formfield_overrides = {
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 6, "cols": 20})}
    }
    extra = 1

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("theme")


@admin.register(YearlyPlan)
class YearlyPlanAdmin(NamedAutocompleteMixin, ReviewAdminMixin, HistoryAdmin, TranslationAdmin):
    description = _(
        "What IOM will do in a country in a year: a lead-in sentence and its initiatives, "
        "in order. The country page shows the latest published year."
    )
    list_display = [
        "country",
        "year",
        "status",
        "changed_since_review",
        "regional_office",
        "initiative_count",
    ]
    list_filter = [
        "year",
        "status",
        "changed_since_review",
        "country__regional_office",
        "initiatives__theme",
        "country",
    ]
    search_fields = [
        *each_language("country__name"),
        *each_language("initiatives__text"),
        *each_language("lead_in"),
    ]
    ordering = ["-year", "country__name"]
    autocomplete_fields = ["country"]
    list_select_related = ["country__regional_office"]
    inlines = [InitiativeInline]
    fields = ["country", "year", "lead_in", *ReviewAdminMixin.review_fields]
    formfield_overrides = {  # one sentence, in each language
        models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 80})}
    }

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

    # --- Year rollover ---

    actions = ["copy_to_next_year"]

    @admin.action(description=_("Copy to next year as draft"), permissions=["add"])
    def copy_to_next_year(self, request, queryset):
        copied = 0
        for plan in queryset.select_related("country").order_by("country__name", "year"):
            try:
                rollover.copy_to_next_year(plan, request.user)
                copied += 1
            except rollover.RolloverRefused as refusal:
                self.message_user(request, str(refusal), messages.WARNING)
        self.message_user(
            request,
            ngettext(
                "%(count)d plan copied to the next year as a draft.",
                "%(count)d plans copied to the next year as drafts.",
                copied,
            )
            % {"count": copied},
            messages.SUCCESS if copied else messages.INFO,
        )


@admin.register(Theme)
class ThemeAdmin(HistoryAdmin, TranslationAdmin):
    description = _("What initiatives are about. Reviewers filter initiatives by theme.")
    list_display = ["name", "slug", "initiative_count"]
    search_fields = each_language("name")
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(initiative_total=Count("initiatives"))

    @admin.display(description=_("initiatives"), ordering="initiative_total")
    def initiative_count(self, theme):
        return theme.initiative_total


admin.site.register_report(
    "data_gaps",
    title=_("Data gaps"),
    description=_(
        "Countries whose figures or initiatives are missing, out of date or untranslated."
    ),
    view=data_gaps_view,
    # Editors and reviewers alike: the report reads countries, it changes nothing.
    permissions=["profiles.view_country", "profiles.change_country"],
)
