"""Year rollover: "Copy to next year as draft" on the yearly plans' list."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse

from initiatives.models import Theme, YearlyPlan
from initiatives.rollover import next_year_lead_in
from profiles.publication import Status
from profiles.years import last_year
from tests.factories import CountryFactory, InitiativeFactory, YearlyPlanFactory

PLAN_LIST = reverse("admin:initiatives_yearlyplan_changelist")


def copy_to_next_year(client, *plans):
    response = client.post(
        PLAN_LIST,
        {"action": "copy_to_next_year", "_selected_action": [plan.pk for plan in plans]},
    )
    assert response.status_code == 302  # back to the list
    return [(message.level_tag, message.message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def plan(db):
    """Namibia's 2020 plan: a lead-in in English and French, none in Spanish; two items."""
    theme = {theme.slug: theme for theme in Theme.objects.all()}
    plan = YearlyPlanFactory(
        country=CountryFactory(name="Namibia", slug="namibia", iso_code="NA"),
        year=2020,
        lead_in_en="In 2020, IOM in Namibia will, as since 12020 BC, support the following:",
        lead_in_fr="En 2020, l’OIM en Namibie appuiera les domaines suivants :",
        lead_in_es="",
    )
    InitiativeFactory(
        plan=plan,
        theme=theme["labour-migration"],
        order=2,
        text_en="Support fair recruitment.",
        text_fr="Soutenir le recrutement équitable.",
        text_es="Apoyar la contratación equitativa.",
    )
    InitiativeFactory(
        plan=plan, theme=theme["border-management"], order=1, text_en="Train border officials."
    )
    return plan


def test_one_plan_is_copied_as_a_draft_with_its_items_in_every_language(editor_client, plan):
    messages = copy_to_next_year(editor_client, plan)

    assert messages == [("success", "1 plan copied to the next year as a draft.")]
    copy = YearlyPlan.objects.get(country=plan.country, year=2021)
    assert copy.status == Status.DRAFT
    assert copy.lead_in_en == (
        "In 2021, IOM in Namibia will, as since 12020 BC, support the following:"
    )
    assert copy.lead_in_fr == "En 2021, l’OIM en Namibie appuiera les domaines suivants :"
    assert copy.lead_in_es == ""
    fields = ["order", "theme__slug", "text_en", "text_fr", "text_es"]
    assert list(copy.initiatives.values_list(*fields)) == [
        (1, "border-management", "Train border officials.", None, None),
        (
            2,
            "labour-migration",
            "Support fair recruitment.",
            "Soutenir le recrutement équitable.",
            "Apoyar la contratación equitativa.",
        ),
    ]
    # The original is untouched.
    assert plan.initiatives.count() == 2
    assert YearlyPlan.objects.get(pk=plan.pk).lead_in_fr.startswith("En 2020,")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", ""),
        ("In 2020, IOM will help.", "In 2021, IOM will help."),
        ("For 2020 and beyond 2020.", "For 2021 and beyond 2021."),
        ("Since 12020 or 20201, not 2020x.", "Since 12020 or 20201, not 2020x."),
        ("In 2019, IOM will help.", "In 2019, IOM will help."),
    ],
    ids=["empty", "year", "twice", "not-a-whole-word", "other-year"],
)
def test_the_lead_in_moves_on_by_its_plans_year_as_a_whole_word(text, expected):
    assert next_year_lead_in(text, 2020) == expected


def test_an_empty_lead_in_stays_empty_and_reads_the_new_year(editor_client, demo):
    lesotho_2020 = YearlyPlan.objects.get(country__slug="lesotho", year=2020)
    assert lesotho_2020.lead_in_en == ""

    copy_to_next_year(editor_client, lesotho_2020)

    copy = YearlyPlan.objects.get(country__slug="lesotho", year=2021)
    assert copy.lead_in_en == ""
    assert copy.lead_in_text == (
        "In 2021, IOM in Lesotho will support the Government for the following:"
    )
    assert copy.initiatives.count() == lesotho_2020.initiatives.count() == 7


def test_several_plans_are_copied(editor_client, plan):
    others = [YearlyPlanFactory(year=2019), YearlyPlanFactory(year=2024)]
    for other in others:
        InitiativeFactory(plan=other)

    messages = copy_to_next_year(editor_client, plan, *others)

    assert messages == [("success", "3 plans copied to the next year as drafts.")]
    for original in [plan, *others]:
        copy = YearlyPlan.objects.get(country=original.country, year=original.year + 1)
        assert copy.status == Status.DRAFT
        assert copy.initiatives.count() == original.initiatives.count()


def test_a_plan_that_exists_is_refused_and_the_others_are_copied(editor_client, plan):
    existing = YearlyPlanFactory(country=plan.country, year=2021, lead_in_en="Ours.")
    InitiativeFactory(plan=existing, text_en="Already planned.")
    other = YearlyPlanFactory(year=2020)

    messages = copy_to_next_year(editor_client, plan, other)

    assert messages == [
        ("warning", "Namibia already has a plan for 2021: not copied."),
        ("success", "1 plan copied to the next year as a draft."),
    ]
    existing.refresh_from_db()
    assert existing.lead_in_en == "Ours."
    assert existing.status == Status.PUBLISHED
    assert [item.text for item in existing.initiatives.all()] == ["Already planned."]
    assert YearlyPlan.objects.filter(country=other.country, year=2021).exists()


def test_nothing_copied_says_so(editor_client, plan):
    YearlyPlanFactory(country=plan.country, year=2021)

    messages = copy_to_next_year(editor_client, plan)

    assert messages == [
        ("warning", "Namibia already has a plan for 2021: not copied."),
        ("info", "0 plans copied to the next year as drafts."),
    ]


def test_a_year_too_far_ahead_is_refused_and_leaves_nothing(editor_client, plan):
    plan.year = last_year()
    plan.save()

    messages = copy_to_next_year(editor_client, plan)

    assert messages[0][0] == "warning"
    assert messages[0][1].startswith(f"Namibia {last_year() + 1}: not copied. Enter a year")
    assert not YearlyPlan.objects.filter(year=last_year() + 1).exists()


def test_the_copy_is_a_draft_that_anonymous_readers_do_not_see(editor_client, plan):
    copy_to_next_year(editor_client, plan)
    page = reverse("profiles:country", kwargs={"slug": "namibia"})
    client = Client()  # a reader, beside the editor's own

    assert client.get(page + "?year=2021").status_code == 404
    public = client.get(page)
    assert "In 2020, IOM in Namibia" in public.text
    assert "In 2021" not in public.text
    preview = editor_client.get(page)
    assert "In 2021, IOM in Namibia" in preview.text
    assert "draft-banner" in preview.text


def test_staff_who_may_not_add_plans_have_no_rollover(client, viewer, plan):
    client.force_login(viewer)

    assert "copy_to_next_year" not in client.get(PLAN_LIST).text
    client.post(PLAN_LIST, {"action": "copy_to_next_year", "_selected_action": [plan.pk]})
    assert not YearlyPlan.objects.filter(year=2021).exists()


def test_the_action_is_offered_to_editors(editor_client, plan):
    response = editor_client.get(PLAN_LIST)

    assert '<option value="copy_to_next_year">Copy to next year as draft</option>' in (
        response.text
    )
