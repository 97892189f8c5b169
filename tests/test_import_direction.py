"""Imports go one way: initiatives -> profiles -> contacts, and from each app to config's
building blocks, never back (settings.CONTENT_APPS lists the apps in that order).

Walks every Python file of every content app (its tests and migrations included) and of
config/, so a file added tomorrow is checked too. config's wiring (settings, URLs, the API's
router) names the apps it routes to; its building blocks name none: the apps import them."""

import ast
from pathlib import Path

import pytest
from django.conf import settings

APPS = settings.CONTENT_APPS
# config's files that wire the apps into one site: they route to the apps' views.
WIRING = {"config/settings.py", "config/urls.py", "config/api.py"}


def python_files(folder):
    return sorted((settings.BASE_DIR / folder).rglob("*.py"))


def imported_packages(path):
    """The top-level package of each module `path` imports, with the line it does so on."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            yield node.module.split(".")[0], node.lineno
        elif isinstance(node, ast.ImportFrom):  # relative: within its own package
            yield Path(path).relative_to(settings.BASE_DIR).parts[0], node.lineno


def name(path):
    return Path(path).relative_to(settings.BASE_DIR).as_posix()


@pytest.mark.parametrize("app", APPS)
def test_no_app_imports_a_higher_app(app):
    higher = set(APPS[APPS.index(app) + 1 :])
    wrong = [
        f"{name(path)}:{line} imports {package}"
        for path in python_files(app)
        for package, line in imported_packages(path)
        if package in higher
    ]
    assert python_files(app), f"no files found for {app}"
    assert wrong == [], f"{app} may import only {APPS[: APPS.index(app)]} and config"


def test_no_building_block_imports_an_app():
    files = [path for path in python_files("config") if name(path) not in WIRING]
    wrong = [
        f"{name(path)}:{line} imports {package}"
        for path in files
        for package, line in imported_packages(path)
        if package in APPS
    ]
    assert len(files) > 20
    assert wrong == [], "config's building blocks are used by the apps, and use none of them"


def test_the_walk_sees_a_wrong_import(tmp_path, monkeypatch):
    """The walk itself: a lower file importing a higher app is found, whatever its form."""
    sample = settings.BASE_DIR / "contacts" / "wrong_way_sample.py"
    sample.write_text(
        "import initiatives.models\nfrom profiles.models import Country\n"
        "def later():\n    from initiatives import rollover\n"
    )
    try:
        found = [package for package, _line in imported_packages(sample)]
    finally:
        sample.unlink()
    assert found == ["initiatives", "profiles", "initiatives"]
