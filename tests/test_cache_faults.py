"""A shared cache that fails leaves no reader on an old page, and never fails a page.

Redis is the tests' own (tests/conftest.py): stalled (SIGSTOP), killed and started empty,
started again from a snapshot older than the edit, and away when the workers start. The
edit is made meanwhile by another process, `manage.py shell`, as an editor's would be.
Each worker compares the content version the cache holds with the database's at most every
CONTENT_VERSION_CHECK_SECONDS; set short here, so that the test can see the bound hold.
"""

import tempfile
import time

import pytest
from redis.exceptions import RedisError

from tests.servers import Redis, Site, manage, wait_for
from tests.test_faults import PAGES, needs_servers
from tests.workers import ACCESS_LOG, every_worker_shows, read, seconds_until_every_worker_shows

pytestmark = needs_servers

INTERVAL = 2
# An edit shows at most INTERVAL after Redis answers again; the rest is the time the
# requests themselves take on a busy machine.
BOUND = INTERVAL + 2
LESOTHO = "/en/countries/lesotho/"
# django-redis's name for the cache's generation (config.content_version.GENERATION_KEY).
GENERATION = ":1:content-generation"


def start_site(folder, static_root, postgres, redis):
    return Site(
        tempfile.mkdtemp(dir=folder),
        workers=2,
        arguments=ACCESS_LOG,
        DATABASE_URL=postgres.url,
        CACHE_URL=redis.url,
        STATIC_ROOT=static_root,
        CONN_MAX_AGE="60",
        CONTENT_VERSION_CHECK_SECONDS=str(INTERVAL),
    ).start()


@pytest.fixture
def app(folder, static_root, postgres, redis):
    site = start_site(folder, static_root, postgres, redis)
    try:
        yield site
    finally:
        site.stop()


def rename_lesotho(postgres, redis, name):
    """An editor's change, made by a process of its own with the site's settings."""
    code = f"""
from profiles.models import Country
lesotho = Country.objects.get(slug="lesotho")
lesotho.name = {name!r}
lesotho.save()
"""
    manage("shell", "-c", code, DATABASE_URL=postgres.url, CACHE_URL=redis.url)


def answers(redis):
    try:
        return redis.client().ping()
    except RedisError:
        return False


def test_an_edit_while_redis_is_stalled(app, postgres, redis):
    name = "Lesotho (edited while Redis was stalled)"
    assert not every_worker_shows(app, LESOTHO, name)  # each worker has the page cached
    redis.pause()
    try:
        rename_lesotho(postgres, redis, name)
    finally:
        redis.resume()
    wait_for(lambda: answers(redis), what="Redis")
    assert seconds_until_every_worker_shows(app, LESOTHO, name) <= BOUND


def test_an_edit_while_redis_is_down_then_it_restarts_empty(app, postgres, redis):
    name = "Lesotho (edited while Redis was down)"
    assert not every_worker_shows(app, LESOTHO, name)
    redis.kill()
    rename_lesotho(postgres, redis, name)
    # Meanwhile pages come from the database, the edit included.
    assert every_worker_shows(app, LESOTHO, name)
    redis.start()
    wait_for(lambda: answers(redis), what="Redis")
    assert seconds_until_every_worker_shows(app, LESOTHO, name) <= BOUND
    assert redis.client().keys("*page:*")  # and the cache fills again


def test_redis_restarted_from_a_snapshot_older_than_the_edit(app, postgres, redis):
    name = "Lesotho (edited after the snapshot)"
    assert not every_worker_shows(app, LESOTHO, name)
    redis.snapshot()  # the old page, under the generation of its time
    generation = redis.client().get(GENERATION)
    rename_lesotho(postgres, redis, name)
    assert every_worker_shows(app, LESOTHO, name)  # Redis was up: at once

    redis.kill()
    redis.start()
    wait_for(lambda: answers(redis), what="Redis")
    assert redis.client().get(GENERATION) == generation  # back to the old one
    assert seconds_until_every_worker_shows(app, LESOTHO, name) <= BOUND


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
