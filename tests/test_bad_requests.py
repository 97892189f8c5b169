"""Addresses and bodies that no form would send: a 404, the default view or a 400, never a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.test_security_headers import InlineCode

LONG = "9" * 5000
NOT_UTF8 = "%ff%fe%fd"

READER_URLS = {
    # The country page's ?year=
    "year-letters": "/en/countries/lesotho/?year=abc",
    "year-negative": "/en/countries/lesotho/?year=-1",
    "year-zero": "/en/countries/lesotho/?year=0",
    "year-far-future": "/en/countries/lesotho/?year=9999",
    "year-huge": f"/en/countries/lesotho/?year={LONG}",
    "year-empty": "/en/countries/lesotho/?year=",
    "year-repeated": "/en/countries/lesotho/?year=2020&year=1999",
    "year-not-utf8": f"/en/countries/lesotho/?year={NOT_UTF8}",
    "year-nul": "/en/countries/lesotho/?year=%00",
    # Unknown, long and undecodable slugs
    "country-unknown": "/en/countries/atlantis/",
    "country-long-slug": f"/en/countries/{'a' * 3000}/",
    "country-not-utf8": f"/en/countries/{NOT_UTF8}/",
    "country-nul": "/en/countries/les%00otho/",
    "statistics-unknown": "/en/countries/atlantis/statistics.csv",
    "statistics-other-format": "/en/countries/lesotho/statistics.xml",
    "office-unknown": "/en/offices/atlantis/",
    "office-not-utf8": f"/en/offices/{NOT_UTF8}/",
    "path-not-utf8": f"/en/{NOT_UTF8}",
    "no-language-not-utf8": f"/{NOT_UTF8}/",
    "unknown-language": "/xx/countries/lesotho/",
    # The office comparison's ?sort=
    "sort-unknown": "/en/offices/southern-africa/?sort=zzz",
    "sort-long": f"/en/offices/southern-africa/?sort={LONG}",
    "sort-repeated": "/en/offices/southern-africa/?sort=name&sort=-population",
    "sort-not-utf8": f"/en/offices/southern-africa/?sort={NOT_UTF8}",
    # The home page's search
    "search-long": f"/en/?q={'x' * 10000}",
    "search-not-utf8": f"/en/?q={NOT_UTF8}",
    "search-nul": "/en/?q=a%00b",
    "search-repeated": "/en/?q=les&q=swa",
    "search-nul-key": "/en/?q%00=les&%00=",
    # The initiatives' filter and pages
    "page-letters": "/en/initiatives/?page=abc",
    "page-zero": "/en/initiatives/?page=0",
    "page-negative": "/en/initiatives/?page=-3",
    "page-beyond": "/en/initiatives/?page=99999",
    "page-huge": f"/en/initiatives/?page={LONG}",
    "page-float": "/en/initiatives/?page=1e309",
    "filter-year-letters": "/en/initiatives/?year=abc",
    "filter-year-huge": f"/en/initiatives/?year={LONG}",
    "filter-unknown-country": "/en/initiatives/?country=atlantis&office=nowhere&theme=none",
    "filter-repeated": "/en/initiatives/?theme=diaspora-engagement&theme=labour-migration",
    "filter-not-utf8": f"/en/initiatives/?country={NOT_UTF8}&q={NOT_UTF8}",
    "filter-nul": "/en/initiatives/?q=a%00b&country=%00",
    "filter-long-words": f"/en/initiatives/?q={'word ' * 2000}",
    "export-bad-filter": f"/en/initiatives/export.csv?year=abc&q={NOT_UTF8}&page=-1",
    "robots-query": f"/robots.txt?{NOT_UTF8}={NOT_UTF8}",
    "sitemap-page": "/sitemap.xml?p=abc",
}


@pytest.mark.parametrize("url", READER_URLS.values(), ids=READER_URLS.keys())
def test_bad_addresses_give_a_404_or_the_default_view(client, demo, url):
    response = client.get(url)
    # An export refuses a filter it did not understand rather than list everything.
    expected = {400} if "/export." in url else {200, 301, 302, 404}
    assert response.status_code in expected, response.status_code


@pytest.mark.parametrize(
    "url",
    [
        "/en/countries/lesotho/?year=abc",
        "/en/initiatives/?page=abc",
        f"/en/?q={NOT_UTF8}",
        f"/en/countries/{NOT_UTF8}/",
    ],
)
def test_bad_addresses_give_a_404_or_the_default_view_in_production(client, demo, url, settings):
    # With DEBUG off a 404 renders the site's own page, with its language links.
    settings.DEBUG = False
    assert client.get(url).status_code in {200, 404}


ADMIN_URLS = {
    "list-order-letters": "/admin/profiles/country/?o=abc",
    "list-page-letters": "/admin/profiles/country/?p=abc",
    "list-page-beyond": "/admin/profiles/country/?p=99999",
    "list-search-nul": "/admin/profiles/country/?q=a%00b",
    "list-search-not-utf8": f"/admin/initiatives/yearlyplan/?q={NOT_UTF8}",
    "list-filter-unknown": "/admin/initiatives/yearlyplan/?year=abc",
    "change-unknown": "/admin/profiles/country/999999/change/",
    "change-letters": "/admin/profiles/country/abc/change/",
    "autocomplete-bad": "/admin/autocomplete/?app_label=profiles&model_name=nothing&field_name=x",
    "autocomplete-nul": (
        "/admin/autocomplete/?app_label=profiles&model_name=country"
        "&field_name=regional_office&term=%00"
    ),
}


@pytest.mark.parametrize("url", ADMIN_URLS.values(), ids=ADMIN_URLS.keys())
def test_bad_admin_addresses_never_give_a_500(editor_client, demo, url):
    response = editor_client.get(url)
    assert response.status_code in {200, 302, 400, 403, 404}, response.status_code


def test_an_oversized_body_is_refused(client, db, settings):
    body = "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post(
        reverse("admin:login"),
        {"username": "amina", "password": body},
    )
    assert response.status_code in {400, 413}


def test_too_many_fields_are_refused(client, db, settings):
    fields = {f"field{number}": "x" for number in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1)}
    response = client.post(reverse("admin:login"), fields)
    assert response.status_code in {400, 413}


def test_a_large_admin_form_is_still_read(client, db):
    # Room for a country with decades of figures: 400 inline rows of 8 fields each.
    fields = {f"statistics-{row}-{column}": "x" for row in range(400) for column in range(8)}
    response = client.post(reverse("admin:login"), {"username": "amina", **fields})
    assert response.status_code == 200  # the form again: wrong password, but read


def test_a_form_without_its_csrf_token_gets_the_sites_own_page(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("admin:login"), {"username": "amina", "password": "x"})
    assert response.status_code == 403
    assert "The form could not be sent" in response.text
    # Django's own page would style itself inline, which the policy blocks.
    parser = InlineCode()
    parser.feed(response.text)
    assert parser.found == []
