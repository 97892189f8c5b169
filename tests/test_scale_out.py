"""Two app servers, one PostgreSQL, one Redis: an edit saved through one server's admin
shows on the other at the very next request, and a sign-in on one is valid on the other.

Both run gunicorn with the production settings and config/gunicorn.py, in front of a
PostgreSQL cluster and a Redis of the test's own (never a shared Redis: the test would
share its keys with whoever else uses it).
"""

import html.parser
import re
import shutil
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from config.management.commands.create_demo_users import DEMO_USERS
from tests.servers import BASE_DIR, Postgres, Redis, Site, manage
from tests.test_faults import needs_servers

NEW_NAME = "Kingdom of Lesotho (edited on A)"


class FormFields(html.parser.HTMLParser):
    """The fields a browser would post from a page's form with `form_id` (or its first form)."""

    def __init__(self, form_id=None):
        super().__init__()
        self.form_id, self.inside, self.done = form_id, False, False
        self.fields, self.select, self.textarea = [], None, None

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if tag == "form" and not self.done and self.form_id in (None, attributes.get("id")):
            self.inside = True
        if not self.inside:
            return
        name = attributes.get("name")
        if tag == "input" and name and attributes.get("type") not in ("submit", "file"):
            if attributes.get("type") not in ("checkbox", "radio") or "checked" in attributes:
                self.fields.append((name, attributes.get("value", "")))
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attributes:
            self.fields.append((self.select, attributes.get("value", "")))

    def handle_data(self, data):
        if self.textarea:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self.textarea:
            self.fields.append(tuple(self.textarea))
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form" and self.inside:
            self.inside, self.done = False, True


def form_fields(page, form_id=None):
    parser = FormFields(form_id)
    parser.feed(page)
    return parser.fields


class Browser:
    """Requests as a browser behind the HTTPS proxy makes them, with its cookies."""

    def __init__(self):
        self.cookies = {}

    def request(self, site, path, data=None):
        url = f"http://127.0.0.1:{site.port}{path}"
        headers = {"X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if data is not None:
            headers["Origin"] = f"https://127.0.0.1:{site.port}"
            headers["Referer"] = f"https://127.0.0.1:{site.port}{path}"
            data = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(url, data=data, headers=headers)
        opener = urllib.request.build_opener(NoRedirects)
        try:
            response = opener.open(request, timeout=20)
        except urllib.error.HTTPError as error:
            response = error
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            self.cookies[name] = value
        return response.status, response.read().decode()

    def sign_in(self, site):
        """Sign in as the demo editor through the admin's own form; the answer's status (302
        when it took)."""
        _, login_page = self.request(site, "/admin/login/?next=/admin/")
        username, password, *_ = DEMO_USERS[0]
        credentials = {"username": username, "password": password}
        return self.request(site, "/admin/login/", dict(form_fields(login_page)) | credentials)[0]

    def rename_lesotho(self, site, name):
        """Save Lesotho's English name through the admin's change form, as an editor would."""
        _, changelist = self.request(site, "/admin/profiles/country/?q=lesotho")
        change = re.search(r'href="(/admin/profiles/country/\d+/change/)', changelist).group(1)
        _, form = self.request(site, change)
        fields = [
            (field, name if field == "name_en" else value)
            for field, value in form_fields(form, "country_form")
        ]
        status, _ = self.request(site, change, [*fields, ("_save", "Save")])
        assert status == 302, "the admin refused the change"


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the test reads each redirect itself


def project_files():
    """Every file of the project folder with its modification time (not the tools')."""
    skipped = {".venv", ".git", "__pycache__", ".pytest_cache", ".ruff_cache", "artifacts"}
    return {
        path: path.stat().st_mtime_ns
        for path in BASE_DIR.rglob("*")
        if path.is_file() and not skipped.intersection(path.parts)
    }


@pytest.fixture(scope="module")
def cache_url():
    redis = Redis().start()
    try:
        yield redis.url
    finally:
        redis.stop()


@pytest.fixture(scope="module")
def folder():
    path = Path(tempfile.mkdtemp(prefix="country-pages-scale-out-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def sites(folder, cache_url):
    postgres = Postgres()
    started = []
    try:
        postgres.create()
        manage("migrate", "--noinput", DATABASE_URL=postgres.url)
        manage("load_demo", DATABASE_URL=postgres.url)
        manage("create_demo_users", DATABASE_URL=postgres.url, DEBUG="true")
        manage("collectstatic", "--noinput", STATIC_ROOT=str(folder / "static"))
        for name in "AB":
            (folder / name).mkdir()
            site = Site(
                folder / name,
                config=BASE_DIR / "config" / "gunicorn.py",
                workers=2,  # a worker of A and either of B's share the cache too
                DATABASE_URL=postgres.url,
                CACHE_URL=cache_url,
                STATIC_ROOT=str(folder / "static"),
                CONN_MAX_AGE="60",
            )
            started.append(site.start())
        yield started
    finally:
        for site in started:
            site.stop()
        postgres.remove()


@needs_servers
def test_an_edit_on_one_server_shows_on_the_other_at_once(sites):
    a, b = sites
    files_before = project_files()
    reader, editor = Browser(), Browser()
    status, page = reader.request(b, "/en/countries/lesotho/")
    assert status == 200 and NEW_NAME not in page
    assert reader.request(b, "/en/countries/lesotho/")[1] == page  # now in the shared cache
    assert not reader.cookies  # and nothing personal in it

    assert editor.sign_in(a) == 302 and "sessionid" in editor.cookies
    # The sign-in made on A is valid on B: sessions live in the database.
    status, index = editor.request(b, "/admin/")
    assert status == 200 and "Log out" in index

    editor.rename_lesotho(a, NEW_NAME)

    status, page = reader.request(b, "/en/countries/lesotho/")
    assert status == 200 and NEW_NAME in page
    assert NEW_NAME in reader.request(b, "/api/v1/countries/LS/")[1]

    # Static files: hashed names, cached for ten years, compressed for who accepts it.
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', page).group(1)
    request = urllib.request.Request(
        f"http://127.0.0.1:{b.port}{stylesheet}",
        headers={"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip"},
    )
    with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
        assert "max-age=315360000" in response.headers["Cache-Control"]
        assert "immutable" in response.headers["Cache-Control"]
        assert response.headers["Content-Encoding"] == "gzip"

    # Nothing written to local disk: the project's files are as they were, and each
    # server's folder holds only the log the test gave it.
    assert project_files() == files_before
    for site in sites:
        assert [path.name for path in site.folder.iterdir()] == ["gunicorn.log"]
