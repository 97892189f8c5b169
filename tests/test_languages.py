"""The interface in French and Spanish: every public page type, the Lesotho page's facts and
membership sentence, the default lead-in, language redirects, the switcher and each unit
kind's formatting. Content (names, initiatives) is not checked here: editors translate it."""

import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from initiatives.models import YearlyPlan
from profiles.models import Country
from profiles.units import UnitKind
from tests.factories import YearlyPlanFactory
from tests.helpers import page_text

LANGUAGES = ["fr", "es"]


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def headings(html):
    """The text of each <h1> and <h2>, tags stripped, whitespace collapsed."""
    found = re.findall(r"<h([12])[^>]*>(.*?)</h\1>", html, flags=re.DOTALL)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip() for _, text in found]


# --- Every public page type, in each language ---------------------------------------------

# (page, language, address, status, headings expected among the page's h1 and h2)
PAGES = [
    ("home", "fr", lambda: url("profiles:country_list", "fr"), 200, ["Pages pays"]),
    ("home", "es", lambda: url("profiles:country_list", "es"), 200, ["Páginas de países"]),
    (
        "country",
        "fr",
        lambda: url("profiles:country", "fr", slug="lesotho"),
        200,
        [
            "Faits et chiffres",
            "Initiatives de migration 2020",
            "Coordonnées",
            "À propos de ces chiffres",
        ],
    ),
    (
        "country",
        "es",
        lambda: url("profiles:country", "es", slug="lesotho"),
        200,
        ["Datos y cifras", "Iniciativas de migración 2020", "Información de contacto"],
    ),
    (
        "office",
        "fr",
        lambda: url("profiles:office", "fr", slug="southern-africa"),
        200,
        ["Coordonnées", "Pays relevant de ce bureau"],
    ),
    (
        "office",
        "es",
        lambda: url("profiles:office", "es", slug="southern-africa"),
        200,
        ["Información de contacto", "Países bajo su competencia"],
    ),
    ("initiatives", "fr", lambda: url("initiatives:list", "fr"), 200, ["Initiatives de migration"]),
    ("initiatives", "es", lambda: url("initiatives:list", "es"), 200, ["Iniciativas de migración"]),
    ("404", "fr", lambda: "/fr/countries/atlantis/", 404, ["Page introuvable"]),
    ("404", "es", lambda: "/es/countries/atlantis/", 404, ["Página no encontrada"]),
]
# Interface text that must not be left in English on a translated page.
ENGLISH = [
    "Facts and Figures",
    "Migration initiatives",
    "Contact information",
    "Data not available",
    "Last updated",
    "Skip to main content",
    "All countries",
    "Countries under its purview",
    "Page not found",
    "Source:",
    "Tel:",
    "Email:",
    "Website:",
]


@pytest.mark.parametrize(
    ("language", "address", "status", "expected"),
    [page[1:] for page in PAGES],
    ids=[f"{page[0]}-{page[1]}" for page in PAGES],
)
def test_public_page_speaks_its_language(client, demo, language, address, status, expected):
    response = client.get(address())
    assert response.status_code == status
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert set(expected) <= set(headings(html)), headings(html)
    text = page_text(response)
    left_in_english = [phrase for phrase in ENGLISH if phrase in text]
    assert not left_in_english


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", ["Pays", "Initiatives", "Tous les pays"]), ("es", ["Países", "Iniciativas"])],
)
def test_navigation_and_footer_are_translated(client, demo, language, expected):
    text = page_text(client.get(url("profiles:country_list", language)))
    assert all(phrase in text for phrase in expected)
    assert {"fr": "Aller au contenu principal", "es": "Ir al contenido principal"}[language] in text


@pytest.mark.parametrize(
    ("language", "summary"), [("fr", "5 pays · dernière mise à jour :"), ("es", "5 países ·")]
)
def test_home_counts_countries_in_the_language(client, demo, language, summary):
    assert summary in page_text(client.get(url("profiles:country_list", language)))


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "Aucun pays ne correspond à « zzz ». Vérifiez l’orthographe"),
        ("es", "Ningún país coincide con «zzz». Compruebe la ortografía"),
    ],
)
def test_search_without_result_is_translated(client, demo, language, message):
    response = client.get(url("profiles:country_list", language), {"q": "zzz"})
    assert message in page_text(response)


@pytest.mark.parametrize(
    ("language", "found"), [("fr", r"\d+ initiatives trouvées\."), ("es", r"\d+ iniciativas")]
)
def test_initiatives_count_is_translated(client, demo, language, found):
    assert re.search(found, page_text(client.get(url("initiatives:list", language))))


@pytest.mark.parametrize(
    ("language", "found"), [("fr", "1 initiative trouvée."), ("es", "1 iniciativa encontrada.")]
)
def test_one_initiative_is_singular(client, demo, language, found):
    text = page_text(client.get(url("initiatives:list", language), {"q": "ethical recruitment"}))
    assert found in text


# --- The Lesotho page ----------------------------------------------------------------------

LESOTHO = {
    "fr": {
        "facts": [
            "Population (2020) 2,1 millions",
            "USD 561,5 millions",
            "−0,7 pour 1 000 habitants",
            "Données non disponibles",
        ],
        "membership": "Lesotho : État Membre de l’OIM depuis le 29 novembre 2010. "
        "Le pays relève du ",
        "city": ", à Pretoria.",
        "contact": "Pour en savoir plus sur les activités de l’OIM dans le pays (Lesotho), "
        "veuillez contacter le bureau suivant :",
    },
    "es": {
        "facts": [
            "Población (2020) 2,1 millones",
            "USD 561,5 millones",
            "−0,7 por cada 1000 habitantes",
            "Datos no disponibles",
        ],
        "membership": "Lesoto pasó a ser Estado Miembro de la OIM el 29 de noviembre de 2010. "
        "Forma parte del ámbito de competencia de la ",
        "city": ", con sede en Pretoria.",
        "contact": "Para obtener más información sobre las actividades de la OIM en Lesoto, "
        "póngase en contacto con la ",
    },
}


@pytest.fixture
def lesotho_page(client, demo):
    def fetch(language, **params):
        return page_text(client.get(url("profiles:country", language, slug="lesotho"), params))

    return fetch


@pytest.mark.parametrize("language", LANGUAGES)
def test_lesotho_facts_are_formatted_for_the_language(lesotho_page, language):
    text = lesotho_page(language)
    missing = [fact for fact in LESOTHO[language]["facts"] if fact not in text]
    assert not missing, text


@pytest.mark.parametrize("language", LANGUAGES)
def test_membership_sentence_dates_the_admission_in_the_language(lesotho_page, language):
    text = lesotho_page(language)
    assert LESOTHO[language]["membership"] in text
    assert LESOTHO[language]["city"] in text
    assert LESOTHO[language]["contact"] in text


@pytest.mark.parametrize(
    ("language", "precision", "admitted", "expected"),
    [
        ("fr", "month", date(2013, 11, 1), "Lesotho : État Membre de l’OIM depuis novembre 2013."),
        ("fr", "year", date(2014, 1, 1), "Lesotho : État Membre de l’OIM depuis 2014."),
        (
            "es",
            "month",
            date(2013, 11, 1),
            "Lesoto pasó a ser Estado Miembro de la OIM en noviembre de 2013.",
        ),
        ("es", "year", date(2014, 1, 1), "Lesoto pasó a ser Estado Miembro de la OIM en 2014."),
        ("fr", "not_stated", None, "Lesotho : pays relevant du "),
        ("es", "not_stated", None, "Lesoto forma parte del ámbito de competencia de la "),
    ],
)
def test_membership_sentence_for_each_precision(
    lesotho_page, language, precision, admitted, expected
):
    Country.objects.filter(slug="lesotho").update(
        member_since=admitted, member_since_precision=precision
    )
    assert expected in lesotho_page(language)


@pytest.mark.parametrize(
    ("language", "lead_in"),
    [
        ("fr", "En 2019, l’OIM appuiera le Gouvernement (Lesotho) dans les domaines suivants :"),
        ("es", "En 2019, la OIM en Lesoto apoyará al Gobierno en lo siguiente:"),
    ],
)
def test_default_lead_in_is_translated_with_year_and_country(lesotho_page, language, lead_in):
    YearlyPlanFactory(country=Country.objects.get(slug="lesotho"), year=2019, lead_in="")
    assert lead_in in lesotho_page(language, year=2019)


def test_default_lead_in_stays_english_in_english(demo):
    plan = YearlyPlan(country=Country(name="Lesotho"), year=2020)
    with translation.override("en"):
        assert plan.lead_in_text == (
            "In 2020, IOM in Lesotho will support the Government for the following:"
        )


@pytest.mark.parametrize(
    ("language", "last_updated"),
    [("fr", "Dernière mise à jour :"), ("es", "Última actualización:")],
)
def test_last_updated_date_is_written_in_the_language(lesotho_page, language, last_updated):
    text = lesotho_page(language)
    assert re.search(re.escape(last_updated) + r" \d{1,2} (de )?\w+ (de )?\d{4}", text), text


# --- Language in the address ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [
        ("fr", "/fr/countries/lesotho/"),
        ("es-ES,es;q=0.9", "/es/countries/lesotho/"),
        (None, "/en/"),
    ],
)
def test_unprefixed_address_redirects_to_the_readers_language(
    client, demo, accept_language, expected
):
    headers = {"HTTP_ACCEPT_LANGUAGE": accept_language} if accept_language else {}
    response = client.get("/countries/lesotho/", **headers)
    assert response.status_code == 302
    if accept_language is None:
        expected = url("profiles:country", "en", slug="lesotho")
    assert response["Location"] == expected


class LanguageLinks(HTMLParser):
    """The language switcher's links: {language code: href}."""

    def __init__(self, html):
        super().__init__()
        self.links, self.depth = {}, 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "nav" and "languages" in (attrs.get("class") or "").split():
            self.depth = 1
        elif tag == "nav" and self.depth:
            self.depth += 1
        elif tag == "a" and self.depth:
            self.links[attrs["lang"]] = attrs["href"]

    def handle_endtag(self, tag):
        if tag == "nav" and self.depth:
            self.depth -= 1


@pytest.mark.parametrize(
    ("name", "kwargs", "query"),
    [
        ("profiles:country_list", {}, ""),
        ("profiles:country", {"slug": "lesotho"}, "?year=2020"),
        ("profiles:office", {"slug": "southern-africa"}, ""),
        ("initiatives:list", {}, ""),
    ],
)
@pytest.mark.parametrize("language", LANGUAGES)
def test_language_switcher_links_to_the_same_page(client, demo, language, name, kwargs, query):
    response = client.get(url(name, language, **kwargs) + query)
    links = LanguageLinks(response.content.decode()).links
    assert links == {
        code: "http://testserver" + url(name, code, **kwargs) + query for code in ["en", "fr", "es"]
    }


# --- Each unit kind in each language --------------------------------------------------------

# (unit kind, value, English, French, Spanish); French separates thousands with U+202F.
UNIT_FORMATS = [
    (UnitKind.COUNT, "2100000", "2.1 million", "2,1 millions", "2,1 millones"),
    (UnitKind.COUNT, "1000000", "1 million", "1 million", "1 millón"),
    (UnitKind.COUNT, "950000", "950,000", "950\u202f000", "950.000"),
    (UnitKind.COUNT, "1200000000", "1.2 billion", "1,2 milliard", "1,2 mil millones"),
    (UnitKind.USD, "561500000", "USD 561.5 million", "USD 561,5 millions", "USD 561,5 millones"),
    (UnitKind.USD, "950000", "USD 950,000", "USD 950\u202f000", "USD 950.000"),
    (
        UnitKind.RATE_PER_1000,
        "-0.7",
        "−0.7 migrants/1,000 population",
        "−0,7 pour 1\u202f000 habitants",
        "−0,7 por cada 1000 habitantes",
    ),
    (UnitKind.PERCENTAGE, "48.6", "48.6%", "48,6\u00a0%", "48,6\u00a0%"),
    (UnitKind.PERCENTAGE, "100", "100%", "100\u00a0%", "100\u00a0%"),
]


@pytest.mark.parametrize(
    ("unit", "value", "language", "shown"),
    [
        (unit, value, language, shown)
        for unit, value, *shown_in in UNIT_FORMATS
        for language, shown in zip(["en", "fr", "es"], shown_in, strict=True)
    ],
    ids=lambda item: str(item),
)
def test_unit_kind_formats_in_each_language(unit, value, language, shown):
    assert unit.format(Decimal(value), language) == shown


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        ("en", "Data not available"),
        ("fr", "Données non disponibles"),
        ("es", "Datos no disponibles"),
    ],
)
@pytest.mark.parametrize("unit", list(UnitKind))
def test_missing_value_in_each_language(unit, language, shown):
    assert unit.format(None, language) == shown


def test_explicit_language_wins_over_the_active_one():
    with translation.override("es"):
        assert UnitKind.USD.format(Decimal("561500000"), "fr") == "USD 561,5 millions"
        assert translation.get_language() == "es"


# --- Editors' and readers' messages -----------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "Un pourcentage est compris entre 0 et 100."),
        ("es", "Un porcentaje está comprendido entre 0 y 100."),
    ],
)
def test_validation_messages_are_translated(language, message):
    with pytest.raises(ValidationError) as raised:
        UnitKind.PERCENTAGE.validate(Decimal("120"))
    with translation.override(language):
        assert raised.value.messages == [message]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["Pays", "Une page par pays.", "Administration des pages pays"]),
        ("es", ["Países", "Una página por país.", "Administración de las páginas de países"]),
    ],
)
def test_admin_speaks_the_editors_language(client, demo, editor, language, expected):
    client.force_login(editor)
    response = client.get(
        reverse("admin:profiles_country_changelist"), HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 200
    text = page_text(response)
    assert all(phrase in text for phrase in expected), text


@pytest.mark.parametrize(
    ("language", "heading"),
    [("fr", "Une erreur s’est produite"), ("es", "Se ha producido un error")],
)
def test_500_page_in_the_language(language, heading):
    with translation.override(language):
        html = render_to_string("500.html")
    assert f'<html lang="{language}">' in html
    assert heading in html
