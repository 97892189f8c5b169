"""A reviewer filters the initiatives across countries, shares the view and downloads it."""

import csv
import io
import re

from openpyxl import load_workbook
from playwright.sync_api import expect

HEADER = ["Country", "ISO code", "Year", "Theme", "Initiative", "Regional office"]


def test_reviewer_flow(page, site, shoot):
    page.goto(site + "/initiatives/")
    expect(page.locator(".result-count")).to_contain_text("15 initiatives found")
    expect(page.get_by_role("checkbox", name=re.compile(r"^2020 \(15\)"))).to_be_visible()
    shoot("all")

    page.get_by_role("checkbox", name=re.compile(r"^2020 ")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Labour migration \(3\)")).check()
    page.get_by_role("checkbox", name=re.compile(r"^Migration data ")).check()
    page.get_by_label("Sort by").select_option("country")
    page.get_by_role("button", name="Filter").click()
    expect(page.locator(".result-count")).to_contain_text("4 initiatives found")
    assert "year=2020" in page.url and "theme=labour-migration" in page.url
    shoot("filtered")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these as CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8"))))
    assert rows[0] == HEADER
    assert {row[3] for row in rows[1:]} == {"Labour migration", "Migration data"}
    countries = [row[0] for row in rows[1:]]
    assert countries == sorted(countries) and len(countries) == 4

    with page.expect_download() as download:
        page.get_by_role("link", name="Download these as XLSX").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    assert [[str(cell) for cell in row] for row in sheet.iter_rows(values_only=True)] == rows

    # The view's address, opened afresh, shows the same view with the same boxes ticked.
    shared = page.get_by_role("link", name="Link to this view").get_attribute("href")
    page.goto(site + shared)
    expect(page.locator(".result-count")).to_contain_text("4 initiatives found")
    expect(page.get_by_role("checkbox", name=re.compile(r"^Migration data "))).to_be_checked()
    expect(page.get_by_label("Sort by")).to_have_value("country")
