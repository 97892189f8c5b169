import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

CONTENT_APPS = ["contacts", "profiles", "initiatives"]


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
    # The sitemap is cached; each test starts from what its own database holds.
    cache.clear()


@pytest.fixture
def demo(db):
    """The demo content, as `make run` loads it."""
    call_command("load_demo", stdout=None)


@pytest.fixture
def editor(django_user_model):
    """A staff member who may add, change, delete and view all content."""
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label__in=CONTENT_APPS))
    return user


@pytest.fixture
def viewer(django_user_model):
    """A staff member who may only view content: no change permission, so no drafts."""
    user = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label__in=CONTENT_APPS, codename__startswith="view_"
        )
    )
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run live-server tests last: they end by emptying the database, seeded rows included,
    and other plugins' reordering must not put a test that needs those rows after them."""
    items.sort(key=lambda item: "live_server" in getattr(item, "fixturenames", ()))
