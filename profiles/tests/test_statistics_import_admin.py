"""The admin's import page: the same report as the command, then a confirmation writes."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from profiles.admin_import import SESSION_KEY
from profiles.models import Indicator, Statistic
from profiles.statistics_file import COLUMNS
from profiles.units import UnitKind
from tests.factories import CountryFactory, IndicatorFactory, StatisticFactory
from tests.helpers import page_text

IMPORT_URL = reverse("admin:profiles_statistic_import")


@pytest.fixture
def setting(db):
    kenya = CountryFactory(name="Kenya", iso_code="KE")
    population = IndicatorFactory(slug="population", name="Population", unit=UnitKind.COUNT)
    StatisticFactory(country=kenya, indicator=population, year=2020, value=Decimal("1"))


def upload(client, text):
    file = SimpleUploadedFile("figures.csv", text.encode(), content_type="text/csv")
    return client.post(IMPORT_URL, {"file": file})


def test_the_statistics_list_links_to_import_and_exports(setting, editor_client):
    response = editor_client.get(reverse("admin:profiles_statistic_changelist"))
    assert IMPORT_URL in response.text
    assert reverse("admin:profiles_statistic_export_csv") in response.text
    assert reverse("admin:profiles_statistic_export_xlsx") in response.text


def test_a_good_file_is_reported_and_written_only_on_confirmation(setting, editor_client):
    response = upload(
        editor_client,
        "country,indicator,year,value,source,note\nKE,population,2020,2,,\nKE,population,2021,3,,\n",
    )
    text = page_text(response)
    assert "1 statistic to create" in text and "1 statistic to change" in text
    assert "0 statistics left as they are" in text
    assert Statistic.objects.get(year=2020).value == 1  # nothing written yet
    digest = response.context["confirm_form"].initial["digest"]

    response = editor_client.post(IMPORT_URL, {"digest": digest}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("admin:profiles_statistic_changelist")
    assert "Statistics imported: 1 created, 1 changed." in page_text(response)
    assert {s.year: s.value for s in Statistic.objects.all()} == {2020: 2, 2021: 3}


def test_a_bad_file_is_reported_by_row_and_cannot_be_confirmed(setting, editor_client):
    response = upload(
        editor_client,
        "country,indicator,year,value,source,note\nKE,population,2021,3,,\nXX,population,2020,2,,\n",
    )
    text = page_text(response)
    assert "Nothing was written: 1 problem" in text
    assert "3 Unknown country “XX”." in text
    assert "confirm_form" not in response.context
    assert Statistic.objects.count() == 1


def test_a_confirmation_without_a_checked_file_writes_nothing(setting, editor_client):
    response = editor_client.post(IMPORT_URL, {"digest": "0" * 64}, follow=True)
    assert "upload it again" in page_text(response)
    assert Statistic.objects.count() == 1


def test_a_file_that_changes_nothing_needs_no_confirmation(setting, editor_client):
    response = upload(editor_client, "country,indicator,year,value\nKE,population,2020,1\n")
    assert "there is nothing to write" in page_text(response)
    assert "confirm_form" not in response.context


def test_staff_who_may_only_view_cannot_import_but_can_export(setting, client, viewer):
    client.force_login(viewer)
    assert client.get(IMPORT_URL).status_code == 403
    assert upload(client, "country,indicator,year,value\nKE,population,2020,5\n").status_code == 403
    assert Statistic.objects.get().value == 1
    response = client.get(reverse("admin:profiles_statistic_export_csv"))
    assert response.status_code == 200
    assert response.content.decode().splitlines()[1] == "KE,population,2020,1,,"


def test_anonymous_users_are_sent_to_sign_in(setting, client):
    response = client.get(IMPORT_URL)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_a_file_checked_then_outdated_is_refused_at_confirmation(setting, editor_client):
    """What is written is checked again when the editor confirms, in the same transaction."""
    IndicatorFactory(slug="women", unit=UnitKind.PERCENTAGE)
    response = upload(editor_client, "country,indicator,year,value\nKE,women,2020,48\n")
    digest = response.context["confirm_form"].initial["digest"]
    Indicator.objects.get(slug="women").delete()  # another editor removes it meanwhile

    response = editor_client.post(IMPORT_URL, {"digest": digest})
    assert "2 Unknown indicator “women”." in page_text(response)
    assert Statistic.objects.count() == 1


def upload_bytes(client, data, name="figures.csv", **headers):
    return client.post(IMPORT_URL, {"file": SimpleUploadedFile(name, data)}, **headers)


def test_a_file_over_the_size_limit_gets_a_form_error_and_is_not_kept(
    setting, editor_client, settings
):
    settings.STATISTICS_UPLOAD_MAX_MB = 1
    data = b"country,indicator,year,value,source,note\nKE,population,2020,2,,"
    data += b"x" * (1024 * 1024 + 1024 * 1024 // 2 - len(data) - 1) + b"\n"

    response = upload_bytes(editor_client, data)

    assert response.status_code == 200
    assert response.context["form"].errors["file"] == [
        "The file is 1.5 MB; the import takes files of at most 1 MB."
    ]
    assert "The file is 1.5 MB; the import takes files of at most 1 MB." in page_text(response)
    assert "report" not in response.context
    assert SESSION_KEY not in editor_client.session
    assert Statistic.objects.get().value == 1


def test_the_size_limit_reads_in_the_editors_language(setting, editor_client, settings):
    settings.STATISTICS_UPLOAD_MAX_MB = 1
    response = upload_bytes(editor_client, b"x" * (2 * 1024 * 1024 + 1), HTTP_ACCEPT_LANGUAGE="fr")
    assert response.context["form"].errors["file"] == [
        "Le fichier fait 2,1 Mo ; l’import accepte des fichiers de 1 Mo au plus."
    ]


def test_a_formula_is_reported_on_its_row(setting, editor_client):
    book = Workbook()
    for row in [COLUMNS, ["KE", "population", 2021, 3], ["KE", "population", 2020, "=D2*2"]]:
        book.active.append(row)
    stream = io.BytesIO()
    book.save(stream)

    response = upload_bytes(editor_client, stream.getvalue(), name="figures.xlsx")

    assert "3 The value cell holds a formula (=D2*2), and the import takes typed values only" in (
        page_text(response)
    )
    assert "confirm_form" not in response.context
    assert Statistic.objects.get().value == 1


@pytest.mark.parametrize(
    ("data", "row"),
    [
        (b"\n", "1 This should be the header, and it is empty."),
        (b"\xff\xfe\x00c", "— The file is neither UTF-8 text (CSV) nor XLSX."),
    ],
    ids=["header", "whole-file"],
)
def test_a_file_problem_names_its_row_once_or_none(setting, editor_client, data, row):
    text = page_text(upload_bytes(editor_client, data))
    assert row in text
    assert "Row 1" not in text and "None" not in text
