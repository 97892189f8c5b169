"""Small helpers shared by the tests of every app: a page as a reader reads it, query counts."""

import html
import re

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import strip_tags

# Elements shown as separate lines or items: their text never runs into the next one's.
BLOCK_TAG = re.compile(r"(</?(?:address|br|dd|div|dl|dt|h\d|li|ol|p|section|span|t[dhr]|ul)\b)")


def page_text(response):
    """The page as a reader reads it: tags stripped, entities decoded, whitespace collapsed."""
    spaced = BLOCK_TAG.sub(r" \1", response.content.decode())
    text = html.unescape(strip_tags(spaced))
    return re.sub(r"\s+", " ", text).strip()


def assert_in_order(text, expected):
    """Each string of `expected` occurs in `text`, each after the one before it."""
    position = 0
    for string in expected:
        found = text.find(string, position)
        assert found >= 0, f"{string!r} missing after position {position}"
        position = found + len(string)


def count_queries(client, url):
    """Fetch `url` and return the number of database queries it took."""
    # The rendering's own queries: a page from the page cache would make none.
    with override_settings(PAGE_CACHE=False), CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def admin_form_data(response, **changes):
    """The POST data an admin page would send unchanged, with `changes` applied.

    On an add/change page: the main form and every inline formset (with its management
    form); on a changelist: its list_editable formset. A test states only the fields it
    means to change: `admin_form_data(response, name="X")`.
    """
    data = {}
    if "adminform" in response.context:
        forms = [response.context["adminform"].form]
        for inline in response.context.get("inline_admin_formsets", []):
            forms += [inline.formset.management_form, *inline.formset.forms]
    else:
        formset = response.context["cl"].formset
        forms = [formset.management_form, *formset.forms]
        data["_save"] = "Save"
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = "on" if value is True else str(value)
    fields = forms[0].fields
    for key, value in changes.items():
        if key not in fields and f"{key}_en" in fields:
            key = f"{key}_en"
        data[key] = "" if value is None else str(value)
    return data


def form_errors(response):
    """The main admin form's errors, by field."""
    assert response.status_code == 200, "the form was not redisplayed"
    return response.context["adminform"].form.errors


def changelist(client, url, params=None):
    """The admin changelist at `url` with `params` applied (search `q` and filters)."""
    response = client.get(url, params or {})
    assert response.status_code == 200, "the changelist refused the filter"
    return response.context["cl"]


def office_fields(**changes):
    """A valid office as the admin form posts it: the seed's regional office."""
    return {
        "name": "Regional Office for Southern Africa",
        "slug": "southern-africa",
        "kind": "regional",
        "city": "Pretoria",
        "country": "ZA",
        "organisation": "International Organization for Migration (IOM)",
        "address": "Walker Creek Office Park, Building Number 4\nSouth Africa",
        "telephone": "+27 12 342 14 97",
        "fax": "+27 12 34 20 932",
        "email": "ropretoria@iom.int",
        "website": "https://ropretoria.iom.int/",
        **changes,
    }


def post_office(client, **changes):
    """Post the office add form with `changes` to the valid office."""
    url = reverse("admin:contacts_office_add")
    return client.post(url, admin_form_data(client.get(url), **office_fields(**changes)))
