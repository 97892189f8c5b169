"""Every URL has the access rule it should: walk the URLconf, so a new URL must be classified."""

import pytest
from django.contrib import admin
from django.urls import URLResolver, get_resolver, reverse

# Open to anyone; everything else is the admin's, behind the staff login.
PUBLIC = {
    "healthz",
    "profiles:country_list",
    "profiles:country",
    "profiles:country_statistics",
    "profiles:office",
    "robots_txt",
    "sitemap",
    "initiatives:list",
    "initiatives:export",
    "initiatives:export_xlsx",
    "api:api-root",
    "api:country-list",
    "api:country-detail",
    "api:initiative-list",
    "api:office-list",
    "api:indicator-list",
    "api:schema",
    "api:docs",
}
ADMIN_OPEN = {"admin:login", "admin:logout"}
SAMPLE_ARGUMENTS = {
    "slug": "lesotho",
    "object_id": "1",
    "id": "1",
    "app_label": "profiles",
    "content_type_id": "1",
    "format": "csv",
    "iso": "LS",
}
OFFICE_SLUG = "southern-africa"


def named_patterns(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from named_patterns(pattern, inner)
        elif pattern.name:
            yield namespace + pattern.name, pattern


def url_for(name, pattern):
    kwargs = {key: SAMPLE_ARGUMENTS[key] for key in pattern.pattern.regex.groupindex}
    if name == "profiles:office":
        kwargs["slug"] = OFFICE_SLUG
    return reverse(name, kwargs=kwargs)


ALL_URLS = sorted(named_patterns(), key=lambda item: item[0])


def test_every_url_outside_the_admin_is_classified():
    unclassified = {name for name, _ in ALL_URLS if not name.startswith("admin:")} - PUBLIC
    assert not unclassified, f"Decide who may open these, then list them in PUBLIC: {unclassified}"


@pytest.mark.parametrize(
    ("name", "pattern"), [pytest.param(*item, id=item[0]) for item in ALL_URLS if item[0] in PUBLIC]
)
def test_public_urls_answer_anonymous_readers(client, demo, name, pattern):
    assert client.get(url_for(name, pattern)).status_code == 200


@pytest.mark.parametrize(
    ("name", "pattern"),
    [
        pytest.param(*item, id=item[0])
        for item in ALL_URLS
        if item[0].startswith("admin:") and item[0] not in ADMIN_OPEN
    ],
)
def test_admin_urls_send_anonymous_visitors_to_the_login(client, db, name, pattern):
    response = client.get(url_for(name, pattern))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_admin_login_is_open(client, db):
    assert client.get(reverse("admin:login")).status_code == 200


CONTENT_MODELS = [
    model
    for model in admin.site._registry
    if model._meta.app_label in {"contacts", "profiles", "initiatives"}
]


@pytest.mark.parametrize(
    "model", CONTENT_MODELS, ids=[model._meta.label_lower for model in CONTENT_MODELS]
)
@pytest.mark.parametrize("view", ["changelist", "add", "change", "history", "delete"])
def test_editor_opens_every_admin_page_of_every_content_model(editor_client, demo, model, view):
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
    args = [] if view in ("changelist", "add") else [model.objects.order_by("pk").first().pk]
    assert editor_client.get(reverse(info, args=args)).status_code == 200


def test_staff_without_permissions_is_refused_content(client, django_user_model, db):
    client.force_login(
        django_user_model.objects.create_user("nobody", password="pw", is_staff=True)
    )
    assert client.get(reverse("admin:profiles_country_changelist")).status_code == 403
