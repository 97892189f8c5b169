from decimal import Decimal

import factory
from django_countries import countries
from factory.django import DjangoModelFactory

from contacts.tests.factories import OfficeFactory
from profiles.models import Country, Indicator, Statistic
from profiles.publication import Status
from profiles.units import UnitKind

ISO_CODES = [code for code, _ in countries]


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = Country

    name = factory.Sequence(lambda n: f"Country {n}")
    iso_code = factory.Sequence(lambda n: ISO_CODES[n % len(ISO_CODES)])
    slug = factory.Sequence(lambda n: f"country-{n}")
    regional_office = factory.SubFactory(OfficeFactory)
    status = Status.PUBLISHED


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    name = factory.Sequence(lambda n: f"Indicator {n}")
    slug = factory.Sequence(lambda n: f"indicator-{n}")
    unit = UnitKind.COUNT
    display_order = factory.Sequence(lambda n: n)
    default_source = "UN DESA"


class StatisticFactory(DjangoModelFactory):
    class Meta:
        model = Statistic

    country = factory.SubFactory(CountryFactory)
    indicator = factory.SubFactory(IndicatorFactory)
    year = 2020
    value = Decimal("2100000")
