import types
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.utils import translation


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite, test in a file, not in memory: the browser tests' live server answers
    several requests at once (a page and its autocompletes), and an in-memory database is
    one connection that every server thread would share, savepoints and all."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(
            tmp_path_factory.mktemp("db") / "test.sqlite3"
        )


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    # Real hashing is slow by design; tests only need a hash that checks.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def english_first():
    # A request in French leaves French active in this thread; each test starts in English.
    translation.activate("en")
    yield
    translation.activate("en")


@pytest.fixture(autouse=True)
def empty_cache():
    # Pages are cached whole; each test starts from what its own database holds.
    cache.clear()


class DemoSnapshot:
    """What `load_demo` writes, read once per test process and written back by the `demo`
    fixture in a few inserts: the command validates and saves each row with its history
    (some 200 queries), and some 800 tests start from the demo content.

    Only where that is exactly what the command would do: on SQLite (whose rows read back
    as they are written), and only when every table holds what it held when the snapshot
    was taken (no test or fixture has written before, no transactional test has emptied the
    database). Otherwise the command runs. The content version, a clock reading, is not
    copied: it is moved on as the command would, with the cache told."""

    VERSION_TABLE = "site_contentversion"

    def __init__(self):
        self.tables = connection.introspection.table_names()
        self.before = self.rows()
        with transaction.atomic():
            call_command("load_demo", stdout=StringIO())
            after = self.rows()
            transaction.set_rollback(True)
        self.written = {
            table: after[table]
            for table in self.tables
            if after[table] != self.before[table] and table != self.VERSION_TABLE
        }

    def rows(self):
        with connection.cursor() as cursor:
            read = {}
            for table in self.tables:
                cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
                read[table] = sorted(cursor.fetchall(), key=repr)
            return read

    def restore(self):
        """Write the demo content back; False (nothing written) where it can't be exact."""
        try:
            with transaction.atomic():  # a table gone (a migration test) fails only this
                if self.rows() != self.before:
                    return False
        except DatabaseError:
            return False
        with connection.cursor() as cursor:
            for table, rows in self.written.items():
                name = connection.ops.quote_name(table)
                cursor.execute(f"DELETE FROM {name}")
                if rows:
                    places = ", ".join(["%s"] * len(rows[0]))
                    cursor.executemany(f"INSERT INTO {name} VALUES ({places})", rows)
        from config.content_version import bump_content_version

        bump_content_version()
        return True


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    if connection.vendor != "sqlite":
        return None
    with django_db_blocker.unblock():
        return DemoSnapshot()


@pytest.fixture
def demo(db, demo_snapshot):
    """The demo content, as `make run` loads it."""
    if demo_snapshot is None or not demo_snapshot.restore():
        call_command("load_demo", stdout=None)


def member_of(django_user_model, group, username):
    user = django_user_model.objects.create_user(username, password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(django_user_model):
    """In the Editor group: adds, changes and deletes content, submits it for review."""
    return member_of(django_user_model, "Editor", "editor")


@pytest.fixture
def reviewer(django_user_model):
    """In the Reviewer group: reads everything, publishes and withdraws."""
    return member_of(django_user_model, "Reviewer", "reviewer")


@pytest.fixture
def viewer(django_user_model):
    """A staff member who may only view content (and so preview what is not published)."""
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=settings.CONTENT_APPS, codename__startswith="view_"
        )
    )
    return user


@pytest.fixture
def staff(django_user_model):
    """A staff member in no group: signs in to the admin, may see and do nothing there."""
    return django_user_model.objects.create_user("staff", password="pw", is_staff=True)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(scope="session")
def throwaway_postgres():
    """A PostgreSQL cluster of the tests' own with the demo content, started once, for the
    import commands whose database goes away in the middle (tests/database_loss.py)."""
    from tests.database_loss import DemoCluster

    cluster = DemoCluster()
    try:
        yield cluster.create()
    finally:
        cluster.remove()


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run live-server tests last: they end by emptying the database, seeded rows included,
    and other plugins' reordering must not put a test that needs those rows after them."""
    items.sort(key=lambda item: "live_server" in getattr(item, "fixturenames", ()))


# What starts a throwaway server (gunicorn, redis-server, a PostgreSQL cluster) or runs
# manage.py against one.
SERVER_MODULES = {"tests.servers", "tests.database_loss", "tests.workers"}
OWN_CODE = ("conftest", "tests.", "contacts.", "profiles.", "initiatives.")
BROWSER_TESTS = Path(__file__).resolve().parent / "tests" / "browser"


def starts_servers(function, seen):
    """Whether `function` (a test or a fixture) names anything of SERVER_MODULES, itself or
    through a function of the project's tests that it calls."""
    if function in seen or not isinstance(function, types.FunctionType):
        return False
    seen.add(function)
    names, codes = set(), [function.__code__]
    while codes:
        code = codes.pop()
        names.update(code.co_names)
        codes += [const for const in code.co_consts if isinstance(const, types.CodeType)]
    if names & SERVER_MODULES:  # imported inside the function
        return True
    for name in names:
        found = function.__globals__.get(name)
        if getattr(found, "__module__", None) in SERVER_MODULES:
            return True
        if (
            isinstance(found, types.FunctionType)
            and found.__module__.startswith(OWN_CODE)
            and starts_servers(found, seen)
        ):
            return True
    return False


def pytest_itemcollected(item):
    """Mark the browser tests `browser` and the tests that start servers of their own
    `servers`, whatever their file, so that `make test-fast` leaves them out. Each module's
    server tests are also put in one xdist_group, asking --dist loadgroup to run them on
    one worker, which then starts its module-scoped servers once. (With pytest 9.2 and
    pytest-xdist 3.8 the groups are not kept together: every test still passes, but a
    module's servers may start on more than one worker.)"""
    if Path(item.path).is_relative_to(BROWSER_TESTS) or "page" in getattr(item, "fixturenames", ()):
        item.add_marker(pytest.mark.browser)
    functions = [getattr(item, "function", None)]
    fixtures = getattr(item, "_fixtureinfo", None)
    if fixtures is not None:
        functions += [
            definitions[-1].func
            for definitions in fixtures.name2fixturedefs.values()
            if definitions
        ]
    seen = set()
    if any(starts_servers(function, seen) for function in functions):
        item.add_marker(pytest.mark.servers)
        item.add_marker(pytest.mark.xdist_group(item.module.__name__))
