"""The page cache: anonymous pages come whole from the cache, and no edit leaves one stale."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from config.page_cache import content_version, release
from initiatives.models import YearlyPlan
from initiatives.rollover import copy_to_next_year
from profiles.models import Country, Statistic
from profiles.publication import Move, Status
from profiles.review import make_move
from profiles.statistics_file import import_statistics
from tests.helpers import admin_form_data

pytestmark = pytest.mark.django_db

LESOTHO = "/en/countries/lesotho/"
LESOTHO_API = "/api/v1/countries/LS/"
VERSION_QUERY = "SELECT version FROM site_contentversion WHERE id = 1"


def get(client, url, **headers):
    """(response, number of queries it took besides reading the content version)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len([query for query in queries if query["sql"] != VERSION_QUERY])


@pytest.fixture
def reader():
    return Client()


@pytest.mark.parametrize(
    "url", [LESOTHO, "/fr/initiatives/?year=2020", LESOTHO_API, "/en/", "/sitemap.xml"]
)
def test_a_page_read_twice_is_served_whole_from_the_cache(reader, demo, url):
    first, first_queries = get(reader, url)
    with CaptureQueriesContext(connection) as queries:
        again = reader.get(url)
    assert first.status_code == again.status_code == 200
    assert first_queries > 0
    # One query: the database's content version, which another process may have moved on.
    # Tests run with the per-process cache (locmem), which reads it on every request.
    assert [query["sql"] for query in queries] == [VERSION_QUERY]
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"]
    # Nothing personal in a shared page: no cookie set, on the first answer or the copy.
    assert not first.cookies and not again.cookies


def test_an_editors_save_in_the_admin_shows_on_the_next_anonymous_request(
    reader, editor_client, demo
):
    assert "Kingdom of Lesotho" not in reader.get(LESOTHO).text
    lesotho = Country.objects.get(slug="lesotho")
    change = reverse("admin:profiles_country_change", args=[lesotho.pk])
    response = editor_client.post(
        change, admin_form_data(editor_client.get(change), name="Kingdom of Lesotho")
    )
    assert response.status_code == 302
    assert "Kingdom of Lesotho" in reader.get(LESOTHO).text
    assert "Kingdom of Lesotho" in reader.get(LESOTHO_API).text


def test_a_deletion_shows_at_once(reader, demo):
    assert reader.get(LESOTHO).status_code == 200
    Country.objects.get(slug="lesotho").plans.all().delete()
    Statistic.objects.filter(country__slug="lesotho").delete()
    Country.objects.filter(slug="lesotho").delete()
    assert reader.get(LESOTHO).status_code == 404


def test_a_bulk_statistics_import_shows_at_once(reader, demo):
    assert "9.9 million" not in reader.get(LESOTHO).text
    report = import_statistics(b"country,indicator,year,value\nLS,population,2020,9900000\n")
    assert report.written, report.errors
    assert "9.9 million" in reader.get(LESOTHO).text


def test_publishing_and_withdrawing_show_at_once(reader, demo, reviewer):
    plan = YearlyPlan.objects.filter(country__slug="lesotho", status=Status.PUBLISHED).first()
    url = f"{LESOTHO}?year={plan.year}"
    assert reader.get(url).status_code == 200
    make_move(plan, Move.WITHDRAW, reviewer)
    assert reader.get(url).status_code == 404
    make_move(plan, Move.SUBMIT, reviewer)
    make_move(plan, Move.PUBLISH, reviewer)
    assert reader.get(url).status_code == 200


def test_the_sitemap_follows_the_content(reader, demo):
    assert "/en/countries/kenya/" in reader.get("/sitemap.xml").text  # and stored
    kenya = Country.objects.get(slug="kenya")
    kenya.slug = "republic-of-kenya"
    kenya.save()
    sitemap = reader.get("/sitemap.xml").text
    assert "/en/countries/republic-of-kenya/" in sitemap
    assert "/en/countries/kenya/" not in sitemap


def test_a_rollover_changes_the_content_version(demo):
    plan = YearlyPlan.objects.filter(country__slug="lesotho").order_by("-year").first()
    before = content_version()
    copy_to_next_year(plan)
    assert content_version() != before


def test_signed_in_staff_are_never_served_nor_stored_in_the_cache(client, editor, demo):
    draft = Country.objects.get(slug="lesotho")
    draft.status = Status.DRAFT
    draft.save()
    client.force_login(editor)
    staff_page = client.get(LESOTHO)
    assert staff_page.status_code == 200  # the editor previews the draft
    assert get(client, LESOTHO)[1] > 0  # and is never given a stored copy
    assert Client().get(LESOTHO).status_code == 404  # the draft's page was not stored


def test_not_found_pages_are_not_stored(reader, demo):
    assert get(reader, "/en/countries/atlantis/")[0].status_code == 404
    assert get(reader, "/en/countries/atlantis/")[1] > 0


def test_each_language_has_its_own_copy(reader, demo):
    lesotho = Country.objects.get(slug="lesotho")
    lesotho.name_fr = "Royaume du Lesotho"
    lesotho.save()
    french = reader.get(LESOTHO_API, headers={"Accept-Language": "fr"})
    english = reader.get(LESOTHO_API, headers={"Accept-Language": "en"})
    assert "Royaume du Lesotho" in french.text
    assert "Royaume du Lesotho" not in english.text
    with translation.override("fr"):
        assert (
            "Royaume du Lesotho" in reader.get(reverse("profiles:country", args=["lesotho"])).text
        )
    assert "Royaume du Lesotho" not in reader.get(LESOTHO).text


def test_conditional_gets_are_answered_304_until_the_content_changes(reader, demo):
    first = reader.get(LESOTHO)
    assert first["ETag"] and first["Last-Modified"]
    assert "no-cache" in first["Cache-Control"]  # browsers ask again, and get a 304
    assert reader.get(LESOTHO, headers={"If-None-Match": first["ETag"]}).status_code == 304
    since = {"If-Modified-Since": first["Last-Modified"]}
    assert reader.get(LESOTHO, headers=since).status_code == 304

    lesotho = Country.objects.get(slug="lesotho")
    lesotho.name = "Kingdom of Lesotho"
    lesotho.save()
    changed = reader.get(LESOTHO, headers={"If-None-Match": first["ETag"]})
    assert changed.status_code == 200
    assert "Kingdom of Lesotho" in changed.text
    assert changed["ETag"] != first["ETag"]


def test_the_cache_can_be_turned_off(reader, demo, settings):
    settings.PAGE_CACHE = False
    reader.get(LESOTHO)
    assert get(reader, LESOTHO)[1] > 0


def test_a_new_release_gets_keys_of_its_own(settings, tmp_path):
    # After a deploy, pages the old templates rendered are not served from the shared cache.
    (tmp_path / "templates").mkdir()
    template = tmp_path / "templates" / "page.html"
    template.write_text("<h1>One</h1>")
    settings.BASE_DIR = tmp_path
    try:
        release.cache_clear()
        first = release()
        release.cache_clear()
        assert release() == first  # the same files, the same fingerprint on every server
        template.write_text("<h1>Two</h1>")
        release.cache_clear()
        assert release() != first
    finally:
        release.cache_clear()
