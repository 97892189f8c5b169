"""The data-gap report: every kind of row, its link, the filter, the years, queries, access."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts.models import Office
from profiles.models import Country
from tests.factories import (
    CountryFactory,
    IndicatorFactory,
    InitiativeFactory,
    OfficeFactory,
    StatisticFactory,
    YearlyPlanFactory,
)

REPORT = reverse("admin:data_gaps")
THIS_YEAR = timezone.localdate().year


def country_change(country):
    return reverse("admin:profiles_country_change", args=[country.pk])


def office_change(office):
    return reverse("admin:contacts_office_change", args=[office.pk])


def gaps_of(response, country):
    """The rows the report shows for `country`, as (kind, text, link)."""
    for entry in response.context["with_gaps"]:
        if entry.country == country:
            return [(str(gap.kind), gap.text, gap.url) for gap in entry.gaps]
    return []


def translated_office(**fields):
    return OfficeFactory(
        name_fr="Bureau régional",
        name_es="Oficina regional",
        city_fr="Pretoria",
        city_es="Pretoria",
        address_fr="Pretoria\nAfrique du Sud",
        address_es="Pretoria\nSudáfrica",
        **fields,
    )


@pytest.fixture
def complete(db):
    """A country whose page lacks nothing: a fresh figure, this year's plan, an office that
    can be reached, every text in French and Spanish."""
    country = CountryFactory(name="Namibia", iso_code="NA", regional_office=translated_office())
    indicator = IndicatorFactory(name="Population", name_fr="Population", name_es="Población")
    statistic = StatisticFactory(country=country, indicator=indicator, year=THIS_YEAR)
    plan = YearlyPlanFactory(country=country, year=THIS_YEAR)
    InitiativeFactory(plan=plan, text_en="Train", text_fr="Former", text_es="Formar")
    return {"country": country, "indicator": indicator, "statistic": statistic, "plan": plan}


def test_a_complete_country_has_no_gaps(editor_client, complete):
    response = editor_client.get(REPORT)

    assert response.status_code == 200
    assert response.context["with_gaps"] == []
    assert response.context["without_gaps"] == [complete["country"]]
    assert "No gaps: Namibia" in response.text


def test_the_seed_lesotho_has_an_empty_value(editor_client, demo):
    lesotho = Country.objects.get(slug="lesotho")

    response = editor_client.get(REPORT)

    row = ("Empty value", "Women as a Percentage of Immigrants (2020) has no value")
    link = country_change(lesotho) + "#statistics-group"
    assert (*row, link) in gaps_of(response, lesotho)
    assert f'<a href="{link}">{row[1]}</a>' in response.text


def test_an_empty_value(editor_client, complete):
    complete["statistic"].value = None
    complete["statistic"].save()

    gaps = gaps_of(editor_client.get(REPORT), complete["country"])

    assert gaps == [
        (
            "Empty value",
            f"Population ({THIS_YEAR}) has no value",
            country_change(complete["country"]) + "#statistics-group",
        )
    ]


@pytest.mark.parametrize(
    ("age", "query", "setting", "stale"),
    [
        (3, "", 3, False),
        (4, "", 3, True),
        (4, "?years=4", 3, False),
        (2, "?years=1", 3, True),
        (4, "", 5, False),
        (2, "", 1, True),
        (4, "?years=abc", 5, False),  # a bad value: the setting holds
    ],
    ids=[
        "3-years-is-not-older-than-3",
        "4-years-is",
        "query-4-years",
        "query-1-year",
        "setting-5-years",
        "setting-1-year",
        "bad-query-keeps-setting",
    ],
)
def test_a_figure_out_of_date(editor_client, complete, settings, age, query, setting, stale):
    settings.DATA_GAP_STALE_YEARS = setting
    complete["statistic"].year = THIS_YEAR - age
    complete["statistic"].save()

    gaps = gaps_of(editor_client.get(REPORT + query), complete["country"])

    expected = (
        "Out of date",
        f"Population: the latest figure is for {THIS_YEAR - age}",
        country_change(complete["country"]) + "#statistics-group",
    )
    assert gaps == ([expected] if stale else [])


def test_only_the_latest_figure_of_an_indicator_counts(editor_client, complete):
    StatisticFactory(country=complete["country"], indicator=complete["indicator"], year=2000)

    assert gaps_of(editor_client.get(REPORT), complete["country"]) == []


def test_a_country_without_figures(editor_client, complete):
    complete["statistic"].delete()

    gaps = gaps_of(editor_client.get(REPORT), complete["country"])

    link = country_change(complete["country"]) + "#statistics-group"
    assert gaps == [("Out of date", "No figures at all", link)]


def test_no_plan_for_this_year(editor_client, complete):
    complete["plan"].year = THIS_YEAR - 1
    complete["plan"].save()

    response = editor_client.get(REPORT)

    add = reverse("admin:initiatives_yearlyplan_add")
    link = f"{add}?country={complete['country'].pk}&year={THIS_YEAR}"
    assert gaps_of(response, complete["country"]) == [("No plan", f"No plan for {THIS_YEAR}", link)]
    # The link opens the form with the country and year filled in.
    form = editor_client.get(link).context["adminform"].form
    assert form.initial["country"] == str(complete["country"].pk)
    assert form.initial["year"] == str(THIS_YEAR)


@pytest.mark.parametrize("missing", ["email", "telephone"])
@pytest.mark.parametrize("own_office", [False, True], ids=["regional-office", "contact-office"])
def test_a_contact_office_that_cannot_be_reached(editor_client, complete, missing, own_office):
    country = complete["country"]
    office = country.regional_office
    if own_office:
        office = translated_office(kind=Office.Kind.COUNTRY, name="Namibia")
        country.contact_office = office
        country.save()
    setattr(office, missing, "")
    office.save()

    gaps = gaps_of(editor_client.get(REPORT), country)

    assert gaps == [("Contact", f"{office} has no {missing}", office_change(office))]


def test_a_regional_office_address_matters_only_when_it_is_the_contact(editor_client, complete):
    country = complete["country"]
    regional = country.regional_office
    regional.address_fr = ""
    regional.save()
    wrong = ("Missing in French", f"Office “{regional}”: postal address", office_change(regional))
    assert gaps_of(editor_client.get(REPORT), country) == [wrong]

    country.contact_office = translated_office(kind=Office.Kind.COUNTRY, name="Namibia")
    country.save()

    assert gaps_of(editor_client.get(REPORT), country) == []


def indicator_change(fixture):
    return reverse("admin:profiles_indicator_change", args=[fixture["indicator"].pk])


def plan_change(fixture):
    return reverse("admin:initiatives_yearlyplan_change", args=[fixture["plan"].pk])


# (object, fields to set, languages missing, expected text, expected link)
TRANSLATION_GAPS = {
    "indicator-name": (
        "indicator",
        {"name_fr": ""},
        ["French"],
        "Indicator “Population”: name",
        indicator_change,
    ),
    "indicator-definition": (
        "indicator",
        {"definition_en": "People living in the country."},
        ["French", "Spanish"],
        "Indicator “Population”: definition",
        indicator_change,
    ),
    "office-name": (
        "office",
        {"name_es": ""},
        ["Spanish"],
        "Office “{office}”: name",
        lambda fixture: office_change(fixture["country"].regional_office),
    ),
    "office-city": (
        "office",
        {"city_es": ""},
        ["Spanish"],
        "Office “{office}”: city",
        lambda fixture: office_change(fixture["country"].regional_office),
    ),
    "office-organisation": (
        "office",
        {"organisation_en": "IOM and the Ministry of Home Affairs", "organisation_fr": ""},
        ["French"],
        "Office “{office}”: organisation line",
        lambda fixture: office_change(fixture["country"].regional_office),
    ),
    "plan-lead-in": (
        "plan",
        {"lead_in_en": f"In {THIS_YEAR}, IOM will help.", "lead_in_es": "La OIM ayudará."},
        ["French"],
        "Yearly plan “Namibia {year}”: lead-in sentence",
        plan_change,
    ),
}


@pytest.mark.parametrize("case", TRANSLATION_GAPS.values(), ids=TRANSLATION_GAPS.keys())
def test_a_text_without_translation(editor_client, complete, case):
    name, changes, languages, text, link = case
    instance = complete["country"].regional_office if name == "office" else complete[name]
    for field, value in changes.items():
        setattr(instance, field, value)
    instance.save()

    gaps = gaps_of(editor_client.get(REPORT), complete["country"])

    text = text.format(office=complete["country"].regional_office, year=THIS_YEAR)
    assert gaps == [(f"Missing in {language}", text, link(complete)) for language in languages]


def test_an_empty_english_lead_in_needs_no_translation(editor_client, complete):
    complete["plan"].lead_in_fr = "En cette année, l’OIM aidera."
    complete["plan"].save()

    assert gaps_of(editor_client.get(REPORT), complete["country"]) == []


def test_initiatives_without_translation_are_counted_per_language(editor_client, complete):
    plan = complete["plan"]
    InitiativeFactory(plan=plan, text_en="Count", text_fr="", text_es="Contar")
    InitiativeFactory(plan=plan, text_en="Help", text_fr="", text_es="")

    gaps = gaps_of(editor_client.get(REPORT), complete["country"])

    link = plan_change(complete)
    assert gaps == [
        ("Missing in French", f"2 initiatives of the {THIS_YEAR} plan", link),
        ("Missing in Spanish", f"1 initiative of the {THIS_YEAR} plan", link),
    ]


def test_translations_are_checked_on_the_latest_plan_only(editor_client, complete):
    older = YearlyPlanFactory(country=complete["country"], year=THIS_YEAR - 1)
    InitiativeFactory(plan=older, text_en="Untranslated")

    assert gaps_of(editor_client.get(REPORT), complete["country"]) == []


# --- Filter -------------------------------------------------------------------------------


def test_the_filter_by_regional_office(editor_client, demo):
    response = editor_client.get(REPORT + "?office=southern-africa")

    shown = {entry.country.slug for entry in response.context["with_gaps"]}
    assert "lesotho" in shown
    assert "kenya" not in shown
    listed = [entry.country for entry in response.context["with_gaps"]]
    listed += response.context["without_gaps"]
    assert {country.regional_office.slug for country in listed} == {"southern-africa"}
    assert "under the IOM Regional Office for Southern Africa" in response.text
    assert '<option value="southern-africa" selected>' in response.text


@pytest.mark.parametrize(
    "query",
    [
        "?office=atlantis",
        "?office=" + "9" * 5000,
        "?office=eswatini",  # a country office, not a regional one
        "?years=abc",
        "?years=0",
        "?years=-3",
        "?years=" + "9" * 5000,
        "?years=1e3",
        "?office=&years=",
    ],
)
def test_a_bad_filter_value_is_said_and_ignored(editor_client, demo, query):
    response = editor_client.get(REPORT + query)

    assert response.status_code == 200
    shown = {entry.country.slug for entry in response.context["with_gaps"]}
    assert {"lesotho", "kenya"} <= shown
    assert response.context["years"] == 3
    if query != "?office=&years=":
        assert 'class="errorlist' in response.text


# --- Queries and access -------------------------------------------------------------------


def add_countries(count):
    for number in range(count):
        country = CountryFactory(regional_office=OfficeFactory(email=""))
        for indicator_number in range(2):
            StatisticFactory(
                country=country,
                indicator=IndicatorFactory(),
                year=2000 + number,
                value=None if indicator_number else Decimal(number),
            )
        plan = YearlyPlanFactory(country=country, year=THIS_YEAR - number % 2)
        InitiativeFactory.create_batch(2, plan=plan)


def test_queries_do_not_grow_with_the_countries(editor_client, db, count_queries):
    add_countries(1)
    with_one = count_queries(editor_client, REPORT)

    add_countries(19)

    response = editor_client.get(REPORT)
    assert len(response.context["with_gaps"]) == 20
    assert count_queries(editor_client, REPORT) == with_one


def test_anonymous_visitors_are_sent_to_the_login(client, db):
    response = client.get(REPORT)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_staff_without_permission_on_countries_is_refused(client, django_user_model, db):
    client.force_login(django_user_model.objects.create_user("nobody", is_staff=True))

    assert client.get(REPORT).status_code == 403
    assert REPORT not in client.get(reverse("admin:index")).text


@pytest.mark.parametrize("user", ["editor", "viewer"])
def test_staff_who_may_see_countries_open_it_from_the_index(request, client, demo, user):
    client.force_login(request.getfixturevalue(user))

    index = client.get(reverse("admin:index"))

    assert f'<a href="{REPORT}">Data gaps</a>' in index.text
    response = client.get(REPORT)
    assert response.status_code == 200
    assert "<h1>Data gaps</h1>" in response.text
    assert '<th scope="rowgroup"' in response.text
