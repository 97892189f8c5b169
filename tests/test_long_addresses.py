"""A shared /initiatives/ address with many filters ticked runs to 8 KB: gunicorn, with
config/gunicorn.py, passes it on whole (its default answered 414 past about 4 KB), and the
same address as the Referer of the next request. Past its limit, gunicorn's own 414.

The site runs under gunicorn with the production settings, on a SQLite file database that
holds the demo content: 15 initiatives of 2020 in Southern Africa, 6 of them on the two
themes asked for below.
"""

import http.client
import shutil
import tempfile
from itertools import cycle
from pathlib import Path

import pytest

from contacts.models import Office
from tests.servers import BASE_DIR, Site, manage

# gunicorn's request line holds at most 8190 bytes: "GET ", the address, " HTTP/1.1".
LONGEST = 8190 - len("GET ") - len(" HTTP/1.1")
OFFICES = [
    "asia-and-the-pacific",
    "east-and-horn-of-africa",
    "europe-and-central-asia",
    "southern-africa",
    "west-and-central-africa",
    "americas",
    "middle-east-and-north-africa",
]
TICKS = [
    *(f"office={office}" for office in OFFICES),
    "theme=counter-trafficking",
    "theme=labour-migration",
    "year=2020",
]
SHORT = "/en/initiatives/?" + "&".join(TICKS)
FOUND = "6 initiatives found."


def address(length):
    """/en/initiatives/?... of exactly `length` bytes: the ticks, over and over as a page
    with many boxes would send them, and an unused parameter for the last few bytes."""
    path = "/en/initiatives/?" + TICKS[0]
    for tick in cycle(TICKS[1:]):
        if len(path) + 1 + len(tick) > length:
            break
        path += "&" + tick
    rest = length - len(path)
    return path + ("&" + "z" * (rest - 1) if rest else "")


@pytest.fixture(scope="module")
def site():
    folder = Path(tempfile.mkdtemp(prefix="country-pages-addresses-"))
    database = {"DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}"}
    static = {"STATIC_ROOT": str(folder / "static")}
    config = BASE_DIR / "config" / "gunicorn.py"
    server = Site(folder, config=config, workers=1, **database, **static)
    try:
        manage("migrate", "--noinput", **database)
        manage("load_demo", **database)
        manage("collectstatic", "--noinput", **static)
        yield server.start()
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)


def get(site, path, **headers):
    """(status, body) of a GET sent as written, behind the HTTPS proxy."""
    connection = http.client.HTTPConnection("127.0.0.1", site.port, timeout=20)
    try:
        connection.request("GET", path, headers={"X-Forwarded-Proto": "https", **headers})
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        connection.close()


def test_the_address_is_as_long_as_asked():
    assert len(address(LONGEST)) == LONGEST == 8177
    assert address(LONGEST).count("office=") > 100


def test_gunicorn_passes_an_8_kb_address_on_whole(site):
    status, short = get(site, SHORT)
    assert status == 200 and FOUND in short

    status, page = get(site, address(LONGEST))

    assert status == 200, page[:300]
    assert FOUND in page
    assert 'name="theme" value="counter-trafficking" checked' in page
    assert 'name="theme" value="migration-data" checked' not in page


def test_the_download_links_of_a_page_a_little_shorter_work_too(site):
    # "export.xlsx" makes the page's download link 11 bytes longer than its own address.
    page = address(LONGEST - len("export.xlsx"))
    status, listed = get(site, page)
    assert status == 200 and FOUND in listed
    export = page.replace("/initiatives/?", "/initiatives/export.csv?")
    status, csv = get(site, export)
    assert status == 200
    assert len(csv.splitlines()) == 1 + 6  # the header and the six initiatives
    status, _ = get(site, page.replace("/initiatives/?", "/initiatives/export.xlsx?"))
    assert status == 200


def test_the_next_request_may_carry_it_as_its_referer(site):
    referer = f"https://127.0.0.1:{site.port}{address(LONGEST)}"
    status, page = get(site, SHORT + "&sort=country", Referer=referer)
    assert status == 200, page[:300]
    assert FOUND in page


def test_a_longer_address_gets_gunicorns_414(site):
    status, body = get(site, address(LONGEST + 1))
    assert status == 414
    assert "initiatives" not in body


@pytest.mark.parametrize("length", [LONGEST, LONGEST + 1, 3 * LONGEST])
def test_django_itself_takes_any_length(client, demo, length):
    assert Office.objects.regional().count() == len(OFFICES)
    response = client.get(address(length))
    assert response.status_code == 200
    assert FOUND in response.text
