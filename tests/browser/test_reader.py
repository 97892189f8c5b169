"""A reader finds a country, reads another year's initiatives and reaches the regional office."""

import re

import pytest
from playwright.sync_api import expect

from initiatives.models import Initiative, Theme, YearlyPlan
from profiles.models import Country
from profiles.publication import Status


@pytest.fixture
def second_year(site):
    plan = YearlyPlan.objects.create(
        country=Country.objects.get(slug="lesotho"), year=2019, status=Status.PUBLISHED
    )
    Initiative.objects.create(
        plan=plan,
        theme=Theme.objects.get(slug="migration-data"),
        text="Prepare the 2019 migration profile.",
        order=1,
    )
    return site


def test_reader_flow(page, second_year, shoot):
    page.goto(second_year + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Country Pages")
    shoot("home")

    page.get_by_label("Find a country by name or ISO code").fill("leso")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("status")).to_contain_text("Countries matching “leso”")
    expect(page.get_by_role("link", name="Eswatini")).to_have_count(0)
    shoot("search")

    page.get_by_role("link", name="Lesotho", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesotho")
    expect(page.get_by_text("2.1 million")).to_be_visible()
    expect(page.locator(".membership")).to_have_text(
        "Lesotho was admitted as an IOM Member State on 29 November 2010. It comes under the "
        "purview of the IOM Regional Office for Southern Africa in Pretoria."
    )
    shoot("country")

    page.get_by_role("navigation", name="Initiatives by year").get_by_role(
        "link", name="2019"
    ).click()
    expect(page.get_by_text("In 2019, IOM in Lesotho will support the Government")).to_be_visible()
    expect(page.get_by_text("Prepare the 2019 migration profile.")).to_be_visible()
    shoot("another-year")

    page.locator(".membership").get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "IOM Regional Office for Southern Africa"
    )
    expect(page.get_by_role("table")).to_contain_text("Lesotho")
    shoot("regional-office")


def test_reader_flow_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(site + "/")
    page.get_by_label("Find a country by name or ISO code").fill("LS")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Lesotho", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lesotho")
    page.goto(site + "/initiatives/")
    page.get_by_role("checkbox", name=re.compile(r"^Diaspora engagement ")).check()
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".result-count")).to_contain_text("2 initiatives found")
    context.close()


def test_reader_flow_in_french(page, second_year, shoot):
    page.goto(second_year + "/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_label("Rechercher un pays par son nom ou son code ISO").fill("leso")
    page.get_by_role("button", name="Rechercher").click()
    page.get_by_role("link", name="Lesotho", exact=True).click()
    expect(page).to_have_url(second_year + "/fr/countries/lesotho/")
    expect(page.get_by_role("heading", name="Faits et chiffres")).to_be_visible()
    expect(page.locator(".facts")).to_contain_text("2,1 millions")
    expect(page.locator(".membership")).to_contain_text("29 novembre 2010")
    shoot("country-fr")
    page.get_by_role("navigation", name="Initiatives par année").get_by_role(
        "link", name="2019"
    ).click()
    expect(page.get_by_text("Prepare the 2019 migration profile.")).to_be_visible()
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(second_year + "/en/countries/lesotho/?year=2019")
    expect(page.get_by_role("heading", name="Facts and Figures")).to_be_visible()
