"""Theme names, lead-ins and initiatives in English, French and Spanish."""

from modeltranslation.translator import TranslationOptions, register

from config.history import keep_history
from initiatives.models import Initiative, Theme, YearlyPlan


@register(Theme)
class ThemeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {"en": ("name",)}


@register(YearlyPlan)
class YearlyPlanTranslation(TranslationOptions):
    fields = ("lead_in",)


@register(Initiative)
class InitiativeTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = {"en": ("text",)}


# Every change is kept (django-simple-history). Registered here, after the translated fields
# exist, so that the history keeps each language (and not the column they stand in for).
keep_history(Theme, ThemeTranslation.fields)
keep_history(YearlyPlan, YearlyPlanTranslation.fields)
keep_history(Initiative, InitiativeTranslation.fields)
