"""Content shown in the reader's language, or in English where no translation exists yet,
marked lang="en" so that screen readers switch voice (WCAG 2.1, 3.1.2)."""

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

from config.content_languages import fallback_language

register = template.Library()


@register.filter
def lang_attr(instance, field):
    """lang="en" for the element that holds `field`, when it falls back to English."""
    language = fallback_language(instance, field)
    return format_html(' lang="{}"', language) if language else ""


@register.filter
def in_language(instance, field):
    """`field`'s text, within a sentence: a <span lang="en"> when it falls back to English."""
    text = getattr(instance, field)
    language = fallback_language(instance, field)
    return format_html('<span lang="{}">{}</span>', language, text) if language else text


@register.filter
def marked_full_name(office):
    """ "IOM Regional Office for Southern Africa", its name marked as `in_language` does."""
    name = conditional_escape(in_language(office, "name"))
    return mark_safe(conditional_escape(office.name_template()) % {"name": name})  # noqa: S308 -- both parts escaped
