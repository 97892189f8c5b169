"""Fetching an indicator from the World Bank's API (issue 16), against a local server that
answers in the API's format with the values of the shipped remittances CSV; never the
internet. Every page is fetched, the answer reads as the CSV does, and every failure is
refused in one sentence."""

import io
import socket
import threading
import time
from contextlib import closing
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import CommandError, call_command

from profiles.models import Statistic
from profiles.publishers import PublisherFileRefused, read_publisher_file
from profiles.publishers.world_bank_api import WorldBankApiFailed, fetch_indicator
from profiles.tests.publisher_fixtures import REMITTANCES, api_pages, shipped

SERIES = "BX.TRF.PWKR.CD.DT"
PATH = f"/v2/country/all/indicator/{SERIES}"
CODES = ["BWA", "KEN", "LSO", "MWI", "NAM", "SWZ", "SSF", "WLD"]  # 8 x 65 years: 520 rows
ERROR = (
    b'[{"message":[{"id":"120","key":"Invalid value",'
    b'"value":"The provided parameter value is not valid"}]}]'
)


class Api:
    """A local stand-in for api.worldbank.org: `pages` maps a page number to the status
    and body it answers; every request is recorded."""

    def __init__(self, pages):
        self.pages = pages
        self.requests = []

    def answer(self, path, query):
        self.requests.append((path, query))
        number = int(query.get("page", ["1"])[0])
        status, body = self.pages.get(number, (404, b"Not found"))
        return (status, body) if path == PATH else (404, b"Not found")


@pytest.fixture
def api():
    """Serves an Api on a free local port; yields (base URL, the Api to set pages on)."""
    served = Api({})

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            address = urlsplit(self.path)
            status, body = served.answer(address.path, parse_qs(address.query))
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", served
    server.shutdown()
    server.server_close()


def serve(served, pages):
    served.pages = {number: (200, body) for number, body in pages.items()}


def refusal(base_url, **options):
    with pytest.raises(WorldBankApiFailed) as refused:
        fetch_indicator(SERIES, base_url=base_url, **options)
    assert isinstance(refused.value, PublisherFileRefused)  # what refresh already catches
    return str(refused.value)


def values(publisher_file, code):
    return {
        observation.year: observation.value
        for observation in publisher_file.observations
        if observation.economy_code == code
    }


def test_every_page_is_fetched_and_reads_as_the_csv_does(api):
    base_url, served = api
    serve(served, api_pages(CODES, per_page=100))

    answer = read_publisher_file(fetch_indicator(SERIES, base_url=base_url, per_page=100))

    assert [(path, query["page"]) for path, query in served.requests] == [
        (PATH, [str(number)]) for number in range(1, 7)
    ]
    assert {(q["format"][0], q["per_page"][0]) for _, q in served.requests} == {("json", "100")}
    csv_file = read_publisher_file(shipped(REMITTANCES))
    assert (answer.publisher, answer.dataset, answer.edition, answer.licence) == (
        csv_file.publisher,
        csv_file.dataset,
        csv_file.edition,
        csv_file.licence,
    )
    assert answer.series_names == csv_file.series_names
    assert len(answer.observations) == len(CODES) * 65
    for code in ["LSO", "BWA", "MWI", "SWZ", "SSF"]:
        assert values(answer, code) == values(csv_file, code), code
    assert values(answer, "LSO")[2021] == Decimal("474467924.705555")  # every digit kept


def test_the_address_and_timeout_come_from_the_settings(api, settings):
    base_url, served = api
    serve(served, api_pages(["LSO"], per_page=5000))
    settings.WORLD_BANK_API_URL = base_url + "/"

    answer = read_publisher_file(fetch_indicator(SERIES))

    assert values(answer, "LSO")[2024] == Decimal("499297840.179692")
    assert served.requests[0][1]["per_page"] == ["5000"]


def test_an_answer_with_no_rows_reads_as_a_file_with_no_figures(api):
    base_url, served = api
    empty = b'[{"page":1,"pages":0,"per_page":50,"total":0,"sourceid":"2","lastupdated":"2025-07-01"},null]'  # noqa: E501
    serve(served, {1: empty})

    with pytest.raises(PublisherFileRefused, match="holds no figures"):
        read_publisher_file(fetch_indicator(SERIES, base_url=base_url))


def free_port():
    with closing(socket.socket()) as unused:
        unused.bind(("127.0.0.1", 0))
        return unused.getsockname()[1]


def test_no_server_listening():
    message = refusal(f"http://127.0.0.1:{free_port()}")
    assert message.startswith("The World Bank's API did not answer (")
    assert message.endswith("): check the connection, or download the file and refresh from it.")
    assert "refused" in message


def test_offline_name_not_found(monkeypatch):
    def no_network(*args, **kwargs):
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_network)

    assert refusal("https://api.worldbank.org") == (
        "The World Bank's API did not answer ([Errno -2] Name or service not known): "
        "check the connection, or download the file and refresh from it."
    )


@pytest.fixture
def hung_server():
    """A server that accepts connections and never answers."""
    listener = socket.create_server(("127.0.0.1", 0))
    accepted, stop = [], threading.Event()

    def accept():
        listener.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}", accepted
    stop.set()
    thread.join()
    for connection in accepted:
        connection.close()
    listener.close()


def test_a_server_that_never_answers_is_given_up_on_in_time(hung_server):
    base_url, accepted = hung_server
    started = time.monotonic()

    message = refusal(base_url, timeout=1)

    assert time.monotonic() - started < 3
    assert accepted, "the server took the connection"
    assert message == (
        "The World Bank's API did not answer within 1 seconds: it may be down or busy; "
        "try again later, or download the file and refresh from it."
    )


@pytest.mark.parametrize(
    ("status", "body", "expected"),
    [
        (
            502,
            b"<html>Bad Gateway</html>",
            "The World Bank's API answered with an error (HTTP 502 Bad Gateway): "
            "try again later, or download the file and refresh from it.",
        ),
        (
            200,
            ERROR,
            "The World Bank's API refused the request: “The provided parameter value is not "
            "valid” (check the series code).",
        ),
        (
            200,
            b"<html><body>Service under maintenance</body></html>",
            "The World Bank's API answered page 1 with something other than JSON "
            "(“<html><body>Service under maintenance</body></html>”): try again later, or "
            "download the file and refresh from it.",
        ),
        (
            200,
            b'[{"page": 1, "pages": 1}]',
            "The World Bank's API answered page 1 in a shape other than its own (the page "
            "information, then the rows): try again later, or download the file and "
            "refresh from it.",
        ),
    ],
    ids=["http-error", "api-error-message", "not-json", "not-the-api-shape"],
)
def test_answers_that_are_not_the_indicator(api, status, body, expected):
    base_url, served = api
    served.pages = {1: (status, body)}

    assert refusal(base_url) == expected


def test_a_page_missing_on_the_way(api):
    base_url, served = api
    pages = api_pages(["LSO", "BWA"], per_page=50)
    serve(served, {number: pages[number] for number in (1, 2)})  # of 3

    assert refusal(base_url, per_page=50) == (
        "The World Bank's API answered with an error (HTTP 404 Not Found): "
        "try again later, or download the file and refresh from it."
    )


def test_a_page_count_that_changes_on_the_way(api):
    base_url, served = api
    pages = api_pages(["LSO", "BWA"], per_page=50)  # 3 pages
    more = api_pages(["LSO", "BWA", "MWI"], per_page=50)  # 4 pages: a new edition came out
    serve(served, {1: pages[1], 2: more[2], 3: more[3]})

    assert refusal(base_url, per_page=50) == (
        "The World Bank's API changed its answer while it was read (page 1 of 3, 130 rows, "
        "updated 2025-07-01; then page 2 of 4, 195 rows, updated 2025-07-01): the indicator "
        "is being updated; try again in a few minutes."
    )


def test_fewer_rows_than_announced(api):
    base_url, served = api
    page = api_pages(["LSO"], per_page=100)[1]
    serve(served, {1: page.replace(b'"total": 65', b'"total": 70')})

    assert refusal(base_url) == (
        "The World Bank's API announced 70 rows and gave 65: try again later, or download "
        "the file and refresh from it."
    )


def test_only_a_series_code_is_put_in_the_address():
    with pytest.raises(WorldBankApiFailed, match="is not a World Bank series code"):
        fetch_indicator("SP.POP.TOTL?format=xml", base_url="http://127.0.0.1:9")
    with pytest.raises(WorldBankApiFailed, match="does not start with https:// or http://"):
        fetch_indicator("SP.POP.TOTL", base_url="file:///etc")


def test_refresh_statistics_fetches_the_series_and_writes_it(api, settings, demo):
    base_url, served = api
    serve(served, api_pages(CODES, per_page=5000))
    settings.WORLD_BANK_API_URL = base_url
    out = io.StringIO()

    call_command("refresh_statistics", "--worldbank", SERIES, "--since", "2019", stdout=out)

    assert "revised 2021: USD 561.5 million → USD 474.5 million (−15.50%)" in out.getvalue()
    lesotho = Statistic.objects.get(
        country__iso_code="LS", indicator__slug="remittances", year=2021
    )
    assert (lesotho.value, lesotho.edition) == (Decimal("474467924.706"), "2025-07-01")


def test_refresh_statistics_offline_exits_1_and_changes_nothing(settings, demo):
    with closing(socket.socket()) as unused:
        unused.bind(("127.0.0.1", 0))
        settings.WORLD_BANK_API_URL = f"http://127.0.0.1:{unused.getsockname()[1]}"
    before = list(Statistic.objects.values_list("pk", "value", "edition").order_by("pk"))

    with pytest.raises(CommandError, match="The World Bank's API did not answer") as refused:
        call_command("refresh_statistics", "--worldbank", SERIES, stdout=io.StringIO())

    assert refused.value.returncode == 1
    assert list(Statistic.objects.values_list("pk", "value", "edition").order_by("pk")) == before
