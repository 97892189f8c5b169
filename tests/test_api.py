"""The public JSON API against the demo data: what each endpoint says, that drafts never
appear, that bad query parameters get a 4xx (never a 500), and a fixed number of queries."""

import re
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.throttling import AnonRateThrottle

from initiatives.models import Initiative
from profiles.models import Country
from profiles.publication import Status
from tests.factories import CountryFactory, InitiativeFactory, StatisticFactory, YearlyPlanFactory

COUNTRIES = reverse("api:country-list")
INITIATIVES = reverse("api:initiative-list")
OFFICES = reverse("api:office-list")
INDICATORS = reverse("api:indicator-list")


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    # The anonymous rate limit counts in the cache, which outlives a test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def drafts(demo):
    """A draft country (with a published plan) and a draft plan of a published country."""
    atlantis = CountryFactory(name="Atlantis", slug="atlantis", iso_code="AQ", status=Status.DRAFT)
    InitiativeFactory(plan=YearlyPlanFactory(country=atlantis, year=2020), text="Secret A")
    StatisticFactory(country=atlantis, year=2020)
    lesotho = Country.objects.get(slug="lesotho")
    draft_plan = YearlyPlanFactory(country=lesotho, year=2021, status=Status.DRAFT)
    InitiativeFactory(plan=draft_plan, text="Secret B")
    return atlantis, draft_plan


def get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def test_the_root_lists_every_endpoint(client, db):
    assert set(get(client, reverse("api:api-root"))) == {
        "countries",
        "initiatives",
        "offices",
        "indicators",
    }


def test_countries_lists_published_countries_by_name(client, demo):
    body = get(client, COUNTRIES)
    assert body["count"] == 5
    assert [c["name"] for c in body["results"]] == [
        "Botswana",
        "Eswatini",
        "Kenya",
        "Lesotho",
        "Malawi",
    ]
    lesotho = body["results"][3]
    assert lesotho == {
        "iso_code": "LS",
        "name": "Lesotho",
        "slug": "lesotho",
        "regional_office": "southern-africa",
        "page": "http://testserver/en/countries/lesotho/",
    }


def test_a_country_reads_like_its_page(client, demo):
    body = get(client, reverse("api:country-detail", kwargs={"iso": "ls"}))
    assert body["membership"] == {
        "member_state": True,
        "since": "2010-11-29",
        "precision": "day",
        "since_text": "29 November 2010",
    }
    assert body["regional_office"]["full_name"] == "IOM Regional Office for Southern Africa"
    assert body["contact_office"]["slug"] == "southern-africa"
    facts = [(f["indicator"], f["year"], f["value"], f["shown_as"]) for f in body["latest_facts"]]
    assert facts == [
        ("population", 2020, 2100000, "2.1 million"),
        ("net-migration-rate", 2021, -0.7, "−0.7 migrants/1,000 population"),
        ("remittances", 2021, 561500000, "USD 561.5 million"),
        ("women-percentage-of-immigrants", 2020, None, "Data not available"),
    ]
    assert body["latest_facts"][0]["source"] == "UN DESA, World Population Prospects"
    [plan] = body["plans"]
    assert plan["year"] == 2020
    assert plan["lead_in"] == (
        "In 2020, IOM in Lesotho will support the Government for the following:"
    )
    assert len(plan["initiatives"]) == 7
    assert plan["initiatives"][0]["text"].startswith("Enhance Lesotho law enforcement")


def test_a_country_keeps_its_full_history_with_sources(client, demo):
    lesotho = Country.objects.get(slug="lesotho")
    population = lesotho.statistics.get(indicator__slug="population").indicator
    StatisticFactory(
        country=lesotho, indicator=population, year=2015, value=Decimal("2000000"), source="Census"
    )
    body = get(client, reverse("api:country-detail", kwargs={"iso": "LS"}))
    history = [(s["indicator"], s["year"], s["source"]) for s in body["history"]]
    assert history[:2] == [
        ("population", 2020, "UN DESA, World Population Prospects"),
        ("population", 2015, "Census"),
    ]
    assert body["latest_facts"][0]["year"] == 2020


def test_initiatives_list_every_published_initiative(client, demo):
    body = get(client, INITIATIVES)
    assert body["count"] == Initiative.objects.published().count() == 15
    first = body["results"][0]
    assert first["country"] == "BW" and first["year"] == 2020
    assert set(first) == {
        "id",
        "country",
        "country_name",
        "year",
        "theme",
        "theme_name",
        "text",
        "order",
        "regional_office",
    }


@pytest.mark.parametrize(
    ("params", "countries"),
    [
        ({"country": "lesotho"}, {"LS"}),
        ({"office": "southern-africa", "year": "2020"}, {"LS", "SZ", "BW"}),
        ({"q": "diaspora"}, {"LS", "SZ"}),
    ],
    ids=["country", "office-and-year", "words"],
)
def test_initiatives_take_the_pages_filters(client, demo, params, countries):
    body = get(client, INITIATIVES, **params)
    assert body["count"] > 0
    assert {item["country"] for item in body["results"]} == countries


def test_offices_and_indicators(client, demo):
    offices = get(client, OFFICES)
    assert offices["count"] == 8
    southern = next(o for o in offices["results"] if o["slug"] == "southern-africa")
    assert southern["city"] == "Pretoria" and southern["kind"] == "regional"
    assert southern["telephone"].startswith("+27")
    indicators = get(client, INDICATORS)
    assert [i["slug"] for i in indicators["results"]] == [
        "population",
        "net-migration-rate",
        "remittances",
        "women-percentage-of-immigrants",
        "immigrants",
    ]
    assert indicators["results"][2]["unit_label"] == "US dollars"


def test_drafts_never_appear(client, editor_client, drafts):
    atlantis, draft_plan = drafts
    for http in (client, editor_client):  # staff see drafts on pages, never in the API
        assert "AQ" not in {c["iso_code"] for c in get(http, COUNTRIES)["results"]}
        assert http.get(reverse("api:country-detail", kwargs={"iso": "AQ"})).status_code == 404
        texts = {i["text"] for i in get(http, INITIATIVES)["results"]}
        assert texts and not texts & {"Secret A", "Secret B"}
        # The draft plan's year is a year without published plans, like any other.
        assert get(http, INITIATIVES, year=2021)["results"] == []
    lesotho = get(client, reverse("api:country-detail", kwargs={"iso": "LS"}))
    assert [plan["year"] for plan in lesotho["plans"]] == [2020]


@pytest.mark.parametrize(
    ("url", "params", "status"),
    [
        (COUNTRIES, {"page": "99"}, 404),
        (COUNTRIES, {"page": "x"}, 404),
        (INITIATIVES, {"year": "abc"}, 400),
        (INITIATIVES, {"year": "9" * 40}, 400),
        (INITIATIVES, {"country": "no such country"}, 400),
        (INITIATIVES, {"office": "\x00"}, 400),
        (INITIATIVES, {"q": "x" * 500}, 400),
        (reverse("api:country-detail", kwargs={"iso": "zz"}), {}, 404),
    ],
)
def test_bad_query_parameters_get_a_client_error(client, demo, url, params, status):
    response = client.get(url, params)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"


def test_unsafe_methods_are_refused(client, demo):
    assert client.post(COUNTRIES, {"name": "X"}).status_code == 405
    detail = reverse("api:country-detail", kwargs={"iso": "LS"})
    assert client.delete(detail).status_code == 405


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    "url",
    [COUNTRIES, INITIATIVES, OFFICES, INDICATORS, reverse("api:country-detail", args=["LS"])],
)
def test_queries_do_not_grow_with_the_rows(client, demo, url):
    before = count_queries(client, url)
    lesotho = Country.objects.get(slug="lesotho")
    for year in (2021, 2022):
        plan = YearlyPlanFactory(country=lesotho, year=year)
        InitiativeFactory.create_batch(3, plan=plan)
        StatisticFactory(country=lesotho, indicator__slug=f"extra-{year}", year=year)
    CountryFactory.create_batch(3)
    assert count_queries(client, url) == before


def test_anonymous_requests_are_rate_limited(client, demo, monkeypatch):
    # The throttle counts the requests that reach the API; a page answered from the page
    # cache costs nothing and is not counted. Three different pages reach it.
    monkeypatch.setattr(AnonRateThrottle, "rate", "2/minute", raising=False)
    pages = [f"{INDICATORS}?reader={number}" for number in (1, 2, 3)]
    assert [client.get(page).status_code for page in pages] == [200, 200, 429]


def test_api_addresses_have_no_language_prefix(client, demo):
    assert COUNTRIES == "/api/v1/countries/"
    assert client.get("/fr/api/v1/countries/").status_code == 404


def test_the_schema_is_openapi_3(client, db):
    response = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/countries/",
        "/api/v1/countries/{iso}/",
        "/api/v1/initiatives/",
        "/api/v1/offices/",
        "/api/v1/indicators/",
    }


def test_the_docs_page_names_only_our_static_files(client, db):
    response = client.get(reverse("api:docs"))
    assert response.status_code == 200
    page = response.content.decode()
    assert (
        "<style" not in page and "<script>" not in page and "http" not in page.split("</title>")[1]
    )
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert len(scripts) == 3
    assert all(src.startswith("/static/") for src in scripts[:2])
    # The page's own start-up script is served as a file too.
    assert client.get(scripts[2].replace("&amp;", "&")).status_code == 200


def test_initiatives_take_several_years_offices_and_themes(client, demo):
    body = get(
        client,
        INITIATIVES + "?theme=counter-trafficking&theme=diaspora-engagement&year_from=2020",
    )
    assert body["count"] > 0
    assert {item["theme"] for item in body["results"]} == {
        "counter-trafficking",
        "diaspora-engagement",
    }
    assert get(client, INITIATIVES, status="draft")["count"] == 15  # no such filter here
