"""A PostgreSQL that hangs or dies under gunicorn (config/gunicorn.py, two workers, the
production settings): readers get the 503 page within 5 s, no worker is killed by
gunicorn's 30 s timeout, the same workers serve again when the database is back, and the
log says so once, not with a traceback per request.

"Hangs" is SIGSTOP on every process of a cluster of the test's own (tests.servers): its
kernel still accepts connections and acknowledges what is sent, as a frozen machine's
does, but nothing answers. Pages are not kept whole (PAGE_CACHE=false), so each request
asks the database.
"""

import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import pytest

from tests.servers import BASE_DIR, Postgres, Site, manage, postgres_bin, production_environment

PAGES = ["/en/", "/en/countries/lesotho/", "/fr/initiatives/", "/es/offices/southern-africa/"]
UNAVAILABLE = "The database is unavailable, so requests get a 503"


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory(prefix="country-pages-hangs-") as path:
        yield Path(path)


@pytest.fixture(scope="module")
def postgres(folder):
    assert postgres_bin(), "PostgreSQL's programs are needed (.ci/run installs them)"
    server = Postgres()
    try:
        server.create()
        manage("migrate", "--noinput", DATABASE_URL=server.url)
        manage("load_demo", DATABASE_URL=server.url)
        manage("collectstatic", "--noinput", STATIC_ROOT=str(folder / "static"))
        yield server
    finally:
        server.remove()


@pytest.fixture
def start_site(folder, postgres):
    sites = []

    def start(**environment):
        site = Site(
            folder,
            workers=2,
            config=BASE_DIR / "config" / "gunicorn.py",
            DATABASE_URL=postgres.url,
            STATIC_ROOT=str(folder / "static"),
            PAGE_CACHE="false",
            CONN_MAX_AGE="60",
            **environment,
        )
        (folder / "gunicorn.log").unlink(missing_ok=True)
        sites.append(site)
        return site.start()

    yield start
    for site in sites:
        site.stop()


def assert_503_within_5_seconds(site, path):
    started = time.monotonic()
    status, headers, body = site.get(path)
    elapsed = time.monotonic() - started
    assert (status, headers["Retry-After"]) == (503, "30"), (path, status, body[:300])
    assert elapsed < 5, (path, elapsed)
    if path != "/healthz":
        assert 'class="site-header"' in body  # the site's own page, not gunicorn's


def serve_every_page(site):
    for path in [*PAGES, "/healthz"]:
        assert site.get(path)[0] == 200, path


def serves_again(site, pool):
    """Kept connections serve the very next request; the pool reconnects in the background,
    retrying less and less often (1, 2, 4... s), so a request may find it not ready yet."""
    deadline = time.monotonic() + (20 if pool == "true" else 0)
    while True:
        answers = [site.get(path)[0] for path in [*PAGES, "/healthz"]]
        if set(answers) == {200} or time.monotonic() > deadline:
            return answers
        time.sleep(0.5)


@pytest.mark.parametrize("pool", ["false", "true"], ids=["persistent-connections", "pool"])
def test_a_hung_database_gives_the_503_page_within_5_seconds(start_site, postgres, pool):
    site = start_site(DATABASE_POOL=pool)
    for _ in range(3):  # both workers hold connections (or pools) to the database
        serve_every_page(site)
    workers = site.worker_pids()
    assert len(workers) == 2

    postgres.signal(signal.SIGSTOP)
    try:
        # Each worker's first request finds its kept connection unanswering; the next ones
        # find that a new connection is not answered either.
        for path in [*PAGES, "/healthz", *PAGES, "/healthz"]:
            assert_503_within_5_seconds(site, path)
    finally:
        postgres.signal(signal.SIGCONT)

    assert set(serves_again(site, pool)) == {200}
    assert site.worker_pids() == workers  # none was killed by gunicorn's timeout
    log = site.log_text()
    assert "WORKER TIMEOUT" not in log and "Traceback" not in log, log[-3000:]
    # What a worker's first request found: its kept connection's health check unanswered
    # (and no second wait, for a new connection), or the pool unable to lend one.
    first_failure = {
        "false": "PostgreSQL did not answer the connection's health check within 2 s",
        "true": "couldn't get a connection after 2.00 sec",
    }[pool]
    assert f"{UNAVAILABLE}: {first_failure}" in log, log[-3000:]


def test_a_killed_database_with_the_pool_gives_the_503_page_within_5_seconds(start_site, postgres):
    site = start_site(DATABASE_POOL="true")
    for _ in range(3):
        serve_every_page(site)
    workers = site.worker_pids()

    postgres.signal(signal.SIGKILL)
    try:
        for path in [*PAGES, "/healthz"]:
            assert_503_within_5_seconds(site, path)
    finally:
        postgres.start()  # after recovery from the crash

    assert set(serves_again(site, pool="true")) == {200}
    assert site.worker_pids() == workers


def test_an_outage_is_one_line_in_the_log_not_a_traceback_per_request(start_site, postgres):
    site = start_site()
    serve_every_page(site)
    answers = []

    def reader(paths, seconds=30):
        # Four readers asking every 0.2 s, where the hung database holds each request 2 s.
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                answers.append(site.get(paths[len(answers) % len(paths)])[0])
            except OSError as error:  # no answer within 20 s
                answers.append(repr(error))
            time.sleep(0.2)

    readers = [threading.Thread(target=reader, args=([*PAGES, "/healthz"],)) for _ in range(4)]
    postgres.signal(signal.SIGSTOP)
    try:
        for thread in readers:
            thread.start()
        for thread in readers:
            thread.join()
    finally:
        postgres.signal(signal.SIGCONT)

    assert len(answers) >= 30 and set(answers) == {503}, answers
    log = site.log_text()
    assert "Traceback" not in log, log[-3000:]
    # Once per worker (each keeps its own count) in the five minutes; then a reminder.
    assert 1 <= log.count(UNAVAILABLE) <= 2, log[-3000:]
    # Nothing else but gunicorn's own lines and the access log.
    other = [
        line
        for line in log.splitlines()
        if UNAVAILABLE not in line and not line.startswith(("[", '127.0.0.1 "GET'))
    ]
    assert other == []


QUERIES = """
import sys, time
from django.db import connection, transaction
from django.db.utils import OperationalError
from config.logging import unavailable

def step(name):  # tell the test, and wait for it to stop or wake the database
    print(name, flush=True)
    sys.stdin.readline()

def timed(run):
    started = time.monotonic()
    try:
        run()
        return "answered"
    except OperationalError as error:
        kind = "unavailable" if unavailable(error) else "refused"
        return f"{type(error).__name__} {kind} {time.monotonic() - started}"

def query(sql):
    with connection.cursor() as cursor:
        cursor.execute(sql)

def commit():
    with transaction.atomic():
        query("SELECT 1")
        step("committing")

def roll_back():
    with transaction.atomic():
        query("SELECT 1")
        step("rolling-back")
        raise ValueError("a view's error: the transaction is rolled back")

query("SELECT 1")
print("slow:", timed(lambda: query("SELECT pg_sleep(5)")), flush=True)
step("connected")
print("query:", timed(lambda: query("SELECT 1")), flush=True)
step("hung-up")
connection.close_if_unusable_or_obsolete()  # as Django does after each request
print("again:", timed(lambda: query("SELECT 1")), flush=True)
print("commit:", timed(commit), flush=True)
step("committed")
print("rollback:", timed(roll_back), flush=True)
"""


def test_a_statement_the_database_stops_answering_ends_after_its_deadline(postgres):
    """A query, a commit or a rollback, past the health check: the statement timeout (2 s
    here) and 2 s more, then the connection is dropped and the next one works."""
    process = subprocess.Popen(
        [sys.executable, "-c", f"import django\ndjango.setup()\n{QUERIES}"],
        cwd=BASE_DIR,
        env=production_environment(DATABASE_URL=postgres.url, DATABASE_STATEMENT_TIMEOUT="2"),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    lines = []
    # A wait that never ends (no deadline) ends the process, and the test with it.
    limit = threading.Timer(60, process.kill)
    limit.start()

    def until(line, then=None):
        while not (lines and lines[-1] == line):
            lines.append(process.stdout.readline().strip())
            assert lines[-1] or process.poll() is None, lines
        if then:
            postgres.signal(then)
        process.stdin.write("\n")
        process.stdin.flush()

    try:
        until("connected", then=signal.SIGSTOP)
        until("hung-up", then=signal.SIGCONT)
        until("committing", then=signal.SIGSTOP)
        until("committed", then=signal.SIGCONT)
        until("rolling-back", then=signal.SIGSTOP)
        lines += process.communicate()[0].split("\n")
    finally:
        limit.cancel()
        postgres.signal(signal.SIGCONT)
        process.kill()

    results = dict(line.split(": ", 1) for line in lines if ": " in line)
    assert results["again"] == "answered", lines
    # A running server cancels a slow statement itself, and that is no outage; a stopped
    # one is hung up on, 2 s after the statement timeout. Leaving the transaction, Django
    # then reconnects to restore autocommit, which takes the connect timeout (2 s) to fail.
    for step, expected, seconds in [
        ("slow", "OperationalError refused", 2),
        ("query", "DatabaseAway unavailable", 4),
        ("commit", "OperationalError unavailable", 6),
        ("rollback", "OperationalError unavailable", 6),
    ]:
        kind, elapsed = results[step].rsplit(" ", 1)
        assert kind == expected and seconds <= float(elapsed) < seconds + 0.8, lines
