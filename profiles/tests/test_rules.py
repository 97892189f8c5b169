"""Each data rule twice: the admin form refuses it with a clear message, and the database
refuses it when validation is skipped."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from contacts.models import Office
from profiles.models import Country, Statistic
from profiles.units import UnitKind
from tests.factories import CountryFactory, IndicatorFactory, OfficeFactory, StatisticFactory
from tests.helpers import admin_form_data, form_errors

NEXT_YEAR_PLUS_FIVE = timezone.now().year + 6
YEAR_MESSAGE = f"Enter a year between 1951 (IOM's founding) and {NEXT_YEAR_PLUS_FIVE}."
DUPLICATE_MESSAGE = (
    "This country already has a figure for this indicator and year. Change that one instead."
)


@pytest.fixture
def office(db):
    return OfficeFactory(slug="southern-africa", name="Regional Office for Southern Africa")


@pytest.fixture
def lesotho(office):
    return CountryFactory(name="Lesotho", slug="lesotho", iso_code="LS", regional_office=office)


@pytest.fixture
def indicators(db):
    """One indicator of each unit kind, by kind."""
    return {unit: IndicatorFactory(name=unit.label, unit=unit) for unit in UnitKind}


def unchanged(instance):
    """True when the row in the database still has the values `instance` holds."""
    stored = type(instance).objects.get(pk=instance.pk)
    return all(
        getattr(stored, field.attname) == getattr(instance, field.attname)
        for field in instance._meta.concrete_fields
    )


# --- Statistics: year and value ------------------------------------------------------------

STATISTIC_REJECTED = [
    # (unit kind, year, value, field, message, id)
    (UnitKind.COUNT, 1950, "2100000", "year", YEAR_MESSAGE, "year-before-founding"),
    (
        UnitKind.COUNT,
        NEXT_YEAR_PLUS_FIVE + 1,
        "2100000",
        "year",
        YEAR_MESSAGE,
        "year-after-next-year-plus-five",
    ),
    (UnitKind.COUNT, 2020, "-1", "value", "Number of people cannot be negative.", "negative-count"),
    (UnitKind.COUNT, 2020, "1.5", "value", "A number of people is a whole number.", "fraction"),
    (UnitKind.USD, 2020, "-0.01", "value", "US dollars cannot be negative.", "negative-usd"),
    (
        UnitKind.PERCENTAGE,
        2020,
        "100.1",
        "value",
        "A percentage lies between 0 and 100.",
        "percentage-above-100",
    ),
    (
        UnitKind.PERCENTAGE,
        2020,
        "-0.1",
        "value",
        "A percentage lies between 0 and 100.",
        "percentage-below-0",
    ),
]


def post_statistic(client, **fields):
    add_url = reverse("admin:profiles_statistic_add")
    return client.post(add_url, admin_form_data(client.get(add_url), **fields))


@pytest.mark.parametrize(
    ("unit", "year", "value", "field", "message"),
    [row[:5] for row in STATISTIC_REJECTED],
    ids=[row[5] for row in STATISTIC_REJECTED],
)
def test_admin_refuses_statistic(
    editor_client, lesotho, indicators, unit, year, value, field, message
):
    response = post_statistic(
        editor_client, country=lesotho.pk, indicator=indicators[unit].pk, year=year, value=value
    )
    assert form_errors(response)[field] == [message]
    assert not Statistic.objects.exists()


STATISTIC_ACCEPTED = [
    # (unit kind, year, value, id)
    (UnitKind.RATE_PER_1000, 2021, "-0.7", "negative-rate"),
    (UnitKind.COUNT, 1951, "0", "founding-year-and-zero"),
    (UnitKind.COUNT, NEXT_YEAR_PLUS_FIVE, "2100000", "next-year-plus-five"),
    (UnitKind.PERCENTAGE, 2020, "100", "percentage-100"),
    (UnitKind.PERCENTAGE, 2020, "", "value-not-available"),
]


@pytest.mark.parametrize(
    ("unit", "year", "value"),
    [row[:3] for row in STATISTIC_ACCEPTED],
    ids=[row[3] for row in STATISTIC_ACCEPTED],
)
def test_admin_accepts_statistic(editor_client, lesotho, indicators, unit, year, value):
    response = post_statistic(
        editor_client, country=lesotho.pk, indicator=indicators[unit].pk, year=year, value=value
    )
    assert response.status_code == 302
    statistic = Statistic.objects.get()
    assert (statistic.country, statistic.indicator, statistic.year) == (
        lesotho,
        indicators[unit],
        year,
    )
    assert statistic.value == (Decimal(value) if value else None)


DATABASE_REJECTED = [
    # (unit kind, year, value, id)
    (UnitKind.COUNT, 1950, "2100000", "year-before-1951"),
    (UnitKind.COUNT, 2101, "2100000", "year-after-2100"),
    (UnitKind.COUNT, 2020, "-1", "negative-count"),
    (UnitKind.USD, 2020, "-0.01", "negative-usd"),
    (UnitKind.PERCENTAGE, 2020, "100.5", "percentage-above-100"),
    (UnitKind.PERCENTAGE, 2020, "-0.5", "percentage-below-0"),
]


@pytest.mark.parametrize(
    ("unit", "year", "value"),
    [row[:3] for row in DATABASE_REJECTED],
    ids=[row[3] for row in DATABASE_REJECTED],
)
def test_database_refuses_statistic(lesotho, indicators, unit, year, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        Statistic.objects.create(
            country=lesotho, indicator=indicators[unit], year=year, value=Decimal(value)
        )
    assert not Statistic.objects.exists()


@pytest.mark.parametrize(
    ("unit", "value"),
    [(UnitKind.COUNT, "-1"), (UnitKind.USD, "-1"), (UnitKind.PERCENTAGE, "101")],
    ids=["negative-count", "negative-usd", "percentage-above-100"],
)
def test_database_refuses_updating_statistic_to_bad_value(lesotho, indicators, unit, value):
    statistic = StatisticFactory(country=lesotho, indicator=indicators[unit], value=Decimal(50))
    with pytest.raises(IntegrityError), transaction.atomic():
        Statistic.objects.filter(pk=statistic.pk).update(value=Decimal(value))
    assert unchanged(statistic)


@pytest.mark.parametrize(
    ("unit", "year", "value"),
    [
        (UnitKind.RATE_PER_1000, 2021, "-0.7"),
        (UnitKind.COUNT, 2100, "0"),
        (UnitKind.PERCENTAGE, 2020, "100"),
        (UnitKind.COUNT, 2020, None),
    ],
    ids=["negative-rate", "database-outer-bound-2100", "percentage-100", "value-missing"],
)
def test_database_accepts_statistic(lesotho, indicators, unit, year, value):
    Statistic.objects.create(
        country=lesotho,
        indicator=indicators[unit],
        year=year,
        value=None if value is None else Decimal(value),
    )
    assert Statistic.objects.filter(country=lesotho, year=year).exists()


def test_admin_refuses_indicator_unit_that_recorded_values_do_not_fit(editor_client, lesotho):
    population = IndicatorFactory(unit=UnitKind.COUNT)
    StatisticFactory(country=lesotho, indicator=population, value=Decimal("2100000"))
    url = reverse("admin:profiles_indicator_change", args=[population.pk])
    response = editor_client.post(
        url, admin_form_data(editor_client.get(url), unit=UnitKind.PERCENTAGE)
    )
    assert form_errors(response)["unit"] == [
        "Statistics already recorded don't fit this unit: A percentage lies between 0 and 100."
    ]
    assert unchanged(population)


# --- One statistic per country, indicator and year -----------------------------------------


def test_admin_refuses_second_statistic_for_same_country_indicator_and_year(
    editor_client, lesotho, indicators
):
    existing = StatisticFactory(country=lesotho, indicator=indicators[UnitKind.COUNT], year=2020)
    response = post_statistic(
        editor_client,
        country=lesotho.pk,
        indicator=existing.indicator.pk,
        year=2020,
        value="1",
    )
    assert form_errors(response)["__all__"] == [DUPLICATE_MESSAGE]
    assert Statistic.objects.get() == existing
    assert unchanged(existing)


def test_database_refuses_second_statistic_for_same_country_indicator_and_year(lesotho, indicators):
    existing = StatisticFactory(country=lesotho, indicator=indicators[UnitKind.COUNT], year=2020)
    with pytest.raises(IntegrityError), transaction.atomic():
        Statistic.objects.create(
            country=lesotho, indicator=existing.indicator, year=2020, value=Decimal(1)
        )
    assert Statistic.objects.count() == 1


# --- Statistics edited inline on the country page ------------------------------------------


@pytest.fixture
def lesotho_change(editor_client, lesotho, indicators):
    """The Lesotho change page, with one statistic already recorded."""
    StatisticFactory(
        country=lesotho, indicator=indicators[UnitKind.COUNT], year=2020, value=Decimal(2100000)
    )
    url = reverse("admin:profiles_country_change", args=[lesotho.pk])
    return url, editor_client.get(url)


def inline_formset(response):
    assert response.status_code == 200, "the form was not redisplayed"
    (inline,) = response.context["inline_admin_formsets"]
    return inline.formset


def test_country_page_has_statistics_inline(lesotho_change):
    _, response = lesotho_change
    formset = inline_formset(response)
    assert formset.prefix == "statistics"
    assert formset.management_form["INITIAL_FORMS"].value() == 1


def test_admin_inline_refuses_negative_population(editor_client, lesotho, lesotho_change):
    url, page = lesotho_change
    data = admin_form_data(page, name="Renamed", **{"statistics-0-value": "-2100000"})
    response = editor_client.post(url, data)
    assert inline_formset(response).errors[0]["value"] == ["Number of people cannot be negative."]
    assert unchanged(lesotho)
    assert Statistic.objects.get().value == 2100000


def test_admin_inline_refuses_duplicate_indicator_and_year(
    editor_client, lesotho, indicators, lesotho_change
):
    url, page = lesotho_change
    data = admin_form_data(
        page,
        name="Renamed",
        **{
            "statistics-1-indicator": indicators[UnitKind.COUNT].pk,
            "statistics-1-year": "2020",
            "statistics-1-value": "5",
        },
    )
    response = editor_client.post(url, data)
    assert inline_formset(response).errors[1]["__all__"] == [DUPLICATE_MESSAGE]
    assert unchanged(lesotho)
    assert Statistic.objects.count() == 1


def test_admin_inline_refuses_two_new_rows_for_same_indicator_and_year(
    editor_client, office, indicators
):
    add_url = reverse("admin:profiles_country_add")
    page = editor_client.get(add_url)
    row = {"indicator": indicators[UnitKind.COUNT].pk, "year": "2020", "value": "2100000"}
    rows = {f"statistics-{index}-{name}": value for index in (0, 1) for name, value in row.items()}
    data = admin_form_data(page, **country_fields(office), **rows, **{"statistics-TOTAL_FORMS": 2})
    response = editor_client.post(add_url, data)
    assert inline_formset(response).non_form_errors() == [
        "Please correct the duplicate data for indicator and year, which must be unique."
    ]
    assert not Country.objects.exists()
    assert not Statistic.objects.exists()


def test_admin_inline_adds_statistic(editor_client, lesotho, indicators, lesotho_change):
    url, page = lesotho_change
    data = admin_form_data(
        page,
        **{
            "statistics-1-indicator": indicators[UnitKind.RATE_PER_1000].pk,
            "statistics-1-year": "2021",
            "statistics-1-value": "-0.7",
        },
    )
    assert editor_client.post(url, data).status_code == 302
    assert lesotho.statistics.get(indicator=indicators[UnitKind.RATE_PER_1000]).value == Decimal(
        "-0.7"
    )


# --- Countries: unique slug and ISO code ---------------------------------------------------


def post_country(client, **fields):
    add_url = reverse("admin:profiles_country_add")
    return client.post(add_url, admin_form_data(client.get(add_url), **fields))


def country_fields(office, **changes):
    return {
        "name": "Malawi",
        "iso_code": "MW",
        "slug": "malawi",
        "status": "published",
        "member_since": "",
        "member_since_precision": Country.Precision.NOT_STATED,
        "regional_office": office.pk,
        **changes,
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("slug", "lesotho", "Country with this Slug already exists."),
        ("iso_code", "LS", "Country with this ISO 3166 code already exists."),
        ("name_en", "Lesotho", "Country with this Name (English) already exists."),
    ],
    ids=["slug", "iso-code", "name"],
)
def test_admin_refuses_duplicate_country(editor_client, office, lesotho, field, value, message):
    response = post_country(editor_client, **country_fields(office, **{field: value}))
    assert form_errors(response)[field] == [message]
    assert list(Country.objects.all()) == [lesotho]


@pytest.mark.parametrize(
    ("field", "value"), [("slug", "lesotho"), ("iso_code", "LS")], ids=["slug", "iso-code"]
)
def test_database_refuses_duplicate_country(office, lesotho, field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        CountryFactory(regional_office=office, **{field: value})
    assert list(Country.objects.all()) == [lesotho]


# --- Countries: the membership date and its precision --------------------------------------

TOMORROW = (timezone.localdate() + timedelta(days=1)).isoformat()

MEMBERSHIP_REJECTED = [
    # (date, precision, field, message, id)
    (
        "2010-11-29",
        "not_stated",
        "member_since_precision",
        "Choose how much of the date the page states.",
        "date-without-precision",
    ),
    (
        "",
        "day",
        "member_since",
        "Enter the date of admission, or choose “Not stated” below.",
        "precision-without-date",
    ),
    (
        "1950-12-31",
        "year",
        "member_since",
        "IOM was founded in 1951: enter a later date.",
        "before-founding",
    ),
    (
        TOMORROW,
        "day",
        "member_since",
        "The date of admission cannot be in the future.",
        "in-the-future",
    ),
]


@pytest.mark.parametrize(
    ("member_since", "precision", "field", "message"),
    [row[:4] for row in MEMBERSHIP_REJECTED],
    ids=[row[4] for row in MEMBERSHIP_REJECTED],
)
def test_admin_refuses_inconsistent_membership_date(
    editor_client, office, member_since, precision, field, message
):
    response = post_country(
        editor_client,
        **country_fields(office, member_since=member_since, member_since_precision=precision),
    )
    assert message in form_errors(response)[field]
    assert not Country.objects.exists()


@pytest.mark.parametrize(
    ("member_since", "precision"),
    [
        (date(2010, 11, 29), "not_stated"),
        (None, "day"),
        (None, "year"),
        (date(1950, 12, 31), "day"),
    ],
    ids=["date-without-precision", "precision-without-date", "year-without-date", "before-1951"],
)
def test_database_refuses_inconsistent_membership_date(office, member_since, precision):
    with pytest.raises(IntegrityError), transaction.atomic():
        CountryFactory(
            regional_office=office, member_since=member_since, member_since_precision=precision
        )
    assert not Country.objects.exists()


@pytest.mark.parametrize(
    ("member_since", "precision", "stored"),
    [
        ("2010-11-29", "day", date(2010, 11, 29)),
        ("2013-11-17", "month", date(2013, 11, 1)),
        ("2014-06-30", "year", date(2014, 1, 1)),
        ("", "not_stated", None),
    ],
    ids=["day-kept", "month-drops-day", "year-drops-month-and-day", "not-stated"],
)
def test_admin_keeps_only_the_known_part_of_the_date(
    editor_client, office, member_since, precision, stored
):
    response = post_country(
        editor_client,
        **country_fields(office, member_since=member_since, member_since_precision=precision),
    )
    assert response.status_code == 302
    assert Country.objects.get(slug="malawi").member_since == stored


# --- A country's regional office is a regional office --------------------------------------


def test_admin_refuses_a_country_office_as_regional_office(editor_client, office):
    country_office = OfficeFactory(kind=Office.Kind.COUNTRY)
    response = post_country(
        editor_client, **country_fields(office, regional_office=country_office.pk)
    )
    assert form_errors(response)["regional_office"] == [
        "Select a valid choice. That choice is not one of the available choices."
    ]
    assert not Country.objects.exists()


def test_regional_office_picker_offers_only_regional_offices(editor_client, office):
    OfficeFactory(name="Eswatini", kind=Office.Kind.COUNTRY)
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "profiles", "model_name": "country", "field_name": "regional_office"},
    )
    assert [result["text"] for result in response.json()["results"]] == [str(office)]
