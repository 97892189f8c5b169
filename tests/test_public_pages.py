"""Whole-site guards for the pages readers see."""

import re

import pytest
from django.urls import reverse

PUBLIC_PAGES = [
    pytest.param(reverse("profiles:country_list"), id="home"),
    pytest.param(reverse("profiles:country_list") + "?q=leso", id="home-search"),
    pytest.param(reverse("profiles:country", kwargs={"slug": "lesotho"}), id="country"),
    pytest.param(reverse("profiles:country", kwargs={"slug": "eswatini"}), id="country-no-date"),
    pytest.param(reverse("profiles:country", kwargs={"slug": "kenya"}), id="country-no-facts"),
    pytest.param(reverse("profiles:office", kwargs={"slug": "southern-africa"}), id="office"),
    pytest.param(reverse("profiles:office_list"), id="offices"),
    pytest.param(reverse("initiatives:list"), id="initiatives"),
    pytest.param(reverse("initiatives:list") + "?year=abc", id="initiatives-bad-filter"),
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_has_one_h1_a_skip_link_and_a_main(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    html = response.text
    assert len(re.findall(r"<h1[\s>]", html)) == 1
    assert 'href="#main-content"' in html
    assert html.count('<main id="main-content"') == 1
    assert '<html lang="en">' in html


def test_unknown_page_uses_the_site_404(client, db):
    response = client.get("/en/countries/atlantis/")
    assert response.status_code == 404
    assert "Page not found" in response.text
    assert len(re.findall(r"<h1[\s>]", response.text)) == 1


def test_500_page_renders_without_a_database(client, db, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Something went wrong" in html
    assert "Traceback" not in html
