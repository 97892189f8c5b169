"""An editor imports new figures from a spreadsheet: sees the bad rows, corrects the file,
checks it again, confirms, and finds the figure on the country page."""

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD

HEADER = "country;indicator;year;value;source;note"


def test_editor_imports_statistics(page, site, editor_login, shoot, tmp_path):
    page.goto(site + "/admin/login/?next=/admin/profiles/statistic/")
    page.get_by_label("Username").fill("amina")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Import statistics").click()

    bad = tmp_path / "figures.csv"
    bad.write_text(
        f"{HEADER}\nLS;population;2022;2300000;UN DESA 2024;\nAtlantis;population;2022;1;;\n"
    )
    page.get_by_label("Statistics file").set_input_files(bad)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_role("cell", name="Unknown country “Atlantis”.")).to_be_visible()
    expect(page.get_by_role("button", name="Write these statistics")).to_have_count(0)
    shoot("bad-file")

    good = tmp_path / "figures-corrected.csv"
    good.write_text(f"{HEADER}\nLS;population;2022;2300000;UN DESA 2024;\n")
    page.get_by_label("Statistics file").set_input_files(good)
    page.get_by_role("button", name="Check the file").click()
    expect(page.get_by_text("1 statistic to create")).to_be_visible()
    shoot("report")
    page.get_by_role("button", name="Write these statistics").click()
    expect(page.get_by_text("Statistics imported: 1 created, 0 changed.")).to_be_visible()

    page.goto(site + "/en/countries/lesotho/")
    expect(page.locator(".facts")).to_contain_text("2.3 million")
