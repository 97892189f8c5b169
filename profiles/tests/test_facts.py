"""Facts and Figures on the country page: history charts, sources and the last update."""

import html
import re
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from contacts.models import Office
from profiles.models import Country, Statistic
from profiles.publication import Status
from profiles.units import UnitKind
from tests.factories import (
    CountryFactory,
    IndicatorFactory,
    OfficeFactory,
    StatisticFactory,
    YearlyPlanFactory,
)
from tests.helpers import assert_in_order, page_text

VIEW_BOX = (320, 150)


def country_url(slug):
    return reverse("profiles:country", kwargs={"slug": slug})


def add_history(country, values, unit=UnitKind.COUNT, name="Population"):
    """Statistics of one new indicator for `country`: {year: value or None}."""
    indicator = IndicatorFactory(name=name, slug="history", unit=unit)
    for year, value in values.items():
        value = None if value is None else Decimal(value)
        StatisticFactory(country=country, indicator=indicator, year=year, value=value)


def charts(response):
    """Each inline chart's SVG markup."""
    return re.findall(r"<svg\b.*?</svg>", response.content.decode(), re.S)


def chart_points(svg):
    points = re.search(r'<polyline\b[^>]*\bpoints="([^"]*)"', svg).group(1)
    return [tuple(float(n) for n in point.split(",")) for point in points.split()]


def test_chart_draws_each_known_year_and_tabulates_every_year(client, db):
    country = CountryFactory(slug="testland")
    add_history(country, {2015: 1900000, 2018: None, 2019: 2000000, 2020: 2100000})
    response = client.get(country_url("testland"))
    [svg] = charts(response)
    assert re.search(r'<svg\b[^>]*\brole="img"', svg)
    assert re.search(r"<title\b[^>]*>Population, 2015 to 2020</title>", svg)
    xs = [x for x, _ in chart_points(svg)]
    assert len(xs) == 3
    assert xs == sorted(xs)
    assert_in_order(
        page_text(response),
        [
            "Population (2020) 2.1 million",
            "Year Population",
            "2020 2.1 million",
            "2019 2 million",
            "2018 Data not available",
            "2015 1.9 million",
        ],
    )


@pytest.mark.parametrize(
    "values",
    [{2020: 2100000}, {2019: None, 2020: 2100000}, {2019: 2100000, 2020: None}, {2020: None}],
    ids=["one-year", "missing-before", "missing-after", "only-missing"],
)
def test_no_chart_with_fewer_than_two_known_years(client, db, values):
    add_history(CountryFactory(slug="testland"), values)
    response = client.get(country_url("testland"))
    assert charts(response) == []
    assert "<polyline" not in response.content.decode()
    assert "Population (2020)" in page_text(response)


@pytest.mark.parametrize(
    ("unit", "values"),
    [
        (UnitKind.COUNT, {1951: 1, 2031: 999999999999999}),
        (UnitKind.RATE_PER_1000, {2019: Decimal("-4.1"), 2020: Decimal("0.7"), 2021: 0}),
        (UnitKind.RATE_PER_1000, {2000: -5, 2010: Decimal("-0.1"), 2020: -3}),
        (UnitKind.PERCENTAGE, {2019: 0, 2020: 0}),
        (UnitKind.PERCENTAGE, {2019: Decimal("0.001"), 2020: 100}),
    ],
    ids=["far-apart", "around-zero", "all-negative", "all-zero", "tiny-and-full"],
)
def test_chart_points_stay_in_view_and_on_the_right_side_of_zero(client, db, unit, values):
    add_history(CountryFactory(slug="testland"), values, unit=unit)
    [svg] = charts(client.get(country_url("testland")))
    assert re.search(r'viewBox="0 0 320 150"', svg)
    zero = float(re.search(r'<line\b[^>]*class="chart-zero"[^>]*\by1="([-\d.]+)"', svg).group(1))
    assert 0 <= zero <= VIEW_BOX[1]
    points = chart_points(svg)
    assert len(points) == len(values)
    for (x, y), value in zip(points, values.values(), strict=True):
        assert 0 <= x <= VIEW_BOX[0] and 0 <= y <= VIEW_BOX[1]
        # SVG's y grows downwards. A value tiny beside the largest may round onto the line.
        tiny = abs(value) * 100 < max(abs(v) for v in values.values())
        side = (y > zero) - (y < zero)  # 1 below the zero line, -1 above, 0 on it
        assert side == -((value > 0) - (value < 0)) or (tiny and side == 0), f"{value} at {y}"
    heights = [point[1] for _, point in sorted(zip(values.values(), points, strict=True))]
    assert heights == sorted(heights, reverse=True)  # a larger value is drawn no lower
    if len(set(values.values())) > 1:
        assert heights[0] > heights[-1]  # and the largest clearly above the smallest


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_chart_coordinates_are_plain_numbers_in_every_language(client, db, language):
    """French and Spanish write 10,5 for 10.5: SVG must not."""
    add_history(CountryFactory(slug="testland"), {2015: 1900000, 2018: 2050000, 2020: 2100000})
    with translation.override(language):
        [svg] = charts(client.get(country_url("testland")))
    coordinates = re.findall(r'\b(?:cx|cy|x1|x2|y1|y2|x|y)="([^"]*)"', svg)
    assert len(coordinates) >= 3 * 2 + 4
    assert all(re.fullmatch(r"-?\d+(\.\d+)?", value) for value in coordinates), coordinates
    assert len(chart_points(svg)) == 3


# --- Last updated ----------------------------------------------------------------------------

LONG_AGO = datetime(2001, 2, 3, 12, tzinfo=UTC)
RECENTLY = datetime(2031, 5, 17, 12, tzinfo=UTC)


@pytest.fixture
def changes(db):
    """Everything a country page could date its last update from, all changed long ago;
    each entry is what a test may change recently."""
    regional, contact = OfficeFactory(), OfficeFactory(kind=Office.Kind.COUNTRY)
    country = CountryFactory(slug="testland", regional_office=regional, contact_office=contact)
    add_history(country, {2019: 1, 2020: 2})
    plan = YearlyPlanFactory(country=country, year=2020)
    draft_plan = YearlyPlanFactory(country=country, year=2021, status=Status.DRAFT)
    other = StatisticFactory(country=CountryFactory(regional_office=regional))
    plans = country.plans  # the initiatives app's, by the relation's name
    for rows in [Country.objects, Statistic.objects, plans, Office.objects]:
        rows.update(updated_at=LONG_AGO)
    return {
        "country": Country.objects.filter(pk=country.pk),
        "older statistic": Statistic.objects.filter(country=country, year=2019),
        "plan": plans.filter(pk=plan.pk),
        "contact office": Office.objects.filter(pk=contact.pk),
        "regional office, not the contact": Office.objects.filter(pk=regional.pk),
        "draft plan": plans.filter(pk=draft_plan.pk),
        "another country's statistic": Statistic.objects.filter(pk=other.pk),
    }


@pytest.mark.parametrize(
    ("changed", "shown"),
    [
        ("country", RECENTLY),
        ("older statistic", RECENTLY),
        ("plan", RECENTLY),
        ("contact office", RECENTLY),
        ("regional office, not the contact", LONG_AGO),
        ("draft plan", LONG_AGO),
        ("another country's statistic", LONG_AGO),
    ],
)
def test_last_updated_is_the_latest_change_shown_on_the_page(client, changes, changed, shown):
    changes[changed].update(updated_at=RECENTLY)
    response = client.get(country_url("testland"))
    assert f"Last updated {shown:%-d %B %Y}" in page_text(response)
    assert f'<time datetime="{shown:%Y-%m-%d}">' in response.content.decode()


def test_last_updated_counts_the_regional_office_when_it_is_the_contact(client, changes):
    Country.objects.update(contact_office=None)
    changes["regional office, not the contact"].update(updated_at=RECENTLY)
    assert "Last updated 17 May 2031" in page_text(client.get(country_url("testland")))


@pytest.mark.parametrize(
    ("changed", "says"),
    [
        (
            "older statistic",
            "figures 17 May 2031 · initiatives 3 February 2001 · contact 3 February 2001",
        ),
        ("plan", "figures 3 February 2001 · initiatives 17 May 2031 · contact 3 February 2001"),
        (
            "contact office",
            "figures 3 February 2001 · initiatives 3 February 2001 · contact 17 May 2031",
        ),
    ],
)
def test_last_updated_says_what_was_updated(client, changes, changed, says):
    changes[changed].update(updated_at=RECENTLY)
    assert f"Last updated 17 May 2031 · {says}" in page_text(client.get(country_url("testland")))


# --- Sources and definitions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("slug", "definition"),
    [
        ("population", "Total mid-year population."),
        ("net-migration-rate", "Immigrants minus emigrants in the year, per 1,000 population;"),
        ("remittances", "Personal transfers plus compensation of employees received from abroad"),
        ("women-percentage-of-immigrants", "Female international migrants as a share of all"),
    ],
)
def test_source_links_to_the_indicators_definition(client, demo, slug, definition):
    Country.objects.get(slug="lesotho").statistics.filter(indicator__slug="population").update(
        source="Lesotho Bureau of Statistics"
    )
    content = client.get(country_url("lesotho")).content.decode()
    assert content.count(f'href="#about-{slug}"') == 1
    assert content.count(f'id="about-{slug}"') == 1
    # The definition follows its anchor, before the next indicator's.
    after = content.split(f'id="about-{slug}"')[1].split('id="about-')[0]
    assert definition in html.unescape(after)
