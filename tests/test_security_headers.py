"""Production settings pass Django's deployment checks; every response carries the security
headers; public pages hold no inline script or style, so a strict policy costs them nothing."""

import json
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from profiles.models import Country, Indicator, Statistic
from tests.processes import run_django

PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-of-fifty-or-more-characters-7f3b9c2e41d8a6",
    "ALLOWED_HOSTS": "countrypages.example.org",
}
ONE_YEAR = 365 * 24 * 60 * 60

# One page of every kind that a reader, a script or the admin's visitor reaches.
PAGES = {
    "home": "/en/",
    "home-french": "/fr/",
    "country": "/en/countries/lesotho/",
    "office": "/en/offices/southern-africa/",
    "initiatives": "/en/initiatives/",
    "statistics-csv": "/en/countries/lesotho/statistics.csv",
    "statistics-json": "/en/countries/lesotho/statistics.json",
    "initiatives-csv": "/en/initiatives/export.csv",
    "not-found": "/en/countries/atlantis/",
    "language-redirect": "/countries/lesotho/",
    "healthz": "/healthz",
    "robots": "/robots.txt",
    "sitemap": "/sitemap.xml",
    "admin-login": "/admin/login/",
}


def csp_directives(response):
    policy = response["Content-Security-Policy"]
    return {
        name: values for name, *values in (directive.split() for directive in policy.split(";"))
    }


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_every_response_carries_the_security_headers(client, demo, path):
    response = client.get(path, secure=True)
    assert response.status_code in {200, 302, 404}
    assert response["Strict-Transport-Security"] == (
        f"max-age={ONE_YEAR}; includeSubDomains; preload"
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    permissions = response["Permissions-Policy"]
    for feature in ["camera", "microphone", "geolocation", "payment", "usb"]:
        assert f"{feature}=()" in permissions

    directives = csp_directives(response)
    assert directives["default-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]
    for kind in ["script-src", "style-src"]:
        assert "'unsafe-inline'" not in directives[kind]
        assert "'unsafe-eval'" not in directives[kind]
        assert "*" not in directives[kind]


def test_hsts_is_sent_over_https_only(client, db):
    # Over plain HTTP a browser ignores it, and development would pin localhost to HTTPS.
    assert "Strict-Transport-Security" not in client.get("/robots.txt")


class InlineCode(HTMLParser):
    """Collects what a strict policy would block: inline scripts and styles, style and
    event-handler attributes, and javascript: addresses."""

    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "style":
            self.found.append("<style>")
        # A JSON data block is not run; any other script must come from a file.
        is_data = attributes.get("type") == "application/json"
        if tag == "script" and "src" not in attributes and not is_data:
            self.found.append("<script> without src")
        for name, value in attrs:
            if name == "style" or name.startswith("on"):
                self.found.append(f"<{tag} {name}=…>")
            if name in {"href", "src", "action"} and (value or "").strip().lower().startswith(
                "javascript:"
            ):
                self.found.append(f"<{tag} {name}=javascript:…>")


PUBLIC_HTML = [
    "/en/",
    "/en/?q=les",
    "/en/countries/lesotho/",
    "/en/countries/lesotho/?year=2020",
    "/en/countries/eswatini/",
    "/en/offices/southern-africa/",
    "/en/offices/southern-africa/?sort=-population",
    "/en/offices/",
    "/en/initiatives/",
    "/en/initiatives/?year=abc&theme=nowhere",
    "/en/countries/atlantis/",
]


@pytest.mark.parametrize("path", PUBLIC_HTML)
def test_public_pages_hold_no_inline_script_or_style(client, demo, path, history):
    parser = InlineCode()
    parser.feed(client.get(path).text)
    assert parser.found == []


@pytest.fixture
def history(demo):
    """A second year of figures, so that the country page draws its charts."""
    Statistic.objects.create(
        country=Country.objects.get(slug="lesotho"),
        indicator=Indicator.objects.get(slug="population"),
        year=2015,
        value=2050000,
    )


def test_charts_are_drawn_on_the_country_page(client, history):
    # Guards the test above: the page it checks does hold an SVG chart.
    assert "<svg" in client.get("/en/countries/lesotho/").text


# --- Production settings, in a fresh process --------------------------------------------

DEPLOY_CHECK = """
from django.core.management import call_command
call_command("check", deploy=True, fail_level="WARNING")
"""


def test_deployment_checks_find_nothing_in_production():
    result = run_django(DEPLOY_CHECK, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


REQUEST = """
import json
from django.conf import settings
from django.test import Client, override_settings
from django.test.utils import setup_test_environment
setup_test_environment()
# The login page links the admin's styles, which production finds in collected files.
override_settings(STORAGES={
    **settings.STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
client = Client(HTTP_HOST="countrypages.example.org")
answers = {}
for name, headers in [("http", {}), ("proxied-https", {"HTTP_X_FORWARDED_PROTO": "https"})]:
    response = client.get("/admin/login/", **headers)
    answers[name] = {
        "status": response.status_code,
        "location": response.get("Location", ""),
        "hsts": response.get("Strict-Transport-Security", ""),
        "csrf_cookie": str(response.cookies.get("csrftoken", "")),
    }
answers["healthz"] = client.get("/healthz").status_code
answers["session_cookie"] = [
    settings.SESSION_COOKIE_SECURE,
    settings.SESSION_COOKIE_HTTPONLY,
    settings.SESSION_COOKIE_SAMESITE,
]
print(json.dumps(answers))
"""


def production_answers(**environment):
    result = run_django(REQUEST, **PRODUCTION, **environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_trusts_the_proxy_for_https():
    answers = production_answers()
    # Plain HTTP is sent to HTTPS; what the proxy says was HTTPS is served as such.
    assert answers["http"]["status"] == 301
    assert answers["http"]["location"] == "https://countrypages.example.org/admin/login/"
    proxied = answers["proxied-https"]
    assert proxied["status"] == 200
    assert proxied["hsts"] == f"max-age={ONE_YEAR}; includeSubDomains; preload"
    cookie = proxied["csrf_cookie"].lower()
    assert "secure" in cookie
    assert "samesite=lax" in cookie
    assert answers["session_cookie"] == [True, True, "Lax"]
    # The load balancer's probe is not redirected (503 here: this process has no database).
    assert answers["healthz"] in {200, 503}


def test_production_can_stop_trusting_x_forwarded_proto():
    answers = production_answers(TRUST_X_FORWARDED_PROTO="false")
    # A forged header no longer makes a plain request look secure.
    assert answers["proxied-https"]["status"] == 301


def test_the_admin_address_is_configurable():
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    assert run_django(code, ADMIN_URL="iom-office/").stdout.strip() == "/iom-office/"
    assert run_django(code).stdout.strip() == "/admin/"


def test_robots_txt_keeps_crawlers_out_of_the_admin_wherever_it_is(client, db):
    assert f"Disallow: {reverse('admin:index')}" in client.get("/robots.txt").text
