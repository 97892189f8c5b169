"""Country and indicator texts that editors give in English, French and Spanish."""

from modeltranslation.translator import TranslationOptions, register

from profiles.models import Country, Indicator


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {"en": ("name",)}


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "definition")
    required_languages = {"en": ("name",)}
