"""A shared cache that fails never fails a page.

Redis is the tests' own (tests/conftest.py), away when the workers start.
"""

import tempfile
import time

from tests.servers import Redis, Site
from tests.test_faults import PAGES, needs_servers
from tests.workers import ACCESS_LOG, read

pytestmark = needs_servers

LESOTHO = "/en/countries/lesotho/"


def start_site(folder, static_root, postgres, redis):
    return Site(
        tempfile.mkdtemp(dir=folder),
        workers=2,
        arguments=ACCESS_LOG,
        DATABASE_URL=postgres.url,
        CACHE_URL=redis.url,
        STATIC_ROOT=static_root,
        CONN_MAX_AGE="60",
    ).start()


def test_redis_away_when_the_workers_start(folder, static_root, postgres):
    redis = Redis(folder)  # not started: nothing listens on its port
    site = start_site(folder, static_root, postgres, redis)
    try:
        for _ in range(3):
            for path in [*PAGES, "/api/v1/countries/LS/", "/fr/countries/lesotho/"]:
                status, body, pid = read(site, path)
                assert status == 200, (path, pid, body[-2000:])
        assert "Internal Server Error" not in site.log_text()
        # When Redis comes, the same workers use it.
        workers = site.worker_pids()
        redis.start()
        deadline = time.monotonic() + 10
        while not redis.client().keys("*page:*") and time.monotonic() < deadline:
            read(site, LESOTHO)
        assert redis.client().keys("*page:*")
        assert site.worker_pids() == workers
    finally:
        site.stop()
        redis.stop()
