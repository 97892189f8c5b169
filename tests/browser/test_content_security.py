"""The admin works under the site's strict Content-Security-Policy: every widget we use,
its pop-ups included. The autouse guard in conftest.py fails on any blocked script or style."""

import pytest
from playwright.sync_api import expect

from profiles.models import Country
from tests.browser.conftest import PASSWORD
from tests.browser.test_editor import choose


def test_the_guard_sees_what_the_policy_blocks(page, site, no_policy_violations):
    page.goto(site + "/en/")
    page.evaluate(
        """() => {
            const script = document.createElement("script");
            script.textContent = "window.injected = true";
            document.head.append(script);
        }"""
    )
    assert page.evaluate("window.injected") is None
    page.wait_for_timeout(200)
    assert any("inline script" in text for text in no_policy_violations)
    no_policy_violations.clear()  # this test broke the policy on purpose


@pytest.fixture
def superuser_page(page, site, django_user_model):
    django_user_model.objects.create_superuser("root", "root@example.org", PASSWORD)
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("#user-tools")).to_be_visible()
    return page


ADMIN_PAGES = [
    "/admin/",
    "/admin/profiles/country/",
    "/admin/profiles/country/add/",
    "/admin/profiles/indicator/",
    "/admin/profiles/statistic/add/",
    "/admin/initiatives/yearlyplan/add/",
    "/admin/initiatives/theme/add/",
    "/admin/contacts/office/add/",
    "/admin/auth/user/",
    "/admin/auth/user/add/",
    "/admin/auth/group/add/",
    "/admin/password_change/",
]


def test_admin_pages_load_under_the_policy(superuser_page, site):
    for path in ADMIN_PAGES:
        response = superuser_page.goto(site + path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_admin_widgets_work_under_the_policy(superuser_page, site):
    page = superuser_page
    lesotho = Country.objects.get(slug="lesotho")
    page.goto(site + f"/admin/profiles/country/{lesotho.pk}/change/")
    # The calendar and "Today" shortcuts of a date field.
    page.locator(".datetimeshortcuts a", has_text="Today").first.click()
    expect(page.get_by_label("IOM Member State since:")).not_to_have_value(
        lesotho.member_since.isoformat()
    )
    page.locator(".datetimeshortcuts .date-icon").first.click()
    expect(page.locator(".calendarbox").first).to_be_visible()
    page.keyboard.press("Escape")
    # A select2 autocomplete asks the server, and an inline row is added by script.
    choose(page, "id_contact_office", "Southern Africa")
    page.get_by_text("Add another Statistic").click()
    expect(page.locator("#id_statistics-TOTAL_FORMS")).to_have_value(
        str(lesotho.statistics.count() + 2)
    )
    # The "+" beside a related field opens a pop-up form that reports back when saved.
    with page.expect_popup() as opening:
        page.locator("#add_id_contact_office").click()
    popup = opening.value
    popup.get_by_label("Name (English):").fill("Country Office for Lesotho")
    popup.get_by_label("Kind:").select_option("country")
    popup.locator("input[name=_save]").click()
    popup.wait_for_event("close")
    expect(page.locator("#id_contact_office")).to_contain_text("Country Office for Lesotho")
