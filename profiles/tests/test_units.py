from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from profiles.units import UnitKind

COUNT, USD, RATE, PERCENTAGE = (
    UnitKind.COUNT,
    UnitKind.USD,
    UnitKind.RATE_PER_1000,
    UnitKind.PERCENTAGE,
)

FORMATS = [
    # (unit kind, value, shown as, id)
    (COUNT, "0", "0", "count-zero"),
    (COUNT, "999999", "999,999", "count-just-below-million"),
    (COUNT, "1000000", "1 million", "count-one-million"),
    (COUNT, "2100000", "2.1 million", "count-seed-population"),
    (COUNT, "2100000.000", "2.1 million", "count-as-stored"),
    (COUNT, "950000", "950,000", "count-below-million-in-full"),
    (COUNT, "2150000", "2.2 million", "count-rounds-half-up"),
    (COUNT, "2149999", "2.1 million", "count-rounds-down"),
    (COUNT, "999949999", "999.9 million", "count-just-below-billion"),
    (COUNT, "999960000", "1 billion", "count-rounds-up-to-billion"),
    (COUNT, "1200000000", "1.2 billion", "count-billion"),
    (USD, "0", "USD 0", "usd-zero"),
    (USD, "561500000", "USD 561.5 million", "usd-seed-remittances"),
    (USD, "950000", "USD 950,000", "usd-below-million"),
    (USD, "999999.5", "USD 1 million", "usd-cents-round-up-to-million"),
    (USD, "999999.49", "USD 999,999", "usd-cents-round-down"),
    (USD, "2149999.5", "USD 2.1 million", "usd-rounds-once-not-twice"),
    (USD, "1200000000", "USD 1.2 billion", "usd-billion"),
    (RATE, "-0.7", "−0.7 migrants/1,000 population", "rate-seed-negative"),
    (RATE, "-0.700", "−0.7 migrants/1,000 population", "rate-as-stored"),
    (RATE, "0", "0 migrants/1,000 population", "rate-zero"),
    (RATE, "0.7", "0.7 migrants/1,000 population", "rate-positive"),
    (RATE, "0.25", "0.3 migrants/1,000 population", "rate-rounds-half-up"),
    (RATE, "-0.25", "−0.3 migrants/1,000 population", "rate-negative-rounds-half-away"),
    (RATE, "-0.04", "0 migrants/1,000 population", "rate-never-minus-zero"),
    (RATE, "12", "12 migrants/1,000 population", "rate-whole"),
    (PERCENTAGE, "48.6", "48.6%", "percentage-seed"),
    (PERCENTAGE, "0", "0%", "percentage-zero"),
    (PERCENTAGE, "100.000", "100%", "percentage-hundred-as-stored"),
    (PERCENTAGE, "48.65", "48.7%", "percentage-rounds-half-up"),
    (PERCENTAGE, "48.64", "48.6%", "percentage-rounds-down"),
    (PERCENTAGE, "0.04", "0%", "percentage-tiny"),
]


@pytest.mark.parametrize(
    ("unit", "value", "shown"),
    [row[:3] for row in FORMATS],
    ids=[row[3] for row in FORMATS],
)
def test_format(unit, value, shown):
    assert unit.format(Decimal(value)) == shown


@pytest.mark.parametrize("unit", list(UnitKind), ids=[unit.value for unit in UnitKind])
def test_missing_value_is_data_not_available(unit):
    assert unit.format(None) == "Data not available"


@pytest.mark.parametrize("unit", list(UnitKind), ids=[unit.value for unit in UnitKind])
def test_format_never_shows_minus_zero(unit):
    shown = unit.format(Decimal("-0.0001"))
    assert "-0" not in shown and "\u22120" not in shown


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize(
    ("unit", "value"),
    [(RATE, "-0.7"), (RATE, "-1234.5"), (PERCENTAGE, "-5"), (COUNT, "-2100000"), (USD, "-950000")],
    ids=["rate", "rate-thousands", "percentage", "count-million", "usd-thousands"],
)
def test_a_negative_value_shows_the_true_minus_sign(unit, value, language):
    # Whatever Babel's locale writes (a hyphen-minus in all three), readers see U+2212.
    shown = unit.format(Decimal(value), language)
    assert "\u2212" in shown
    assert "-" not in shown


REJECTED = [
    # (unit kind, value, error code, id)
    (COUNT, "-1", "negative", "negative-count"),
    (COUNT, "1.5", "not_whole", "fractional-count"),
    (USD, "-0.01", "negative", "negative-usd"),
    (PERCENTAGE, "-0.1", "out_of_range", "percentage-below-zero"),
    (PERCENTAGE, "100.1", "out_of_range", "percentage-above-hundred"),
]


@pytest.mark.parametrize(
    ("unit", "value", "code"), [row[:3] for row in REJECTED], ids=[row[3] for row in REJECTED]
)
def test_validate_rejects(unit, value, code):
    with pytest.raises(ValidationError) as error:
        unit.validate(Decimal(value))
    assert error.value.code == code


def test_validate_negative_message_names_the_unit():
    with pytest.raises(ValidationError) as error:
        USD.validate(Decimal("-5"))
    assert error.value.messages == ["US dollars cannot be negative."]


ACCEPTED = [
    (COUNT, "0", "zero-count"),
    (COUNT, "2100000.000", "whole-count-as-stored"),
    (USD, "561500000.50", "usd-with-cents"),
    (RATE, "-0.7", "negative-rate"),
    (RATE, "-45.3", "large-negative-rate"),
    (PERCENTAGE, "0", "percentage-zero"),
    (PERCENTAGE, "100", "percentage-hundred"),
    (COUNT, None, "missing-value"),
]


@pytest.mark.parametrize(
    ("unit", "value"),
    [(unit, None if value is None else Decimal(value)) for unit, value, _ in ACCEPTED],
    ids=[row[2] for row in ACCEPTED],
)
def test_validate_accepts(unit, value):
    assert unit.validate(value) is None
