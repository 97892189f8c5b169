"""The content version (config.content_version): the database's part moves with the
writer's transaction, the cache's generation once more when it commits; with a shared
cache, a cached page reads the database at most every CONTENT_VERSION_CHECK_SECONDS."""

import time

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from config.content_version import GENERATION_KEY, _bump_generation, forget_database_version
from config.models import read_version
from profiles.models import Country
from tests.factories import CountryFactory

pytestmark = pytest.mark.django_db

LESOTHO = "/en/countries/lesotho/"
VERSION_QUERY = "SELECT version FROM site_contentversion WHERE id = 1"


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured]


@pytest.fixture
def shared_cache(settings, redis):
    """The production cache settings, on a Redis of the test's own."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": redis.url,
            "OPTIONS": {
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 0.5,
                "REDIS_CLIENT_KWARGS": {"single_connection_client": True},
                "CLIENT_CLASS": "config.cache_client.Client",
            },
        }
    }
    forget_database_version()  # what an earlier test's database said
    yield
    forget_database_version()


def test_with_a_shared_cache_a_cached_page_reads_the_database_every_interval(
    shared_cache, settings, demo
):
    settings.CONTENT_VERSION_CHECK_SECONDS = 1
    client = Client()
    assert VERSION_QUERY in queries(client, LESOTHO)  # rendered and stored
    assert queries(client, LESOTHO) == []  # the cache alone
    time.sleep(1)
    assert queries(client, LESOTHO) == [VERSION_QUERY]
    assert queries(client, LESOTHO) == []


def test_when_the_cache_answers_again_the_database_version_is_read_at_once(
    shared_cache, settings, redis, demo
):
    settings.CONTENT_VERSION_CHECK_SECONDS = 60
    client = Client()
    queries(client, LESOTHO)
    assert queries(client, LESOTHO) == []
    redis.stop()
    assert len(queries(client, LESOTHO)) > 1  # from the database
    redis.start()  # on the same port, empty
    # Long before the interval is up: an edit may have missed the cache meanwhile.
    assert VERSION_QUERY in queries(client, LESOTHO)


def test_the_database_version_moves_with_the_writers_transaction(demo):
    before = read_version()
    with transaction.atomic():
        Country.objects.get(slug="lesotho").save()
        assert read_version() > before
        transaction.set_rollback(True)
    assert read_version() == before  # rolled back with the content
    Country.objects.get(slug="lesotho").save()
    assert read_version() > before


def test_the_generation_moves_once_more_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    # Nothing written before: the test's own transaction has nothing pending yet.
    with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
        with transaction.atomic():
            CountryFactory()
            transaction.set_rollback(True)  # its pending bump goes with it
        for _ in range(3):
            CountryFactory()  # each save bumps now; one bump is left for the commit
    assert callbacks == [_bump_generation]
    generation = cache.get(GENERATION_KEY)
    callbacks[0]()
    assert cache.get(GENERATION_KEY) == generation + 1
