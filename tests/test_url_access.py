"""Every URL has the access rule it should: walk the URLconf, so a new URL must be classified."""

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, URLResolver, get_resolver, reverse

from profiles.models import Country

# Open to anyone; everything else is the admin's, behind the staff login.
PUBLIC = {
    "healthz",
    "profiles:country_list",
    "profiles:country",
    "profiles:country_statistics",
    "profiles:office",
    "profiles:office_list",
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
# Addresses a reader may shorten to, sent on to a public page (301).
REDIRECTS = {"profiles:countries": "profiles:country_list"}
ADMIN_OPEN = {"admin:login", "admin:logout"}
SAMPLE_ARGUMENTS = {
    "slug": "lesotho",
    "object_id": "1",
    "id": "1",
    "app_label": "profiles",
    "content_type_id": "1",
    "format": "csv",
    "history_id": "1",
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
    regex = pattern.pattern.regex
    if regex.groups and not regex.groupindex:  # unnamed groups: an object and its version
        return reverse(name, args=["1"] * regex.groups)
    kwargs = {key: SAMPLE_ARGUMENTS[key] for key in regex.groupindex}
    if name == "profiles:office":
        kwargs["slug"] = OFFICE_SLUG
    return reverse(name, kwargs=kwargs)


ALL_URLS = sorted(named_patterns(), key=lambda item: item[0])


def test_every_url_outside_the_admin_is_classified():
    unclassified = {name for name, _ in ALL_URLS if not name.startswith("admin:")}
    unclassified -= PUBLIC | set(REDIRECTS)
    assert not unclassified, f"Decide who may open these, then list them in PUBLIC: {unclassified}"


@pytest.mark.parametrize(
    ("name", "pattern"), [pytest.param(*item, id=item[0]) for item in ALL_URLS if item[0] in PUBLIC]
)
def test_public_urls_answer_anonymous_readers(client, demo, name, pattern):
    assert client.get(url_for(name, pattern)).status_code == 200


@pytest.mark.parametrize(("name", "target"), REDIRECTS.items())
def test_shortened_addresses_lead_to_a_public_page(client, db, name, target):
    response = client.get(reverse(name))
    assert (response.status_code, response["Location"]) == (301, reverse(target))
    assert target in PUBLIC


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


REVIEWED = {"profiles.country", "initiatives.yearlyplan"}
# view -> the status each role gets: (editor, reviewer, staff in no group)
EXPECTED = {
    "changelist": (200, 200, 403),
    "add": (200, 403, 403),
    "change": (200, 200, 403),  # the reviewer's is read-only
    "history": (200, 200, 403),
    "delete": (200, 403, 403),
    "recover": (200, 403, 403),
    "review": (200, 200, 403),
}
ROLES = ["editor", "reviewer", "staff"]


def admin_pages():
    for model in CONTENT_MODELS:
        for view, statuses in EXPECTED.items():
            if view == "review" and model._meta.label_lower not in REVIEWED:
                continue
            for role, status in zip(ROLES, statuses, strict=True):
                yield pytest.param(
                    model, view, role, status, id=f"{model._meta.label_lower}-{view}-{role}"
                )


@pytest.mark.parametrize(("model", "view", "role", "status"), list(admin_pages()))
def test_each_role_gets_what_it_may_on_every_admin_page(
    client, demo, request, model, view, role, status
):
    client.force_login(request.getfixturevalue(role))
    info = f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}"
    args = (
        []
        if view in ("changelist", "add", "recover")
        else [model.objects.order_by("pk").first().pk]
    )

    assert client.get(reverse(info, args=args)).status_code == status


def test_reviewer_sees_a_read_only_change_page(client, demo, reviewer):
    client.force_login(reviewer)
    country = Country.objects.get(slug="lesotho")
    response = client.get(reverse("admin:profiles_country_change", args=[country.pk]))

    assert 'name="name_en"' not in response.text
    assert 'name="_save"' not in response.text
    assert reverse("admin:profiles_country_review", args=[country.pk]) in response.text


ODD_IDS = ["abc", "0", "-1", "1.5", "99999999", "9" * 30, "%20", "1;2"]


@pytest.mark.parametrize(
    ("name", "pattern"),
    [pytest.param(*item, id=item[0]) for item in ALL_URLS if item[1].pattern.regex.groups],
)
def test_no_address_of_the_wrong_form_gives_a_500(admin_client, demo, name, pattern):
    """Every address that names something, given ids of every wrong form and of nothing,
    answers 404, a redirect or a page: never a server error."""
    regex = pattern.pattern.regex
    template = url_for(name, pattern)
    for odd in ODD_IDS:
        if regex.groupindex:
            kwargs = {key: SAMPLE_ARGUMENTS[key] for key in regex.groupindex}
            kwargs.update({key: odd for key in kwargs if key.endswith("id")} or {})
            try:
                url = reverse(name, kwargs=kwargs)
            except NoReverseMatch:  # the address's converter refuses it: no request
                continue
        else:
            url = template.replace("/1/", f"/{odd}/")
        for method in (admin_client.get, admin_client.post):
            response = method(url)
            assert response.status_code < 500, f"{method.__name__.upper()} {url}"
