"""The reviewers' search: several years and year ranges, several offices and themes, plan
status for staff, words (ranked on PostgreSQL), facet counts, sorting and a shareable URL."""

import html
import re
from urllib.parse import urlsplit

import pytest
from django.db import connection
from django.urls import reverse

from profiles.publication import Status
from profiles.years import last_year
from tests.factories import CountryFactory, InitiativeFactory, YearlyPlanFactory

LIST_URL = reverse("initiatives:list")
ALL = ["L21", "S21", "K20", "L20a", "L20b"]
POSTGRESQL = connection.vendor == "postgresql"  # full-text search; SQLite matches as typed


@pytest.fixture(autouse=True)
def no_page_cache(settings):
    # These tests read the view's context, which a page from the page cache does not carry.
    settings.PAGE_CACHE = False


def keys(response, catalogue):
    assert response.status_code == 200
    by_pk = {initiative.pk: key for key, initiative in catalogue.items()}
    return [by_pk[initiative.pk] for initiative in response.context["page"].object_list]


FILTERS = [
    ("year=2020&year=2021", ALL),
    ("year=2021", ["L21", "S21"]),
    ("year_from=2021", ["L21", "S21"]),
    ("year_to=2020", ["K20", "L20a", "L20b"]),
    ("year_from=2020&year_to=2020", ["K20", "L20a", "L20b"]),
    ("year_from=2022", []),
    ("year_from=2021&year_to=2020", []),
    ("year=2020&year_from=2021", []),
    ("office=eastern&office=western", ["S21", "K20"]),
    ("theme=migration-data&theme=labour-migration", ["L21", "L20b"]),
    ("office=southern&theme=counter-trafficking&theme=migration-data", ["L21", "L20a"]),
]


@pytest.mark.parametrize(("query", "expected"), FILTERS, ids=[q for q, _ in FILTERS])
def test_years_ranges_offices_and_themes(client, catalogue, query, expected):
    response = client.get(f"{LIST_URL}?{query}")
    assert not response.context["filter"].form.errors
    assert keys(response, catalogue) == expected


@pytest.mark.parametrize(
    ("query", "field", "error"),
    [
        ("year_from=1800", "year_from", "Ensure this value is greater than or equal to 1951."),
        ("year_to=3000", "year_to", f"Ensure this value is less than or equal to {last_year()}."),
        ("year_from=abc", "year_from", "Enter a whole number."),
        (
            "year_to=" + "9" * 40,
            "year_to",
            f"Ensure this value is less than or equal to {last_year()}.",
        ),
        (
            "sort=random",
            "sort",
            "Select a valid choice. random is not one of the available choices.",
        ),
    ],
    ids=["from-before-iom", "to-far-ahead", "from-not-a-number", "to-huge", "sort-unknown"],
)
def test_bad_range_or_sort_is_reported_and_ignored(client, catalogue, query, field, error):
    response = client.get(f"{LIST_URL}?{query}")
    assert response.context["filter"].form.errors == {field: [error]}
    assert f'id="id_{field}-error">{html.escape(error)}</p>' in response.text
    assert keys(response, catalogue) == ALL


# --- Words: the same results on SQLite and PostgreSQL ------------------------------------

WORDS = [
    ("q=police", ["L20a"]),
    ("q=TRAFFICK", ["K20", "L20a"]),
    ("q=shelter+victims", ["K20"]),
    ("q=kenya", ["K20"]),
    ("q=lesotho+migration", ["L21"]),
    ("q=Tomé", ["S21"]),
    ("q=ão", ["S21"]),
    ("q=agreements", ["L20b"]),
    ("q=zebra", []),
]


@pytest.mark.parametrize(("query", "expected"), WORDS, ids=[q for q, _ in WORDS])
def test_words_match_on_every_database(client, catalogue, query, expected):
    assert keys(client.get(f"{LIST_URL}?{query}"), catalogue) == expected


def test_postgresql_also_finds_other_forms_of_a_word(client, catalogue):
    # "agreement" is in no text as such: both find "agreements", which contains it.
    assert keys(client.get(LIST_URL, {"q": "agreement"}), catalogue) == ["L20b"]
    # "trafficked": PostgreSQL's English stemmer finds "trafficking" too; SQLite doesn't.
    found = set(keys(client.get(LIST_URL, {"q": "trafficked"}), catalogue))
    as_typed = {key for key, item in catalogue.items() if "trafficked" in item.text.lower()}
    if POSTGRESQL:
        assert found == {"K20", "L20a"} and found > as_typed
    else:
        assert found == as_typed


def test_postgresql_ranks_the_best_match_first_sqlite_finds_both(client, db):
    aland = CountryFactory(name="Aland")
    zambia = CountryFactory(name="Zambia")
    weak = InitiativeFactory(plan=YearlyPlanFactory(country=aland), text="Share border data.")
    strong = InitiativeFactory(
        plan=YearlyPlanFactory(country=zambia),
        text="Border management: border posts, border data and border training.",
    )
    ranked = client.get(LIST_URL, {"q": "border"}).context["page"].object_list
    if POSTGRESQL:
        assert list(ranked) == [strong, weak]
    else:  # no ranking: both found
        assert set(ranked) == {strong, weak}
    by_country = client.get(LIST_URL, {"q": "border", "sort": "country"})
    assert list(by_country.context["page"].object_list) == [weak, strong]


# --- Sorting ---------------------------------------------------------------------------

SORTS = [
    ("", ALL),
    ("newest", ALL),
    ("oldest", ["K20", "L20a", "L20b", "L21", "S21"]),
    ("country", ["K20", "L21", "L20a", "L20b", "S21"]),
    ("theme", ["K20", "L20a", "S21", "L20b", "L21"]),
]


@pytest.mark.parametrize(("sort", "expected"), SORTS, ids=[s or "default" for s, _ in SORTS])
def test_sorting(client, catalogue, sort, expected):
    assert keys(client.get(LIST_URL, {"sort": sort}), catalogue) == expected


# --- Facets ----------------------------------------------------------------------------


def facet_counts(response):
    """{"year": {"2021": (2, False), ...}, ...}: each box's count and whether it is ticked."""
    return {
        field.name: {value: (count, checked) for value, _, count, checked in options}
        for field, options in response.context["facets"]
    }


def test_facets_count_the_whole_list(client, catalogue):
    counts = facet_counts(client.get(LIST_URL))
    assert counts["year"] == {"2021": (2, False), "2020": (3, False)}
    assert counts["office"] == {
        "eastern": (1, False),
        "southern": (3, False),
        "western": (1, False),
    }
    assert counts["theme"]["counter-trafficking"] == (2, False)
    assert counts["theme"]["border-management"] == (0, False)


def test_facets_count_the_current_filter_without_their_own_choice(client, catalogue):
    response = client.get(LIST_URL, {"year": "2020", "office": "southern"})
    counts = facet_counts(response)
    # Years among the southern office's; offices among 2020's; themes within both.
    assert counts["year"] == {"2021": (1, False), "2020": (2, True)}
    assert counts["office"] == {"eastern": (1, False), "southern": (2, True), "western": (0, False)}
    assert counts["theme"]["counter-trafficking"] == (1, False)
    assert counts["theme"]["labour-migration"] == (1, False)
    assert counts["theme"]["migration-data"] == (0, False)
    text = re.sub(r"\s+", " ", response.text)
    assert 'value="2020" checked> 2020 <span class="facet-count">(2)</span>' in text


def test_facets_follow_the_words(client, catalogue):
    counts = facet_counts(client.get(LIST_URL, {"q": "diaspora"}))
    assert counts["year"] == {"2021": (1, False), "2020": (0, False)}


# --- Plan status, for staff only --------------------------------------------------------


@pytest.fixture
def mixed(db):
    return {
        "published": InitiativeFactory(text="Published item."),
        "draft": InitiativeFactory(plan__status=Status.DRAFT, text="Draft item."),
        "draft country": InitiativeFactory(
            plan__country=CountryFactory(status=Status.DRAFT), text="Draft country item."
        ),
    }


@pytest.mark.parametrize(
    ("status", "expected"),
    [("published", {"published"}), ("draft", {"draft", "draft country"}), ("", None)],
    ids=["published", "draft", "any"],
)
def test_editors_filter_by_plan_status(editor_client, mixed, status, expected):
    response = editor_client.get(LIST_URL, {"status": status})
    shown = set(response.context["page"].object_list)
    assert shown == {mixed[key] for key in (expected or mixed)}
    assert 'name="status"' in response.text


@pytest.mark.parametrize("user", [None, "staff"], ids=["anonymous", "staff-in-no-group"])
def test_others_have_no_status_filter(request, client, mixed, user):
    if user:
        client.force_login(request.getfixturevalue(user))
    response = client.get(LIST_URL, {"status": "draft"})
    assert 'name="status"' not in response.text
    assert list(response.context["page"].object_list) == [mixed["published"]]


# --- A URL that reproduces the view -------------------------------------------------------


def test_the_link_to_this_view_reproduces_it(client, catalogue):
    query = {"year": ["2020", "2021"], "theme": ["counter-trafficking"], "sort": "country"}
    response = client.get(LIST_URL, query)
    href = html.unescape(re.search(r'<a href="([^"]+)" rel="bookmark"', response.text).group(1))
    assert urlsplit(href).path == LIST_URL
    again = client.get(href)
    assert keys(again, catalogue) == keys(response, catalogue) == ["K20", "L20a"]
    assert facet_counts(again) == facet_counts(response)
    # The form shows the same choices, so submitting it changes nothing.
    assert 'name="theme" value="counter-trafficking" checked' in again.text
    assert '<option value="country" selected>' in again.text


def test_phones_can_skip_the_filters_to_the_results(client, catalogue):
    response = client.get(LIST_URL, {"year": "2021"})
    assert '<a href="#results">Go to the 2 results</a>' in response.text
    assert '<section class="results" id="results"' in response.text
