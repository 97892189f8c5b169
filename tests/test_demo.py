import re
from io import StringIO

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.http import HttpRequest
from django.urls import reverse

from config.edits import SYSTEM_USERNAME
from config.management.commands.create_demo_users import DEMO_USERS
from contacts.models import Office
from initiatives.models import Initiative, Theme, YearlyPlan
from profiles.models import Country, Indicator

SEEDED_THEMES = {
    "counter-trafficking": "Counter-trafficking",
    "labour-migration": "Labour migration",
    "migration-governance": "Migration governance",
    "migration-data": "Migration data",
    "diaspora-engagement": "Diaspora engagement",
    "return-and-reintegration": "Return and reintegration",
    "border-management": "Border management",
    "migration-health": "Migration health",
}


def load_demo():
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def snapshot():
    """Every row of every content model (those that keep a history, and the history too),
    field by field."""
    content = [
        model
        for app in settings.CONTENT_APPS
        for model in apps.get_app_config(app).get_models()
        if hasattr(model, "history")
    ]
    return {
        label: list(manager.order_by("pk").values())
        for model in content
        for label, manager in [
            (model._meta.label, model.objects),
            (f"history of {model._meta.label}", model.history),
        ]
    }


def test_load_demo_twice_changes_nothing_the_second_time(db):
    first_output = load_demo()
    first = snapshot()

    second_output = load_demo()

    assert snapshot() == first
    content = [label for label in first if not label.startswith("history of")]
    assert all(first[label] for label in content), "every content model has demo rows"
    assert first_output != "Demo data loaded: 0 new rows.\n"
    assert second_output == "Demo data loaded: 0 new rows.\n"


EDITS = {
    "plan-lead-in": lambda: YearlyPlan.objects.filter(country__slug="lesotho").update(
        lead_in="Edited."
    ),
    "plan-unpublished": lambda: YearlyPlan.objects.filter(country__slug="botswana").update(
        status="draft"
    ),
    "item-text": lambda: Initiative.objects.filter(order=1, plan__country__slug="lesotho").update(
        text="Edited."
    ),
    "item-deleted": lambda: Initiative.objects.filter(
        order=7, plan__country__slug="lesotho"
    ).delete(),
    "theme-renamed": lambda: Theme.objects.filter(slug="migration-data").update(name="Data"),
    "country-renamed": lambda: Country.objects.filter(slug="lesotho").update(
        name="Kingdom of Lesotho"
    ),
    "country-slug-changed": lambda: Country.objects.filter(slug="lesotho").update(
        slug="kingdom-of-lesotho"
    ),
    "office-slug-changed": lambda: Office.objects.filter(slug="southern-africa").update(
        slug="pretoria"
    ),
    "indicator-slug-changed": lambda: Indicator.objects.filter(slug="population").update(
        slug="total-population"
    ),
}


@pytest.mark.parametrize("edit", EDITS, ids=list(EDITS))
def test_editors_changes_survive_a_rerun(demo, edit):
    EDITS[edit]()
    edited = snapshot()

    load_demo()

    assert snapshot() == edited


def test_demo_after_loading(client, demo):
    assert {theme.slug: theme.name for theme in Theme.objects.all()} == SEEDED_THEMES
    lesotho = Country.objects.get(slug="lesotho")
    assert lesotho.statistics.count() == 4
    plan = lesotho.plans.get()
    assert (plan.year, plan.status, plan.lead_in) == (2020, "published", "")
    items = list(plan.initiatives.all())
    assert [item.order for item in items] == [1, 2, 3, 4, 5, 6, 7]
    assert [item.theme.slug for item in items] == list(SEEDED_THEMES)[:7]
    assert items[4].text.startswith("Support the creation of the Basotho diaspora association.")

    response = client.get(reverse("profiles:country", kwargs={"slug": "lesotho"}))
    assert "In 2020, IOM in Lesotho will support the Government for the following:" in response.text
    listed = re.search(r'<ul class="initiatives">(.*?)</ul>', response.text, re.DOTALL).group(1)
    assert re.findall(r"<li>(.*?)</li>", listed) == [item.text for item in items]


def test_demo_initiatives_are_listed_and_exported(client, demo):
    listed = client.get(reverse("initiatives:list"))
    exported = client.get(reverse("initiatives:export"), {"country": "lesotho"})

    assert listed.context["page"].paginator.count == 7 + 5 + 3
    assert exported.content.decode().count("\r\n") == 1 + 7


def demo_users():
    # All but the "system" user, whom the test database holds from the start (conftest.py).
    return get_user_model().objects.exclude(username=SYSTEM_USERNAME)


def test_create_demo_users_makes_an_editor_and_a_reviewer_who_can_sign_in(client, db, settings):
    settings.DEBUG = True
    call_command("create_demo_users", stdout=StringIO())
    call_command("create_demo_users", stdout=StringIO())  # a second run is harmless

    users = demo_users().order_by("username")
    assert [(u.username, u.is_staff, u.is_superuser) for u in users] == [
        ("editor", True, False),
        ("reviewer", True, False),
    ]
    editor, reviewer = users
    assert editor.has_perm("initiatives.change_yearlyplan")
    assert not editor.has_perm("initiatives.publish_yearlyplan")
    assert reviewer.has_perm("initiatives.publish_yearlyplan")
    assert not reviewer.has_perm("initiatives.change_yearlyplan")
    for username, password, _name, _group in DEMO_USERS:
        # django-axes counts sign-ins by address, so authenticate() needs a request.
        assert client.login(request=HttpRequest(), username=username, password=password)
        assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:initiatives_yearlyplan_add")).status_code == 403  # reviewer


def test_create_demo_users_refuses_when_debug_is_off(db, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="never created with DEBUG off"):
        call_command("create_demo_users", stdout=StringIO())

    assert not demo_users().exists()
