"""Factories for every app's tests: an office, a country with its statistics, a yearly plan
with its initiatives. Published by default; a test that needs a draft says so."""

from decimal import Decimal

import factory
from django_countries import countries
from factory.django import DjangoModelFactory

from contacts.models import Office
from initiatives.models import Initiative, Theme, YearlyPlan
from profiles.models import Country, Indicator, Statistic
from profiles.publication import Status
from profiles.units import UnitKind


class OfficeFactory(DjangoModelFactory):
    class Meta:
        model = Office

    name = factory.Sequence(lambda n: f"Regional Office for Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    kind = Office.Kind.REGIONAL
    city = "Pretoria"
    country = "ZA"
    address = "Walker Creek Office Park, Building Number 4\nPretoria\nSouth Africa"
    telephone = "+27 12 342 14 97"
    email = factory.Sequence(lambda n: f"office{n}@iom.int")
    website = "https://ropretoria.iom.int/"


ISO_CODES = [code for code, _ in countries]


def unused_iso_code(n):
    """The n-th ISO code, or the next one the database does not hold yet: the sequence runs
    through the whole session, and would otherwise reach a demo country's code."""
    taken = set(Country.objects.values_list("iso_code", flat=True))
    ahead = (ISO_CODES[(n + step) % len(ISO_CODES)] for step in range(len(ISO_CODES)))
    return next(code for code in ahead if code not in taken)


class CountryFactory(DjangoModelFactory):
    class Meta:
        model = Country

    name = factory.Sequence(lambda n: f"Country {n}")
    iso_code = factory.Sequence(unused_iso_code)
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


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme
        django_get_or_create = ["slug"]  # the migrations seed eight

    name = factory.Sequence(lambda n: f"Theme {n}")
    slug = factory.Sequence(lambda n: f"theme-{n}")


class YearlyPlanFactory(DjangoModelFactory):
    class Meta:
        model = YearlyPlan

    country = factory.SubFactory(CountryFactory)
    year = 2020
    status = Status.PUBLISHED


class InitiativeFactory(DjangoModelFactory):
    class Meta:
        model = Initiative

    plan = factory.SubFactory(YearlyPlanFactory)
    theme = factory.SubFactory(ThemeFactory)
    text = factory.Sequence(lambda n: f"Support initiative number {n}.")
    order = factory.Sequence(lambda n: n)
