"""Review before publishing, for yearly plans: the same steps as country pages."""

import pytest
from django.urls import reverse

from initiatives.models import YearlyPlan
from profiles.publication import Move, Status
from tests.factories import InitiativeFactory
from tests.helpers import admin_form_data, page_text

pytestmark = pytest.mark.django_db


def test_a_plan_is_submitted_then_published(client, editor, reviewer):
    plan = InitiativeFactory(text="Train border officials.", plan__status=Status.DRAFT).plan
    country_page = reverse("profiles:country", kwargs={"slug": plan.country.slug})
    review = reverse("admin:initiatives_yearlyplan_review", args=[plan.pk])
    assert "Train border officials." not in page_text(client.get(country_page))

    client.force_login(editor)
    client.post(review, {"move": Move.SUBMIT})
    client.force_login(reviewer)
    client.post(review, {"move": Move.PUBLISH, "comment": "Cleared."})
    client.logout()

    plan.refresh_from_db()
    assert plan.status == Status.PUBLISHED
    assert "Train border officials." in page_text(client.get(country_page))


def test_editing_a_published_plans_items_marks_it(client, editor):
    plan = InitiativeFactory(plan__status=Status.PUBLISHED).plan
    change = reverse("admin:initiatives_yearlyplan_change", args=[plan.pk])
    client.force_login(editor)

    client.post(change, admin_form_data(client.get(change), **{"initiatives-0-text_fr": "Former."}))

    plan.refresh_from_db()
    assert (plan.status, plan.changed_since_review) == (Status.PUBLISHED, True)
    assert plan.initiatives.get().text_fr == "Former."


def test_reviewer_sees_plans_in_review_one_click_from_home(client, reviewer):
    plan = InitiativeFactory(plan__status=Status.IN_REVIEW).plan
    client.force_login(reviewer)

    home = client.get(reverse("admin:index"))
    link = reverse("admin:initiatives_yearlyplan_changelist") + "?status__exact=in_review"

    assert link in home.text
    assert list(client.get(link).context["cl"].result_list) == [plan]
    assert YearlyPlan.objects.visible_to(reviewer).get() == plan
