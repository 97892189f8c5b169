"""A country's statistics as CSV and JSON downloads: every year, with its source."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from profiles.models import Country, Indicator, Statistic
from profiles.publication import Status
from tests.factories import CountryFactory, IndicatorFactory, StatisticFactory
from tests.helpers import count_queries

HEADER = (
    "country,iso_code,indicator,unit,year,value,shown_as,source,publisher,series,edition,licence"
)
# Each demo indicator's publisher, series code and licence (its "Source" in the admin).
PUBLISHED_AS = {
    "Population": ["UN DESA", "TPopulation1July", "CC BY 3.0 IGO"],
    "Net Migration Rate": ["UN DESA", "CNMR", "CC BY 3.0 IGO"],
    "Remittances": ["World Bank", "BX.TRF.PWKR.CD.DT", "CC BY 4.0"],
    "Women as a Percentage of Immigrants": ["UN DESA", "IMS_FEMALE_PCT_STOCK", "CC BY 3.0 IGO"],
}

# Lesotho's demo figures plus an older population figure with its own source, in download
# order (indicators' display order, newest year first), as the JSON download gives them:
# (indicator, unit, year, value, shown_as, source).
LESOTHO_ROWS = [
    (
        "Population",
        "Number of people",
        2020,
        2100000,
        "2.1 million",
        "UN DESA, World Population Prospects",
    ),
    ("Population", "Number of people", 2019, 2000000, "2 million", "Lesotho Bureau of Statistics"),
    (
        "Net Migration Rate",
        "Rate per 1,000 population",
        2021,
        -0.7,
        "−0.7 migrants/1,000 population",
        "UN DESA, World Population Prospects 2022",
    ),
    (
        "Remittances",
        "US dollars",
        2021,
        561500000,
        "USD 561.5 million",
        "World Bank, Personal remittances, received (BX.TRF.PWKR.CD.DT)",
    ),
    (
        "Women as a Percentage of Immigrants",
        "Percentage (0–100)",
        2020,
        None,
        "Data not available",
        "UN DESA, International Migrant Stock 2020",
    ),
]


def statistics_url(slug, format):
    return reverse("profiles:country_statistics", kwargs={"slug": slug, "format": format})


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def json_rows(response):
    return [
        tuple(row[key] for key in ["indicator", "unit", "year", "value", "shown_as", "source"])
        for row in response.json()["statistics"]
    ]


@pytest.fixture
def lesotho(demo):
    country = Country.objects.get(slug="lesotho")
    StatisticFactory(
        country=country,
        indicator=Indicator.objects.get(slug="population"),
        year=2019,
        value=Decimal("2000000"),
        source="Lesotho Bureau of Statistics",
    )
    return country


def test_csv_has_every_year_with_plain_numbers_and_sources(client, lesotho):
    response = client.get(statistics_url("lesotho", "csv"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="lesotho-statistics.csv"'
    assert response.content.decode().splitlines()[0] == HEADER
    expected = [
        # The negative rate's value is a plain number and its text starts with a true minus
        # sign: a spreadsheet runs neither, so neither gets the formula guard's apostrophe.
        ["Lesotho", "LS", indicator, unit, str(year), "" if value is None else str(value)]
        + [shown, source]
        # No edition: the demo figures were typed in, not refreshed from a file.
        + [*PUBLISHED_AS[indicator][:2], "", PUBLISHED_AS[indicator][2]]
        for indicator, unit, year, value, shown, source in LESOTHO_ROWS
    ]
    assert csv_rows(response)[1:] == expected


def test_json_has_every_year_with_numbers_as_numbers(client, lesotho):
    response = client.get(statistics_url("lesotho", "json"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert list(data) == ["country", "iso_code", "statistics"]
    assert (data["country"], data["iso_code"]) == ("Lesotho", "LS")
    assert json_rows(response) == LESOTHO_ROWS
    values = [row["value"] for row in data["statistics"]]
    assert [type(value) for value in values] == [int, int, float, int, type(None)]


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("https://evil.example/","Click")', "+1+2", "-3+4", "@SUM(A1:A2)"],
    ids=["equals", "plus", "minus", "at"],
)
def test_formula_text_is_quoted_in_csv_and_kept_in_json(client, lesotho, text):
    Statistic.objects.filter(country=lesotho, year=2019).update(source=text)
    Indicator.objects.filter(slug="remittances").update(default_source=text)
    source = HEADER.split(",").index("source")
    csv_sources = [row[source] for row in csv_rows(client.get(statistics_url("lesotho", "csv")))]
    json_sources = [row[-1] for row in json_rows(client.get(statistics_url("lesotho", "json")))]
    assert [csv_sources[2], csv_sources[4]] == [f"'{text}", f"'{text}"]
    assert [json_sources[1], json_sources[3]] == [text, text]


def test_country_page_links_both_downloads(client, demo):
    html = client.get(reverse("profiles:country", kwargs={"slug": "lesotho"})).content.decode()
    for format in ["csv", "json"]:
        assert f'href="{statistics_url("lesotho", format)}"' in html


@pytest.mark.parametrize("format", ["csv", "json"])
@pytest.mark.parametrize(
    ("who", "status"), [("anonymous", 404), ("staff", 404), ("editor", 200), ("reviewer", 200)]
)
def test_draft_country_downloads_only_for_editors(request, client, db, who, status, format):
    StatisticFactory(country=CountryFactory(slug="zambia", status=Status.DRAFT))
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    assert client.get(statistics_url("zambia", format)).status_code == status


@pytest.mark.parametrize(
    "url",
    [
        statistics_url("atlantis", "csv"),
        statistics_url("atlantis", "json"),
        reverse("profiles:country", kwargs={"slug": "lesotho"}) + "statistics.xml",
    ],
    ids=["unknown-country-csv", "unknown-country-json", "unknown-format"],
)
def test_unknown_download_is_not_found(client, demo, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("format", ["csv", "json"])
def test_download_queries_do_not_grow_with_statistics(client, db, format):
    country = CountryFactory(slug="testland")
    StatisticFactory(country=country)
    one = count_queries(client, statistics_url("testland", format))
    for indicator in IndicatorFactory.create_batch(7):
        for year in range(2013, 2020):
            StatisticFactory(country=country, indicator=indicator, year=year)
    assert country.statistics.count() == 50
    assert count_queries(client, statistics_url("testland", format)) == one
