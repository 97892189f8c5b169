"""Nothing is lost: every change is kept with who made it, an earlier version comes back in one
action, and a deleted country comes back whole, with its figures and its plans."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from config.history import HistoryManagerBuiltOnce
from contacts.models import Office
from initiatives.models import Initiative, Theme, YearlyPlan
from profiles.models import Country, Indicator, Statistic
from tests.helpers import admin_form_data, page_text

LESOTHO = {"slug": "lesotho"}


def public_page(language="en"):
    """The Lesotho page as an anonymous reader reads it."""
    return page_text(Client().get(f"/{language}/countries/lesotho/"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "lookup", "field", "value"),
    [
        (Office, {"slug": "southern-africa"}, "email", "pretoria@iom.int"),
        (Country, LESOTHO, "name_fr", "Royaume du Lesotho"),
        (Indicator, {"slug": "population"}, "definition_en", "People."),
        (Statistic, {"country__slug": "lesotho", "indicator__slug": "population"}, "source", "X"),
        (Theme, {"slug": "migration-data"}, "name_es", "Datos"),
        (YearlyPlan, {"country__slug": "lesotho"}, "lead_in_en", "In 2020:"),
        (Initiative, {"plan__country__slug": "lesotho", "order": 1}, "text_en", "Train police."),
    ],
    ids=lambda value: value.__name__ if isinstance(value, type) else None,
)
def test_every_change_is_recorded_with_who_and_what(
    editor_client, editor, demo, model, lookup, field, value
):
    obj = model.objects.get(**lookup)
    before = getattr(obj, field)

    obj._history_user = editor
    setattr(obj, field, value)
    obj.save()

    latest = obj.history.first()
    assert (getattr(latest, field), latest.history_user) == (value, editor)
    previous = latest.prev_record  # none for the themes that a migration seeds
    if previous is not None:
        change = latest.diff_against(previous).changes
        assert [(c.field, c.old, c.new) for c in change] == [(field, before, value)]


@pytest.mark.parametrize(
    "model",
    [m for m in apps.get_models() if hasattr(m._meta, "simple_history_manager_attribute")],
    ids=lambda model: model.__name__,
)
def test_a_history_manager_is_built_once_not_at_every_save(model):
    # django-simple-history builds one per read of `.history`, which every save makes.
    assert type(model.history) is type(model.history)
    assert isinstance(model.history, HistoryManagerBuiltOnce)


def test_admin_history_shows_each_field_change(editor_client, demo):
    lesotho = Country.objects.get(**LESOTHO)
    change = reverse("admin:profiles_country_change", args=[lesotho.pk])
    editor_client.post(
        change, admin_form_data(editor_client.get(change), name_fr="Royaume du Lesotho")
    )

    history = page_text(
        editor_client.get(reverse("admin:profiles_country_history", args=[lesotho.pk]))
    )

    assert "Name (French): Lesotho → Royaume du Lesotho" in history
    assert "editor" in history


def test_revert_brings_back_an_earlier_version(editor_client, demo):
    office = Office.objects.get(slug="southern-africa")
    first = office.history.get()
    change = reverse("admin:contacts_office_change", args=[office.pk])
    editor_client.post(
        change,
        admin_form_data(
            editor_client.get(change), telephone="+27 12 000 00 00", city_fr="Prétoria"
        ),
    )
    assert "+27 12 000 00 00" in public_page()

    revert = reverse("admin:contacts_office_simple_history", args=[office.pk, first.history_id])
    response = editor_client.post(revert, admin_form_data(editor_client.get(revert)))

    assert response.status_code == 302
    text = public_page()
    assert "+27 12 342 14 97" in text and "+27 12 000 00 00" not in text
    office.refresh_from_db()
    assert (office.city_fr, office.history.count()) == ("Pretoria", 3)  # the revert is kept too


def test_deleted_country_is_recovered_whole(editor_client, demo):
    before, french = public_page(), public_page("fr")
    lesotho = Country.objects.get(**LESOTHO)
    counts = (lesotho.statistics.count(), Initiative.objects.filter(plan__country=lesotho).count())
    delete = reverse("admin:profiles_country_delete", args=[lesotho.pk])

    assert editor_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Country.objects.filter(**LESOTHO).exists()
    assert not Statistic.objects.filter(country__slug="lesotho").exists()

    recover_list = editor_client.get(reverse("admin:profiles_country_recover"))
    [record] = recover_list.context["records"]
    assert record.name_en == "Lesotho"
    response = editor_client.post(
        reverse("admin:profiles_country_recover_one", args=[record.history_id])
    )

    assert response.status_code == 302
    lesotho = Country.objects.get(**LESOTHO)
    assert (
        lesotho.statistics.count(),
        Initiative.objects.filter(plan__country=lesotho).count(),
    ) == counts
    assert (public_page(), public_page("fr")) == (before, french)
    assert lesotho.history.first().history_change_reason == "Recovered after deletion"
    assert editor_client.get(reverse("admin:profiles_country_recover")).context["records"] == []


def test_recovering_twice_is_refused_with_a_message(editor_client, demo):
    plan = YearlyPlan.objects.get(country__slug="botswana")
    editor_client.post(
        reverse("admin:initiatives_yearlyplan_delete", args=[plan.pk]), {"post": "yes"}
    )
    record = YearlyPlan.history.get(history_type="-")
    recover = reverse("admin:initiatives_yearlyplan_recover_one", args=[record.history_id])

    editor_client.post(recover)
    again = editor_client.post(recover, follow=True)

    assert "This was recovered already." in page_text(again)
    assert YearlyPlan.objects.filter(country__slug="botswana").count() == 1
    assert plan.initiatives.model.objects.filter(plan__country__slug="botswana").count() == 3


def test_reviewers_may_not_recover(client, reviewer, demo):
    plan = YearlyPlan.objects.get(country__slug="botswana")
    plan.delete()
    record = YearlyPlan.history.get(history_type="-")
    client.force_login(reviewer)

    response = client.post(
        reverse("admin:initiatives_yearlyplan_recover_one", args=[record.history_id])
    )

    assert response.status_code == 403
    assert not YearlyPlan.objects.filter(country__slug="botswana").exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_roles_migration_is_reversible():
    call_command("migrate", "initiatives", "0006_review_and_history", verbosity=0)
    assert not Group.objects.filter(name__in=["Editor", "Reviewer"]).exists()

    call_command("migrate", "initiatives", verbosity=0)

    editor, reviewer = Group.objects.get(name="Editor"), Group.objects.get(name="Reviewer")
    assert editor.permissions.filter(codename="delete_statistic").exists()
    assert not editor.permissions.filter(codename__startswith="publish_").exists()
    assert set(
        reviewer.permissions.filter(codename__startswith="publish_").values_list(
            "codename", flat=True
        )
    ) == {
        "publish_country",
        "publish_yearlyplan",
    }
    assert not reviewer.permissions.filter(codename__startswith="change_").exists()
