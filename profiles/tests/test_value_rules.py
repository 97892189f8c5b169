"""The database's unit rule and the models' are one rule: fed the same values, the trigger
(SQLite's from profiles/value_rules.py, PostgreSQL's from the migrations) and
UnitKind.validate accept and refuse the same ones, on insert and on update. CI runs this
file on both databases."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from profiles.models import Statistic
from profiles.units import UnitKind
from tests.factories import CountryFactory, IndicatorFactory, StatisticFactory

# Around every edge of every kind: zero, whole and fractional, 0-100, large values. SQLite
# keeps 15 significant digits of a decimal (it stores a REAL), so none has more: the rule is
# compared on values both databases hold as given.
VALUES = [
    "-999999999999.999",
    "-2100000",
    "-1",
    "-0.5",
    "-0.001",
    "0",
    "0.001",
    "0.5",
    "1",
    "1.000",
    "2.5",
    "48.6",
    "99.999",
    "100",
    "100.000",
    "100.001",
    "101",
    "2100000",
    "2100000.5",
    "2100000.999",
    "999999999999.999",
    "999999999999999",
]


def models_accept(unit, value):
    try:
        UnitKind(unit).validate(value)
    except ValidationError:
        return False
    return True


def database_accepts(write):
    try:
        with transaction.atomic():
            write()
    except IntegrityError:
        return False
    return True


@pytest.mark.parametrize("unit", UnitKind.values)
def test_the_trigger_and_the_models_refuse_the_same_values(db, unit):
    country = CountryFactory()
    indicator = IndicatorFactory(unit=unit)
    kept = StatisticFactory(country=country, indicator=indicator, year=1960, value=Decimal(1))
    disagree = []
    for year, text in enumerate(VALUES, start=1990):
        value = Decimal(text)
        expected = models_accept(unit, value)
        # bulk_create and update() skip validation: only the database's rule stands.
        inserted = database_accepts(
            lambda value=value, year=year: Statistic.objects.bulk_create(
                [Statistic(country=country, indicator=indicator, year=year, value=value)]
            )
        )
        updated = database_accepts(
            lambda value=value: Statistic.objects.filter(pk=kept.pk).update(value=value)
        )
        if not expected == inserted == updated:
            disagree.append(f"{text}: models {expected}, insert {inserted}, update {updated}")
    assert not disagree, "\n".join(disagree)
    accepted = Statistic.objects.filter(indicator=indicator).exclude(pk=kept.pk).count()
    assert accepted == sum(models_accept(unit, Decimal(text)) for text in VALUES)
