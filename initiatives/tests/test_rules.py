"""Each data rule twice: the admin form refuses it with a message on the right field, and the
database refuses it when validation is skipped."""

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from initiatives.models import Initiative, Theme, YearlyPlan
from initiatives.tests.admin_forms import plan_data
from tests.factories import CountryFactory, InitiativeFactory, ThemeFactory, YearlyPlanFactory

PLAN_ADD = reverse("admin:initiatives_yearlyplan_add")
THEME_ADD = reverse("admin:initiatives_theme_add")
LAST_YEAR = timezone.now().year + 6  # next year + 5
YEAR_ERROR = f"Enter a year between 1951 (IOM's founding) and {LAST_YEAR}."
DUPLICATE_PLAN = (
    "This country already has a plan for this year. Add the initiatives to that plan instead."
)


def form_errors(response):
    assert response.status_code == 200, "the form should be shown again"
    return response.context["adminform"].form.errors


def inline_errors(response):
    assert response.status_code == 200, "the form should be shown again"
    [inline] = response.context["inline_admin_formsets"]
    return inline.formset.errors


# --- Plan year: 1951 to next year + 5 (the database keeps 1951 to 2100) ----------------------


@pytest.mark.parametrize(
    ("year", "error"),
    [
        (1950, YEAR_ERROR),
        (1800, YEAR_ERROR),
        (LAST_YEAR + 1, YEAR_ERROR),
        (2101, YEAR_ERROR),
        ("abc", "Enter a whole number."),
        ("", "This field is required."),
    ],
    ids=[
        "before-iom",
        "long-before-iom",
        "after-next-year-plus-5",
        "after-2100",
        "not-a-number",
        "empty",
    ],
)
def test_admin_refuses_plan_year_out_of_range(editor_client, year, error):
    country = CountryFactory()

    response = editor_client.post(PLAN_ADD, plan_data(country, year))

    assert form_errors(response) == {"year": [error]}
    assert not YearlyPlan.objects.exists()


@pytest.mark.parametrize("year", [1951, LAST_YEAR], ids=["founding-year", "next-year-plus-5"])
def test_admin_accepts_plan_year_at_the_bounds(editor_client, year):
    country = CountryFactory()

    response = editor_client.post(PLAN_ADD, plan_data(country, year))

    assert response.status_code == 302
    assert YearlyPlan.objects.get().year == year


@pytest.mark.parametrize("year", [1950, 2101, 0], ids=["before-iom", "after-2100", "zero"])
def test_database_refuses_plan_year_out_of_range(db, year):
    country = CountryFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        YearlyPlan.objects.create(country=country, year=year)

    assert not YearlyPlan.objects.exists()


@pytest.mark.parametrize("year", [1951, 2100], ids=["founding-year", "2100"])
def test_database_accepts_its_outer_year_bounds(db, year):
    YearlyPlan.objects.create(country=CountryFactory(), year=year)

    assert YearlyPlan.objects.get().year == year


# --- One plan per country and year ----------------------------------------------------------


def test_admin_refuses_a_second_plan_for_a_country_and_year(editor_client):
    plan = YearlyPlanFactory(year=2020)

    response = editor_client.post(PLAN_ADD, plan_data(plan.country, 2020))

    form = response.context["adminform"].form
    assert form_errors(response) == {"__all__": [DUPLICATE_PLAN]}
    assert form.non_field_errors() == [DUPLICATE_PLAN]
    assert YearlyPlan.objects.count() == 1


def test_admin_refuses_moving_a_plan_onto_another_plans_year(editor_client):
    plan = YearlyPlanFactory(year=2020)
    other = YearlyPlanFactory(country=plan.country, year=2021)
    url = reverse("admin:initiatives_yearlyplan_change", args=[other.pk])

    response = editor_client.post(url, plan_data(plan.country, 2020))

    assert form_errors(response) == {"__all__": [DUPLICATE_PLAN]}
    other.refresh_from_db()
    assert other.year == 2021


def test_admin_accepts_the_same_year_for_another_country(editor_client):
    YearlyPlanFactory(year=2020)

    response = editor_client.post(PLAN_ADD, plan_data(CountryFactory(), 2020))

    assert response.status_code == 302
    assert YearlyPlan.objects.filter(year=2020).count() == 2


def test_database_refuses_a_second_plan_for_a_country_and_year(db):
    plan = YearlyPlanFactory(year=2020)

    with pytest.raises(IntegrityError), transaction.atomic():
        YearlyPlan.objects.create(country=plan.country, year=2020)

    assert YearlyPlan.objects.count() == 1


# --- Theme name and slug are unique ---------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        (
            {"name_en": "Counter-trafficking", "slug": "fresh-slug"},
            {"name_en": ["Theme with this Name (English) already exists."]},
        ),
        (
            {"name_en": "Fresh name", "slug": "counter-trafficking"},
            {"slug": ["Theme with this Slug already exists."]},
        ),
        (
            {"name_en": "Fresh name", "slug": "not a slug!"},
            {
                "slug": [
                    "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."
                ]
            },
        ),
        (
            {"name_en": "", "slug": ""},
            {"name_en": ["This field is required."], "slug": ["This field is required."]},
        ),
    ],
    ids=["same-name", "same-slug", "bad-slug", "empty"],
)
def test_admin_refuses_duplicate_or_missing_theme_name_and_slug(editor_client, data, errors):
    before = Theme.objects.count()

    response = editor_client.post(THEME_ADD, data)

    assert form_errors(response) == errors
    assert Theme.objects.count() == before


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "Counter-trafficking", "slug": "fresh-slug"},
        {"name": "Fresh name", "slug": "counter-trafficking"},
    ],
    ids=["same-name", "same-slug"],
)
def test_database_refuses_duplicate_theme_name_and_slug(db, fields):
    before = Theme.objects.count()

    with pytest.raises(IntegrityError), transaction.atomic():
        Theme.objects.create(**fields)

    assert Theme.objects.count() == before


# --- A theme in use cannot be deleted -------------------------------------------------------


def test_admin_refuses_to_delete_a_theme_in_use(editor_client):
    initiative = InitiativeFactory()
    url = reverse("admin:initiatives_theme_delete", args=[initiative.theme.pk])

    response = editor_client.post(url, {"post": "yes"})

    assert response.status_code == 200
    assert response.context["title"] == "Cannot delete theme"
    assert response.context["protected"]
    assert Theme.objects.filter(pk=initiative.theme.pk).exists()


def test_admin_deletes_a_theme_not_in_use(editor_client):
    theme = ThemeFactory()
    url = reverse("admin:initiatives_theme_delete", args=[theme.pk])

    response = editor_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not Theme.objects.filter(pk=theme.pk).exists()


def test_orm_refuses_to_delete_a_theme_in_use(db):
    initiative = InitiativeFactory()

    with pytest.raises(ProtectedError) as refused, transaction.atomic():
        initiative.theme.delete()

    assert isinstance(refused.value, IntegrityError)
    assert Initiative.objects.filter(pk=initiative.pk).exists()


def test_database_refuses_to_delete_a_theme_in_use(db):
    initiative = InitiativeFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM initiatives_theme WHERE id = %s", [initiative.theme_id])
        connection.check_constraints()  # foreign keys are checked at commit; check now

    assert Theme.objects.filter(pk=initiative.theme_id).exists()


# --- An initiative needs its text and theme -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "with_theme", "errors"),
    [
        ("", True, {"text_en": ["This field is required."]}),
        ("   \n ", True, {"text_en": ["This field is required."]}),
        ("Some text.", False, {"theme": ["This field is required."]}),
    ],
    ids=["empty-text", "blank-text", "no-theme"],
)
def test_admin_refuses_an_initiative_without_text_or_theme(editor_client, text, with_theme, errors):
    theme = Theme.objects.get(slug="migration-data")
    items = [(theme, "A good item.", 1), (theme if with_theme else None, text, 2)]

    response = editor_client.post(PLAN_ADD, plan_data(CountryFactory(), 2020, items=items))

    assert inline_errors(response) == [{}, errors]
    assert not YearlyPlan.objects.exists()
    assert not Initiative.objects.exists()


@pytest.mark.parametrize("field", ["text", "theme"])
def test_database_refuses_an_initiative_without_text_or_theme(db, field):
    initiative = InitiativeFactory.build(plan=YearlyPlanFactory(), theme=ThemeFactory())
    setattr(initiative, f"{field}_id" if field == "theme" else field, None)

    with pytest.raises(IntegrityError), transaction.atomic():
        initiative.save()

    assert not Initiative.objects.exists()


def test_database_refuses_an_initiative_with_empty_text(db):
    initiative = InitiativeFactory.build(plan=YearlyPlanFactory(), theme=ThemeFactory(), text="")

    with pytest.raises(IntegrityError), transaction.atomic():
        initiative.save()

    assert not Initiative.objects.exists()
