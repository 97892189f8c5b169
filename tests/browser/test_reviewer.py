"""A reviewer filters the initiatives across countries and downloads them."""

import csv
import io

from playwright.sync_api import expect


def test_reviewer_flow(page, site, shoot):
    page.goto(site + "/initiatives/")
    expect(page.locator(".result-count")).to_contain_text("15 initiatives found")
    shoot("all")

    page.get_by_label("Year").select_option("2020")
    page.get_by_label("Theme").select_option(label="Labour migration")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".result-count")).to_contain_text("3 initiatives found")
    assert "year=2020" in page.url and "theme=labour-migration" in page.url
    shoot("filtered")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these as CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert rows[0] == ["Country", "ISO code", "Year", "Theme", "Initiative", "Regional office"]
    assert [row[0] for row in rows[1:]] == ["Botswana", "Eswatini", "Lesotho"]
    assert {row[3] for row in rows[1:]} == {"Labour migration"}
