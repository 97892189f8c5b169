"""How each kind of indicator shows its values: the one place numbers are formatted."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.db import models

# Largest first; a value is written in the largest scale it reaches.
SCALES = [(Decimal(10**9), "billion"), (Decimal(10**6), "million")]


def _plain(value, places):
    """Round half up to `places` decimals, drop trailing zeros, separate thousands."""
    rounded = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never "-0"
    text = f"{rounded:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _large(value):
    """2,100,000 -> "2.1 million"; 950,000 -> "950,000"; 1.2e9 -> "1.2 billion"."""
    value = Decimal(value)
    # Compare what would be shown: USD 999,999.50 reads "1 million", not "1,000,000".
    shown = value.quantize(Decimal(1), rounding=ROUND_HALF_UP)
    for index, (size, word) in enumerate(SCALES):
        if abs(shown) < size:
            continue
        scaled = (value / size).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        if index and abs(scaled) >= 1000:  # 999,960,000 is "1 billion", not "1,000 million"
            size, word = SCALES[index - 1]
        return f"{_plain(value / size, 1)} {word}"
    return _plain(value, 0)


class UnitKind(models.TextChoices):
    """The kind of number an indicator counts; it decides how values are shown and checked."""

    COUNT = "count", "Number of people"
    USD = "usd", "US dollars"
    RATE_PER_1000 = "rate_per_1000", "Rate per 1,000 population"
    PERCENTAGE = "percentage", "Percentage (0–100)"

    def format(self, value):
        if value is None:
            return "Data not available"
        if self == UnitKind.COUNT:
            return _large(value)
        if self == UnitKind.USD:
            return f"USD {_large(value)}"
        if self == UnitKind.RATE_PER_1000:
            return f"{_plain(value, 1)} migrants/1,000 population"
        return f"{_plain(value, 1)}%"

    def validate(self, value):
        """Raise ValidationError for a value this kind cannot have."""
        if value is None:
            return
        if self in (UnitKind.COUNT, UnitKind.USD) and value < 0:
            raise ValidationError(
                "%(kind)s cannot be negative.", code="negative", params={"kind": self.label}
            )
        if self == UnitKind.COUNT and value != value.to_integral_value():
            raise ValidationError("A number of people is a whole number.", code="not_whole")
        if self == UnitKind.PERCENTAGE and not 0 <= value <= 100:
            raise ValidationError("A percentage lies between 0 and 100.", code="out_of_range")
