import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.cache import cache
from django.core.management import call_command
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


@pytest.fixture
def demo(db):
    """The demo content, as `make run` loads it."""
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
