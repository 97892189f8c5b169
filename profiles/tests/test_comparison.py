"""The office page's comparison table: each country's latest figures, sortable by column."""

import html
import re
from decimal import Decimal

import pytest
from django.urls import reverse

from contacts.models import Office
from profiles.models import Country, Indicator, Statistic
from profiles.publication import Status
from tests.factories import CountryFactory, IndicatorFactory, OfficeFactory, StatisticFactory
from tests.helpers import count_queries

URL = reverse("profiles:office", kwargs={"slug": "southern-africa"})
HEADINGS = [
    "Country",
    "Population",
    "Net Migration Rate",
    "Remittances",
    "Women as a Percentage of Immigrants",
    "Immigrants",
]
BY_NAME = ["Botswana", "Eswatini", "Lesotho", "Malawi"]


def text(cell):
    """A cell as a sighted reader sees it: no text meant only for screen readers."""
    cell = re.sub(r'<span class="visually-hidden">.*?</span>', "", cell, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", cell))).strip()


def headings(response):
    """Each column heading: its label, its aria-sort and the query its link sorts by."""
    thead = re.search(r"<thead>(.*?)</thead>", response.content.decode(), re.S).group(1)
    for cell in re.findall(r"<th\b(.*?)</th>", thead, re.S):
        aria_sort = re.search(r'aria-sort="([^"]*)"', cell)
        yield {
            "label": text("<" + cell).rstrip(" ▲▼"),
            "aria_sort": aria_sort and aria_sort.group(1),
            "href": html.unescape(re.search(r'href="([^"]*)"', cell).group(1)),
        }


def rows(response):
    """The table body: one list of cell texts per row, the country first."""
    tbody = re.search(r"<tbody>(.*?)</tbody>", response.content.decode(), re.S).group(1)
    return [
        [text(cell) for cell in re.findall(r"<t[hd]\b.*?</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", tbody, re.S)
    ]


def countries(response):
    return [row[0] for row in rows(response)]


@pytest.fixture
def southern_africa(demo):
    """The demo's four countries under the office, with a newer and an older Lesotho figure,
    Botswana's net migration rate not available and Kenya's own indicator elsewhere."""
    lesotho = Country.objects.get(slug="lesotho")
    population = Indicator.objects.get(slug="population")
    for year, value in [(2015, 1900000), (2022, 2300000)]:
        StatisticFactory(country=lesotho, indicator=population, year=year, value=Decimal(value))
    Statistic.objects.filter(country__slug="botswana", indicator__slug="net-migration-rate").update(
        value=None
    )
    StatisticFactory(
        country=Country.objects.get(slug="kenya"), indicator=IndicatorFactory(display_order=15)
    )


def test_one_column_per_indicator_used_under_the_office_in_display_order(client, southern_africa):
    assert [heading["label"] for heading in headings(client.get(URL))] == HEADINGS


def test_each_cell_shows_the_latest_figure_and_its_year(client, southern_africa):
    assert rows(client.get(URL)) == [
        [
            "Botswana",
            "2.5 million (2024)",
            "Data not available (2023)",
            "USD 70 million (2023)",
            "43% (2024)",
            "–",
        ],
        [
            "Eswatini",
            "1.2 million (2024)",
            "−6.9 migrants/1,000 population (2023)",
            "USD 79.9 million (2023)",
            "48.5% (2024)",
            "–",
        ],
        [
            "Lesotho",
            "2.3 million (2022)",
            "−0.7 migrants/1,000 population (2021)",
            "USD 561.5 million (2021)",
            "Data not available (2020)",
            "–",
        ],
        [
            "Malawi",
            "21.7 million (2024)",
            "–",
            "USD 179.7 million (2023)",
            "51.1% (2024)",
            "186,719 (2024)",
        ],
    ]


@pytest.mark.parametrize(
    ("sort", "order"),
    [
        ("name", BY_NAME),
        ("-name", BY_NAME[::-1]),
        ("population", ["Eswatini", "Lesotho", "Botswana", "Malawi"]),
        ("-population", ["Malawi", "Botswana", "Lesotho", "Eswatini"]),
        ("net-migration-rate", ["Eswatini", "Lesotho", "Botswana", "Malawi"]),
        ("-net-migration-rate", ["Lesotho", "Eswatini", "Botswana", "Malawi"]),
        ("remittances", ["Botswana", "Eswatini", "Malawi", "Lesotho"]),
        ("-remittances", ["Lesotho", "Malawi", "Eswatini", "Botswana"]),
        ("immigrants", ["Malawi", "Botswana", "Eswatini", "Lesotho"]),
        ("-immigrants", ["Malawi", "Botswana", "Eswatini", "Lesotho"]),
    ],
)
def test_sort_orders_rows_with_missing_values_last(client, southern_africa, sort, order):
    assert countries(client.get(URL, {"sort": sort})) == order


@pytest.mark.parametrize(
    ("sort", "label", "aria_sort", "toggle"),
    [
        (None, "Country", "ascending", "-name"),
        ("name", "Country", "ascending", "-name"),
        ("-name", "Country", "descending", "name"),
        ("population", "Population", "ascending", "-population"),
        ("-population", "Population", "descending", "population"),
    ],
    ids=["default", "name", "-name", "population", "-population"],
)
def test_sorted_column_says_so_and_its_link_reverses(client, demo, sort, label, aria_sort, toggle):
    response = client.get(URL, {"sort": sort} if sort else {})
    columns = {heading["label"]: heading for heading in headings(response)}
    assert columns[label]["aria_sort"] == aria_sort
    assert columns[label]["href"] == f"?sort={toggle}#purview"
    others = [heading for heading in columns.values() if heading["label"] != label]
    assert [heading["aria_sort"] for heading in others] == [None] * len(others)
    assert columns["Remittances"]["href"] == "?sort=remittances#purview"
    assert response.content.decode().count("aria-sort=") == 1


@pytest.mark.parametrize(
    "sort",
    ["zzz", "-", "", "--name", "p" * 5000, "population;drop"],
    ids=["unknown", "dash", "empty", "double-dash", "5000-characters", "injection"],
)
def test_bad_sort_falls_back_to_name_order(client, demo, sort):
    response = client.get(URL, {"sort": sort})
    assert response.status_code == 200
    assert countries(response) == BY_NAME
    assert next(headings(response))["aria_sort"] == "ascending"


@pytest.mark.parametrize(
    ("who", "shown"),
    [("anonymous", False), ("staff", False), ("editor", True), ("reviewer", True)],
)
def test_draft_country_and_its_indicators_only_for_editors(request, client, demo, who, shown):
    zambia = CountryFactory(
        name="Zambia",
        iso_code="ZM",
        regional_office=Office.objects.get(slug="southern-africa"),
        status=Status.DRAFT,
    )
    StatisticFactory(country=zambia, indicator=IndicatorFactory(name="Refugees"))
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(URL, {"sort": "-population"})
    assert countries(response)[4:] == (["Zambia Draft"] if shown else [])  # no population: last
    assert ("Refugees" in [heading["label"] for heading in headings(response)]) is shown


@pytest.mark.parametrize("sort", ["name", "-indicator-sorted"])
def test_office_page_queries_do_not_grow_with_countries_and_figures(client, db, sort):
    office = OfficeFactory(slug="region")
    indicators = [IndicatorFactory(slug="indicator-sorted"), *IndicatorFactory.create_batch(2)]

    def add_countries(count):
        for country in CountryFactory.create_batch(count, regional_office=office):
            for indicator in indicators:
                for year in [2019, 2020]:
                    StatisticFactory(country=country, indicator=indicator, year=year)

    url = reverse("profiles:office", kwargs={"slug": "region"}) + f"?sort={sort}"
    add_countries(1)
    one = count_queries(client, url)
    add_countries(49)
    assert Statistic.objects.count() == 50 * 6
    assert count_queries(client, url) == one
    assert len(rows(client.get(url))) == 50
