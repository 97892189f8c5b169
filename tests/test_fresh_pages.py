"""An edit made by any process shows at the very next request, on every gunicorn worker:
an admin save in another process, a command-line import, `manage.py shell`, an admin save
served by one worker and read from another.

Twice over: on the default configuration (a SQLite file and the per-process locmem cache,
which no other process can empty: each worker reads the database's content version) and
with a shared Redis in front of PostgreSQL (the cache's generation shows it at once). The
servers are the tests' own (tests/conftest.py, tests/servers.py).
"""

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.processes import run_django
from tests.servers import Postgres, Redis, Site, manage, production_environment
from tests.test_faults import needs_servers
from tests.test_scale_out import Browser
from tests.workers import ACCESS_LOG, every_worker_shows

pytestmark = needs_servers

LESOTHO = "/en/countries/lesotho/"
LESOTHO_API = "/api/v1/countries/LS/"


@dataclass
class Deployment:
    site: Site
    environment: dict  # what every process of this deployment runs with


def sqlite_locmem(folder, stops):
    """`make run`'s configuration: a SQLite file, each process with its own memory cache."""
    database = Path(folder) / "site.sqlite3"
    return {"DATABASE_URL": f"sqlite:///{database}", "CACHE_URL": "locmemcache://"}


def postgresql_redis(folder, stops):
    postgres, redis = Postgres(), Redis()
    stops += [postgres.remove, redis.stop]
    postgres.create()
    redis.start()
    return {"DATABASE_URL": postgres.url, "CACHE_URL": redis.url}


@pytest.fixture(scope="module", params=[sqlite_locmem, postgresql_redis])
def deployment(request, folder, static_root):
    """The demo content and its users, and gunicorn with two workers in front."""
    name = request.param.__name__
    Path(folder, name).mkdir()
    site, stops = None, []
    try:
        environment = request.param(Path(folder, name), stops) | {
            "STATIC_ROOT": static_root,
            # No periodic check of the database's version comes to the rescue here: the
            # edit must show through what every request reads.
            "CONTENT_VERSION_CHECK_SECONDS": "3600",
        }
        manage("migrate", "--noinput", **environment)
        manage("load_demo", **environment)
        manage("create_demo_users", DEBUG="true", **environment)
        site = Site(
            Path(folder, name),
            workers=2,
            arguments=ACCESS_LOG,
            **environment,
        ).start()
        yield Deployment(site, environment)
    finally:
        if site:
            site.stop()
        for stop in stops:
            stop()


# An editor's admin save in a Django process of its own, through Django's test client.
ADMIN_SAVE = """
import os
from django.contrib.auth.models import Group, User
from django.test import Client
from django.test.utils import setup_test_environment
from django.urls import reverse
from tests.helpers import admin_form_data
from profiles.models import Country

setup_test_environment()
editor, _ = User.objects.get_or_create(username="client-editor", defaults={"is_staff": True})
editor.groups.add(Group.objects.get(name="Editor"))
client = Client()
client.force_login(editor)
change = reverse("admin:profiles_country_change", args=[Country.objects.get(slug="lesotho").pk])
form = admin_form_data(client.get(change, secure=True), name=os.environ["NEW_NAME"])
print(client.post(change, form, secure=True).status_code)
"""


def test_an_admin_save_through_the_test_client_in_another_process(deployment):
    name = "Kingdom of Lesotho (saved through the test client)"
    assert not every_worker_shows(deployment.site, LESOTHO, name)
    environment = production_environment(NEW_NAME=name, **deployment.environment)
    result = run_django(ADMIN_SAVE, **environment)
    assert result.stdout.split() == ["302"], result.stderr
    assert every_worker_shows(deployment.site, LESOTHO, name)


def test_a_statistics_import_from_the_command_line(deployment, tmp_path):
    assert not every_worker_shows(deployment.site, LESOTHO, "9.9 million")
    figures = tmp_path / "figures.csv"
    figures.write_text("country,indicator,year,value\nLS,population,2020,9900000\n")
    manage("import_statistics", str(figures), **deployment.environment)
    assert every_worker_shows(deployment.site, LESOTHO, "9.9 million")


SHELL_EDIT = """
from profiles.models import Country
lesotho = Country.objects.get(slug="lesotho")
lesotho.name = "Kingdom of Lesotho (saved in a shell)"
lesotho.save()
kenya = Country.objects.get(slug="kenya")
kenya.slug = "republic-of-kenya"
kenya.save()
"""


def test_an_edit_in_manage_py_shell(deployment):
    site = deployment.site
    name = "Kingdom of Lesotho (saved in a shell)"
    assert not every_worker_shows(site, LESOTHO, name)
    assert not every_worker_shows(site, "/sitemap.xml", "/en/countries/republic-of-kenya/")
    manage("shell", "-c", SHELL_EDIT, **deployment.environment)
    assert every_worker_shows(site, LESOTHO, name)
    assert every_worker_shows(site, "/sitemap.xml", "/en/countries/republic-of-kenya/")


def test_an_admin_save_on_one_worker_shows_on_the_other(deployment):
    site = deployment.site
    name = "Kingdom of Lesotho (saved on a worker)"
    assert not every_worker_shows(site, LESOTHO, name)
    assert not every_worker_shows(site, LESOTHO_API, name)

    editor = Browser()
    assert editor.sign_in(site) == 302
    editor.rename_lesotho(site, name)

    assert every_worker_shows(site, LESOTHO, name)
    assert every_worker_shows(site, LESOTHO_API, name)
