"""Content in IOM's three languages: which texts fall back to English, and texts that have
a default of their own in each language."""

from django.conf import settings
from django.db import models
from django.utils import translation
from modeltranslation.utils import build_localized_fieldname

ORIGINAL = settings.MODELTRANSLATION_DEFAULT_LANGUAGE


def fallback_language(instance, field):
    """ "en" when `field` has no text in the reader's language and is shown in English
    instead, so the page can say so (lang="en") and screen readers switch voice; else ""."""
    language = translation.get_language()
    if language == ORIGINAL or getattr(instance, build_localized_fieldname(field, language), ""):
        return ""
    return ORIGINAL if getattr(instance, build_localized_fieldname(field, ORIGINAL)) else ""


def fill_each_language(instance, field, default, unless=""):
    """Give `field` the text `default()` returns, in each language where it is `unless`
    (empty by default); `default` runs with that language active."""
    for language, _name in settings.LANGUAGES:
        name = build_localized_fieldname(field, language)
        if (getattr(instance, name) or "") == unless:
            with translation.override(language):
                setattr(instance, name, str(default()))


def each_language(field):
    """The columns that hold `field` in each language, e.g. for a search in all of them."""
    return [build_localized_fieldname(field, language) for language, _name in settings.LANGUAGES]


def contains_in_any_language(field, text):
    """A filter for `text` in `field` in any language: a reader finds "Lesoto" in English
    and "Lesotho" in Spanish, and finds texts not yet translated."""
    match = models.Q()
    for column in each_language(field):
        match |= models.Q(**{f"{column}__icontains": text})
    return match


def unique_name(model_name):
    """Names are unique in the original language; translations may coincide, and a
    missing one is simply empty."""
    return models.UniqueConstraint(
        fields=[build_localized_fieldname("name", ORIGINAL)], name=f"{model_name}_unique_name"
    )
