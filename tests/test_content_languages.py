"""Content in English, French and Spanish: what editors translate in the admin, the official
country names, and English standing in, marked lang="en", where a translation is missing."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from contacts.models import Office
from initiatives.models import Initiative, YearlyPlan
from profiles.models import Country
from tests.factories import CountryFactory, OfficeFactory
from tests.helpers import admin_form_data, page_text

pytestmark = pytest.mark.django_db


def url(name, language, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


def main(response):
    """The page's <main>, where content is; the header's language switcher names English
    in English on every page."""
    assert response.status_code == 200
    return re.search(r"<main.*?</main>", response.content.decode(), flags=re.DOTALL).group()


def marked_english(html):
    """The text of each element marked lang="en"."""
    found = re.findall(r'<(\w+)[^>]*\blang="en"[^>]*>(.*?)</\1>', html, flags=re.DOTALL)
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip() for _, text in found]


# --- The seed page, translated as the demo content carries it -------------------------------

SEED = {
    "fr": [
        "Population (2020) 2,1 millions",
        "Taux de migration nette (2021)",
        "Rapatriements de fonds (2021) USD 561,5 millions",
        "Femmes en pourcentage des immigrants (2020) Données non disponibles",
        "relève du Bureau régional pour l’Afrique australe de l’OIM, à Pretoria.",
        "En 2020, l’OIM au Lesotho appuiera le Gouvernement dans les domaines suivants :",
        "Améliorer la compréhension, par les institutions chargées de l’application de la loi",
        "L’OIM entend appuyer la gestion du profil migratoire du Lesotho.",
        "Organisation internationale pour les migrations (OIM) "
        "Bureau régional pour l’Afrique australe Walker Creek Office Park",
        "Nieuw Muckleneuk, Groenkloof, Pretoria Afrique du Sud",
        "Population totale en milieu d’année.",
    ],
    "es": [
        "Lesoto pasó a ser Estado Miembro de la OIM el 29 de noviembre de 2010.",
        "Población (2020) 2,1 millones",
        "Remesas (2021) USD 561,5 millones",
        "Mujeres como porcentaje de los inmigrantes (2020) Datos no disponibles",
        "En 2020, la OIM en Lesoto apoyará al Gobierno en lo siguiente:",
        "La OIM tiene previsto apoyar la gestión del perfil migratorio de Lesoto.",
        "Organización Internacional para las Migraciones (OIM) "
        "Oficina Regional para África Meridional Walker Creek Office Park",
        "Nieuw Muckleneuk, Groenkloof, Pretoria Sudáfrica",
        "Población total a mitad de año.",
    ],
}


@pytest.mark.parametrize("language", SEED)
def test_seed_page_reads_wholly_in_the_language(client, demo, language):
    response = client.get(url("profiles:country", language, slug="lesotho"))

    text = page_text(response)
    missing = [sentence for sentence in SEED[language] if sentence not in text]
    assert not missing, text
    assert "Enhance Lesotho law enforcement" not in text
    assert marked_english(main(response)) == []  # nothing left in English


def test_seed_page_in_english_is_the_seed(client, demo):
    text = page_text(client.get(url("profiles:country", "en", slug="lesotho")))

    assert "In 2020, IOM in Lesotho will support the Government for the following:" in text
    assert "Enhance Lesotho law enforcement institutions’ understanding" in text
    assert "International Organization for Migration (IOM) Regional Office for Southern" in text


# --- English stands in for a missing translation, marked lang="en" --------------------------


@pytest.mark.parametrize("language", ["fr", "es"])
def test_untranslated_content_is_shown_in_english_and_marked(client, demo, language):
    # Eswatini's plan and its country office's address exist in English only.
    response = client.get(url("profiles:country", language, slug="eswatini"))

    marked = marked_english(main(response))
    plan = YearlyPlan.objects.get(country__slug="eswatini")
    assert plan.lead_in_en in marked
    assert [i.text_en for i in plan.initiatives.all()] == [
        text for text in marked if text in {i.text_en for i in plan.initiatives.all()}
    ]
    assert '<span itemprop="streetAddress" lang="en">' in main(response)


def test_nothing_is_marked_in_english(client, demo):
    response = client.get(url("profiles:country", "en", slug="eswatini"))

    assert marked_english(main(response)) == []


@pytest.mark.parametrize("language", ["fr", "es"])
def test_translating_an_item_removes_its_mark(client, demo, language):
    initiative = Initiative.objects.filter(plan__country__slug="eswatini").first()
    setattr(initiative, f"text_{language}", "Lutter contre la traite des personnes.")
    initiative.save()

    response = client.get(url("profiles:country", language, slug="eswatini"))

    assert "Lutter contre la traite des personnes." in page_text(response)
    assert "Lutter contre la traite des personnes." not in marked_english(main(response))
    assert initiative.text_en not in marked_english(main(response))


def test_office_name_in_a_sentence_is_marked_where_it_falls_back(client, demo):
    Office.objects.filter(slug="southern-africa").update(name_fr="")

    response = client.get(url("profiles:country", "fr", slug="lesotho"))

    assert '<span lang="en">Regional Office for Southern Africa</span> de l’OIM' in main(response)


@pytest.mark.parametrize(
    ("page", "kwargs"),
    [("profiles:country_list", {}), ("profiles:office", {"slug": "southern-africa"})],
)
def test_other_pages_mark_office_names_that_fall_back(client, demo, page, kwargs):
    Office.objects.filter(slug="southern-africa").update(name_es="")

    html = main(client.get(url(page, "es", **kwargs)))

    assert "Regional Office for Southern Africa" in marked_english(html)
    assert "Oficina Regional para África Meridional" not in html


# --- Country names: the official name in each language, unless an editor gives another ------


@pytest.mark.parametrize(
    ("slug", "language", "name"),
    [
        ("botswana", "es", "Botsuana"),  # the official Spanish name, from the country list
        ("lesotho", "es", "Lesoto"),
        ("kenya", "fr", "Kenya"),
        ("eswatini", "fr", "Eswatini"),  # the editor's choice over "Eswatini (République d')"
        ("eswatini", "es", "Eswatini"),  # ... and over the older "Suazilandia"
    ],
)
def test_country_names_are_official_unless_overridden(client, demo, slug, language, name):
    response = client.get(url("profiles:country", language, slug=slug))

    assert re.search(r"<h1>(.*?)</h1>", response.content.decode()).group(1) == name


def test_home_search_finds_a_country_by_its_name_in_any_language(client, demo):
    response = client.get(url("profiles:country_list", "en"), {"q": "Lesoto"})

    assert "Lesotho" in page_text(response)
    assert "Botswana" not in page_text(response)


def test_initiative_search_finds_text_in_any_language(client, demo):
    response = client.get(url("initiatives:list", "en"), {"q": "diaspora basotho"})

    assert "Support the creation of the Basotho diaspora association." in page_text(response)


# --- Editors translate in the admin --------------------------------------------------------


def test_country_form_offers_each_language_and_fills_official_names(editor_client):
    office = OfficeFactory()
    add = reverse("admin:profiles_country_add")
    form = editor_client.get(add)
    labels = [str(form.context["adminform"].form.fields[f].label) for f in ["name_fr", "name_es"]]
    assert labels == ["Name (French)", "Name (Spanish)"]

    data = admin_form_data(
        form,
        name="Namibia",
        name_es="República de Namibia",
        iso_code="NA",
        slug="namibia",
        regional_office=office.pk,
        member_since_precision=Country.Precision.NOT_STATED,
    )
    response = editor_client.post(add, data)

    assert response.status_code == 302
    namibia = Country.objects.get(slug="namibia")
    assert (namibia.name_en, namibia.name_fr, namibia.name_es) == (
        "Namibia",
        "Namibie",  # left empty: the official French name
        "República de Namibia",  # the editor's own
    )


def test_plan_form_translates_lead_in_and_items(editor_client, demo):
    plan = YearlyPlan.objects.get(country__slug="botswana")
    change = reverse("admin:initiatives_yearlyplan_change", args=[plan.pk])
    data = admin_form_data(
        editor_client.get(change),
        lead_in_fr="En 2020, l’OIM au Botswana renforcera son appui au Gouvernement :",
        **{"initiatives-0-text_fr": "Appuyer un mécanisme national de coordination."},
    )

    response = editor_client.post(change, data)

    assert response.status_code == 302
    text = page_text(editor_client.get(url("profiles:country", "fr", slug="botswana")))
    assert "En 2020, l’OIM au Botswana renforcera son appui au Gouvernement :" in text
    assert "Appuyer un mécanisme national de coordination." in text
    english = page_text(editor_client.get(url("profiles:country", "en", slug="botswana")))
    assert "Appuyer" not in english


def test_default_organisation_line_is_given_in_each_language(db):
    office = Office.objects.create(name="Regional Office for the Americas", slug="americas")

    assert (office.organisation_en, office.organisation_fr, office.organisation_es) == (
        "International Organization for Migration (IOM)",
        "Organisation internationale pour les migrations (OIM)",
        "Organización Internacional para las Migraciones (OIM)",
    )


def test_an_organisation_line_of_the_editors_own_is_kept(db):
    office = Office.objects.create(
        name="Migration office", slug="joint", organisation="UN Network on Migration"
    )

    assert office.organisation_fr == ""
    with translation.override("fr"):
        assert office.organisation == "UN Network on Migration"  # falls back to English


def test_country_saved_in_code_gets_official_names(db):
    country = CountryFactory(iso_code="SN", name="Senegal")

    assert (country.name_fr, country.name_es) == ("Sénégal", "Senegal")
