"""Country and indicator texts that editors give in English, French and Spanish."""

from modeltranslation.translator import TranslationOptions, register

from config.history import keep_history
from profiles.models import Country, Indicator, Statistic


@register(Country)
class CountryTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = {"en": ("name",)}


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "definition")
    required_languages = {"en": ("name",)}


# Every change is kept (django-simple-history). Registered here, after the translated fields
# exist, so that the history keeps each language (and not the column they stand in for).
keep_history(Country, CountryTranslation.fields)
keep_history(Indicator, IndicatorTranslation.fields)
keep_history(Statistic)
