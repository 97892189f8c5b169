"""An editor builds a country page in the admin, publishes it and finds it on the site."""

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD


def choose(page, select_id, text):
    """Pick `text` in an admin autocomplete (select2) field."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


FRENCH_ITEM = "Soutenir le recrutement équitable des travailleurs namibiens."


def test_editor_flow(page, site, editor_login, shoot):
    page.goto(site + "/admin/")
    page.get_by_label("Username").fill("amina")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(
        page.get_by_role("heading", name="Edit countries, initiatives and offices")
    ).to_be_visible()
    shoot("admin-index")

    page.goto(site + "/admin/profiles/country/add/")
    page.get_by_label("Name (English):").press_sequentially("Namibia")
    expect(page.get_by_label("Slug:")).to_have_value("namibia")  # filled in as the name is typed
    page.get_by_label("ISO 3166 code:").select_option("NA")
    page.get_by_label("Status:").select_option("published")
    page.get_by_label("IOM Member State since:").fill("2012-06-20")
    page.get_by_label("Membership date known to the:").select_option("month")
    choose(page, "id_regional_office", "Southern Africa")
    page.get_by_text("Add another Statistic").click()
    page.get_by_text("Add another Statistic").click()
    figures = [
        ("Population", "2020", "2540000"),
        ("Net Migration Rate", "2021", "-0.3"),
        ("Remittances", "2021", ""),
    ]
    for row, (indicator, year, value) in enumerate(figures):
        choose(page, f"id_statistics-{row}-indicator", indicator)
        page.locator(f"#id_statistics-{row}-year").fill(year)
        page.locator(f"#id_statistics-{row}-value").fill(value)
    shoot("country-form")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    shoot("country-saved")

    page.goto(site + "/admin/initiatives/yearlyplan/add/")
    choose(page, "id_country", "Namibia")
    page.get_by_label("Year:").fill("2020")
    page.get_by_label("Status:").select_option("published")
    page.get_by_text("Add another Initiative").click()
    items = [
        ("Labour migration", "Support fair recruitment of Namibian workers."),
        ("Border management", "Train border officials at Walvis Bay."),
    ]
    for row, (theme, text) in enumerate(items):
        page.locator(f"#id_initiatives-{row}-order").fill(str(row + 1))
        choose(page, f"id_initiatives-{row}-theme", theme)
        page.locator(f"#id_initiatives-{row}-text_en").fill(text)
    # The first item also in French; the second is left for a translator.
    page.locator("#id_initiatives-0-text_fr").fill(FRENCH_ITEM)
    shoot("plan-form")
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")

    page.goto(site + "/countries/namibia/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Namibia")
    facts = page.locator(".facts")
    for text in [
        "Population (2020)",
        "2.5 million",
        "Net Migration Rate (2021)",
        "-0.3 migrants/1,000 population",
        "Remittances (2021)",
        "Data not available",
    ]:
        expect(facts).to_contain_text(text)
    expect(page.locator(".membership")).to_contain_text(
        "admitted as an IOM Member State in June 2012"
    )
    expect(page.get_by_text("In 2020, IOM in Namibia will support the Government")).to_be_visible()
    expect(page.locator(".initiatives li")).to_have_text([text for _, text in items])
    expect(page.locator(".draft-banner")).to_have_count(0)
    shoot("public-page")

    # In French: the official French name, the translated item, and the other in English,
    # marked so that screen readers read it with an English voice.
    page.goto(site + "/fr/countries/namibia/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Namibie")
    expect(page.locator(".initiatives li")).to_have_text([FRENCH_ITEM, items[1][1]])
    expect(page.locator(".initiatives li").nth(0)).not_to_have_attribute("lang", "en")
    expect(page.locator(".initiatives li").nth(1)).to_have_attribute("lang", "en")
    shoot("public-page-fr")
