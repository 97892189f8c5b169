"""axe-core on every public page type and on the admin pages we customised; keyboard use."""

from decimal import Decimal

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from profiles.models import Country, Indicator, Statistic
from tests.browser.conftest import PASSWORD

WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

PUBLIC_PAGES = {
    "home": "/",
    "search-no-match": "/?q=zzz",
    "country": "/countries/lesotho/",
    "country-other-year": "/countries/lesotho/?year=2020",
    "country-no-plan-that-year": "/countries/lesotho/?year=2019",
    "country-no-date": "/countries/eswatini/",
    "office": "/offices/southern-africa/",
    "office-sorted": "/offices/southern-africa/?sort=-population",
    "offices": "/offices/",
    "initiatives": "/initiatives/",
    "initiatives-bad-filter": "/initiatives/?year=abc&theme=nowhere&year_from=1800",
    "initiatives-faceted": "/initiatives/?year=2020&theme=labour-migration&sort=country&q=support",
    "not-found": "/countries/atlantis/",
}
ADMIN_PAGES = {
    "index": "/admin/",
    "country-list": "/admin/profiles/country/",
    "country-form": "/admin/profiles/country/{lesotho}/change/",
    "plan-list": "/admin/initiatives/yearlyplan/",
    "plan-form": "/admin/initiatives/yearlyplan/{lesotho_plan}/change/",
    "office-list": "/admin/contacts/office/",
    "country-review": "/admin/profiles/country/{lesotho}/review/",
    "country-history": "/admin/profiles/country/{lesotho}/history/",
    "country-recover": "/admin/profiles/country/recover/",
    "statistic-list": "/admin/profiles/statistic/",
    "statistic-import": "/admin/profiles/statistic/import/",
    "statistic-refresh": "/admin/profiles/statistic/refresh/",
    "data-gaps": "/admin/reports/data-gaps/",
    "data-gaps-bad-filter": "/admin/reports/data-gaps/?office=atlantis&years=0",
}


@pytest.fixture
def history(site):
    """A second year of figures, so that the country page draws its charts."""
    lesotho = Country.objects.get(slug="lesotho")
    for slug, year, value in [
        ("population", 2015, "2050000"),
        ("net-migration-rate", 2020, "-1.2"),
    ]:
        Statistic.objects.create(
            country=lesotho,
            indicator=Indicator.objects.get(slug=slug),
            year=year,
            value=Decimal(value),
        )
    return site


def assert_no_violations(page):
    results = Axe().run(page, options=WCAG_21_AA)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("path", PUBLIC_PAGES.values(), ids=PUBLIC_PAGES.keys())
def test_public_page_meets_wcag_21_aa(page, history, path):
    page.goto(history + path)
    assert page.locator("h1").count() == 1
    assert page.locator("html").get_attribute("lang") == "en"
    assert_no_violations(page)
    # Nothing is wider than a small phone: no sideways scrolling of the page itself.
    page.set_viewport_size({"width": 320, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


@pytest.mark.parametrize("path", ADMIN_PAGES.values(), ids=ADMIN_PAGES.keys())
def test_customised_admin_page_meets_wcag_21_aa(page, site, editor_login, path):
    lesotho = Country.objects.get(slug="lesotho")
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(editor_login.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(site + path.format(lesotho=lesotho.pk, lesotho_plan=lesotho.plans.get().pk))
    assert_no_violations(page)


def test_keyboard_reaches_the_content_first_and_shows_focus(page, site):
    page.goto(site + "/countries/lesotho/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#main-content")).to_be_focused()
    page.keyboard.press("Tab")
    focused = page.locator(":focus")
    expect(focused).to_have_text("Countries")  # the breadcrumb, first link inside the content
    assert focused.evaluate("e => e.closest('main') !== null")
    outline = focused.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline not in ("", "none"), "focus must be visible"
