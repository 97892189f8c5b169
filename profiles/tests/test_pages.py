"""The public pages of the profiles app: the country page and the list of countries."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Office
from profiles.models import Country, Indicator
from profiles.publication import Status
from profiles.templatetags.local_dates import long_date
from profiles.units import UnitKind
from tests.factories import (
    CountryFactory,
    IndicatorFactory,
    OfficeFactory,
    StatisticFactory,
    ThemeFactory,
    YearlyPlanFactory,
)
from tests.helpers import assert_in_order, count_queries, page_text

# The seed page, word for word (../shared/seed/lesotho-country-page.txt), but for the true
# minus sign of the negative rate (−0.7, where the seed types a hyphen).
LESOTHO_PAGE = [
    "Facts and Figures",
    "Population (2020)",
    "2.1 million",
    "Net Migration Rate (2021)",
    "−0.7 migrants/1,000 population",
    "Remittances (2021)",
    "USD 561.5 million",
    "Women as a Percentage of Immigrants (2020)",
    "Data not available",
    "Lesotho was admitted as an IOM Member State on 29 November 2010. It comes under the "
    "purview of the IOM Regional Office for Southern Africa in Pretoria.",
    "Migration initiatives",
    "In 2020, IOM in Lesotho will support the Government for the following:",
    "Enhance Lesotho law enforcement institutions’ understanding of best practices to identify "
    "trafficked persons, investigate trafficking cases and prosecute traffickers and apply the "
    "gained skills and knowledge in their work.",
    "Support the Government to ensure that the rights of Basotho migrant workers are upheld by "
    "employers and host governments through the regularization of labour movements. IOM will "
    "also support the Government in the implementation of potential bilateral labour agreements "
    "in order to bring a developmental impact from the regular migration.",
    "IOM is developing evidence and whole-of-government approaches through the National "
    "Consultative Committee, which consists of various ministries, migrant support "
    "organizations, private sector and NGOs. IOM continues to support the annual review for "
    "Migration Governance Index in order to enhance evidence-based approach.",
    "IOM intends to support the administration of the migration profile for Lesotho.",
    "Support the creation of the Basotho diaspora association. An emigrant support model could "
    "be considered to extend support for Basotho vulnerable migrants abroad, and IOM intends to "
    "pilot emigrant support activities through the soon-to-be established diaspora association.",
    "Expand return and reintegration support for stranded migrants and forced migrants. IOM will "
    "support the Government in screening migrants at the borders and provide tailored shelter, "
    "education, livelihood and health assistance.",
    "Support the Government to enhance border and migration management through capacity-building "
    "for immigration and border officials, as well as provision of equipment to strengthen "
    "security of the borders/airport, and travellers’ complaints/feedback mechanism.",
    "Contact information",
    "For more information on IOM activities in Lesotho, contact the IOM Regional Office for "
    "Southern Africa.",
    "International Organization for Migration (IOM)",
    "Regional Office for Southern Africa",
    "Walker Creek Office Park, Building Number 4",
    "90 Florence Ribeiro Avenue, entrance at 25 Nicholson St",
    "Nieuw Muckleneuk, Groenkloof, Pretoria",
    "South Africa",
    "+27 12 342 14 97",
    "+27 12 34 20 932",
    "ropretoria@iom.int",
    "https://ropretoria.iom.int/",
]


def add_initiative(plan, text, order=1):
    """One item of `plan`. Made directly rather than with InitiativeFactory, whose sequence
    numbers the initiatives tests rely on for the order of their items."""
    theme = ThemeFactory(slug="border-management", name="Border management")
    return plan.initiatives.create(theme=theme, text=text, order=order)


def country_url(slug, year=None):
    url = reverse("profiles:country", kwargs={"slug": slug})
    return url if year is None else f"{url}?year={year}"


LIST_URL = reverse("profiles:country_list")


# --- The country page ----------------------------------------------------------------------


def test_lesotho_page_reads_as_the_seed(client, demo):
    response = client.get(country_url("lesotho"))
    assert response.status_code == 200
    assert_in_order(page_text(response), LESOTHO_PAGE)


def test_lesotho_page_shows_each_item_once_and_no_draft_banner(client, demo):
    text = page_text(client.get(country_url("lesotho")))
    assert all(text.count(item) == 1 for item in LESOTHO_PAGE[12:19])
    assert "Draft" not in text


@pytest.mark.parametrize(
    ("slug", "sentence"),
    [
        (
            "malawi",
            "Malawi was admitted as an IOM Member State in November 2013. It comes under the "
            "purview of the IOM Regional Office for Southern Africa in Pretoria.",
        ),
        (
            "botswana",
            "Botswana was admitted as an IOM Member State in 2014. It comes under the "
            "purview of the IOM Regional Office for Southern Africa in Pretoria.",
        ),
        (
            "eswatini",
            "Eswatini comes under the purview of the IOM Regional Office for Southern Africa "
            "in Pretoria.",
        ),
    ],
    ids=["month", "year", "not-stated"],
)
def test_membership_sentence_states_what_is_known(client, demo, slug, sentence):
    text = page_text(client.get(country_url(slug)))
    assert sentence in text
    assert ("admitted" in text) == (slug != "eswatini")


def test_membership_sentence_without_office_city(client, db):
    office = OfficeFactory(name="Regional Office for Somewhere", city="")
    country = CountryFactory(name="Testland", regional_office=office)
    text = page_text(client.get(country_url(country.slug)))
    assert "Testland comes under the purview of the IOM Regional Office for Somewhere." in text


def test_the_contact_is_the_country_office_and_its_region_when_it_gives_no_telephone(client, demo):
    # IOM Eswatini publishes an address only: a reader also gets a way to call or write.
    text = page_text(client.get(country_url("eswatini")))
    assert_in_order(
        text,
        [
            "For more information on IOM activities in Eswatini, contact IOM Eswatini.",
            "1st floor UN House",
            "Kingdom of Eswatini",
            "The IOM Regional Office for Southern Africa can also be reached:",
            "Tel: +27 12 342 14 97",
            "Email: ropretoria@iom.int",
        ],
    )
    french = page_text(client.get("/fr/countries/eswatini/"))
    assert "Vous pouvez aussi joindre le bureau suivant : Bureau régional" in french


def test_a_reachable_contact_office_needs_no_second_card(client, demo):
    Office.objects.filter(slug="eswatini").update(telephone="+268 2404 2000")
    text = page_text(client.get(country_url("eswatini")))
    assert "+268 2404 2000" in text
    assert "can also be reached" not in text and "ropretoria@iom.int" not in text
    # A regional office is named with its article.
    lesotho = page_text(client.get(country_url("lesotho")))
    assert "contact the IOM Regional Office for Southern Africa." in lesotho
    assert "can also be reached" not in lesotho


def test_facts_show_only_the_indicators_a_country_has(client, demo):
    response = client.get(country_url("malawi"))
    assert [fact.latest.label for fact in response.context["facts"]] == [
        "Population (2024)",
        "Remittances (2023)",
        "Women as a Percentage of Immigrants (2024)",
        "Immigrants (2024)",
    ]
    text = page_text(response)
    assert_in_order(text, ["Population (2024)", "21.7 million", "Immigrants (2024)"])
    assert "Net Migration Rate" not in text


def test_facts_show_the_latest_year_of_each_indicator(client, demo):
    lesotho = Country.objects.get(slug="lesotho")
    population = Indicator.objects.get(slug="population")
    StatisticFactory(country=lesotho, indicator=population, year=2019, value=Decimal(2000000))
    StatisticFactory(country=lesotho, indicator=population, year=2015, value=Decimal(1900000))
    text = page_text(client.get(country_url("lesotho")))
    assert "Population (2020) 2.1 million" in text
    assert "Population (2019)" not in text
    assert "Population (2015)" not in text


def test_facts_follow_the_indicators_display_order(client, demo):
    Indicator.objects.filter(slug="remittances").update(display_order=1)
    response = client.get(country_url("lesotho"))
    assert [fact.latest.label for fact in response.context["facts"]] == [
        "Remittances (2021)",
        "Population (2020)",
        "Net Migration Rate (2021)",
        "Women as a Percentage of Immigrants (2020)",
    ]
    assert_in_order(page_text(response), ["Remittances (2021)", "Population (2020)"])


def test_facts_name_the_statistic_source_or_the_indicator_default(client, demo):
    Country.objects.get(slug="lesotho").statistics.filter(indicator__slug="population").update(
        source="Lesotho Bureau of Statistics"
    )
    text = page_text(client.get(country_url("lesotho")))
    assert_in_order(
        text,
        [
            "Population (2020) 2.1 million Source: Lesotho Bureau of Statistics",
            "Net Migration Rate (2021) −0.7 migrants/1,000 population "
            "Source: UN DESA, World Population Prospects 2022",
        ],
    )


def test_country_without_facts_or_plan_says_so(client, db):
    country = CountryFactory(name="Testland")
    text = page_text(client.get(country_url(country.slug)))
    assert "No figures have been published for Testland yet." in text
    assert "No migration initiatives have been published for Testland yet." in text


def test_unknown_country_is_the_site_404_page(client, demo):
    response = client.get(country_url("atlantis"))
    assert response.status_code == 404
    assert "404.html" in [template.name for template in response.templates]
    assert "Page not found" in page_text(response)


# --- Choosing a year's plan ----------------------------------------------------------------


@pytest.fixture
def lesotho_2018(demo):
    """An older, published plan for Lesotho beside the seed's 2020 plan."""
    plan = YearlyPlanFactory(
        country=Country.objects.get(slug="lesotho"),
        year=2018,
        lead_in="In 2018, IOM in Lesotho supported the Government as follows:",
    )
    add_initiative(plan, "Train border officials in 2018.")
    return plan


def test_latest_plan_is_shown_by_default_with_other_years_offered(client, lesotho_2018):
    response = client.get(country_url("lesotho"))
    text = page_text(response)
    assert "In 2020, IOM in Lesotho will support the Government for the following:" in text
    assert "Train border officials in 2018." not in text
    assert 'href="?year=2018#initiatives"' in response.content.decode()


def test_year_shows_that_years_plan(client, lesotho_2018):
    text = page_text(client.get(country_url("lesotho", 2018)))
    assert_in_order(
        text,
        [
            "Facts and Figures",
            "In 2018, IOM in Lesotho supported the Government as follows:",
            "Train border officials in 2018.",
            "Contact information",
        ],
    )
    assert "In 2020, IOM in Lesotho" not in text


@pytest.mark.parametrize(
    "year",
    ["abc", "1800", "2019", "²", "٢٠٢٠", "", "-2020", "2020.0", " 2020", "2" + "0" * 5000],
    ids=[
        "letters",
        "before-founding",
        "no-plan-that-year",
        "superscript-digit",
        "arabic-indic-digits",
        "empty",
        "negative",
        "decimal",
        "leading-space",
        "5001-digits",
    ],
)
def test_year_without_a_plan_is_not_found_and_offers_the_years_that_have_one(
    client, lesotho_2018, year
):
    response = client.get(country_url("lesotho"), {"year": year})
    assert response.status_code == 404
    assert_in_order(
        page_text(response),
        [
            "Lesotho: no plan for that year",
            "IOM has published the migration initiatives of Lesotho for these years: 2020 2018",
            "Back to the page of Lesotho",
        ],
    )
    for plan_year in (2020, 2018):
        assert f'href="{country_url("lesotho", plan_year)}#initiatives"' in response.text


def test_a_country_without_plans_says_so_for_any_year(client, demo):
    response = client.get(country_url("kenya", 2020))
    assert response.status_code == 404
    assert "No migration initiatives have been published for Kenya yet." in page_text(response)


def test_the_initiatives_heading_carries_the_plans_year(client, lesotho_2018):
    assert "Migration initiatives 2020" in page_text(client.get(country_url("lesotho")))
    assert "Migration initiatives 2018" in page_text(client.get(country_url("lesotho", 2018)))


def test_a_past_years_plan_shown_as_the_latest_says_so_and_when_it_was_published(client, demo):
    plan = Country.objects.get(slug="lesotho").plans.get()
    published = plan.history.earliest("history_date").history_date
    this_year = timezone.localdate().year

    text = page_text(client.get(country_url("lesotho")))

    assert (
        f"There is no plan for {this_year} yet. This is the latest, for 2020, "
        f"published on {long_date(published)}."
    ) in text
    # Asked for by its year, the plan is not presented as the latest.
    assert "There is no plan for" not in page_text(client.get(country_url("lesotho", 2020)))
    french = page_text(client.get("/fr/countries/lesotho/"))
    assert f"Il n’y a pas encore de plan pour {this_year}. Voici le dernier, pour 2020" in french


def test_this_years_plan_needs_no_notice(client, demo):
    this_year = timezone.localdate().year
    YearlyPlanFactory(country=Country.objects.get(slug="lesotho"), year=this_year)

    text = page_text(client.get(country_url("lesotho")))

    assert f"Migration initiatives {this_year}" in text
    assert "There is no plan for" not in text


# --- Drafts ------------------------------------------------------------------------------


@pytest.fixture
def draft(db):
    office = OfficeFactory(name="Regional Office for Southern Africa", slug="southern-africa")
    CountryFactory(name="Lesotho", regional_office=office)
    return CountryFactory(name="Zambia", slug="zambia", regional_office=office, status="draft")


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_draft_country_is_not_found_by_readers(client, draft, staff, who):
    if who == "staff":
        client.force_login(staff)
    assert client.get(country_url("zambia")).status_code == 404


def test_draft_country_is_previewed_by_editors_with_a_banner(editor_client, draft):
    response = editor_client.get(country_url("zambia"))
    assert response.status_code == 200
    assert "Draft — this preview is visible only to signed-in staff." in page_text(response)


def test_draft_country_is_not_listed_for_readers(client, draft):
    text = page_text(client.get(LIST_URL))
    assert "Lesotho" in text
    assert "Zambia" not in text


def test_draft_country_is_listed_with_a_tag_for_editors(editor_client, draft):
    text = page_text(editor_client.get(LIST_URL))
    assert "Lesotho Zambia Draft" in text


@pytest.fixture
def draft_plan(demo):
    """A draft 2021 plan for Lesotho, newer than the published 2020 plan."""
    plan = YearlyPlanFactory(
        country=Country.objects.get(slug="lesotho"), year=2021, status=Status.DRAFT
    )
    add_initiative(plan, "A plan still being written.")
    return plan


def test_draft_plan_is_hidden_from_readers(client, draft_plan):
    text = page_text(client.get(country_url("lesotho")))
    assert "In 2020, IOM in Lesotho will support the Government for the following:" in text
    assert "A plan still being written." not in text
    assert "?year=2021" not in client.get(country_url("lesotho")).content.decode()
    assert client.get(country_url("lesotho", 2021)).status_code == 404


def test_only_plan_being_a_draft_leaves_no_initiatives_for_readers(client, draft_plan):
    draft_plan.country.plans.exclude(pk=draft_plan.pk).delete()
    text = page_text(client.get(country_url("lesotho")))
    assert "No migration initiatives have been published for Lesotho yet." in text
    assert "A plan still being written." not in text


def test_draft_plan_is_previewed_by_editors(editor_client, draft_plan):
    text = page_text(editor_client.get(country_url("lesotho")))
    assert_in_order(
        text, ["Draft — this preview", "Draft plan", "In 2021, IOM in Lesotho", "A plan still"]
    )


# --- The list of countries -----------------------------------------------------------------


def test_countries_are_grouped_by_regional_office(client, demo):
    response = client.get(LIST_URL)
    groups = [
        (office.slug, [country.name for country in countries])
        for office, countries in response.context["groups"]
    ]
    assert groups == [
        ("east-and-horn-of-africa", ["Kenya"]),
        ("southern-africa", ["Botswana", "Eswatini", "Lesotho", "Malawi"]),
    ]
    assert_in_order(
        page_text(response),
        [
            "IOM Regional Office for East and Horn of Africa",
            "Kenya",
            "IOM Regional Office for Southern Africa",
            "Botswana",
            "Eswatini",
            "Lesotho",
            "Malawi",
        ],
    )


@pytest.mark.parametrize("query", ["leso", "LESO", "ls", "LS", " Lesotho "], ids=str.strip)
def test_search_finds_a_country_by_name_or_iso_code(client, demo, query):
    response = client.get(LIST_URL, {"q": query})
    assert [
        country.name for _, countries in response.context["groups"] for country in countries
    ] == ["Lesotho"]
    assert "Countries matching" in page_text(response)


def test_search_without_match_says_so(client, demo):
    response = client.get(LIST_URL, {"q": "zzz"})
    assert response.context["groups"] == []
    assert "No country matches “zzz”. Check the spelling" in page_text(response)


def test_very_long_search_is_answered(client, demo):
    response = client.get(LIST_URL, {"q": "leso" + "x" * 296})
    assert response.status_code == 200
    assert response.context["groups"] == []
    assert "No country matches" in page_text(response)


def test_search_is_shown_escaped(client, demo):
    response = client.get(LIST_URL, {"q": "<script>alert(1)</script>"})
    assert "<script>alert(1)" not in response.content.decode()
    assert "No country matches “<script>alert(1)</script>”." in page_text(response)


# --- Queries do not grow with the content ----------------------------------------------------


def test_country_page_queries_do_not_grow_with_statistics(client, db):
    country = CountryFactory(slug="testland")
    plan = YearlyPlanFactory(country=country, year=2020)
    for order in range(3):
        add_initiative(plan, f"Initiative {order}.", order)
    StatisticFactory(country=country)
    one = count_queries(client, country_url("testland"))
    for unit in [UnitKind.COUNT, UnitKind.USD, UnitKind.RATE_PER_1000, UnitKind.PERCENTAGE] * 12:
        StatisticFactory(country=country, indicator=IndicatorFactory(unit=unit), value=Decimal(1))
    StatisticFactory(country=country, indicator=IndicatorFactory(name="The fiftieth"), value=None)
    assert country.statistics.count() == 50
    assert count_queries(client, country_url("testland")) == one
    assert "The fiftieth (2020) Data not available" in page_text(
        client.get(country_url("testland"))
    )


def test_country_list_queries_do_not_grow_with_countries(client, db):
    CountryFactory()
    one = count_queries(client, LIST_URL)
    CountryFactory.create_batch(48)
    CountryFactory(name="The fiftieth")
    assert count_queries(client, LIST_URL) == one
    assert "The fiftieth" in page_text(client.get(LIST_URL))


def test_offices_with_the_same_name_are_not_split_into_several_groups(client, db):
    first, second = OfficeFactory.create_batch(2, name="Regional Office for Africa")
    for name, office in [("Angola", first), ("Benin", second), ("Chad", first)]:
        CountryFactory(name=name, regional_office=office)
    groups = client.get(LIST_URL).context["groups"]
    assert sorted((office.pk, len(countries)) for office, countries in groups) == [
        (first.pk, 2),
        (second.pk, 1),
    ]
