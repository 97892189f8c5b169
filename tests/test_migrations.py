from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from contacts.models import Office
from initiatives.models import Theme, YearlyPlan
from profiles.models import Country, Indicator


@pytest.mark.django_db
def test_no_pending_migrations():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


BEFORE_LANGUAGES = [
    ("contacts", "0002_translatable_labels"),
    ("profiles", "0003_translatable_labels"),
    ("initiatives", "0004_translatable_labels"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_texts_written_before_languages_become_the_english_texts():
    call_command("migrate", "contacts", "0002_translatable_labels", verbosity=0)
    call_command("migrate", "initiatives", "0004_translatable_labels", verbosity=0)
    old = MigrationExecutor(connection).loader.project_state(BEFORE_LANGUAGES).apps
    office = old.get_model("contacts", "Office").objects.create(
        name="Regional Office for Southern Africa", slug="southern-africa", city="Pretoria"
    )
    country = old.get_model("profiles", "Country").objects.create(
        name="Kingdom of Lesotho", iso_code="LS", slug="lesotho", regional_office_id=office.pk
    )
    old.get_model("profiles", "Indicator").objects.create(
        name="Population", slug="population", unit="count", definition="Mid-year."
    )
    theme = old.get_model("initiatives", "Theme").objects.get(slug="counter-trafficking")
    plan = old.get_model("initiatives", "YearlyPlan").objects.create(
        country_id=country.pk, year=2020, lead_in="In 2020:"
    )
    old.get_model("initiatives", "Initiative").objects.create(
        plan_id=plan.pk, theme_id=theme.pk, text="Counter trafficking."
    )

    call_command("migrate", verbosity=0)

    office = Office.objects.get()
    assert (office.name_en, office.city_en, office.name_fr) == (
        "Regional Office for Southern Africa",
        "Pretoria",
        None,  # to be translated; pages show the English meanwhile
    )
    assert (office.organisation_en, office.organisation_fr) == (
        "International Organization for Migration (IOM)",
        "Organisation internationale pour les migrations (OIM)",
    )
    country = Country.objects.get()
    assert (country.name_en, country.name_fr, country.name_es) == (
        "Kingdom of Lesotho",  # the editor's name is kept
        "Lesotho",  # official names where there was none
        "Lesoto",
    )
    indicator = Indicator.objects.get()
    assert (indicator.name_en, indicator.definition_en) == ("Population", "Mid-year.")
    plan = YearlyPlan.objects.get()
    assert (plan.lead_in_en, plan.initiatives.get().text_en) == ("In 2020:", "Counter trafficking.")
    theme = Theme.objects.get(slug="counter-trafficking")
    assert (theme.name_en, theme.name_fr, theme.name_es) == (
        "Counter-trafficking",
        "Lutte contre la traite",
        "Lucha contra la trata",
    )


BEFORE_SOURCES = [("profiles", "0008_indicator_source_statistic_edition")]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_demo_indicators_get_their_sources_and_an_editors_choice_stays():
    call_command("migrate", "profiles", BEFORE_SOURCES[0][1], verbosity=0)
    old = MigrationExecutor(connection).loader.project_state(BEFORE_SOURCES).apps
    indicators = old.get_model("profiles", "Indicator").objects
    indicators.create(name="Remittances", name_en="Remittances", slug="remittances", unit="usd")
    indicators.create(
        name="Population",
        name_en="Population",
        slug="population",
        unit="count",
        publisher="World Bank",
        series="SP.POP.TOTL",
    )

    call_command("migrate", verbosity=0)

    remittances = Indicator.objects.get(slug="remittances")
    assert (remittances.publisher, remittances.series, remittances.factor) == (
        "World Bank",
        "BX.TRF.PWKR.CD.DT",
        1,
    )
    assert remittances.licence == "CC BY 4.0"
    population = Indicator.objects.get(slug="population")
    assert (population.series, population.factor) == ("SP.POP.TOTL", 1)  # the editor's

    call_command("migrate", "profiles", BEFORE_SOURCES[0][1], verbosity=0)
    assert indicators.get(slug="remittances").series == ""
    assert indicators.get(slug="population").series == "SP.POP.TOTL"
    call_command("migrate", verbosity=0)
