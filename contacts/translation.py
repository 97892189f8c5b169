"""Office texts that editors give in English, French and Spanish (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from config.history import keep_history
from contacts.models import Office


@register(Office)
class OfficeTranslation(TranslationOptions):
    fields = ("name", "city", "organisation", "address")
    required_languages = {"en": ("name",)}
    # An empty line falls back to English, although the field's default is IOM's name.
    fallback_undefined = {"organisation": ""}


# Every change is kept (django-simple-history). Registered here, after the translated fields
# exist, so that the history keeps each language (and not the column they stand in for).
keep_history(Office, OfficeTranslation.fields)
