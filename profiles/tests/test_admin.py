"""The admin of countries, indicators and statistics: pages render, valid edits are saved,
changelists search and filter without a query per row."""

from decimal import Decimal

import pytest
from django.urls import reverse

from contacts.models import Office
from profiles.models import Country, Indicator, Statistic
from profiles.publication import Status
from tests.factories import (
    CountryFactory,
    IndicatorFactory,
    OfficeFactory,
    StatisticFactory,
    YearlyPlanFactory,
)
from tests.helpers import (
    admin_form_data,
    assert_in_order,
    changelist,
    count_queries,
    page_text,
)

MODELS = {"country": Country, "indicator": Indicator, "statistic": Statistic}


def admin_url(model, view, *args):
    return reverse(f"admin:profiles_{model}_{view}", args=args)


# --- Add and change ----------------------------------------------------------------------

ADD = [
    # (model, fields to post, lookup of the saved row)
    (
        "country",
        lambda: {
            "name": "Malawi",
            "iso_code": "MW",
            "slug": "malawi",
            "status": Status.PUBLISHED,
            "member_since": "2013-11-01",
            "member_since_precision": Country.Precision.MONTH,
            "regional_office": OfficeFactory().pk,
        },
        {"slug": "malawi", "iso_code": "MW", "member_since_precision": "month"},
    ),
    (
        "indicator",
        lambda: {
            "name": "Immigrants",
            "slug": "immigrants",
            "unit": "count",
            "display_order": "50",
            "definition": "International migrant stock at mid-year.",
        },
        {"slug": "immigrants", "unit": "count", "display_order": 50},
    ),
    (
        "statistic",
        lambda: {
            "country": CountryFactory(slug="lesotho").pk,
            "indicator": IndicatorFactory(slug="population").pk,
            "year": "2020",
            "value": "2100000",
            "source": "UN DESA",
        },
        {"country__slug": "lesotho", "indicator__slug": "population", "value": 2100000},
    ),
]


@pytest.mark.parametrize(("model", "fields", "lookup"), ADD, ids=[model for model, _, _ in ADD])
def test_add_page_saves_a_valid_entry(editor_client, model, fields, lookup):
    page = editor_client.get(admin_url(model, "add"))
    assert page.status_code == 200
    response = editor_client.post(admin_url(model, "add"), admin_form_data(page, **fields()))
    assert response.status_code == 302
    assert MODELS[model].objects.filter(**lookup).count() == 1


CHANGE = [
    # (model, factory, field, posted value, stored value)
    ("country", CountryFactory, "name", "Kingdom of Lesotho", "Kingdom of Lesotho"),
    ("indicator", IndicatorFactory, "definition", "Mid-year population.", "Mid-year population."),
    ("statistic", StatisticFactory, "value", "950000", Decimal(950000)),
    ("statistic", StatisticFactory, "value", "", None),
]


@pytest.mark.parametrize(
    ("model", "factory", "field", "posted", "stored"),
    CHANGE,
    ids=[f"{row[0]}-{row[2]}-{row[3] or 'empty'}" for row in CHANGE],
)
def test_change_page_saves_a_valid_edit(editor_client, model, factory, field, posted, stored):
    instance = factory()
    url = admin_url(model, "change", instance.pk)
    page = editor_client.get(url)
    assert page.status_code == 200
    response = editor_client.post(url, admin_form_data(page, **{field: posted}))
    assert response.status_code == 302
    instance.refresh_from_db()
    assert getattr(instance, field) == stored


def test_edits_are_kept_in_the_history(editor_client, db):
    country = CountryFactory(name="Lesotho")
    url = admin_url("country", "change", country.pk)
    editor_client.post(url, admin_form_data(editor_client.get(url), name="Kingdom of Lesotho"))
    history = editor_client.get(admin_url("country", "history", country.pk))
    assert history.status_code == 200
    assert "Name (English): Lesotho → Kingdom of Lesotho" in page_text(history)


def test_country_page_links_its_yearly_plans(editor_client, db):
    country = CountryFactory()
    plan = YearlyPlanFactory(country=country, year=2020)
    text = editor_client.get(admin_url("country", "change", country.pk)).content.decode()
    assert reverse("admin:initiatives_yearlyplan_change", args=[plan.pk]) in text
    assert f"{reverse('admin:initiatives_yearlyplan_add')}?country={country.pk}" in text
    assert "2020 (Published)" in text


def test_new_country_page_asks_to_save_before_adding_plans(editor_client, db):
    text = page_text(editor_client.get(admin_url("country", "add")))
    assert "Save the country first, then add its yearly plans." in text


def test_indicator_order_is_edited_from_the_list(editor_client, db):
    first, second = IndicatorFactory(display_order=1), IndicatorFactory(display_order=2)
    url = admin_url("indicator", "changelist")
    page = editor_client.get(url)
    assert [form.instance for form in page.context["cl"].formset.forms] == [first, second]
    response = editor_client.post(url, admin_form_data(page, **{"form-0-display_order": "3"}))
    assert response.status_code == 302
    assert list(Indicator.objects.all()) == [second, first]


# --- Changelists: search and filters ---------------------------------------------------------


@pytest.fixture
def content(demo):
    """The demo, with Kenya as a draft that has one figure, and Malawi corrected since review."""
    Country.objects.filter(slug="malawi").update(changed_since_review=True)
    kenya = Country.objects.get(slug="kenya")
    Country.objects.filter(pk=kenya.pk).update(status=Status.DRAFT)
    StatisticFactory(country=kenya, indicator=Indicator.objects.get(slug="population"))


def office(slug):
    return Office.objects.get(slug=slug).pk


def indicator(slug):
    return Indicator.objects.get(slug=slug).pk


def described(row):
    return f"{row.country} {row}" if isinstance(row, Statistic) else str(row)


CHANGELISTS = [
    # (model, query parameters, rows shown, id)
    ("country", lambda: {"q": "swat"}, ["Eswatini"], "country-search-name"),
    ("country", lambda: {"q": "LS"}, ["Lesotho"], "country-search-iso-code"),
    ("country", lambda: {"status__exact": "draft"}, ["Kenya"], "country-by-status"),
    (
        "country",
        lambda: {"changed_since_review__exact": "1"},
        ["Malawi"],
        "country-changed-since-review",
    ),
    (
        "country",
        lambda: {"regional_office__id__exact": office("east-and-horn-of-africa")},
        ["Kenya"],
        "country-by-regional-office",
    ),
    (
        "country",
        lambda: {"member_since_precision__exact": "year"},
        ["Botswana", "Kenya"],
        "country-by-precision",
    ),
    ("indicator", lambda: {"q": "remit"}, ["Remittances"], "indicator-search"),
    ("indicator", lambda: {"unit__exact": "count"}, ["Population", "Immigrants"], "by-unit"),
    (
        "statistic",
        lambda: {"q": "malawi", "year": "2020"},
        [
            "Malawi Population (2020)",
            "Malawi Remittances (2020)",
            "Malawi Women as a Percentage of Immigrants (2020)",
            "Malawi Immigrants (2020)",
        ],
        "statistic-search-country",
    ),
    (
        "statistic",
        lambda: {"indicator__id__exact": indicator("net-migration-rate"), "year": "2021"},
        [
            "Botswana Net Migration Rate (2021)",
            "Eswatini Net Migration Rate (2021)",
            "Lesotho Net Migration Rate (2021)",
        ],
        "statistic-by-indicator",
    ),
    (
        "statistic",
        lambda: {"year": "2021", "q": "lesotho"},
        ["Lesotho Net Migration Rate (2021)", "Lesotho Remittances (2021)"],
        "statistic-by-year",
    ),
    (
        "statistic",
        lambda: {"country__regional_office__id__exact": office("east-and-horn-of-africa")},
        ["Kenya Population (2020)"],
        "statistic-by-regional-office",
    ),
]


@pytest.mark.parametrize(
    ("model", "params", "rows"),
    [row[:3] for row in CHANGELISTS],
    ids=[row[3] for row in CHANGELISTS],
)
def test_changelist_search_and_filters(editor_client, content, model, params, rows):
    cl = changelist(editor_client, admin_url(model, "changelist"), params())
    assert [described(row) for row in cl.result_list] == rows


@pytest.mark.parametrize("model", MODELS)
def test_every_filter_and_search_is_covered_above(editor_client, content, model):
    cl = changelist(editor_client, admin_url(model, "changelist"))
    offered = {spec.expected_parameters()[0] for spec in cl.filter_specs} | {"q"}
    tested = {key for row in CHANGELISTS if row[0] == model for key in row[1]()}
    assert offered == tested


@pytest.mark.parametrize(
    ("model", "factory"),
    [("country", CountryFactory), ("indicator", IndicatorFactory), ("statistic", StatisticFactory)],
    ids=["country", "indicator", "statistic"],
)
def test_changelist_queries_do_not_grow_with_rows(editor_client, db, model, factory):
    url = admin_url(model, "changelist")
    factory()
    one = count_queries(editor_client, url)
    factory.create_batch(49)
    assert count_queries(editor_client, url) == one
    assert changelist(editor_client, url).result_count == 50


def test_country_list_shows_iso_code_office_and_membership_date(editor_client, content):
    text = page_text(editor_client.get(admin_url("country", "changelist")))
    assert_in_order(
        text,
        [
            "Lesotho LS Published Regional Office for Southern Africa 29 November 2010 4",
            "Malawi MW Published Regional Office for Southern Africa November 2013 61",
        ],
    )
    assert "Eswatini SZ Published Regional Office for Southern Africa — 79" in text


def test_statistics_inline_shows_figures_as_typed_and_as_readers_see_them(editor_client, demo):
    lesotho = Country.objects.get(slug="lesotho")
    response = editor_client.get(admin_url("country", "change", lesotho.pk))
    content = response.content.decode()
    assert 'value="2100000"' in content
    assert 'value="-0.7"' in content
    assert_in_order(
        page_text(response),
        [
            "2.1 million",
            "−0.7 migrants/1,000 population",
            "USD 561.5 million",
            "Data not available",
        ],
    )
