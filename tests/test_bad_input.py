"""Bad input never gives a 500, and what an editor types is never run as code.

Text fields are found by reading each model's fields, so translated variants (name_en,
name_fr, …) and new fields are covered without changing this file. A new public page or
download is covered by adding it to `public_urls`.
"""

import html
import json

import pytest
from django.conf import settings
from django.contrib import admin
from django.core.validators import MaxLengthValidator
from django.db import models
from django.urls import reverse
from django.utils import translation

from contacts.models import Office
from profiles.models import Country
from tests.helpers import admin_form_data
from tests.test_security_headers import InlineCode

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'
LINK = "javascript:alert(1)"
PAYLOAD = f"{SCRIPT} {ATTRIBUTE} {LINK}"


def text_fields(model):
    """Every field an editor types free text into: CharField and TextField (URL, email and
    slug fields included: their validators must refuse the payload), not choices."""
    names = {field.name for field in model._meta.get_fields()}
    return [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and field.editable
        and f"{field.name}_en" not in names  # edited as name_en, name_fr, name_es
    ]


def edited_through_admin():
    """(model admin, inline or None, model, field) for every text field the admin edits."""
    cases = []
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label not in settings.CONTENT_APPS:
            continue
        cases += [(model_admin, None, model, name) for name in text_fields(model)]
        for inline_class in model_admin.inlines:
            inline = inline_class(model, admin.site)
            if inline.model in admin.site._registry:
                continue  # already edited through its own admin
            cases += [
                (model_admin, inline, inline.model, name) for name in text_fields(inline.model)
            ]
    return cases


CASES = edited_through_admin()


def has_rules_of_its_own(field):
    return any(not isinstance(rule, MaxLengthValidator) for rule in field.validators)


def public_urls():
    """Every public page and download of the demo content."""
    urls = [
        reverse("profiles:country_list"),
        reverse("profiles:country_list") + "?q=alert",
        reverse("initiatives:list"),
        reverse("initiatives:list") + "?q=alert",
        reverse("initiatives:export"),
        reverse("sitemap"),
    ]
    for country in Country.objects.published():
        urls.append(country.get_absolute_url())
        urls += [
            reverse("profiles:country_statistics", kwargs={"slug": country.slug, "format": kind})
            for kind in ["csv", "json"]
        ]
        urls += [plan.get_absolute_url() for plan in country.plans.published()]
    urls += [office.get_absolute_url() for office in Office.objects.all()]
    return urls


def public_urls_in_every_language():
    """The public pages and downloads in English, French and Spanish, where a translated
    text shows."""
    urls = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            urls += [url for url in public_urls() if url not in urls]
    return urls


def editable_object(model_admin):
    """A published, visible object, so that its text reaches the public pages."""
    objects = model_admin.model.objects.order_by("pk")
    if model_admin.model is Country:
        return objects.get(slug="lesotho")
    country = next((f for f in model_admin.model._meta.fields if f.name == "country"), None)
    if isinstance(country, models.ForeignKey):
        return objects.filter(country__slug="lesotho").first()
    return objects.first()


def assert_inert(url, response):
    content_type = response["Content-Type"]
    assert response["X-Content-Type-Options"] == "nosniff"
    if content_type.startswith("text/html"):
        parser = InlineCode()
        parser.feed(response.text)
        assert parser.found == [], url
        assert SCRIPT not in response.text
        assert ATTRIBUTE not in response.text
    elif content_type.startswith("application/json"):
        json.loads(response.text)  # well-formed: the text is a string value, nothing more
    else:
        # CSV and XML are downloads or data, never rendered as a page.
        assert content_type.split(";")[0] in {"text/csv", "application/xml", "text/plain"}, url
        if content_type.startswith("text/csv"):
            assert response["Content-Disposition"].startswith("attachment")
        if content_type.startswith("application/xml"):
            assert SCRIPT not in response.text


def shown(response):
    """Whether the payload reaches this response, as text (escaped where that matters)."""
    text = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        return PAYLOAD in text or PAYLOAD in json.dumps(json.loads(text), ensure_ascii=False)
    return PAYLOAD in html.unescape(text) or PAYLOAD in text


# Fields the readers never see: for editors only, or kept out of the pages on purpose.
EDITOR_ONLY = {"profiles.statistic.note"}


@pytest.mark.parametrize(
    ("model_admin", "inline", "model", "field"),
    CASES,
    ids=[f"{model._meta.label_lower}.{field}" for _, _, model, field in CASES],
)
def test_text_typed_in_the_admin_is_shown_inert_everywhere(
    editor_client, demo, model_admin, inline, model, field
):
    target = editable_object(model_admin)
    url = reverse(
        f"admin:{target._meta.app_label}_{target._meta.model_name}_change", args=[target.pk]
    )
    form_page = editor_client.get(url)
    assert form_page.status_code == 200
    if inline is None:
        name, row = field, target
    else:
        prefix = inline.get_formset(form_page.wsgi_request).get_default_prefix()
        row = getattr(target, prefix).order_by("pk").first()
        name = f"{prefix}-0-{field}"
    data = admin_form_data(form_page, **{name: PAYLOAD})
    assert name in data, f"the admin form has no field {name}"
    before = model.objects.filter(pk=row.pk).values(field).get()[field]

    response = editor_client.post(url, data)

    stored = model.objects.filter(pk=row.pk).values(field).get()[field]
    if response.status_code == 200:
        # Refused by the field's own rules (a URL, an e-mail address, a slug, a phone
        # number): the form says why and nothing is stored.
        assert "errornote" in response.text
        assert stored == before
        assert has_rules_of_its_own(model._meta.get_field(field)), "plain text was refused"
        return
    assert response.status_code == 302, response.content[:500]
    assert stored == PAYLOAD

    reached = []
    for public_url in public_urls_in_every_language():
        page = editor_client.get(public_url)
        assert page.status_code == 200, public_url
        assert_inert(public_url, page)
        if shown(page):
            reached.append(public_url)
    # The admin's own pages show it inert too.
    for admin_url in [
        url,
        reverse(f"admin:{target._meta.app_label}_{target._meta.model_name}_changelist"),
    ]:
        assert_inert(admin_url, editor_client.get(admin_url))
    if f"{model._meta.label_lower}.{field}" not in EDITOR_ONLY:
        assert reached, "the text reached no public page: is the test looking in the right place?"
