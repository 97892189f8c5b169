"""Methods and file parts no page expects are refused before any view runs: a walk over
every URL, so a view added later is covered (config/accepts.py). The API's own answers to
odd methods are in tests/test_api_errors.py."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import resolve, reverse

from profiles.tests.publisher_fixtures import FOLDER, REMITTANCES
from tests.test_url_access import ALL_URLS, PUBLIC, REDIRECTS, url_for

# The readers' addresses, the shortened ones included: GET and HEAD only.
READERS = PUBLIC | set(REDIRECTS)

ODD_METHODS = ["OPTIONS", "TRACE", "PUT", "DELETE", "PATCH", "FOO"]
IMPORT = "admin:profiles_statistic_import"
REFRESH = "admin:profiles_statistic_refresh"
TAKES_FILES = {IMPORT, REFRESH}  # the views marked with config.accepts.takes_files
FILE_REFUSED = "This address takes no files: send the form without one."


def walk(names):
    return [pytest.param(name, pattern, id=name) for name, pattern in ALL_URLS if names(name)]


def api(name):
    return name.startswith("api:")


@pytest.mark.parametrize(("name", "pattern"), walk(lambda name: name in READERS and not api(name)))
def test_pages_answer_odd_methods_with_405_and_no_page(client, db, name, pattern):
    url = url_for(name, pattern)
    for method in [*ODD_METHODS, "POST"]:
        response = client.generic(method, url)
        assert response.status_code == 405, method
        assert response["Allow"] == "GET, HEAD", method
        assert response.content == b"", method


@pytest.mark.parametrize(
    ("name", "pattern"), walk(lambda name: name.startswith("admin:") and name not in TAKES_FILES)
)
def test_admin_pages_answer_odd_methods_with_405(client, db, name, pattern):
    url = url_for(name, pattern)
    for method in ODD_METHODS:
        response = client.generic(method, url)
        assert response.status_code == 405, method
        assert response["Allow"] == "GET, HEAD, POST", method
        assert response.content == b"", method


def a_file():
    return SimpleUploadedFile("notes.txt", b"a file no form of this page asks for\n")


@pytest.mark.parametrize(("name", "pattern"), walk(lambda name: name not in TAKES_FILES))
@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "editor"])
def test_a_file_part_is_refused_wherever_no_file_is_taken(client, editor, name, pattern, signed_in):
    if signed_in:
        client.force_login(editor)

    response = client.post(url_for(name, pattern), {"title": "x", "attachment": a_file()})

    # Refused before any view: 405 where POST is not taken at all, else 400, never a page
    # or a redirect that read the file.
    assert response.status_code == (405 if name in READERS else 400)
    if response.status_code == 400:
        assert response.text == FILE_REFUSED
        assert response["Content-Type"] == "text/plain; charset=utf-8"
    if api(name):
        assert response["Content-Type"] == "application/json"


def test_a_form_without_a_file_is_still_read(client, db):
    # The same multipart body, less the file: the sign-in form reads it (a wrong password).
    response = client.post(reverse("admin:login"), {"username": "amina", "password": "x"})
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.text


def test_a_20_mb_file_to_the_sign_in_page_is_refused_unread(db):
    # With the CSRF check on, as in production: it reads the body of every POST it checks.
    client = Client(enforce_csrf_checks=True)
    size = 20 * 1024 * 1024
    big = SimpleUploadedFile("big.bin", b"x" * size)

    response = client.post(reverse("admin:login"), {"username": "amina", "big": big})

    assert response.status_code == 400
    assert response.text == FILE_REFUSED
    # Read as far as the first chunk holding the file part's headers (64 KB), then no
    # further: the file was never kept, in memory or in a temporary file.
    unread = len(response.wsgi_request.META["wsgi.input"])
    assert unread > size - 100 * 1024


def test_the_refusal_is_in_the_readers_language(client, db):
    response = client.post(
        reverse("admin:login"), {"attachment": a_file()}, HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert response.status_code == 400
    assert response.text == (
        "Cette adresse n’accepte aucun fichier : envoyez le formulaire sans fichier."
    )


def test_the_statistics_import_still_takes_its_file(client, demo, editor):
    url = reverse(IMPORT)
    # Marked before the admin wrapped it; the mark reached the URL's view.
    assert resolve(url).func.takes_files is True
    client.force_login(editor)
    csv = SimpleUploadedFile(
        "figures.csv", b"country,indicator,year,value\nLS,population,2020,2100001\n"
    )

    response = client.post(url, {"file": csv})

    assert response.status_code == 200
    assert response.context["filename"] == "figures.csv"
    assert "confirm_form" in response.context


def test_the_refresh_takes_the_publishers_file(client, demo, editor):
    url = reverse(REFRESH)
    assert resolve(url).func.takes_files is True
    client.force_login(editor)
    data = (FOLDER / REMITTANCES).read_bytes()

    response = client.post(
        url,
        {"file": SimpleUploadedFile(REMITTANCES, data), "figures": "revisions", "countries": "all"},
    )

    assert response.status_code == 200
    assert response.context["filename"] == REMITTANCES
    assert "confirm_form" in response.context
