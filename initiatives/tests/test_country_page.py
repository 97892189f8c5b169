"""The "Migration initiatives" section of the country page: lead-in, items and years."""

import pytest
from django.urls import reverse

from profiles.publication import Status
from tests.factories import CountryFactory, InitiativeFactory, YearlyPlanFactory


def country_url(country, **query):
    url = reverse("profiles:country", kwargs={"slug": country.slug})
    return f"{url}?year={query['year']}" if query else url


@pytest.mark.parametrize(
    ("name", "year"), [("Lesotho", 2020), ("Kenya", 2024)], ids=["lesotho-2020", "kenya-2024"]
)
def test_empty_lead_in_reads_the_default_sentence(client, db, name, year):
    plan = YearlyPlanFactory(country=CountryFactory(name=name), year=year, lead_in="")
    InitiativeFactory(plan=plan, text="Support the diaspora association.")

    response = client.get(country_url(plan.country))

    expected = f"<p>In {year}, IOM in {name} will support the Government for the following:</p>"
    assert expected in response.text
    assert "<li>Support the diaspora association.</li>" in response.text


def test_custom_lead_in_replaces_the_default(client, db):
    lead_in = "For the year 2020, IOM in Botswana will prioritize the following:"
    plan = YearlyPlanFactory(country=CountryFactory(name="Botswana"), year=2020, lead_in=lead_in)

    response = client.get(country_url(plan.country))

    assert f"<p>{lead_in}</p>" in response.text
    assert "will support the Government" not in response.text


@pytest.fixture
def three_years(db):
    """A country with published plans for 2019, 2020 and 2021, one item each."""
    country = CountryFactory(name="Lesotho")
    for year in (2020, 2021, 2019):
        InitiativeFactory(
            plan=YearlyPlanFactory(country=country, year=year), text=f"Item of {year}."
        )
    return country


def test_country_page_shows_the_latest_year_and_links_the_others(client, three_years):
    response = client.get(country_url(three_years))

    assert response.context["years"] == [2021, 2020, 2019]
    assert "<li>Item of 2021.</li>" in response.text
    assert "Item of 2020." not in response.text
    assert '<a aria-current="page" href="?year=2021#initiatives">2021</a>' in response.text
    assert '<a href="?year=2020#initiatives">2020</a>' in response.text
    assert '<a href="?year=2019#initiatives">2019</a>' in response.text


@pytest.mark.parametrize("year", [2019, 2020, 2021])
def test_year_parameter_shows_that_years_plan(client, three_years, year):
    response = client.get(country_url(three_years, year=year))

    assert response.status_code == 200
    assert f"In {year}, IOM in Lesotho will support the Government" in response.text
    assert [f"Item of {year}."] == [
        other
        for other in ("Item of 2019.", "Item of 2020.", "Item of 2021.")
        if other in response.text
    ]
    assert f'<a aria-current="page" href="?year={year}#initiatives">{year}</a>' in response.text


@pytest.mark.parametrize(
    "year",
    ["2018", "abc", "-1", "２０２０", ""],
    ids=["no-plan", "not-a-number", "negative", "fullwidth-digits", "empty"],
)
def test_year_without_a_plan_is_not_found(client, three_years, year):
    response = client.get(country_url(three_years, year=year))

    assert response.status_code == 404


def test_a_single_year_needs_no_year_links(client, db):
    plan = YearlyPlanFactory(year=2020)

    response = client.get(country_url(plan.country))

    assert response.status_code == 200
    assert 'aria-label="Years"' not in response.text


@pytest.mark.parametrize("user", [None, "staff"], ids=["anonymous", "staff-in-no-group"])
def test_draft_plan_year_is_hidden(request, client, three_years, user):
    if user:
        client.force_login(request.getfixturevalue(user))
    InitiativeFactory(plan__country=three_years, plan__year=2022, plan__status=Status.DRAFT)

    latest = client.get(country_url(three_years))

    assert latest.context["years"] == [2021, 2020, 2019]
    assert "<li>Item of 2021.</li>" in latest.text
    assert "Draft" not in latest.text
    assert client.get(country_url(three_years, year=2022)).status_code == 404


def test_draft_plan_is_previewed_by_editors(editor_client, three_years):
    InitiativeFactory(
        plan__country=three_years, plan__year=2022, plan__status=Status.DRAFT, text="Draft item."
    )

    response = editor_client.get(country_url(three_years))

    assert response.context["years"] == [2022, 2021, 2020, 2019]
    assert "<li>Draft item.</li>" in response.text
    assert '<p class="draft-tag">Draft plan</p>' in response.text
    assert '<a href="?year=2021#initiatives">2021</a>' in response.text
