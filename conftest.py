import functools
import types
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from pytest_django.plugin import blocking_manager_key


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
    (some 1,500 queries), and some 800 tests start from the demo content.

    Only where that is exactly what the command would do: when every table the command
    read or wrote holds what it held when the snapshot was taken (no test or fixture has
    changed content before; a transactional test that emptied the database makes the
    command run). Users are the exception: the command reads only the "system" user, whom
    the test database holds from the start, so a test may sign someone in first. The
    content version, a clock reading, is not copied: it is moved on as the command would,
    with the cache told."""

    VERSION_TABLE = "site_contentversion"
    USERS_TABLE = "auth_user"

    def __init__(self):
        self.tables = connection.introspection.table_names()
        self.columns = {table: self.written_columns(table) for table in self.tables}
        self.system = self.system_user()
        before = self.rows()
        with transaction.atomic():
            with CaptureQueriesContext(connection) as queries:
                call_command("load_demo", stdout=StringIO())
            after = self.rows()
            transaction.set_rollback(True)
        sql = " ".join(query["sql"] for query in queries)
        touched = {table for table in self.tables if connection.ops.quote_name(table) in sql}
        self.watched = touched - {self.VERSION_TABLE, self.USERS_TABLE}
        self.before = {table: before[table] for table in self.watched}
        self.written = {
            table: after[table] for table in self.watched if after[table] != before[table]
        }
        assert after[self.USERS_TABLE] == before[self.USERS_TABLE], "the system user is missing"

    @staticmethod
    def written_columns(table):
        """The columns an INSERT may name: on PostgreSQL not those the database computes
        (the initiatives' search vector)."""
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
                    " AND table_schema = current_schema() AND is_generated = 'NEVER'"
                    " ORDER BY ordinal_position",
                    [table],
                )
                return [row[0] for row in cursor.fetchall()]
            return [c.name for c in connection.introspection.get_table_description(cursor, table)]

    @staticmethod
    def system_user():
        from config.edits import SYSTEM_USERNAME

        return get_user_model().objects.filter(username=SYSTEM_USERNAME).values().first()

    def rows(self, tables=None):
        with connection.cursor() as cursor:
            read = {}
            for table in tables or self.tables:
                names = ", ".join(map(connection.ops.quote_name, self.columns[table]))
                cursor.execute(f"SELECT {names} FROM {connection.ops.quote_name(table)}")
                read[table] = sorted(cursor.fetchall(), key=repr)
            return read

    def restore(self):
        """Write the demo content back; False (nothing written) where it can't be exact."""
        try:
            with transaction.atomic():  # a table gone (a migration test) fails only this
                if self.rows(self.watched) != self.before or self.system_user() != self.system:
                    return False
        except DatabaseError:
            return False
        with connection.cursor() as cursor:
            for table, rows in self.written.items():
                name = connection.ops.quote_name(table)
                columns = ", ".join(map(connection.ops.quote_name, self.columns[table]))
                places = ", ".join(["%s"] * len(self.columns[table]))
                cursor.execute(f"DELETE FROM {name}")
                if rows:
                    cursor.executemany(f"INSERT INTO {name} ({columns}) VALUES ({places})", rows)
            # PostgreSQL's sequences must move past the ids written by hand.
            models = [m for m in apps.get_models() if m._meta.db_table in self.written]
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)
        from config.content_version import bump_content_version

        bump_content_version()
        return True


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database holds the "system" user from the start: the user the demo's
    loader names, whom it would otherwise create (see DemoSnapshot)."""
    from config.edits import system_user

    with django_db_blocker.unblock():
        system_user()
        if hasattr(connection, "_test_serialized_contents"):  # what a flush is undone to
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        return DemoSnapshot()


@pytest.fixture
def demo(db, demo_snapshot):
    """The demo content, as `make run` loads it."""
    if not demo_snapshot.restore():
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


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """A transactional test (a live server's, a migration's) ends by emptying the database,
    the rows that migrations seed included. Write those rows back at once, as Django's
    serialized rollback would only at the next such test's start, so that any test may run
    after it: the browser tests need not wait for the end of the run."""
    result = yield
    marker = item.get_closest_marker("django_db")
    # After the last test the test database is gone with the session's fixtures.
    if marker and marker.kwargs.get("serialized_rollback") and nextitem is not None:
        with item.config.stash[blocking_manager_key].unblock():
            connection.creation.deserialize_db_from_string(connection._test_serialized_contents)
    return result


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    # pytest-xdist 3.8 groups tests (--dist loadgroup) by a suffix it writes to the
    # `_nodeid` of each test in an xdist_group; pytest 9 keeps a test's id in `_id` and no
    # longer reads `_nodeid`. Copy it across, so that each group runs on one worker.
    from _pytest.nodeid import NodeId

    for item in items:
        grouped = getattr(item, "_nodeid", None)
        if grouped and grouped != item.nodeid:
            item._id = NodeId.parse(grouped)


# What starts a throwaway server (gunicorn, redis-server, a PostgreSQL cluster) or runs
# manage.py against one.
SERVER_MODULES = {"tests.servers", "tests.database_loss", "tests.workers"}
OWN_CODE = ("conftest", "tests.", "contacts.", "profiles.", "initiatives.")
BROWSER_TESTS = Path(__file__).resolve().parent / "tests" / "browser"


@functools.cache  # one answer per function: the fixtures recur in every test
def starts_servers(function):
    """Whether `function` (a test or a fixture) names anything of SERVER_MODULES, itself or
    through a function of the project's tests that it calls."""
    return names_servers(function, set())


def names_servers(function, seen):
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
            and names_servers(found, seen)
        ):
            return True
    return False


def pytest_itemcollected(item):
    """Mark the browser tests `browser` and the tests that start servers of their own
    `servers`, whatever their file, so that `make test-fast` leaves them out. Each module's
    server tests are also put in one xdist_group, asking --dist loadgroup to run them on
    one worker, which then starts its module-scoped servers once. (pytest-xdist sends the
    largest groups out first.)"""
    fixture_names = getattr(item, "fixturenames", ())
    if Path(item.path).is_relative_to(BROWSER_TESTS) or "page" in fixture_names:
        item.add_marker(pytest.mark.browser)
    if "live_server" in fixture_names:
        # One Chromium at a time, on one worker, while the others run the rest; each test
        # starts from the seeded rows and leaves them (pytest_runtest_teardown).
        item.add_marker(pytest.mark.xdist_group("browser"))
        item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
    functions = [getattr(item, "function", None)]
    fixtures = getattr(item, "_fixtureinfo", None)
    if fixtures is not None:
        functions += [
            definitions[-1].func
            for definitions in fixtures.name2fixturedefs.values()
            if definitions
        ]
    if any(starts_servers(function) for function in functions if function is not None):
        item.add_marker(pytest.mark.servers)
        item.add_marker(pytest.mark.xdist_group(item.module.__name__))
