"""Theme names, lead-ins and initiatives in English, French and Spanish."""

from modeltranslation.translator import TranslationOptions, register

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
