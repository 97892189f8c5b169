"""Reading a page from every gunicorn worker of a Site: an edit must show on each, whichever
process made it and whatever each worker had kept in its cache."""

import re
import time
import urllib.error
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

from tests.servers import wait_for

# Start the Site with these arguments: gunicorn then logs, for each request, the tag the
# test sent with it and the process id of the worker that served it.
ACCESS_LOG = [
    "--access-logfile", "-",
    "--access-logformat", "served %({x-test-request}i)s by %(p)s",
]  # fmt: skip


def read(site, path):
    """(status, body, process id of the worker that served it)."""
    tag = uuid.uuid4().hex
    request = urllib.request.Request(
        f"http://127.0.0.1:{site.port}{path}",
        headers={"X-Forwarded-Proto": "https", "X-Test-Request": tag},
    )
    try:
        with urllib.request.urlopen(request, timeout=20) as response:  # noqa: S310
            status, body = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read().decode()
    line = re.compile(rf"^served {tag} by <(\d+)>$", re.MULTILINE)
    wait_for(lambda: line.search(site.log_text()), timeout=10, what="the request's log line")
    return status, body, int(line.search(site.log_text()).group(1))


def read_round(site, path):
    """As many requests at once as there are workers, twice over: one after another, the
    same idle worker may take every request (the kernel wakes whichever it likes)."""
    with ThreadPoolExecutor(max_workers=site.workers * 2) as pool:
        return list(pool.map(lambda _: read(site, path), range(site.workers * 2)))


def read_on_every_worker(site, path, most=60):
    """Read `path` until every worker has served it: [(status, body, pid), ...]."""
    assert site.workers and site.workers > 1, "the site needs two workers or more"
    wait_for(lambda: len(site.worker_pids()) == site.workers, what="gunicorn's workers")
    workers = set(site.worker_pids())
    answers = []
    while {pid for _, _, pid in answers} != workers:
        assert len(answers) < most, f"{most} requests, and not every worker served {path}"
        answers += read_round(site, path)
    return answers


def every_worker_shows(site, path, text):
    """True if every answer, the first included, is a 200 holding `text`; False if none
    holds it. Answers that disagree fail the test: some worker kept an old page."""
    answers = read_on_every_worker(site, path)
    assert all(status == 200 for status, _, _ in answers), answers
    shown = {text in body for _, body, _ in answers}
    assert len(shown) == 1, [(pid, text in body) for _, body, pid in answers]
    return shown.pop()


def seconds_until_every_worker_shows(site, path, text, most=30):
    """Read `path` until every worker serves `text`; how long that took. A worker that
    served it once must never serve an old page again."""
    wait_for(lambda: len(site.worker_pids()) == site.workers, what="gunicorn's workers")
    workers, fresh = set(site.worker_pids()), set()
    start = time.monotonic()
    while fresh != workers:
        assert time.monotonic() - start < most, f"{path}: still old on some worker after {most} s"
        answers = read_round(site, path)
        assert all(status == 200 for status, _, _ in answers), answers
        # Within a round a worker may serve an old page, then the new one: it counts as fresh
        # once a whole round of its answers is; after that it must never serve an old one.
        old = {pid for _, body, pid in answers if text not in body}
        assert not old & fresh, f"workers {old & fresh} went back to an old page"
        fresh |= {pid for _, _, pid in answers} - old
        if old:
            time.sleep(0.05)
    return time.monotonic() - start
