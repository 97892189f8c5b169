import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from contacts.models import Office
from initiatives.models import Theme
from tests.factories import CountryFactory, InitiativeFactory, OfficeFactory, YearlyPlanFactory


@pytest.fixture
def catalogue(db):
    """Five published initiatives in three countries, two years and three regional offices
    (and Lesotho's country office, "maseru").

    The list page orders them by year (latest first), country name, then item order:
    L21, S21, K20, L20a, L20b.
    """
    southern = OfficeFactory(slug="southern", name="Regional Office for Southern Africa")
    eastern = OfficeFactory(slug="eastern", name="Regional Office for East Africa")
    western = OfficeFactory(slug="western", name="Regional Office for West Africa")
    maseru = OfficeFactory(slug="maseru", name="Lesotho", kind=Office.Kind.COUNTRY)
    lesotho = CountryFactory(
        name="Lesotho",
        slug="lesotho",
        iso_code="LS",
        regional_office=southern,
        contact_office=maseru,
    )
    kenya = CountryFactory(name="Kenya", slug="kenya", iso_code="KE", regional_office=eastern)
    sao_tome = CountryFactory(
        name="São Tomé and Príncipe", slug="sao-tome", iso_code="ST", regional_office=western
    )
    theme = {theme.slug: theme for theme in Theme.objects.all()}
    plan = {
        "L20": YearlyPlanFactory(country=lesotho, year=2020),
        "L21": YearlyPlanFactory(country=lesotho, year=2021),
        "K20": YearlyPlanFactory(country=kenya, year=2020),
        "S21": YearlyPlanFactory(country=sao_tome, year=2021),
    }
    items = [
        ("L20a", "counter-trafficking", "Train police to identify Trafficked persons."),
        ("L20b", "labour-migration", "Support bilateral labour agreements."),
        ("L21", "migration-data", "Publish the migration profile."),
        ("K20", "counter-trafficking", "Shelter victims of trafficking."),
        ("S21", "diaspora-engagement", "Engage the diaspora in Lisboa."),
    ]
    return {
        key: InitiativeFactory(plan=plan[key[:3]], theme=theme[slug], text=text, order=order)
        for order, (key, slug, text) in enumerate(items, start=1)
    }


@pytest.fixture
def spread(db):
    """A function that adds `count` published initiatives across 10 countries,
    3 regional offices, 3 years and several themes."""
    offices = OfficeFactory.create_batch(3)
    countries = [CountryFactory(regional_office=offices[i % 3]) for i in range(10)]
    themes = list(Theme.objects.all())
    plans = {}

    def add(count):
        for i in range(count):
            key = (countries[i % 10], 2018 + i % 3)
            if key not in plans:
                plans[key] = YearlyPlanFactory(country=key[0], year=key[1])
            InitiativeFactory(plan=plans[key], theme=themes[i % len(themes)])

    return add


@pytest.fixture
def count_queries():
    """A function that GETs a URL with a client and returns how many queries it ran."""

    def count(client, url):
        # The rendering's own queries: a page from the page cache would make none.
        with override_settings(PAGE_CACHE=False), CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    return count
