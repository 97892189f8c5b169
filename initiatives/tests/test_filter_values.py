"""Each of the initiatives filter's parameters, on the page, both exports and the API: a
well-formed value that matches nothing narrows the list to nothing and says so; a malformed
one is reported on the page and left out, and the exports and the API refuse it, never
listing everything as if unfiltered. The walk goes over the filter's declared fields, so a
filter added later must bring its sample values here."""

import html
import re

import pytest
from django.urls import reverse

from initiatives.api import PublicInitiativeFilter
from initiatives.filters import InitiativeFilter
from initiatives.tests.test_export import read_csv, read_xlsx
from initiatives.tests.test_list import ALL, keys

LIST_URL = reverse("initiatives:list")
EXPORTS = {"csv": (reverse("initiatives:export"), read_csv)}
EXPORTS["xlsx"] = (reverse("initiatives:export_xlsx"), read_xlsx)
API_URL = reverse("api:initiative-list")
# Only those who may see drafts have this filter (the catalogue's initiatives are published).
STAFF_ONLY = {"status"}
GENERAL = "No initiatives match these filters."

# A well-formed value with nothing in the catalogue, and the sentence that says so (GENERAL:
# the page's own for an empty list). None: the parameter orders and never narrows.
NOTHING = {
    "q": ("no-word-like-this", GENERAL),
    "country": ("atlantis", "No country “atlantis”, so no initiatives for it."),
    "year": ("2019", "No initiatives for 2019."),
    "year_from": ("2031", GENERAL),
    "year_to": ("1951", GENERAL),
    "office": ("nowhere", "No regional office “nowhere”, so no initiatives for it."),
    "theme": ("nowhere", "No theme “nowhere”, so no initiatives for it."),
    "status": ("draft", GENERAL),
    "sort": None,
}
MALFORMED = {
    "q": ["x" * 201],
    "country": ["no where", "a" * 101, "lésotho"],
    "year": ["abc", "20x9", "99999", "1800", "2019.0", "", "9" * 400],
    "year_from": ["abc", "99999", "1800"],
    "year_to": ["20x9", "-1", "1e3"],
    "office": ["no where", "a" * 101, "<b>"],
    "theme": ["é", "southern/africa"],
    "status": ["maybe"],
    "sort": ["sideways"],
}


def test_every_parameter_has_sample_values():
    assert set(NOTHING) == set(MALFORMED) == set(InitiativeFilter.base_filters)


def reader(request, client, field):
    if field in STAFF_ONLY:
        client.force_login(request.getfixturevalue("editor"))
    return client


def cases(samples):
    return [
        pytest.param(field, value, id=f"{field}-{value[:12]}")
        for field, values in samples.items()
        for value in values
    ]


@pytest.mark.parametrize(("field", "value"), cases(MALFORMED))
def test_a_malformed_value_is_not_understood_and_never_widens_an_export(
    request, client, catalogue, field, value
):
    http = reader(request, client, field)

    page = http.get(LIST_URL, {field: value})
    assert page.status_code == 200
    assert list(page.context["filter"].form.errors) == [field]
    assert "Some filters were not understood and were left out" in page.text
    assert keys(page, catalogue) == ALL  # reported on the page, and left out there

    for url, _read in EXPORTS.values():
        refused = http.get(url, {field: value})
        assert refused.status_code == 400
        assert refused["Content-Type"] == "text/plain; charset=utf-8"
        assert "Content-Disposition" not in refused
        label = str(InitiativeFilter.base_filters[field].label)
        assert refused.text.startswith(
            f"Some filters were not understood, so no file was made:\n{label}: "
        )

    api = client.get(API_URL, {field: value})
    if field in PublicInitiativeFilter.base_filters:
        assert api.status_code == 400
        assert list(api.json()) == [field]
    else:  # not a parameter of the API: ignored there
        assert api.status_code == 200
        assert api.json()["count"] == len(ALL)


@pytest.mark.parametrize(
    ("field", "value", "sentence"),
    [pytest.param(field, *sample, id=field) for field, sample in NOTHING.items() if sample],
)
def test_a_well_formed_value_without_content_gives_nothing_and_says_so(
    request, client, catalogue, field, value, sentence
):
    http = reader(request, client, field)

    page = http.get(LIST_URL, {field: value})
    assert page.status_code == 200
    assert not page.context["filter"].form.errors
    assert keys(page, catalogue) == []
    assert "0 initiatives found." in page.text
    assert sentence in html.unescape(page.text)
    assert "not understood" not in page.text

    for url, read in EXPORTS.values():
        [header] = read(http.get(url, {field: value}))  # the header, and no row
        assert header[0] == "Country"

    api = client.get(API_URL, {field: value})
    assert api.status_code == 200
    # Not a parameter of the API (staff's status): ignored there.
    expected = 0 if field in PublicInitiativeFilter.base_filters else len(ALL)
    assert api.json()["count"] == expected


def test_a_year_without_plans_among_others_narrows_to_the_others(client, catalogue):
    query = {"year": ["2019", "2021"]}
    page = client.get(LIST_URL, query)

    assert keys(page, catalogue) == ["L21", "S21"]
    assert re.findall(r"<li>(No [^<]*)</li>", page.text) == ["No initiatives for 2019."]
    rows = read_csv(client.get(EXPORTS["csv"][0], query))
    assert [row[2] for row in rows[1:]] == ["2021", "2021"]
    assert [item["year"] for item in client.get(API_URL, query).json()["results"]] == [2021, 2021]
