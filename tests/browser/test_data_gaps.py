"""An editor finds a gap in the report, follows it to the country, and rolls a plan over."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

LESOTHO_GAP = "Women as a Percentage of Immigrants (2020) has no value"


def settle(page):
    """Wait until the page has made all its requests (the admin's forms load more after
    their content shows): the live server shares one SQLite connection between its
    threads, so a request still running when the next starts, or when the test's
    database is emptied, would break the next test's."""
    page.wait_for_load_state("networkidle")


def test_editor_fixes_gaps_and_rolls_a_plan_over(page, site, editor_login, shoot):
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill(editor_login.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Data gaps").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Data gaps")
    settle(page)
    shoot("report")

    page.get_by_label("Regional office").select_option(
        label="IOM Regional Office for Southern Africa"
    )
    page.get_by_role("button", name="Show").click()
    assert "office=southern-africa" in page.url
    expect(page.locator(".data-gaps-table caption")).to_contain_text(
        "under the IOM Regional Office for Southern"
    )
    expect(page.locator(".data-gaps-table tbody th")).not_to_contain_text(["Kenya"])
    lesotho = page.locator(".data-gaps-table tbody", has=page.locator("th", has_text="Lesotho"))
    shoot("report-southern-africa")

    lesotho.get_by_role("link", name=LESOTHO_GAP).click()
    expect(page).to_have_url(re.compile(r"/admin/profiles/country/\d+/change/#statistics-group$"))
    expect(page.get_by_label("Name (English):")).to_have_value("Lesotho")
    settle(page)
    shoot("country-form")

    page.goto(site + "/admin/initiatives/yearlyplan/")
    page.get_by_role("checkbox", name=re.compile("Lesotho 2020")).check()
    page.get_by_label("Action:").select_option(label="Copy to next year as draft")
    page.get_by_role("button", name="Run").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "1 plan copied to the next year as a draft."
    )
    copy = page.locator("#result_list tbody tr", has_text="2021").filter(has_text="Lesotho")
    expect(copy).to_contain_text("Draft")
    settle(page)
    shoot("plan-copied")

    copy.get_by_role("link", name="Lesotho").first.click()
    expect(page.locator("#id_year")).to_have_value("2021")
    expect(page.locator("#id_lead_in_fr")).to_have_value(re.compile("^En 2021, "))
    expect(page.locator("#id_initiatives-6-text_en")).not_to_be_empty()
    settle(page)
    shoot("plan-2021")
