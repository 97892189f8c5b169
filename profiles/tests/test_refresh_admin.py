"""The admin's refresh from a publisher's file: the report first (nothing written), then
the confirmation writes with the options chosen; refusals change nothing."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from profiles.admin_refresh import SESSION_KEY
from profiles.models import Country, Statistic
from profiles.publication import Status
from profiles.tests.publisher_fixtures import POPULATION, REMITTANCES, shipped
from tests.helpers import admin_form_data, page_text

REFRESH_URL = reverse("admin:profiles_statistic_refresh")
CHANGELIST = reverse("admin:profiles_statistic_changelist")


def upload(client, data=None, name=REMITTANCES, **options):
    file = SimpleUploadedFile(name, shipped(REMITTANCES) if data is None else data)
    fields = {"figures": "revisions", "since": "", "countries": "published", **options}
    return client.post(REFRESH_URL, {"file": file, **fields})


def confirm(client, response):
    digest = response.context["confirm_form"].initial["digest"]
    return client.post(REFRESH_URL, {"digest": digest}, follow=True)


def statistics():
    return sorted(Statistic.objects.values_list("country__iso_code", "indicator", "year", "value"))


def lesotho_2021():
    return Statistic.objects.get(
        country__iso_code="LS", indicator__slug="remittances", year=2021
    ).value


def test_the_statistics_list_links_to_the_refresh(demo, editor_client):
    response = editor_client.get(CHANGELIST)
    assert REFRESH_URL in response.text
    assert "Refresh from a publisher's file" in page_text(response)


def test_the_report_shows_the_revision_and_writes_nothing(demo, editor_client):
    before = statistics()

    response = upload(editor_client, since="2019")

    assert response.status_code == 200
    text = page_text(response)
    assert "World Bank, World Development Indicators; edition: updated 1 July 2025." in text
    assert "Asked for: new figures and revisions; from 2019 on; published countries only." in text
    revisions = response.context["report"]["indicators"][0]["revisions"]
    lesotho = next(revision for revision in revisions if revision.country == "Lesotho")
    assert (lesotho.year, lesotho.ours, lesotho.theirs, lesotho.change) == (
        2021,
        "USD 561.5 million",
        "USD 474.5 million",
        "−15.50%",
    )
    assert "Lesotho 2021 USD 561.5 million USD 474.5 million −15.50%" in text
    assert "Lesotho (LSO) 5 (2019–2020, 2022–2024) 1 0 0" in text
    assert "A country with no page on the site 210 0" in text
    assert "Before 2019 0" in text
    assert "Nothing has been written yet." in text
    assert statistics() == before
    assert response.context["confirm_form"]


def test_the_confirmation_writes_with_the_options_chosen(demo, editor_client):
    response = upload(editor_client, since="2021")

    response = confirm(editor_client, response)

    assert response.redirect_chain[-1][0] == CHANGELIST
    assert "Written: 6 new and 1 revised figures (“World Bank WDI, updated 2025-07-01”)." in (
        page_text(response)
    )
    assert lesotho_2021() == Decimal("474467924.706")
    years = Statistic.objects.filter(country__iso_code="LS", indicator__slug="remittances")
    assert {2021, 2022, 2023, 2024} <= set(years.values_list("year", flat=True))
    record = Statistic.objects.get(
        country__iso_code="LS", indicator__slug="remittances", year=2021
    ).history.first()
    assert record.history_user.username == "editor"
    assert SESSION_KEY not in editor_client.session
    # Confirmed twice: the file no longer waits.
    response = editor_client.post(REFRESH_URL, {"digest": "0" * 64}, follow=True)
    assert "That file is no longer waiting: upload it again." in page_text(response)


def test_only_new_figures_keep_ours(demo, editor_client):
    response = upload(editor_client, figures="only-new", since="2020")
    assert "we have a figure; only new figures were asked for" in page_text(response).lower()

    confirm(editor_client, response)

    assert lesotho_2021() == Decimal("561500000")
    assert Statistic.objects.filter(
        country__iso_code="LS", indicator__slug="remittances", year=2020
    ).exists()


def test_draft_countries_only_when_all_countries_are_chosen(demo, editor_client):
    Country.objects.filter(slug="lesotho").update(status=Status.DRAFT)

    response = upload(editor_client, since="2021")
    assert "not published (refresh all countries to include it)" in page_text(response)
    confirm(editor_client, response)
    assert lesotho_2021() == Decimal("561500000")

    confirm(editor_client, upload(editor_client, since="2021", countries="all"))
    assert lesotho_2021() == Decimal("474467924.706")


def test_a_year_the_site_refuses_is_a_form_error(demo, editor_client):
    response = upload(editor_client, since="1066")
    assert response.context["form"].errors["since"]
    assert "report" not in response.context


@pytest.mark.parametrize(
    ("data", "sentence"),
    [
        pytest.param(
            b"country,indicator,year,value\nLS,population,2020,1\n",
            "expected",
            id="not-a-publishers-file",
        ),
        pytest.param(
            b"\xff" + shipped(POPULATION)[3:], "damaged on its way", id="damaged-first-byte"
        ),
    ],
)
def test_a_refused_file_shows_its_sentence_and_changes_nothing(demo, editor_client, data, sentence):
    before = statistics()

    response = upload(editor_client, data, name="file.csv")

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert len(errors) == 1 and sentence in errors[0]
    assert errors[0] in page_text(response)
    assert "report" not in response.context
    assert SESSION_KEY not in editor_client.session
    assert statistics() == before


def test_a_file_over_the_size_limit_is_refused_unread(demo, editor_client, settings):
    settings.STATISTICS_UPLOAD_MAX_MB = 0.1

    response = upload(editor_client)

    assert response.context["form"].errors["file"] == [
        "The file is 0.2 MB; the import takes files of at most 0.1 MB."
    ]
    assert SESSION_KEY not in editor_client.session


def test_a_confirmation_without_a_file_waiting_goes_back_to_the_upload(demo, editor_client):
    before = statistics()

    response = editor_client.post(REFRESH_URL, {"digest": "0" * 64})

    assert response.status_code == 302 and response["Location"] == REFRESH_URL
    response = editor_client.get(response["Location"])
    assert "That file is no longer waiting: upload it again." in page_text(response)
    assert statistics() == before


@pytest.mark.parametrize("role", ["reviewer", "staff", "viewer"])
def test_who_may_not_import_may_not_refresh(demo, client, request, role):
    client.force_login(request.getfixturevalue(role))
    before = statistics()

    assert client.get(REFRESH_URL).status_code == 403
    assert upload(client, since="2021").status_code == 403
    assert client.post(REFRESH_URL, {"digest": "0" * 64}).status_code == 403
    assert statistics() == before
    assert REFRESH_URL not in client.get(CHANGELIST).text


def test_the_report_reads_in_the_editors_language(demo, editor_client):
    file = SimpleUploadedFile(REMITTANCES, shipped(REMITTANCES))
    response = editor_client.post(
        REFRESH_URL,
        {"file": file, "figures": "revisions", "countries": "published", "since": "2021"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    text = page_text(response)
    assert "Rien n’a encore été écrit." in text
    assert "un pays sans page sur le site" in text.lower()


def refreshed_lesotho_2021(editor_client):
    confirm(editor_client, upload(editor_client, since="2021"))
    return Statistic.objects.get(country__iso_code="LS", indicator__slug="remittances", year=2021)


def test_a_figure_retyped_in_its_own_form_is_no_longer_the_publishers(demo, editor_client):
    figure = refreshed_lesotho_2021(editor_client)
    assert figure.edition == "2025-07-01" and figure.imported_at is not None
    change = reverse("admin:profiles_statistic_change", args=[figure.pk])

    editor_client.post(change, admin_form_data(editor_client.get(change), note="Checked."))
    figure.refresh_from_db()
    assert (figure.note, figure.edition) == ("Checked.", "2025-07-01")  # a note is no retyping

    editor_client.post(change, admin_form_data(editor_client.get(change), value="480000000"))
    figure.refresh_from_db()
    assert (figure.value, figure.edition, figure.imported_at) == (Decimal(480000000), "", None)
    assert figure.effective_source == figure.indicator.default_source


def test_a_figure_retyped_in_the_countrys_form_is_no_longer_the_publishers(demo, editor_client):
    figure = refreshed_lesotho_2021(editor_client)
    change = reverse("admin:profiles_country_change", args=[figure.country.pk])
    response = editor_client.get(change)
    forms = response.context["inline_admin_formsets"][0].formset.forms
    row = next(form.prefix for form in forms if form.instance.pk == figure.pk)

    editor_client.post(change, admin_form_data(response, **{f"{row}-value": "480000000"}))

    figure.refresh_from_db()
    assert (figure.value, figure.edition, figure.imported_at) == (Decimal(480000000), "", None)
    untouched = Statistic.objects.get(
        country__iso_code="LS", indicator__slug="remittances", year=2022
    )
    assert untouched.edition == "2025-07-01"
