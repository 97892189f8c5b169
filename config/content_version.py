"""The site's content version: what every cached page is keyed under (config.page_cache).

Two parts, both moved on by every save, deletion or import of content:

- the database's version (config.models), bumped in the writer's own transaction: it
  changes exactly when the content does, whatever happens to the cache or to the writer's
  process afterwards. With a per-process cache (locmem: `make run`) it is read on every
  request, so an edit made by a command, a shell or another worker shows at the next one;
  with a shared cache, each worker reads it at most every CONTENT_VERSION_CHECK_SECONDS.
- the cache's generation, a counter in the shared cache, bumped as the writer writes and
  again when its transaction commits. Read on every request, it shows an edit at once on
  every app server for the price of one cache read.

An edit the shared cache missed (made while Redis was stalled or down, or undone by a
restart from an old snapshot) is therefore seen at most CONTENT_VERSION_CHECK_SECONDS after
Redis answers again. While the cache does not answer there is no version: pages come from
the database. While the database does not, the last version read stands, and pages already
cached keep being served.
"""

import logging
import math
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps as installed_apps
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from config.models import bump_version, read_version

# The cache's logger: its failures are logged once per outage, not on every request.
logger = logging.getLogger("config.cache")
GENERATION_KEY = "content-generation"
# Caches each process keeps to itself: nothing another process writes reaches them.
PER_PROCESS_CACHES = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
# Inside changes_held(): whether content changed, to be told once as the block ends.
_held = ContextVar("content_changes_held", default=None)


class _Known:
    """The database's version as this process last read it, and when (time.monotonic())."""

    version = None
    read_at = -math.inf


def content_version():
    """The version to key pages under now; None when it can't be known (the cache does not
    answer, or the database did not on this process's first try): then pages are neither
    served from the cache nor stored."""
    generation = _generation()
    if generation is None:
        # Read the database's version again as soon as the cache answers: an edit may have
        # missed it meanwhile.
        forget_database_version()
        return None
    database = _database_version()
    return None if database is None else f"{database}.{generation}"


def forget_database_version():
    """The next request reads the database's version, however recently it was read."""
    _Known.read_at = -math.inf


def _generation():
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # Not a counter from 0: after the cache was emptied, old pages must not match again.
        generation = time.time_ns()
        added = cache.add(GENERATION_KEY, generation, timeout=None)
        if added is None:  # django-redis ignored an error: the cache does not answer
            return None
        if not added:  # another process started one first
            generation = cache.get(GENERATION_KEY)
    return generation


def _database_version():
    now = time.monotonic()
    if now - _Known.read_at < _check_seconds():
        return _Known.version
    try:
        version = read_version()
    except DatabaseError as error:
        # Once per outage (LOGGING's filter): a database that is away, or a deploy that
        # did not migrate, which would otherwise go unseen while cached pages answer.
        logger.warning("Content version not read from the database: %s", error)
        return _Known.version  # the database is away: pages already cached keep answering
    _Known.version, _Known.read_at = version, now
    return version


def _check_seconds():
    if settings.CACHES["default"]["BACKEND"] in PER_PROCESS_CACHES:
        return 0  # nothing but the database tells this process that another one wrote
    return settings.CONTENT_VERSION_CHECK_SECONDS


def bump_content_version():
    """Make every cached page out of date, on every app server.

    The database's version is bumped in the writer's transaction and commits with the
    content. The cache's generation is bumped now, and again when that transaction commits:
    a reader who asked in between would have cached the page as it was before the commit,
    under the new generation."""
    bump_version()
    _bump_generation()
    connection = transaction.get_connection()
    if connection.in_atomic_block and not _bump_pending(connection):
        # robust: the content is committed by then. A cache failing now delays the page
        # until the next read of the database's version; it must not fail the request.
        transaction.on_commit(_bump_generation, robust=True)


def content_changed():
    """Call after writing content without model signals (bulk_create, update()).

    Bumped now, and again when the transaction commits (see bump_content_version); inside
    changes_held(), once as it ends."""
    held = _held.get()
    if held is not None:
        held["changed"] = True
        return
    bump_content_version()


@contextmanager
def changes_held():
    """Content changed inside the block moves the version on once, as the block ends (an
    edit of a thousand rows would otherwise write the database's version a thousand
    times). config.edits holds each edit's changes so."""
    if _held.get() is not None:
        yield
        return
    held = {"changed": False}
    token = _held.set(held)
    try:
        yield
    finally:
        _held.reset(token)
        if held["changed"]:
            content_changed()


def _bump_generation():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no generation yet (or the cache was emptied): start a new one
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _bump_pending(connection):
    # Once a transaction is enough. One registered in a savepoint that was rolled back is
    # gone from the list, and the next write registers it again.
    return any(function is _bump_generation for _, function, _ in connection.run_on_commit)


def connect_signals():
    for signal in (post_save, post_delete):
        signal.connect(_on_content_signal, dispatch_uid=f"page-cache-{signal}")
    m2m_changed.connect(_on_m2m_changed, dispatch_uid="page-cache-m2m")


def _is_content(model):
    # Every model of the content apps, their history records and review logs included; not
    # those of a migration's historical state: a migration that writes content comes with
    # a new release, whose pages have keys of their own (and may run before the content
    # version's table exists).
    return model._meta.app_label in settings.CONTENT_APPS and model._meta.apps is installed_apps


def _on_content_signal(sender, **kwargs):
    if _is_content(sender):
        content_changed()


def _on_m2m_changed(sender, action, instance, **kwargs):
    if action.startswith("post_") and _is_content(type(instance)):
        content_changed()
