"""Throwaway servers for the tests that run the site as production does: a PostgreSQL and
a Redis of their own on free ports (tests/servers.py, never the shared ones), the static
files collected once, and gunicorn in front. Everything started is stopped, even when a
test fails."""

import os
import shutil
import tempfile

import pytest

from tests.servers import Postgres, Redis, Site, manage


@pytest.fixture(scope="module")
def folder():
    path = tempfile.mkdtemp(prefix="country-pages-faults-")
    yield path
    shutil.rmtree(path, ignore_errors=True)


@pytest.fixture(scope="module")
def static_root(folder):
    """Production serves collected, hashed static files: collect them once."""
    root = os.path.join(folder, "static")
    manage("collectstatic", "--noinput", STATIC_ROOT=root)
    return root


@pytest.fixture(scope="module")
def postgres():
    """A PostgreSQL cluster with the demo content, for the module."""
    server = Postgres()
    try:
        server.create()
        manage("migrate", "--noinput", DATABASE_URL=server.url)
        manage("load_demo", DATABASE_URL=server.url)
        yield server
    finally:
        server.remove()


@pytest.fixture
def redis(folder):
    """A Redis for the test, which can keep a snapshot in a folder of its own."""
    server = Redis(folder).start()
    yield server
    server.stop()


@pytest.fixture
def site(folder, static_root, postgres, redis):
    app = Site(
        folder,
        DATABASE_URL=postgres.url,
        CACHE_URL=redis.url,
        STATIC_ROOT=static_root,
        CONN_MAX_AGE="60",
    )
    try:
        yield app.start()
    finally:
        app.stop()
