"""How each kind of indicator shows its values: the one place numbers are formatted."""

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache

from babel.numbers import (
    format_compact_decimal,
    format_decimal,
    format_percent,
    get_minus_sign_symbol,
)
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import get_language, gettext, override
from django.utils.translation import gettext_lazy as _

# Largest first; a value is written in the largest scale it reaches.
SCALES = [Decimal(10**9), Decimal(10**6)]
# Babel's locale for each language of the site; British English writes "29 November 2010".
BABEL_LOCALES = {"en": "en_GB", "fr": "fr", "es": "es"}
# The true minus sign. CLDR gives English, French and Spanish the hyphen-minus, which reads
# as a dash, may break the line from its number, and starts a formula in a spreadsheet.
MINUS = "\u2212"


def babel_locale(language=None):
    """The Babel locale for `language`, or for the language of the current request."""
    return BABEL_LOCALES.get((language or get_language() or "en")[:2], "en_GB")


def _round(value, places):
    """Round half up to `places` decimals; never "-0"."""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return abs(rounded) if rounded == 0 else rounded


def _signed(text, locale):
    """The number as Babel wrote it, with a true minus sign: "−0.7"."""
    return text.replace(get_minus_sign_symbol(locale), MINUS)


def _plain(value, places, locale):
    """ "950,000", "−0.7"; "950 000" and "−0,7" in French: the locale's separators."""
    return _signed(format_decimal(_round(value, places), locale=locale), locale)


def _large(value, locale):
    """2,100,000 -> "2.1 million" ("2,1 millions", "2,1 millones"); 950,000 -> "950,000"."""
    value = Decimal(value)
    # Compare what would be shown: USD 999,999.50 reads "1 million", not "1,000,000".
    shown = _round(value, 0)
    for index, size in enumerate(SCALES):
        if abs(shown) < size:
            continue
        if index and abs(_round(value / size, 1)) >= 1000:  # "1 billion", not "1,000 million"
            size = SCALES[index - 1]
        # Rounded here, half up, so that Babel only chooses the words.
        return _signed(
            format_compact_decimal(
                _round(value / size, 1) * size, format_type="long", locale=locale, fraction_digits=1
            ),
            locale,
        )
    return _plain(value, 0, locale)


class UnitKind(models.TextChoices):
    """The kind of number an indicator counts; it decides how values are shown and checked."""

    COUNT = "count", _("Number of people")
    USD = "usd", _("US dollars")
    RATE_PER_1000 = "rate_per_1000", _("Rate per 1,000 population")
    PERCENTAGE = "percentage", _("Percentage (0–100)")

    def format(self, value, language=None):
        """The value as readers see it, in `language` (by default the request's)."""
        return _formatted(self, value, language or get_language() or "en")

    def _format(self, value):
        if value is None:
            return gettext("Data not available")
        locale = babel_locale()
        if self == UnitKind.COUNT:
            return _large(value, locale)
        if self == UnitKind.USD:
            return gettext("USD %(amount)s") % {"amount": _large(value, locale)}
        if self == UnitKind.RATE_PER_1000:
            return gettext("%(value)s migrants/1,000 population") % {
                "value": _plain(value, 1, locale)
            }
        percent = format_percent(_round(value, 1) / 100, locale=locale, decimal_quantization=False)
        return _signed(percent, locale)

    def validate(self, value):
        """Raise ValidationError for a value this kind cannot have."""
        if value is None:
            return
        if self in (UnitKind.COUNT, UnitKind.USD) and value < 0:
            raise ValidationError(
                _("%(kind)s cannot be negative."), code="negative", params={"kind": self.label}
            )
        if self == UnitKind.COUNT and value != value.to_integral_value():
            raise ValidationError(_("A number of people is a whole number."), code="not_whole")
        if self == UnitKind.PERCENTAGE and not 0 <= value <= 100:
            raise ValidationError(_("A percentage lies between 0 and 100."), code="out_of_range")


# Babel takes some 20 microseconds a number and a country page shows hundreds: each worker
# remembers what it wrote. The text depends only on the kind, the value and the language
# (the catalogs do not change while a worker runs), so it never goes stale.
@lru_cache(maxsize=50_000)
def _formatted(kind, value, language):
    # Words ("USD", "million") and separators follow the same language.
    with override(language):
        return kind._format(value)
