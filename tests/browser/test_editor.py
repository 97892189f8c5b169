"""An editor builds a country page in the admin and submits it for review; a reviewer sends it
back with a comment, then publishes it; readers find it on the site."""

from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD


def choose(page, select_id, text):
    """Pick `text` in an admin autocomplete (select2) field."""
    page.locator(f"#{select_id} + .select2 .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


FRENCH_ITEM = "Soutenir le recrutement équitable des travailleurs namibiens."


def log_in(page, site, user):
    page.goto(site + "/admin/login/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def switch_to(page, site, user):
    page.goto(site + "/admin/")
    page.get_by_role("button", name="Log out").click()
    log_in(page, site, user)


def review(page, step, comment=""):
    """On a change page: open the review page, take `step`, confirm."""
    page.get_by_role("link", name="Submit, publish or withdraw").click()
    page.get_by_label(step).check()
    if comment:
        page.get_by_label("Comment:").fill(comment)
    page.get_by_role("button", name="Confirm").click()


def test_editor_flow(page, site, editor_login, reviewer_login, shoot):
    log_in(page, site, editor_login)
    expect(
        page.get_by_role("heading", name="Edit countries, initiatives and offices")
    ).to_be_visible()
    shoot("admin-index")

    page.goto(site + "/admin/profiles/country/add/")
    page.get_by_label("Name (English):").press_sequentially("Namibia")
    expect(page.get_by_label("Slug:")).to_have_value("namibia")  # filled in as the name is typed
    page.get_by_label("ISO 3166 code:").select_option("NA")
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
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    shoot("country-saved")
    review(page, "Submit for review", "Figures from UN DESA 2022.")
    expect(page.locator(".messagelist")).to_contain_text("It is now “In review”")
    country_admin = page.url

    page.goto(site + "/admin/initiatives/yearlyplan/add/")
    choose(page, "id_country", "Namibia")
    page.get_by_label("Year:").fill("2020")
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
    page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_contain_text("was added successfully")
    review(page, "Submit for review")
    plan_admin = page.url

    # The editor previews the page as it will look, under the "Draft" banner.
    page.get_by_role("link", name="Preview the public page").click()
    expect(page.locator(".draft-banner")).to_be_visible()
    shoot("preview")

    # The reviewer finds the page waiting, sends it back with a comment ...
    switch_to(page, site, reviewer_login)
    page.get_by_role("link", name="Country pages submitted for review").click()
    page.get_by_role("link", name="Namibia", exact=True).click()
    shoot("reviewer-opens")
    review(page, "Send back to draft", "Add the 2021 remittances if known.")
    shoot("sent-back")

    # ... the editor reads it and submits again ...
    switch_to(page, site, editor_login)
    page.goto(country_admin)
    expect(page.locator(".review-log")).to_contain_text("“Add the 2021 remittances if known.”")
    review(page, "Submit for review", "Not known yet: left as not available.")

    # ... and the reviewer publishes the page and its plan.
    switch_to(page, site, reviewer_login)
    page.goto(country_admin)
    review(page, "Publish", "Cleared.")
    page.goto(plan_admin)
    review(page, "Publish")
    expect(page.locator(".messagelist")).to_contain_text("It is now “Published”")
    shoot("published")
    page.get_by_role("button", name="Log out").click()

    page.goto(site + "/countries/namibia/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Namibia")
    facts = page.locator(".facts")
    for text in [
        "Population (2020)",
        "2.5 million",
        "Net Migration Rate (2021)",
        "−0.3 migrants/1,000 population",
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
