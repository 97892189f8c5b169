"""An editor refreshes the remittances from the World Bank's own file: uploads it, chooses
revisions too, reads the report with Lesotho's 2021 revised, confirms, and finds the new
figure with its edition on Lesotho's page."""

from playwright.sync_api import expect

from profiles.tests.publisher_fixtures import FOLDER, REMITTANCES
from tests.browser.conftest import PASSWORD


def test_editor_refreshes_from_the_world_banks_file(page, site, editor_login, shoot):
    page.goto(site + "/admin/login/?next=/admin/profiles/statistic/")
    page.get_by_label("Username").fill("amina")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Refresh from a publisher's file").click()

    page.get_by_label("Publisher's file").set_input_files(FOLDER / REMITTANCES)
    page.get_by_label("New figures and revisions").check()
    page.get_by_label("From year").fill("2019")
    page.get_by_label("Published countries only").check()
    shoot("upload")
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_text("edition: updated 1 July 2025")).to_be_visible()
    revisions = page.get_by_role("table", name="Remittances: revised figures, the largest first")
    lesotho = revisions.get_by_role("row").filter(has_text="Lesotho")
    expect(lesotho).to_contain_text("2021")
    expect(lesotho).to_contain_text("USD 561.5 million")
    expect(lesotho).to_contain_text("USD 474.5 million")
    expect(lesotho).to_contain_text("−15.50%")
    expect(page.get_by_text("Nothing has been written yet.")).to_be_visible()
    shoot("report")
    page.get_by_role("button", name="Write these figures").click()

    expect(page.get_by_text("Written: ")).to_contain_text("World Bank WDI, updated 2025-07-01")
    shoot("written")

    page.goto(site + "/en/countries/lesotho/")
    # The latest figure is 2024's, new from the file; 2021's revision is in the history.
    remittances = page.locator(".fact").filter(has_text="Remittances")
    expect(remittances.locator(".source")).to_have_text(
        "Source: World Bank, World Development Indicators, updated 1 July 2025"
    )
    remittances.locator("summary").click()
    year_2021 = remittances.get_by_role("row").filter(has=page.get_by_text("2021", exact=True))
    expect(year_2021).to_contain_text("USD 474.5 million")
    shoot("lesotho")
