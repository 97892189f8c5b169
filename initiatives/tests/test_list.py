import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import timezone

from profiles.publication import Status
from tests.factories import CountryFactory, InitiativeFactory, ThemeFactory, YearlyPlanFactory

LIST_URL = reverse("initiatives:list")
ALL = ["L21", "S21", "K20", "L20a", "L20b"]  # the catalogue in the page's order
LONG_TEXT = "x" * 5000


def keys(response, catalogue):
    """The catalogue keys of the initiatives on the page, in the page's order."""
    by_pk = {initiative.pk: key for key, initiative in catalogue.items()}
    return [by_pk[initiative.pk] for initiative in response.context["page"].object_list]


def test_page_lists_every_initiative_in_order(client, catalogue):
    response = client.get(LIST_URL)

    assert response.status_code == 200
    assert keys(response, catalogue) == ALL
    assert "5 initiatives found." in response.text
    assert catalogue["S21"].text in response.text
    assert "São Tomé and Príncipe" in response.text
    assert 'href="/en/countries/sao-tome/?year=2021#initiatives"' in response.text


SINGLE_FILTERS = [
    ("year=2020", ["K20", "L20a", "L20b"]),
    ("year=2021", ["L21", "S21"]),
    ("country=lesotho", ["L21", "L20a", "L20b"]),
    ("country=sao-tome", ["S21"]),
    ("office=eastern", ["K20"]),
    ("office=southern", ["L21", "L20a", "L20b"]),
    ("theme=counter-trafficking", ["K20", "L20a"]),
    ("theme=migration-data", ["L21"]),
    ("q=labour", ["L20b"]),
    ("q=TRAFFICK", ["K20", "L20a"]),
    ("q=police", ["L20a"]),  # "trafficked" finds "trafficking" too on PostgreSQL
    ("q=kenya", ["K20"]),
    ("q=LESOTHO", ["L21", "L20a", "L20b"]),
    ("q=lesotho+labour", ["L20b"]),
    ("q=++profile++", ["L21"]),
    ("q=Tomé", ["S21"]),
    ("q=ão", ["S21"]),
    ("q=%25", []),
    ("q=_", []),
]


@pytest.mark.parametrize(
    ("query", "expected"), SINGLE_FILTERS, ids=[query for query, _ in SINGLE_FILTERS]
)
def test_each_filter_alone(client, catalogue, query, expected):
    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code == 200
    assert not response.context["filter"].form.errors
    assert keys(response, catalogue) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("year=2020&theme=counter-trafficking", ["K20", "L20a"]),
        ("year=2020&country=lesotho&theme=labour-migration", ["L20b"]),
        ("office=southern&q=profile", ["L21"]),
        ("year=2021&office=western&theme=diaspora-engagement&q=diaspora", ["S21"]),
        ("country=kenya&office=eastern&year=2020", ["K20"]),
    ],
    ids=["year+theme", "year+country+theme", "office+q", "all-but-country", "country+office+year"],
)
def test_filters_combined(client, catalogue, query, expected):
    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code == 200
    assert keys(response, catalogue) == expected


@pytest.mark.parametrize(
    "query",
    ["year=2021&country=kenya", "office=eastern&theme=migration-data", "q=nothing-like-this"],
    ids=["year+country", "office+theme", "text"],
)
def test_no_results_says_so(client, catalogue, query):
    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code == 200
    assert keys(response, catalogue) == []
    assert "0 initiatives found." in response.text
    assert "No initiatives match these filters." in response.text
    assert "Download these as CSV" not in response.text


SLUG_ERROR = "Enter a valid “slug” consisting of letters, numbers, underscores or hyphens."


def year_error():
    return f"Enter a year between 1951 (IOM's founding) and {timezone.now().year + 6}."


@pytest.mark.parametrize(
    ("query", "field", "error", "expected"),
    [
        ("year=abc", "year", year_error, ALL),
        ("year=20x9", "year", year_error, ALL),
        ("year=1800", "year", year_error, ALL),
        ("year=99999", "year", year_error, ALL),
        ("country=no+where", "country", lambda: SLUG_ERROR, ALL),
        ("office=nowhere!", "office", lambda: SLUG_ERROR, ALL),
        ("theme=%C3%A9", "theme", lambda: SLUG_ERROR, ALL),
        (
            f"q={LONG_TEXT}",
            "q",
            lambda: "Ensure this value has at most 200 characters (it has 5000).",
            ALL,
        ),
        ("year=2020&theme=no+where", "theme", lambda: SLUG_ERROR, ["K20", "L20a", "L20b"]),
        ("year=abc&country=kenya", "year", year_error, ["K20"]),
    ],
    ids=[
        "year-not-a-number",
        "year-with-a-letter",
        "year-before-iom",
        "year-five-digits",
        "country-not-a-slug",
        "office-not-a-slug",
        "theme-not-ascii",
        "q-5000-characters",
        "bad-theme-good-year",
        "bad-year-good-country",
    ],
)
def test_malformed_filter_is_reported_and_left_out(
    client, catalogue, query, field, error, expected
):
    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code == 200
    assert response.context["filter"].form.errors == {field: [error()]}
    assert "Some filters were not understood and were left out" in response.text
    shown = f'<p class="field-error" id="id_{field}-error">{html.escape(error())}</p>'
    assert shown in response.text
    assert keys(response, catalogue) == expected
    # The downloads hold only what the list applies, so they give what the page shows.
    href = html.unescape(re.search(r'href="([^"]+)" download', response.text).group(1))
    assert field not in parse_qs(urlsplit(href).query)


@pytest.mark.parametrize(
    ("query", "notes", "expected"),
    [
        ("year=2019", ["No initiatives for 2019."], []),
        ("year=2019&year=2020", ["No initiatives for 2019."], ["K20", "L20a", "L20b"]),
        ("country=nowhere", ["No country “nowhere”, so no initiatives for it."], []),
        ("office=nowhere", ["No regional office “nowhere”, so no initiatives for it."], []),
        ("office=maseru", ["No regional office “maseru”, so no initiatives for it."], []),
        ("theme=nowhere", ["No theme “nowhere”, so no initiatives for it."], []),
        ("year=2020&theme=nowhere", ["No theme “nowhere”, so no initiatives for it."], []),
        (
            "office=eastern&office=nowhere&theme=nothing",
            [
                "No regional office “nowhere”, so no initiatives for it.",
                "No theme “nothing”, so no initiatives for it.",
            ],
            [],
        ),
    ],
    ids=[
        "year-without-plans",
        "one-year-without-plans",
        "country-unknown",
        "office-unknown",
        "office-not-regional",
        "theme-unknown",
        "good-year-unknown-theme",
        "an-office-of-two-unknown",
    ],
)
def test_a_well_formed_value_without_content_narrows_to_nothing_and_says_so(
    client, catalogue, query, notes, expected
):
    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code == 200
    assert not response.context["filter"].form.errors
    assert keys(response, catalogue) == expected
    assert re.findall(r"<li>(No [^<]*)</li>", html.unescape(response.text)) == notes
    assert "not understood" not in response.text


def test_a_year_without_plans_still_offers_the_years_that_have_some(client, catalogue):
    response = client.get(LIST_URL, {"year": "2019"})

    boxes = re.findall(
        r'name="year" value="(\d+)"( checked)?> \d+ <span class="facet-count">\((\d+)\)',
        response.text,
    )
    # Its own box stays ticked, so the reader can untick it.
    assert boxes == [("2021", "", "2"), ("2020", "", "3"), ("2019", " checked", "0")]
    assert "0 initiatives found." in response.text


def test_null_characters_are_dropped_from_the_filter(client, catalogue):
    # No form sends them, and PostgreSQL refuses them in text (config/middleware.py).
    response = client.get(f"{LIST_URL}?country=%00&q=leso%00tho")
    assert response.status_code == 200
    assert response.context["filter"].form.errors == {}
    assert keys(response, catalogue) == keys(client.get(f"{LIST_URL}?q=lesotho"), catalogue)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=nowhere&country=kenya", ["K20"]),
        ("q=labour&q=kenya", ["K20"]),
    ],
    ids=["country", "q"],
)
def test_repeated_parameter_uses_the_last_value(client, catalogue, query, expected):
    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code == 200
    assert keys(response, catalogue) == expected


@pytest.mark.parametrize(
    ("query", "count"),
    [
        ("q=a+" * 100, 5),
        ("q=%F0%9F%8C%8D", 0),
        ("q=%E2%80%AE", 0),
        ("country=s%C3%A3o-tom%C3%A9", 5),
        ("theme=%FF%FE", 5),
        ("unknown=1&year=", 5),
    ],
    ids=[
        "q-100-words",
        "q-emoji",
        "q-right-to-left-mark",
        "country-unicode",
        "theme-bad-utf8",
        "unknown-or-empty-params",
    ],
)
def test_odd_input_never_breaks_the_page(client, catalogue, query, count):
    response = client.get(f"{LIST_URL}?{query}")

    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


@pytest.fixture
def twenty_five(db):
    """25 published initiatives of one 2020 plan, and one of 2019."""
    plan = YearlyPlanFactory(year=2020)
    InitiativeFactory(plan=YearlyPlanFactory(country=plan.country, year=2019))
    return InitiativeFactory.create_batch(25, plan=plan, theme=ThemeFactory())


def page_link(response, rel):
    """The query of the page's "next" or "previous" link, as a dict of lists."""
    href = re.search(rf'<a rel="{rel}" href="([^"]+)"', response.text).group(1)
    return parse_qs(urlsplit(html.unescape(href)).query)


def test_pagination_twenty_per_page(client, twenty_five):
    first = client.get(LIST_URL, {"year": "2020"})
    second = client.get(LIST_URL, {"year": "2020", "page": "2"})

    assert "Page 1 of 2" in first.text
    assert "Page 2 of 2" in second.text
    first_items = list(first.context["page"].object_list)
    second_items = list(second.context["page"].object_list)
    assert len(first_items) == 20
    assert len(second_items) == 5
    assert first_items + second_items == twenty_five  # every item once, in item order


def test_page_links_keep_the_filter(client, twenty_five):
    theme = twenty_five[0].theme.slug
    first = client.get(LIST_URL, {"year": "2020", "q": "initiative", "theme": theme})

    assert first.status_code == 200
    expected_filter = {"year": ["2020"], "q": ["initiative"], "theme": [theme]}
    next_query = page_link(first, "next")
    assert next_query == {**expected_filter, "page": ["2"]}
    assert 'rel="prev"' not in first.text

    second = client.get(LIST_URL, {key: values[0] for key, values in next_query.items()})
    assert second.context["page"].number == 2
    assert page_link(second, "prev") == {**expected_filter, "page": ["1"]}
    assert 'rel="next"' not in second.text


def test_export_link_keeps_the_filter_without_the_page(client, twenty_five):
    response = client.get(LIST_URL, {"year": "2020", "page": "2"})

    href = re.search(r'href="([^"]+)" download', response.text).group(1)
    assert urlsplit(href).path == reverse("initiatives:export")
    assert parse_qs(urlsplit(html.unescape(href)).query) == {"year": ["2020"]}


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("abc", 1),
        ("999", 2),
        ("-1", 2),
        ("0", 2),
        ("1.5", 1),
        ("", 1),
        (["2", "1"], 1),
        (["1", "2"], 2),
    ],
    ids=[
        "not-a-number",
        "past-the-end",
        "negative",
        "zero",
        "fraction",
        "empty",
        "repeated-2-1",
        "repeated-1-2",
    ],
)
def test_bad_page_shows_a_page(client, twenty_five, page, expected):
    response = client.get(LIST_URL, {"page": page})

    assert response.status_code == 200
    assert response.context["page"].number == expected
    assert f"Page {expected} of 2" in response.text


@pytest.fixture
def drafts(db):
    """One published initiative, one in a draft plan, one in a draft country's published plan."""
    return {
        "published": InitiativeFactory(text="Published item."),
        "draft plan": InitiativeFactory(plan__status=Status.DRAFT, text="Item of a draft plan."),
        "draft country": InitiativeFactory(
            plan__country=CountryFactory(status=Status.DRAFT), text="Item of a draft country."
        ),
    }


@pytest.mark.parametrize("user", [None, "staff"], ids=["anonymous", "staff-in-no-group"])
def test_drafts_are_hidden(request, client, drafts, user):
    if user:
        client.force_login(request.getfixturevalue(user))

    response = client.get(LIST_URL)

    assert list(response.context["page"].object_list) == [drafts["published"]]
    assert "Item of a draft" not in response.text
    assert "draft-tag" not in response.text


def test_drafts_are_shown_to_editors_with_a_tag(editor_client, drafts):
    response = editor_client.get(LIST_URL)

    assert set(response.context["page"].object_list) == set(drafts.values())
    rows = re.findall(r"<tr>.*?</tr>", response.text, flags=re.DOTALL)[1:]  # after the header
    assert len(rows) == 3
    for row in rows:
        assert ('<span class="draft-tag">Draft</span>' in row) == ("Item of a draft" in row)


@pytest.mark.parametrize("user", [None, "staff"], ids=["anonymous", "staff-in-no-group"])
def test_draft_country_cannot_be_chosen(request, client, drafts, user):
    if user:
        client.force_login(request.getfixturevalue(user))
    country = drafts["draft country"].plan.country

    response = client.get(LIST_URL, {"country": country.slug})

    # As for a country that does not exist: nothing, said so, and no trace of its name.
    assert not response.context["filter"].form.errors
    assert list(response.context["page"].object_list) == []
    assert f"No country “{country.slug}”, so no initiatives for it." in html.unescape(response.text)
    assert country.name not in response.text
    # Offered as asked, after the countries the reader may see, labelled with the slug.
    choices = list(response.context["filter"].form["country"].field.choices)
    assert choices[-1] == (country.slug, country.slug)
    assert [value for value, _label in choices].count(country.slug) == 1


def test_year_of_draft_plans_only_is_not_offered(client, editor, drafts):
    YearlyPlanFactory(year=2031, status=Status.DRAFT)

    unasked = client.get(LIST_URL)
    anonymous = client.get(LIST_URL, {"year": "2031"})
    client.force_login(editor)
    signed_in = client.get(LIST_URL, {"year": "2031"})

    assert 'value="2031"' not in unasked.text
    # Asked for, it is a year without (visible) plans: nothing, as for any other such year.
    assert not anonymous.context["filter"].form.errors
    assert list(anonymous.context["page"].object_list) == []
    assert "No initiatives for 2031." in anonymous.text
    assert 'name="year" value="2031" checked' in signed_in.text
    assert not signed_in.context["filter"].form.errors
    assert "No initiatives for 2031." not in signed_in.text
