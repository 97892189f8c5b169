"""Country and indicator texts that editors give in English, French and Spanish."""

import simple_history
from modeltranslation.translator import TranslationOptions, register

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
for model, translated in [
    (Country, CountryTranslation.fields),
    (Indicator, IndicatorTranslation.fields),
    (Statistic, ()),
]:
    simple_history.register(model, excluded_fields=["updated_at", *translated])
