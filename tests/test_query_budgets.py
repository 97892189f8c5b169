"""Every public page and API answer runs the same number of queries with 1 row per relation
as with 50: a country with 50 figures, 50 plans, 50 initiatives in a plan, an office with 50
countries. A page whose count grows with the data would slow down as the content does."""

import pytest
from django.urls import reverse

from tests.factories import (
    CountryFactory,
    IndicatorFactory,
    InitiativeFactory,
    OfficeFactory,
    StatisticFactory,
    ThemeFactory,
    YearlyPlanFactory,
)
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

PAGES = {
    "country list": reverse("profiles:country_list"),
    "country list searched": reverse("profiles:country_list") + "?q=country",
    "country page": reverse("profiles:country", args=["budget-land"]),
    "country page, a year": reverse("profiles:country", args=["budget-land"]) + "?year=1971",
    "statistics csv": reverse("profiles:country_statistics", args=["budget-land", "csv"]),
    "statistics json": reverse("profiles:country_statistics", args=["budget-land", "json"]),
    "office page": reverse("profiles:office", args=["budget-office"]),
    "initiatives": reverse("initiatives:list"),
    "initiatives of a year": reverse("initiatives:list") + "?year=1971",
    "initiatives searched": reverse("initiatives:list") + "?q=support",
    "api countries": reverse("api:country-list"),
    "api country": "/api/v1/countries/{iso}/",
    "api initiatives": reverse("api:initiative-list"),
    "api initiatives of a year": reverse("api:initiative-list") + "?year=1971",
    "api offices": reverse("api:office-list"),
    "api indicators": reverse("api:indicator-list"),
}


class Land:
    """A published country in an office; `grow_to(n)` gives each of its relations n rows."""

    def __init__(self):
        self.office = OfficeFactory(slug="budget-office")
        self.country = CountryFactory(slug="budget-land", regional_office=self.office)
        self.indicator = IndicatorFactory()
        self.theme = ThemeFactory()
        self.plan = YearlyPlanFactory(country=self.country, year=1971)
        self.size = 0

    def grow_to(self, total):
        for number in range(self.size, total):
            year = 1971 + number
            StatisticFactory(country=self.country, indicator=self.indicator, year=year)
            if number:
                YearlyPlanFactory(country=self.country, year=year)
                CountryFactory(regional_office=self.office)
                IndicatorFactory()
            InitiativeFactory(plan=self.plan, theme=self.theme)
        self.size = total


@pytest.mark.parametrize("url", PAGES.values(), ids=PAGES.keys())
def test_queries_are_the_same_with_1_and_with_50_rows(client, url):
    land = Land()
    url = url.format(iso=land.country.iso_code)
    land.grow_to(1)
    with_one = count_queries(client, url)
    land.grow_to(50)
    assert url.startswith("/") and "{" not in url
    assert land.country.statistics.count() == 50
    assert land.country.plans.count() == 50
    assert land.plan.initiatives.count() == 50
    assert land.office.purview_countries.count() == 50
    assert count_queries(client, url) == with_one
