"""The site under gunicorn keeps its head when its database or its cache goes away, and
recovers without a restart when they come back. Each test starts its own PostgreSQL and
Redis on free ports (never the shared ones; the fixtures are in tests/conftest.py) and
stops them, even when it fails."""

import os
import shutil

import pytest
import redis as redis_client

from tests.processes import run_django
from tests.servers import postgres_bin

needs_servers = pytest.mark.skipif(
    not (postgres_bin() and shutil.which("redis-server")) and not os.environ.get("CI"),
    reason="PostgreSQL's programs and redis-server are needed (.ci/run installs them)",
)


PAGES = ["/en/", "/en/countries/lesotho/", "/en/initiatives/", "/sitemap.xml"]


@needs_servers
def test_database_down_gives_a_friendly_503_and_the_same_process_recovers(site, postgres):
    for path in PAGES:
        assert site.get(path)[0] == 200, path
    workers = site.worker_pids()
    assert workers

    postgres.stop()
    # Pages already in the page cache are still served, the sitemap too; the others cannot be.
    assert site.get("/en/countries/lesotho/")[0] == 200
    status, _, sitemap = site.get("/sitemap.xml")
    assert status == 200 and "/en/countries/lesotho/" in sitemap
    for path in ["/en/offices/southern-africa/", "/fr/countries/lesotho/", "/fr/initiatives/"]:
        status, headers, body = site.get(path)
        assert status == 503, path
        assert headers["Retry-After"] == "30"
        assert "no-store" in headers["Cache-Control"] or "max-age=0" in headers["Cache-Control"]
        # The site's own page, in the reader's language, with no trace of the error.
        assert 'class="site-header"' in body
        assert "Traceback" not in body and "OperationalError" not in body
    assert "Back in a moment" in site.get("/en/?q=les")[2]
    assert "De retour dans un instant" in site.get("/fr/")[2]
    assert site.get("/healthz")[0] == 503

    postgres.start()
    for path in PAGES:
        assert site.get(path)[0] == 200, path
    assert site.get("/healthz")[0] == 200
    assert site.worker_pids() == workers  # the same worker, not a restarted one


@needs_servers
def test_cache_down_pages_come_from_the_database_and_the_error_is_logged_once(site, redis):
    assert site.get("/sitemap.xml")[0] == 200  # cached in Redis from here on
    redis.stop()
    for _ in range(5):
        for path in PAGES:
            status, _, body = site.get(path)
            assert status == 200, path
    assert "lesotho" in site.get("/sitemap.xml")[2]
    log = site.log_text()
    # Dozens of failed cache reads and writes, one line in the log.
    assert log.count("Exception ignored") == 1, log[-3000:]
    assert "ConnectionError" in log
    # Back on the same port: the same workers reconnect and fill it again.
    redis.start()
    assert site.get("/en/countries/lesotho/")[0] == 200
    assert redis_client.Redis.from_url(redis.url).keys("*page:*")


def test_database_down_at_start_gives_the_503_page_too():
    # Nothing listens on port 1. No static files are collected here: development storage.
    code = """
from django.test import Client, override_settings
from django.test.utils import setup_test_environment
setup_test_environment()
with override_settings(DEBUG=False):
    response = Client(raise_request_exception=False).get("/en/")
print(response.status_code, response["Retry-After"], "Back in a moment" in response.text)
"""
    result = run_django(code, DATABASE_URL="postgres://postgres@127.0.0.1:1/country_pages")
    assert result.stdout.split() == ["503", "30", "True"], result.stderr
