"""Every write is recorded like an admin save: who, when, what changed and why, one edit id
for all a request or a command wrote; a recovery brings back exactly what one deletion
removed; a revert is a correction and leaves the review where it is."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import Workbook

from config.content_version import GENERATION_KEY, content_version
from initiatives.models import YearlyPlan
from profiles.models import Country, Statistic
from profiles.publication import Move, Status
from profiles.review import make_move
from tests.helpers import admin_form_data, page_text

pytestmark = pytest.mark.django_db
FIGURES = "country,indicator,year,value,source,note\n{rows}"
VERSION_TABLE = "site_contentversion"


def lesotho():
    return Country.objects.get(slug="lesotho")


def population(year=None):
    figures = Statistic.objects.filter(country__slug="lesotho", indicator__slug="population")
    return figures.get(year=year) if year else figures.order_by("year").first()


def history_page(client, obj):
    name = f"admin:{obj._meta.app_label}_{obj._meta.model_name}_history"
    return page_text(client.get(reverse(name, args=[obj.pk])))


def import_file(tmp_path, rows, *options, name="figures.csv"):
    path = tmp_path / name
    path.write_text(FIGURES.format(rows=rows), encoding="utf-8")
    call_command("import_statistics", str(path), *options, stdout=io.StringIO())


# --- The command line: --user, or the system user ------------------------------------------


def test_an_import_without_user_is_recorded_as_the_system_user(demo, tmp_path):
    figure = population()

    import_file(tmp_path, f"LS,population,{figure.year},2300000,,\nLS,immigrants,1999,10,,\n")

    changed = figure.history.first()
    created = Statistic.objects.get(country__slug="lesotho", year=1999).history.get()
    system = get_user_model().objects.get(username="system")
    assert (changed.history_type, changed.value, changed.history_user) == ("~", 2300000, system)
    assert (created.history_type, created.history_user) == ("+", system)
    assert (
        changed.history_change_reason == created.history_change_reason == ("Imported figures.csv")
    )
    assert changed.history_edit == created.history_edit is not None  # one edit
    assert not system.is_staff and not system.has_usable_password()


def test_an_import_names_the_user_given(demo, editor, tmp_path):
    figure = population()

    import_file(tmp_path, f"LS,population,{figure.year},2300000,,\n", "--user", "editor")

    assert figure.history.first().history_user == editor


def test_an_unknown_user_is_refused_and_nothing_is_written(demo, tmp_path):
    figure = population()

    with pytest.raises(CommandError) as refused:
        import_file(tmp_path, f"LS,population,{figure.year},2300000,,\n", "--user", "nobody")

    assert str(refused.value) == (
        "There is no user “nobody”: name one who exists, or leave out --user to record "
        "the changes as “system”. Nothing was changed."
    )
    figure.refresh_from_db()
    assert figure.value != 2300000 and figure.history.count() == 1


def test_a_command_import_marks_the_corrected_country(demo, tmp_path):
    import_file(tmp_path, f"LS,population,{population().year},2300000,,\n")

    assert lesotho().changed_since_review
    assert not Country.objects.exclude(slug="lesotho").filter(changed_since_review=True)


# --- The admin: the reasons on the History pages -------------------------------------------


def xlsx(*rows):
    workbook = Workbook()
    for row in [["country", "indicator", "year", "value", "source", "note"], *rows]:
        workbook.active.append(row)
    data = io.BytesIO()
    workbook.save(data)
    return data.getvalue()


def test_the_admin_import_is_recorded_with_its_file(editor_client, editor, demo):
    figure = population()
    url = reverse("admin:profiles_statistic_import")
    data = xlsx(["LS", "population", figure.year, 2300000, "", ""])
    checked = editor_client.post(url, {"file": SimpleUploadedFile("figures.xlsx", data)})

    editor_client.post(url, {"digest": checked.context["confirm_form"].initial["digest"]})

    record = figure.history.first()
    assert (record.value, record.history_user) == (2300000, editor)
    assert "Imported figures.xlsx" in history_page(editor_client, figure)
    assert lesotho().changed_since_review


def test_the_rollover_is_recorded_as_a_copy(editor_client, editor, demo):
    plan = YearlyPlan.objects.filter(country__slug="lesotho").order_by("-year").first()

    editor_client.post(
        reverse("admin:initiatives_yearlyplan_changelist"),
        {"action": "copy_to_next_year", "_selected_action": [plan.pk]},
    )

    copy = YearlyPlan.objects.get(country=plan.country, year=plan.year + 1)
    items = [item.history.get() for item in copy.initiatives.all()]
    assert items and {(r.history_user, r.history_change_reason) for r in items} == {
        (editor, f"Copied from {plan.year}")
    }
    assert {r.history_edit for r in items} == {copy.history.get().history_edit}
    assert f"Copied from {plan.year}" in history_page(editor_client, copy)


def test_a_changelist_action_is_named_in_the_history(editor_client, editor, demo):
    figure = population()

    editor_client.post(
        reverse("admin:profiles_statistic_changelist"),
        {"action": "delete_selected", "_selected_action": [figure.pk], "post": "yes"},
    )

    deletion = Statistic.history.get(id=figure.pk, history_type="-")
    assert (deletion.history_user, deletion.history_change_reason) == (
        editor,
        "Delete selected statistics",
    )
    assert lesotho().changed_since_review


# --- Recovery: the rows of the same deletion, no others ------------------------------------


def delete_in_the_admin(client, obj):
    name = f"admin:{obj._meta.app_label}_{obj._meta.model_name}_delete"
    assert client.post(reverse(name, args=[obj.pk]), {"post": "yes"}).status_code == 302


def recover_in_the_admin(client, model, **lookup):
    record = model.history.filter(history_type="-", **lookup).latest()
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_recover_one"
    return client.post(reverse(name, args=[record.history_id]))


def test_a_statistic_deleted_on_its_own_stays_deleted_when_its_country_comes_back(
    editor_client, demo
):
    alone = population()
    others = set(lesotho().statistics.exclude(pk=alone.pk).values_list("pk", flat=True))
    delete_in_the_admin(editor_client, alone)  # a moment before the country
    delete_in_the_admin(editor_client, lesotho())

    recover_in_the_admin(editor_client, Country, slug="lesotho")

    assert set(lesotho().statistics.values_list("pk", flat=True)) == others
    recoverable = editor_client.get(reverse("admin:profiles_statistic_recover"))
    assert [record.id for record in recoverable.context["records"]] == [alone.pk]


def test_recovered_rows_are_one_edit_by_the_editor(editor_client, editor, demo):
    delete_in_the_admin(editor_client, lesotho())
    deletions = [*Country.history.filter(history_type="-")]
    deletions += Statistic.history.filter(history_type="-")
    assert {(r.history_user, r.history_change_reason) for r in deletions} == {
        (editor, "Deleted in the admin")
    }

    recover_in_the_admin(editor_client, Country, slug="lesotho")

    country = lesotho()
    records = [country.history.first(), *(s.history.first() for s in country.statistics.all())]
    assert {(r.history_type, r.history_user, r.history_change_reason) for r in records} == {
        ("+", editor, "Recovered after deletion")
    }
    assert len({record.history_edit for record in records}) == 1
    assert "Recovered after deletion" in history_page(editor_client, country)


def test_deletions_recorded_before_edit_ids_are_recovered_by_their_moment(editor_client, demo):
    count = lesotho().statistics.count()
    lesotho().delete()  # outside any edit, as before this change: no edit id
    assert not Statistic.history.filter(history_type="-").exclude(history_edit=None)

    recover_in_the_admin(editor_client, Country, slug="lesotho")

    assert lesotho().statistics.count() == count


# --- Revert: a correction, the review left where it is -------------------------------------


def revert(client, obj, version):
    name = f"admin:{obj._meta.app_label}_{obj._meta.model_name}_simple_history"
    url = reverse(name, args=[obj.pk, version.history_id])
    return client.post(url, admin_form_data(client.get(url)))


def test_reverting_a_country_keeps_its_corrections_marked(editor_client, demo):
    first = lesotho().history.earliest()  # as loaded: published, not marked
    change = reverse("admin:profiles_statistic_change", args=[population().pk])
    editor_client.post(change, admin_form_data(editor_client.get(change), source="Corrected"))
    assert lesotho().changed_since_review

    assert revert(editor_client, lesotho(), first).status_code == 302

    country = lesotho()
    assert (country.status, country.changed_since_review) == (Status.PUBLISHED, True)
    latest = country.history.first()
    assert latest.history_change_reason.startswith("Reverted to the version of ")
    assert latest.history_change_reason in history_page(editor_client, country)


def test_a_revert_is_a_correction(editor_client, demo):
    first = lesotho().history.earliest()
    assert not lesotho().changed_since_review

    revert(editor_client, lesotho(), first)

    assert lesotho().changed_since_review


def test_a_superusers_revert_leaves_the_corrections_marked(admin_client, editor_client, demo):
    """A superuser is a reviewer, whose own changes mark nothing: the flag the corrections
    set must survive the revert all the same."""
    first = lesotho().history.earliest()
    change = reverse("admin:profiles_statistic_change", args=[population().pk])
    editor_client.post(change, admin_form_data(editor_client.get(change), source="Corrected"))

    assert revert(admin_client, lesotho(), first).status_code == 302

    assert lesotho().changed_since_review


def test_a_revert_leaves_a_withdrawn_page_withdrawn(editor_client, reviewer, demo):
    published = lesotho().history.earliest()
    make_move(lesotho(), Move.WITHDRAW, reviewer)

    revert(editor_client, lesotho(), published)

    assert lesotho().status == Status.DRAFT


# --- The page cache: told once per edit ----------------------------------------------------


def test_an_edit_of_many_rows_moves_the_content_version_on_once(editor_client, demo):
    country = lesotho()
    change = reverse("admin:profiles_country_change", args=[country.pk])
    form = editor_client.get(change)
    rows = {
        f"statistics-{index}-note": "Checked."
        for index, inline in enumerate(form.context["inline_admin_formsets"][0].formset.forms)
        if inline.instance.pk
    }
    content_version()  # the cache's generation starts
    generation = cache.get(GENERATION_KEY)

    with CaptureQueriesContext(connection) as queries:
        editor_client.post(change, admin_form_data(form, name_fr="Royaume du Lesotho", **rows))

    assert len(rows) > 2 and Statistic.objects.filter(note="Checked.").count() == len(rows)
    bumps = [
        q["sql"] for q in queries if q["sql"].startswith("UPDATE") and VERSION_TABLE in q["sql"]
    ]
    # As the edit ends: the database's version once, the cache's generation once (and once
    # more on commit, which the test's own transaction never reaches).
    assert len(bumps) == 1
    assert cache.get(GENERATION_KEY) - generation == 1
