"""Review before publishing, for country pages: each step by each role, its record and comment,
what readers see meanwhile, and corrections to live pages marked for the reviewers."""

import pytest
from django.urls import reverse

from profiles.models import Country, Indicator, ReviewStep, Statistic
from profiles.publication import Move, Status
from tests.factories import CountryFactory, OfficeFactory, StatisticFactory
from tests.helpers import admin_form_data, page_text

pytestmark = pytest.mark.django_db


def review_url(country):
    return reverse("admin:profiles_country_review", args=[country.pk])


def public_url(country):
    return reverse("profiles:country", kwargs={"slug": country.slug})


def move(client, country, step, comment=""):
    return client.post(review_url(country), {"move": step, "comment": comment})


def offered(client, country):
    form = client.get(review_url(country)).context["form"]
    return [value for value, _label in form.fields["move"].choices]


@pytest.fixture
def draft():
    return CountryFactory(name="Namibia", slug="namibia", iso_code="NA", status=Status.DRAFT)


def test_new_country_from_the_admin_is_a_draft(editor_client):
    add = reverse("admin:profiles_country_add")
    office = OfficeFactory()
    data = admin_form_data(
        editor_client.get(add),
        name="Namibia",
        iso_code="NA",
        slug="namibia",
        regional_office=office.pk,
        status=Status.PUBLISHED,  # not a field of the form: ignored
    )

    assert editor_client.post(add, data).status_code == 302
    assert Country.objects.get(slug="namibia").status == Status.DRAFT


def test_a_page_goes_from_draft_to_review_to_published(client, editor, reviewer, draft):
    client.force_login(editor)
    assert offered(client, draft) == [Move.SUBMIT]
    assert move(client, draft, Move.SUBMIT, "Ready.").status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.IN_REVIEW
    assert offered(client, draft) == []  # editors don't publish
    refused = move(client, draft, Move.PUBLISH)
    assert refused.status_code == 200 and refused.context["form"].errors["move"]
    client.logout()
    assert client.get(public_url(draft)).status_code == 404  # not public while in review

    client.force_login(reviewer)
    preview = client.get(public_url(draft))
    assert preview.status_code == 200 and "draft-banner" in preview.text
    assert offered(client, draft) == [Move.PUBLISH, Move.SEND_BACK]
    assert move(client, draft, Move.PUBLISH, "Checked.").status_code == 302
    client.logout()

    assert client.get(public_url(draft)).status_code == 200
    steps = ReviewStep.objects.order_by("at", "pk")
    assert [(s.move, s.status_before, s.status_after, s.user, s.comment) for s in steps] == [
        (Move.SUBMIT, Status.DRAFT, Status.IN_REVIEW, editor, "Ready."),
        (Move.PUBLISH, Status.IN_REVIEW, Status.PUBLISHED, reviewer, "Checked."),
    ]


def test_reviewer_sends_back_with_a_comment_the_editor_reads(client, editor, reviewer, draft):
    client.force_login(editor)
    move(client, draft, Move.SUBMIT)
    client.force_login(reviewer)
    move(client, draft, Move.SEND_BACK, "Add the 2021 remittances.")

    client.force_login(editor)
    change = client.get(reverse("admin:profiles_country_change", args=[draft.pk]))

    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    text = page_text(change)
    assert "Send back to draft by reviewer (now Draft): “Add the 2021 remittances.”" in text
    assert "Submit for review by editor (now In review)" in text


def test_reviewer_withdraws_a_published_page(client, reviewer):
    country = CountryFactory(status=Status.PUBLISHED)
    client.force_login(reviewer)

    assert offered(client, country) == [Move.WITHDRAW]
    move(client, country, Move.WITHDRAW, "Figures under revision.")
    client.logout()

    assert client.get(public_url(country)).status_code == 404
    assert ReviewStep.objects.get().comment == "Figures under revision."


def test_staff_in_no_group_may_not_review(client, staff, draft):
    client.force_login(staff)

    assert client.get(review_url(draft)).status_code == 403
    assert move(client, draft, Move.SUBMIT).status_code == 403
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_a_move_is_kept_in_the_history(client, editor, draft):
    client.force_login(editor)
    move(client, draft, Move.SUBMIT)

    latest = draft.history.first()
    assert (latest.status, latest.history_user, latest.history_change_reason) == (
        Status.IN_REVIEW,
        editor,
        "Submit for review",
    )


# --- Corrections to live pages: live at once, marked for the reviewers ---------------------


def test_editor_correction_is_live_and_marked_until_reviewed(client, editor, reviewer, demo):
    lesotho = Country.objects.get(slug="lesotho")
    population = Statistic.objects.get(country=lesotho, indicator__slug="population")
    client.force_login(editor)
    change = reverse("admin:profiles_country_change", args=[lesotho.pk])
    form = client.get(change)
    row = next(
        index
        for index, inline in enumerate(form.context["inline_admin_formsets"][0].formset.forms)
        if inline.instance.pk == population.pk
    )

    client.post(change, admin_form_data(form, **{f"statistics-{row}-value": "2300000"}))

    lesotho.refresh_from_db()
    assert lesotho.status == Status.PUBLISHED and lesotho.changed_since_review
    client.logout()
    assert "2.3 million" in page_text(client.get(public_url(lesotho)))  # live at once
    assert population.history.first().value == 2300000  # and kept in the history

    client.force_login(reviewer)
    assert offered(client, lesotho) == [Move.WITHDRAW, Move.MARK_REVIEWED]
    move(client, lesotho, Move.MARK_REVIEWED)
    lesotho.refresh_from_db()
    assert not lesotho.changed_since_review


def test_saving_without_a_change_marks_nothing(client, editor, demo):
    lesotho = Country.objects.get(slug="lesotho")
    change = reverse("admin:profiles_country_change", args=[lesotho.pk])
    client.force_login(editor)

    client.post(change, admin_form_data(client.get(change)))

    lesotho.refresh_from_db()
    assert not lesotho.changed_since_review


def test_correcting_a_statistic_on_its_own_page_marks_its_country(client, editor):
    statistic = StatisticFactory(country__status=Status.PUBLISHED)
    change = reverse("admin:profiles_statistic_change", args=[statistic.pk])
    client.force_login(editor)

    client.post(change, admin_form_data(client.get(change), source="UN DESA 2024"))

    statistic.country.refresh_from_db()
    assert statistic.country.changed_since_review


def test_corrections_to_drafts_are_not_marked(client, editor, draft):
    change = reverse("admin:profiles_country_change", args=[draft.pk])
    client.force_login(editor)

    client.post(change, admin_form_data(client.get(change), name="Republic of Namibia"))

    draft.refresh_from_db()
    assert (draft.name, draft.changed_since_review) == ("Republic of Namibia", False)


def test_reviewers_home_page_counts_what_waits(client, editor, reviewer, demo):
    Country.objects.filter(slug="kenya").update(status=Status.IN_REVIEW)
    Country.objects.filter(slug="malawi").update(changed_since_review=True)

    client.force_login(reviewer)
    text = page_text(client.get(reverse("admin:index")))
    client.force_login(editor)
    editors = page_text(client.get(reverse("admin:index")))

    assert "Country pages submitted for review 1" in text
    assert "Country pages corrected since 1" in text
    assert "submitted for review" not in editors
    changelist = reverse("admin:profiles_country_changelist")
    client.force_login(reviewer)
    listed = client.get(changelist, {"status__exact": Status.IN_REVIEW}).context["cl"].result_list
    assert [country.slug for country in listed] == ["kenya"]


def test_indicator_edits_do_not_touch_review(client, editor, demo):
    indicator = Indicator.objects.get(slug="population")
    change = reverse("admin:profiles_indicator_change", args=[indicator.pk])
    client.force_login(editor)

    client.post(change, admin_form_data(client.get(change), definition="Mid-year."))

    assert not Country.objects.filter(changed_since_review=True).exists()
