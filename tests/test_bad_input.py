"""Bad input never gives a 500, and what an editor types is never run as code.

Text fields are found by reading each model's fields, so translated variants (name_en,
name_fr, …) and new fields are covered without changing this file. A new public page or
download is covered by adding it to `public_urls`.
"""

import csv
import html
import io
import json
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.core.validators import MaxLengthValidator
from django.db import models, transaction
from django.test import Client, override_settings
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

# Asks xdist (--dist loadgroup) to run this file's tests in one process: they share one sweep.
pytestmark = pytest.mark.xdist_group("bad-input")


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
        reverse("api:indicator-list"),
    ]
    for country in Country.objects.published():
        urls.append(country.get_absolute_url())
        urls += [
            reverse("profiles:country_statistics", kwargs={"slug": country.slug, "format": kind})
            for kind in ["csv", "json"]
        ]
        urls.append(reverse("api:country-detail", kwargs={"iso": country.iso_code.code}))
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


def shown(response, payload):
    """Whether the payload reaches this response, as text (escaped where that matters)."""
    text = response.content.decode()
    if response["Content-Type"].startswith("application/json"):
        return any(payload in value for value in strings_in(json.loads(text)))
    if response["Content-Type"].startswith("text/csv"):
        return any(payload in cell for row in csv.reader(io.StringIO(text)) for cell in row)
    return payload in html.unescape(text) or payload in text


def strings_in(data):
    """Every text in decoded JSON, however deep: a quote in it is escaped in the JSON."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict | list):
        for item in data.values() if isinstance(data, dict) else data:
            yield from strings_in(item)


# Fields the readers never see: for editors only, or kept out of the pages on purpose.
EDITOR_ONLY = {"profiles.statistic.note"}


def label(model, field):
    return f"{model._meta.label_lower}.{field}"


def typed(number):
    """The payload with a number of its own: each field's text can be told from the others'
    on a page that shows several. The number closes with a bracket, so that [1] is not
    found inside [10]."""
    return f"{PAYLOAD} [{number:02d}]"


@dataclass
class Save:
    """One field's text typed in its admin form and saved, and what came of it."""

    text: str
    form_status: int
    name: str
    data: dict = field(default_factory=dict)
    before: object = None
    response: object = None
    stored: object = None
    admin_urls: list = field(default_factory=list)


@dataclass
class Sweep:
    saves: dict  # label -> Save
    public: dict  # public URL -> response, with every field's text in place
    admin: dict  # admin URL -> response
    checked: dict = field(default_factory=dict)  # URL -> assert_inert's failure or None

    def assert_inert(self, url, response):
        """assert_inert, run once per page for all the tests that read it: its failure
        fails each of them."""
        if url not in self.checked:
            try:
                assert_inert(url, response)
                self.checked[url] = None
            except AssertionError as failure:
                self.checked[url] = failure
        if self.checked[url] is not None:
            raise self.checked[url]


def type_in_the_admin(client, number, model_admin, inline, model, field_name):
    target = editable_object(model_admin)
    url = reverse(
        f"admin:{target._meta.app_label}_{target._meta.model_name}_change", args=[target.pk]
    )
    form_page = client.get(url)
    if inline is None:
        name, row = field_name, target
    else:
        prefix = inline.get_formset(form_page.wsgi_request).get_default_prefix()
        row = getattr(target, prefix).order_by("pk").first()
        name = f"{prefix}-0-{field_name}"
    save = Save(typed(number), form_page.status_code, name)
    if form_page.status_code != 200:
        return save
    save.data = admin_form_data(form_page, **{name: save.text})
    if name not in save.data:
        return save
    save.before = model.objects.filter(pk=row.pk).values(field_name).get()[field_name]
    save.response = client.post(url, save.data)
    save.stored = model.objects.filter(pk=row.pk).values(field_name).get()[field_name]
    save.admin_urls = [
        url,
        reverse(f"admin:{target._meta.app_label}_{target._meta.model_name}_changelist"),
    ]
    return save


@pytest.fixture(scope="module")
def sweep(django_db_setup, django_db_blocker):
    """Every field's text typed in the admin by an editor, one save per field as the editor
    makes them, on one copy of the demo content (rolled back at the end); then every public
    page and download, in every language, and the admin pages read once with all the texts
    in place. Each test below checks its own field's save and where its own text went."""
    fast_hashing = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]
    )
    with (
        django_db_blocker.unblock(),
        fast_hashing,
        translation.override("en"),
        transaction.atomic(),
    ):
        cache.clear()
        call_command("load_demo", stdout=None)
        editor = get_user_model().objects.create_user("editor", password="pw", is_staff=True)
        editor.groups.add(Group.objects.get(name="Editor"))
        client = Client()
        client.force_login(editor)
        saves = {
            label(model, field_name): type_in_the_admin(
                client, number, model_admin, inline, model, field_name
            )
            for number, (model_admin, inline, model, field_name) in enumerate(CASES)
        }
        public = {url: client.get(url) for url in public_urls_in_every_language()}
        admin_urls = {url for save in saves.values() for url in save.admin_urls}
        admin_pages = {url: client.get(url) for url in sorted(admin_urls)}
        transaction.set_rollback(True)
    cache.clear()
    return Sweep(saves, public, admin_pages)


@pytest.mark.django_db  # the sweep's database; each test only reads what it found
@pytest.mark.parametrize(
    ("model_admin", "inline", "model", "field_name"),
    CASES,
    ids=[label(model, field_name) for _, _, model, field_name in CASES],
)
def test_text_typed_in_the_admin_is_shown_inert_everywhere(
    sweep, model_admin, inline, model, field_name
):
    save = sweep.saves[label(model, field_name)]
    assert save.form_status == 200
    assert save.name in save.data, f"the admin form has no field {save.name}"
    response = save.response
    if response.status_code == 200:
        # Refused by the field's own rules (a URL, an e-mail address, a slug, a phone
        # number): the form says why and nothing is stored.
        assert "errornote" in response.text
        assert save.stored == save.before
        assert has_rules_of_its_own(model._meta.get_field(field_name)), "plain text was refused"
        return
    assert response.status_code == 302, response.content[:500]
    assert save.stored == save.text

    reached = []
    for public_url, page in sweep.public.items():
        assert page.status_code == 200, public_url
        sweep.assert_inert(public_url, page)
        if shown(page, save.text):
            reached.append(public_url)
    # The admin's own pages show it inert too.
    for admin_url in save.admin_urls:
        sweep.assert_inert(admin_url, sweep.admin[admin_url])
    if label(model, field_name) not in EDITOR_ONLY:
        assert reached, "the text reached no public page: is the test looking in the right place?"
