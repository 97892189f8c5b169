"""The admin of offices: edits are saved, slugs stay unique, an office in use is not deleted."""

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.urls import reverse

from contacts.models import Office
from tests.factories import CountryFactory, OfficeFactory
from tests.helpers import (
    admin_form_data,
    changelist,
    count_queries,
    form_errors,
    page_text,
    post_office,
)

CHANGELIST_URL = reverse("admin:contacts_office_changelist")


def admin_url(view, *args):
    return reverse(f"admin:contacts_office_{view}", args=args)


# --- Add and change ----------------------------------------------------------------------


def test_add_page_saves_a_valid_office(editor_client, db):
    assert editor_client.get(admin_url("add")).status_code == 200
    assert post_office(editor_client).status_code == 302
    office = Office.objects.get(slug="southern-africa")
    assert office.full_name == "IOM Regional Office for Southern Africa"
    assert office.address_lines == ["Walker Creek Office Park, Building Number 4", "South Africa"]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("address", "1st floor UN House\nSomhlolo Road\nMbabane"),
        ("kind", Office.Kind.COUNTRY),
        ("telephone", "+268 2404 2163"),
    ],
    ids=["address", "kind", "telephone"],
)
def test_change_page_saves_a_valid_edit(editor_client, db, field, value):
    office = OfficeFactory()
    page = editor_client.get(admin_url("change", office.pk))
    assert page.status_code == 200
    response = editor_client.post(
        admin_url("change", office.pk), admin_form_data(page, **{field: value})
    )
    assert response.status_code == 302
    office.refresh_from_db()
    assert getattr(office, field) == value


# --- One slug per office -------------------------------------------------------------------


def test_admin_refuses_a_second_office_with_the_same_slug(editor_client, db):
    existing = OfficeFactory(slug="southern-africa")
    response = post_office(editor_client, slug="southern-africa")
    assert form_errors(response)["slug"] == ["Office with this Slug already exists."]
    assert list(Office.objects.all()) == [existing]


def test_database_refuses_a_second_office_with_the_same_slug(db):
    existing = OfficeFactory(slug="southern-africa")
    with pytest.raises(IntegrityError), transaction.atomic():
        OfficeFactory(slug="southern-africa")
    assert list(Office.objects.all()) == [existing]


# --- An office that countries point to is not deleted ------------------------------------------


@pytest.fixture
def office_in_use(db):
    """An office that is Lesotho's regional office and Eswatini's contact office."""
    office = OfficeFactory(name="Regional Office for Southern Africa")
    CountryFactory(name="Lesotho", regional_office=office)
    CountryFactory(name="Eswatini", contact_office=office)
    return office


@pytest.mark.parametrize("relation", ["purview_countries", "contact_countries"])
def test_deleting_an_office_in_use_is_refused(office_in_use, relation):
    # Each relation on its own protects the office.
    other = OfficeFactory()
    getattr(office_in_use, relation).update(
        **{"regional_office" if relation == "contact_countries" else "contact_office": other}
    )
    with pytest.raises(ProtectedError), transaction.atomic():
        office_in_use.delete()
    assert Office.objects.filter(pk=office_in_use.pk).exists()


def test_admin_delete_page_names_the_countries_that_protect_the_office(
    editor_client, office_in_use
):
    response = editor_client.get(admin_url("delete", office_in_use.pk))
    assert response.status_code == 200
    text = page_text(response)
    assert "would require deleting the following protected related objects" in text
    assert "Country: Lesotho" in text
    assert "Country: Eswatini" in text


def test_admin_delete_of_an_office_in_use_deletes_nothing(editor_client, office_in_use):
    response = editor_client.post(admin_url("delete", office_in_use.pk), {"post": "yes"})
    assert response.status_code == 200
    assert "Cannot delete office" in page_text(response)
    assert Office.objects.filter(pk=office_in_use.pk).exists()
    assert office_in_use.purview_countries.count() == 1


def test_admin_deletes_an_office_nobody_points_to(editor_client, db):
    office = OfficeFactory()
    response = editor_client.post(admin_url("delete", office.pk), {"post": "yes"})
    assert response.status_code == 302
    assert not Office.objects.exists()


# --- Changelist ------------------------------------------------------------------------------


@pytest.fixture
def offices(demo):
    return {office.slug: office for office in Office.objects.all()}


CHANGELISTS = [
    # (query parameters, offices shown, id)
    ({"q": "pretoria"}, ["IOM Regional Office for Southern Africa"], "search-city"),
    ({"q": "ropretoria@"}, ["IOM Regional Office for Southern Africa"], "search-email"),
    ({"q": "horn"}, ["IOM Regional Office for East and Horn of Africa"], "search-name"),
    ({"kind__exact": "country"}, ["IOM Eswatini"], "by-kind"),
    ({"country": "SN"}, ["IOM Regional Office for West and Central Africa"], "by-country"),
]


@pytest.mark.parametrize(
    ("params", "shown"), [row[:2] for row in CHANGELISTS], ids=[row[2] for row in CHANGELISTS]
)
def test_changelist_search_and_filters(editor_client, offices, params, shown):
    cl = changelist(editor_client, CHANGELIST_URL, params)
    assert [str(office) for office in cl.result_list] == shown


def test_every_filter_and_search_is_covered_above(editor_client, offices):
    cl = changelist(editor_client, CHANGELIST_URL)
    offered = {spec.expected_parameters()[0] for spec in cl.filter_specs} | {"q"}
    assert offered == {key for params, _, _ in CHANGELISTS for key in params}


def test_country_filter_offers_only_countries_that_have_an_office(editor_client, offices):
    cl = changelist(editor_client, CHANGELIST_URL)
    (country_filter,) = [spec for spec in cl.filter_specs if spec.title == "country"]
    offered = [choice["display"] for choice in country_filter.choices(cl)]
    assert offered == [
        "All",
        "Austria",
        "Egypt",
        "Eswatini",
        "Kenya",
        "Panama",
        "Senegal",
        "South Africa",
        "Thailand",
    ]


def test_changelist_counts_the_countries_in_each_purview(editor_client, offices):
    cl = changelist(editor_client, CHANGELIST_URL, {"kind__exact": "regional"})
    counts = {office.slug: office.country_total for office in cl.result_list}
    assert counts["southern-africa"] == 4
    assert counts["east-and-horn-of-africa"] == 1
    assert counts["americas"] == 0


def test_changelist_queries_do_not_grow_with_offices(editor_client, db):
    CountryFactory()
    one = count_queries(editor_client, CHANGELIST_URL)
    CountryFactory.create_batch(49)
    assert count_queries(editor_client, CHANGELIST_URL) == one
    assert changelist(editor_client, CHANGELIST_URL).result_count == 50
