"""/offices/ lists every office by kind; /countries/ leads to the list of countries: a reader
who shortens an address finds a page."""

import pytest
from django.urls import reverse

from profiles.models import Country
from profiles.publication import Status
from tests.factories import CountryFactory, OfficeFactory
from tests.helpers import assert_in_order, count_queries, page_text

OFFICES = reverse("profiles:office_list")


def test_offices_are_listed_by_kind_with_the_countries_they_cover(client, demo):
    response = client.get(OFFICES)

    assert response.status_code == 200
    assert_in_order(
        page_text(response),
        [
            "IOM offices",
            "Regional offices",
            "IOM Regional Office for East and Horn of Africa, Nairobi",
            "Covers: Kenya",
            "IOM Regional Office for Southern Africa, Pretoria",
            "Covers: Botswana, Eswatini, Lesotho, Malawi",
            "Country offices",
            "IOM Eswatini, Mbabane",
            "Contact for: Eswatini",
        ],
    )
    assert reverse("profiles:office", args=["eswatini"]) in response.text
    assert reverse("profiles:country", args=["lesotho"]) in response.text


def test_offices_read_in_the_readers_language(client, demo):
    text = page_text(client.get("/fr/offices/"))
    assert_in_order(text, ["Bureaux de l’OIM", "Bureaux régionaux", "Bureaux de pays"])
    assert "Pretoria" in text


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_a_draft_country_is_listed_for_editors_only_and_tagged(client, editor, demo, who):
    if who == "editor":
        client.force_login(editor)
    Country.objects.filter(slug="malawi").update(status=Status.DRAFT)

    text = page_text(client.get(OFFICES))

    if who == "editor":
        assert "Covers: Botswana, Eswatini, Lesotho, Malawi Draft" in text
    else:
        assert "Covers: Botswana, Eswatini, Lesotho" in text and "Malawi" not in text


def test_office_list_queries_do_not_grow_with_offices_and_countries(client, db):
    office = OfficeFactory()
    CountryFactory(regional_office=office, contact_office=office)
    one = count_queries(client, OFFICES)
    for _ in range(10):
        other = OfficeFactory()
        CountryFactory.create_batch(3, regional_office=other, contact_office=other)
    assert count_queries(client, OFFICES) == one


@pytest.mark.parametrize("query", ["", "?q=les"])
def test_countries_leads_to_the_list_of_countries(client, db, query):
    response = client.get(f"/en/countries/{query}")

    assert response.status_code == 301
    assert response["Location"] == f"/en/{query}"


def test_the_main_navigation_leads_to_the_offices(client, demo):
    response = client.get(reverse("profiles:country_list"))
    assert f'href="{OFFICES}"' in response.text
    assert 'aria-current="page">Offices' in client.get(OFFICES).text
