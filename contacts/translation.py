"""Office texts that editors give in English, French and Spanish (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from contacts.models import Office


@register(Office)
class OfficeTranslation(TranslationOptions):
    fields = ("name", "city", "organisation", "address")
    required_languages = {"en": ("name",)}
    # An empty line falls back to English, although the field's default is IOM's name.
    fallback_undefined = {"organisation": ""}
