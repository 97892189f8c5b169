import factory
from factory.django import DjangoModelFactory

from initiatives.models import Initiative, Theme, YearlyPlan
from profiles.publication import Status
from profiles.tests.factories import CountryFactory


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

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
