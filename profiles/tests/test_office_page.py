"""The office page and the contact card it shares with the country page."""

import pytest
from django.urls import reverse

from contacts.models import Office
from profiles.models import Country
from profiles.publication import Status
from tests.factories import CountryFactory, OfficeFactory
from tests.helpers import assert_in_order, count_queries, page_text


def office_url(slug):
    return reverse("profiles:office", kwargs={"slug": slug})


SOUTHERN_AFRICA_CARD = [
    "Contact information",
    "International Organization for Migration (IOM)",
    "Regional Office for Southern Africa",
    "Walker Creek Office Park, Building Number 4",
    "90 Florence Ribeiro Avenue, entrance at 25 Nicholson St",
    "Nieuw Muckleneuk, Groenkloof, Pretoria",
    "South Africa",
    "Tel: +27 12 342 14 97",
    "Fax: +27 12 34 20 932",
    "Email: ropretoria@iom.int",
    "Website: https://ropretoria.iom.int/",
]


def test_office_page_shows_the_contact_card_in_order(client, demo):
    response = client.get(office_url("southern-africa"))
    assert response.status_code == 200
    assert_in_order(
        page_text(response),
        ["IOM Regional Office for Southern Africa", "Regional office in Pretoria, South Africa"]
        + SOUTHERN_AFRICA_CARD,
    )


@pytest.mark.parametrize(
    "link",
    [
        '<a href="tel:+27123421497"><span itemprop="telephone">+27 12 342 14 97</span></a>',
        '<a href="mailto:ropretoria@iom.int"><span itemprop="email">ropretoria@iom.int</span></a>',
        '<a href="https://ropretoria.iom.int/">https://ropretoria.iom.int/</a>',
    ],
    ids=["telephone", "email", "website"],
)
@pytest.mark.parametrize("where", ["office", "country"])
def test_contact_card_links(client, demo, where, link):
    url = (
        office_url("southern-africa")
        if where == "office"
        else Country.objects.get(slug="lesotho").get_absolute_url()
    )
    assert link in client.get(url).content.decode()


def test_contact_card_leaves_out_what_the_office_lacks(client, db):
    OfficeFactory(slug="bare", name="Bare Office", address="", telephone="", email="", website="")
    response = client.get(office_url("bare"))
    text = page_text(response)
    for label in ["Tel:", "Fax:", "Email:", "Website:"]:
        assert label not in text
    assert 'class="contact-means"' not in response.content.decode()


def test_telephone_saved_without_validation_is_shown_unlinked(client, db):
    Office.objects.create(name="Legacy", slug="legacy", telephone="ask the switchboard")
    response = client.get(office_url("legacy"))
    assert "Tel: ask the switchboard" in page_text(response)
    assert 'href="tel:' not in response.content.decode()


def purview_names(response):
    return [row["country"].name for row in response.context["comparison"].rows]


def test_office_page_lists_the_countries_under_its_purview(client, demo):
    response = client.get(office_url("southern-africa"))
    assert purview_names(response) == [
        "Botswana",
        "Eswatini",
        "Lesotho",
        "Malawi",
    ]
    assert_in_order(
        page_text(response),
        ["Countries under its purview", "Botswana", "Eswatini", "Lesotho", "Malawi"],
    )
    assert f'href="{reverse("profiles:country", kwargs={"slug": "lesotho"})}"' in (
        response.content.decode()
    )


def test_country_office_page_lists_the_countries_it_answers_for(client, demo):
    response = client.get(office_url("eswatini"))
    text = page_text(response)
    assert_in_order(text, ["IOM Eswatini", "Country office in Mbabane", "Contact office for"])
    assert [country.name for country in response.context["contact_for"]] == ["Eswatini"]
    assert "Countries under its purview" not in text


def test_unknown_office_is_the_site_404_page(client, demo):
    response = client.get(office_url("atlantis"))
    assert response.status_code == 404
    assert "Page not found" in page_text(response)


@pytest.fixture
def draft(demo):
    CountryFactory(
        name="Zambia",
        slug="zambia",
        iso_code="ZM",
        regional_office=Office.objects.get(slug="southern-africa"),
        status=Status.DRAFT,
    )


@pytest.mark.parametrize("who", ["anonymous", "staff"])
def test_draft_country_is_not_listed_for_readers(client, draft, staff, who):
    if who == "staff":
        client.force_login(staff)
    response = client.get(office_url("southern-africa"))
    assert "Zambia" not in page_text(response)
    assert purview_names(response)[-1] == "Malawi"


def test_draft_country_is_listed_with_a_tag_for_editors(editor_client, draft):
    text = page_text(editor_client.get(office_url("southern-africa")))
    assert_in_order(text, ["Malawi", "Zambia Draft"])


def test_office_page_queries_do_not_grow_with_countries(client, db):
    office = OfficeFactory(slug="region")
    CountryFactory(regional_office=office, contact_office=office)
    one = count_queries(client, office_url("region"))
    CountryFactory.create_batch(48, regional_office=office, contact_office=office)
    CountryFactory(name="The fiftieth", regional_office=office, contact_office=office)
    assert count_queries(client, office_url("region")) == one
    assert "The fiftieth" in page_text(client.get(office_url("region")))


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_draft_country_in_contact_list_only_for_editors_and_tagged(client, editor, demo, who):
    if who == "editor":
        client.force_login(editor)
    Country.objects.filter(slug="eswatini").update(status=Status.DRAFT)
    response = client.get(office_url("eswatini"))
    shown = [country.name for country in response.context["contact_for"]]
    assert shown == ([] if who == "anonymous" else ["Eswatini"])
    if who == "editor":
        assert_in_order(page_text(response), ["Contact office for", "Eswatini Draft"])
