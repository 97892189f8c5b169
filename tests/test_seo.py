"""What search engines and link previews read: titles, descriptions, canonical URLs, Open
Graph, the sitemap, robots.txt and schema.org microdata."""

import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from contacts.models import Office
from initiatives.models import YearlyPlan
from profiles.models import Country, Statistic
from profiles.publication import Status
from tests.factories import CountryFactory, YearlyPlanFactory
from tests.helpers import page_text

SITE = "http://testserver"
LESOTHO = reverse("profiles:country", kwargs={"slug": "lesotho"})
OPEN_GRAPH = ["og:title", "og:description", "og:url", "og:type", "og:site_name"]

# (address requested, the page's name in its title, canonical address, status)
PAGES = [
    pytest.param("/en/?q=leso", "Countries", "/en/", 200, id="home"),
    pytest.param(LESOTHO + "?utm_source=mail", "Lesotho", LESOTHO, 200, id="country"),
    pytest.param(
        LESOTHO + "?year=2020&utm_source=mail",
        "Lesotho",
        LESOTHO + "?year=2020",
        200,
        id="country-year",
    ),
    pytest.param(
        reverse("profiles:office", kwargs={"slug": "southern-africa"}) + "?sort=-population",
        "IOM Regional Office for Southern Africa",
        reverse("profiles:office", kwargs={"slug": "southern-africa"}),
        200,
        id="office",
    ),
    pytest.param(
        reverse("initiatives:list") + "?year=2020",
        "Migration initiatives",
        reverse("initiatives:list"),
        200,
        id="initiatives",
    ),
    pytest.param(
        "/en/countries/atlantis/?ref=x", "Page not found", "/en/countries/atlantis/", 404, id="404"
    ),
]


class Head(HTMLParser):
    """The page's <title> text and its <meta> and <link> tags' attributes."""

    def __init__(self, html):
        super().__init__()
        self.titles, self.metas, self.links, self.in_title = [], [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.in_title = tag == "title" and not self.in_title
        if self.in_title:
            self.titles.append("")
        {"meta": self.metas, "link": self.links}.get(tag, []).append(dict(attrs))

    def handle_endtag(self, tag):
        self.in_title = self.in_title and tag != "title"

    def handle_data(self, data):
        if self.in_title:
            self.titles[-1] += data

    def meta(self, key, name):
        return [meta.get("content") for meta in self.metas if meta.get(key) == name]


@pytest.fixture
def head(client, demo):
    def fetch(url, status):
        response = client.get(url)
        assert response.status_code == status
        return Head(response.content.decode())

    return fetch


@pytest.mark.parametrize(("url", "name", "canonical", "status"), PAGES)
def test_title_names_the_page_and_the_site(head, url, name, canonical, status):
    [title] = head(url, status).titles
    assert title == f"{name} | IOM Country Pages"


@pytest.mark.parametrize(("url", "name", "canonical", "status"), PAGES)
def test_one_meta_description(head, url, name, canonical, status):
    [description] = head(url, status).meta("name", "description")
    assert description.strip()


@pytest.mark.parametrize(("url", "name", "canonical", "status"), PAGES)
def test_canonical_url_is_absolute_and_drops_the_query(head, url, name, canonical, status):
    links = [link["href"] for link in head(url, status).links if link.get("rel") == "canonical"]
    assert links == [SITE + canonical]


@pytest.mark.parametrize(("url", "name", "canonical", "status"), PAGES)
def test_open_graph_describes_the_page(head, url, name, canonical, status):
    page_head = head(url, status)
    tags = {prop: page_head.meta("property", prop) for prop in OPEN_GRAPH}
    assert all(len(values) == 1 and values[0].strip() for values in tags.values()), tags
    assert tags["og:url"] == [SITE + canonical]
    assert tags["og:site_name"] == ["IOM Country Pages"]


# --- Sitemap and robots.txt ------------------------------------------------------------------


LISTS = ["profiles:country_list", "profiles:office_list", "initiatives:list"]


def test_sitemap_lists_public_pages_and_never_a_draft(client, demo):
    CountryFactory(name="Zambia", slug="zambia", iso_code="ZM", status=Status.DRAFT)
    response = client.get(reverse("sitemap"))
    assert response.status_code == 200
    namespace = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
    root = ET.fromstring(response.content)
    assert root.tag == f"{namespace}urlset"
    locations = [loc.text for loc in root.iter(f"{namespace}loc")]
    expected = []
    for language in ["en", "fr", "es"]:
        with translation.override(language):
            expected += [reverse(name) for name in LISTS]
            expected += [country.get_absolute_url() for country in Country.objects.published()]
            expected += [office.get_absolute_url() for office in Office.objects.all()]
    assert sorted(locations) == sorted(SITE + path for path in expected)
    assert len(expected) == 3 * (len(LISTS) + 5 + Office.objects.count())
    alternates = root.findall(".//{http://www.w3.org/1999/xhtml}link")
    assert {link.get("hreflang") for link in alternates} == {"en", "fr", "es", "x-default"}
    assert not any("zambia" in location for location in locations)


def test_robots_txt_keeps_out_of_the_admin_and_names_the_sitemap(client, db):
    response = client.get(reverse("robots_txt"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {SITE}{reverse('sitemap')}" in lines
    assert client.get(reverse("sitemap")).status_code == 200


# --- The home page's summary -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("who", "count"), [("anonymous", "5 countries"), ("editor", "6 countries")]
)
def test_home_counts_the_countries_the_reader_may_see(client, demo, editor, who, count):
    CountryFactory(name="Zambia", iso_code="ZM", status=Status.DRAFT)
    if who == "editor":
        client.force_login(editor)
    assert f"{count} · last updated" in page_text(client.get(reverse("profiles:country_list")))


@pytest.mark.parametrize(
    ("status", "shown"), [(Status.PUBLISHED, "17 May 2031"), (Status.DRAFT, "3 February 2001")]
)
def test_home_shows_the_latest_published_update(client, demo, status, shown):
    for model in [Country, Statistic, YearlyPlan]:
        model.objects.update(updated_at=datetime(2001, 2, 3, 12, tzinfo=UTC))
    plan = YearlyPlanFactory(country=Country.objects.get(slug="kenya"), year=2019, status=status)
    YearlyPlan.objects.filter(pk=plan.pk).update(updated_at=datetime(2031, 5, 17, 12, tzinfo=UTC))
    text = page_text(client.get(reverse("profiles:country_list")))
    assert f"5 countries · last updated {shown}" in text


# --- Schema.org microdata in the contact card ------------------------------------------------


class Microdata(HTMLParser):
    """Each microdata item on a page: its itemtype and the text of each of its properties
    (a <meta>'s content; a nested item's type). Links count by their text, not their href."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "source"}

    def __init__(self, html):
        super().__init__()
        self.items, self.open = [], []  # open: [tag, (item, property) or None, new item, text]
        self.feed(html)

    def item(self):
        return next((entry[2] for entry in reversed(self.open) if entry[2] is not None), None)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        owner, prop = self.item(), attrs.get("itemprop")
        owned = (owner, prop) if prop and owner is not None else None
        if tag in self.VOID:
            if owned:
                owner.setdefault(prop, []).append(attrs.get("content", ""))
        elif "itemscope" in attrs:
            item = {"@type": attrs.get("itemtype")}
            self.items.append(item)
            if owned:
                owner.setdefault(prop, []).append(item["@type"])
            self.open.append([tag, None, item, ""])
        else:
            self.open.append([tag, owned, None, ""])

    def handle_data(self, data):
        for entry in self.open:
            entry[3] += data

    def handle_endtag(self, tag):
        while self.open:
            open_tag, prop, _, content = self.open.pop()
            if prop:
                prop[0].setdefault(prop[1], []).append(" ".join(content.split()))
            if open_tag == tag:
                return

    def of_type(self, name):
        return [item for item in self.items if item["@type"] == f"https://schema.org/{name}"]


@pytest.mark.parametrize(
    "url", [LESOTHO, reverse("profiles:office", kwargs={"slug": "southern-africa"})]
)
def test_contact_card_carries_address_and_contact_point(client, demo, url):
    microdata = Microdata(client.get(url).content.decode())
    [organization] = microdata.of_type("Organization")
    assert organization["name"] == ["Regional Office for Southern Africa"]
    [address] = microdata.of_type("PostalAddress")
    assert address["streetAddress"] == [
        "Walker Creek Office Park, Building Number 4 "
        "90 Florence Ribeiro Avenue, entrance at 25 Nicholson St "
        "Nieuw Muckleneuk, Groenkloof, Pretoria South Africa"
    ]
    assert (address["addressLocality"], address["addressCountry"]) == (["Pretoria"], ["ZA"])
    [contact_point] = microdata.of_type("ContactPoint")
    assert contact_point["telephone"] == ["+27 12 342 14 97"]
    assert contact_point["faxNumber"] == ["+27 12 34 20 932"]
    assert contact_point["email"] == ["ropretoria@iom.int"]
    assert organization["address"] == ["https://schema.org/PostalAddress"]
    assert organization["contactPoint"] == ["https://schema.org/ContactPoint"]
