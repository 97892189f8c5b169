"""The country page stays light: readers on slow, metered connections download all of it."""

import re
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

BUDGET = 60 * 1024  # bytes, uncompressed


def stylesheets(html):
    """The files of the stylesheets a page links, found where collectstatic would find them."""
    for tag in re.findall(r"<link\b[^>]*>", html):
        if re.search(r'\brel="stylesheet"', tag):
            href = re.search(r'\bhref="([^"]+)"', tag).group(1)
            path = finders.find(href.removeprefix(settings.STATIC_URL))
            assert path, f"{href} is not a static file"
            yield Path(path)


def test_lesotho_page_and_its_stylesheets_fit_the_budget(client, demo):
    response = client.get(reverse("profiles:country", kwargs={"slug": "lesotho"}))
    assert response.status_code == 200
    files = list(stylesheets(response.content.decode()))
    assert files, "the page links no stylesheet"
    page, css = len(response.content), sum(len(file.read_bytes()) for file in files)
    print(f"\nLesotho page: {page} B HTML + {css} B CSS = {page + css} B of {BUDGET} B")
    assert page + css < BUDGET
