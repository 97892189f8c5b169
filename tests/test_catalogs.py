"""The translation catalogs under locale/: complete, not fuzzy, and compiled.

The .mo files are committed, so that a machine without GNU gettext serves the translations.
Each is checked against its .po by content, not by date (a fresh clone dates both files
alike): the .po is compiled in memory with Babel and both compilations must hold the same
messages. After changing a .po: `python manage.py compilemessages --ignore=.venv`.
"""

import ast
import gettext
import os
import shutil
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management import call_command

LOCALE_DIR = Path(settings.BASE_DIR) / "locale"
# Where the strings marked for translation live.
SOURCE_FOLDERS = ["config", "contacts", "profiles", "initiatives", "templates"]
CATALOGS = sorted(LOCALE_DIR.glob("*/LC_MESSAGES/*.po"))
REFRESH = (
    "python manage.py makemessages -l fr -l es --ignore=.venv --ignore=artifacts, translate, "
    "then python manage.py compilemessages --ignore=.venv"
)


def catalog_id(path):
    return "/".join(path.parts[-3:])  # fr/LC_MESSAGES/django.po


def read(path):
    with path.open("rb") as po_file:
        return read_po(po_file, locale=path.parts[-3])


def compiled_messages(mo_bytes):
    """The messages a .mo gives gettext, without the header (each compiler writes its own)."""
    messages = gettext.GNUTranslations(BytesIO(mo_bytes))._catalog
    return {key: value for key, value in messages.items() if key != ""}


def label(message):
    context = f"[{message.context}] " if message.context else ""
    return context + str(message.id)


def test_every_site_language_but_english_has_a_catalog():
    languages = {code for code, _ in settings.LANGUAGES} - {settings.LANGUAGE_CODE}
    assert languages <= {path.parts[-3] for path in CATALOGS}


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_catalog_has_no_fuzzy_or_untranslated_entry(path):
    catalog = read(path)
    assert not catalog.fuzzy, "the header is marked fuzzy: gettext would ignore it"
    fuzzy = [label(message) for message in catalog if message.id and message.fuzzy]
    untranslated = [
        label(message)
        for message in catalog
        if message.id
        and (
            not message.string
            or (message.pluralizable and not all(message.string))
            or (message.pluralizable and len(message.string) != catalog.num_plurals)
        )
    ]
    assert not fuzzy, f"fuzzy entries in {catalog_id(path)}: {fuzzy}"
    assert not untranslated, f"untranslated entries in {catalog_id(path)}: {untranslated}"


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_translations_keep_the_placeholders(path):
    """A %(name)s missing or misspelt in a translation would raise when the page renders."""
    problems = [
        f"{label(message)}: {'; '.join(str(error) for error in errors)}"
        for message, errors in read(path).check()
    ]
    assert not problems, problems


@pytest.mark.parametrize("path", CATALOGS, ids=catalog_id)
def test_committed_mo_matches_its_po(path):
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"{catalog_id(mo_path)} is missing: {REFRESH}"
    expected = BytesIO()
    write_mo(expected, read(path))
    assert compiled_messages(mo_path.read_bytes()) == compiled_messages(expected.getvalue()), (
        f"{catalog_id(mo_path)} is out of step with its .po: {REFRESH}"
    )


def test_catalogs_hold_every_string_marked_for_translation(tmp_path, monkeypatch, settings):
    """makemessages, run on a copy of the sources, finds no string the catalogs lack."""
    if shutil.which("xgettext") is None:
        if os.environ.get("CI"):
            pytest.fail("GNU gettext is missing: .ci/run installs it with apt-get.")
        pytest.skip("needs GNU gettext (apt-get install gettext); CI runs this test")
    # A copy, so that makemessages writes its catalog there and never into locale/.
    sources = tmp_path / "sources"
    for folder in SOURCE_FOLDERS:
        shutil.copytree(
            Path(settings.BASE_DIR) / folder,
            sources / folder,
            ignore=shutil.ignore_patterns("migrations", "tests", "__pycache__"),
        )
    (sources / "locale").mkdir()
    monkeypatch.chdir(sources)
    settings.LOCALE_PATHS = [sources / "locale"]
    call_command("makemessages", locale=["fr"], verbosity=0)
    marked = {
        (m.context, m.id) for m in read(sources / "locale" / "fr" / "LC_MESSAGES" / "django.po")
    }
    for path in CATALOGS:
        known = {(m.context, m.id) for m in read(path)}
        missing = sorted(str(key[1]) for key in marked - known if key[1])
        assert not missing, f"{catalog_id(path)} lacks {missing}: {REFRESH}"


# gettext's functions, and which of their arguments are messages.
MESSAGE_ARGUMENTS = {
    "_": [0],
    "gettext": [0],
    "gettext_lazy": [0],
    "gettext_noop": [0],
    "pgettext": [1],
    "pgettext_lazy": [1],
    "ngettext": [0, 1],
    "ngettext_lazy": [0, 1],
    "npgettext": [1, 2],
    "npgettext_lazy": [1, 2],
}


def unreadable_marks(source, filename="<source>"):
    """Messages that makemessages cannot read: built by an f-string, by concatenation or
    formatting, or passed in a variable. They would show in English in every language.
    A constant marked where it is defined (`RECOVERED = gettext_noop("...")`) is read there."""
    tree = ast.parse(source, filename)
    marked_constants = {
        target.id
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and getattr(node.value.func, "id", None) == "gettext_noop"
        for target in node.targets
        if isinstance(target, ast.Name)
    }
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        for index in MESSAGE_ARGUMENTS.get(name, []):
            if index >= len(node.args):
                continue
            argument = node.args[index]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                continue
            if isinstance(argument, ast.Name) and argument.id in marked_constants:
                continue
            found.append(f"{filename}:{argument.lineno}: {ast.unparse(argument)[:60]}")
    return found


def python_sources():
    for folder in SOURCE_FOLDERS:
        for path in sorted((Path(settings.BASE_DIR) / folder).rglob("*.py")):
            if not {"migrations", "tests"} & set(path.parts):
                yield path


def test_every_message_is_a_plain_string_makemessages_can_read():
    found = []
    for path in python_sources():
        found += unreadable_marks(path.read_text(), str(path.relative_to(settings.BASE_DIR)))
    assert not found, "Mark whole sentences with %(name)s placeholders instead:\n" + "\n".join(
        found
    )


@pytest.mark.parametrize(
    "source",
    [
        'gettext(f"{name} by year")',
        'gettext("Figures of " + name)',
        'gettext("%s by year" % name)',
        "_(label)",
        'pgettext_lazy("chart", f"{name} by year")',
        'ngettext("one", f"{count} figures", count)',
        'translation.gettext(f"{name}")',
    ],
)
def test_the_walk_sees_a_message_built_at_run_time(source):
    assert unreadable_marks(source)


def test_the_walk_reads_a_constant_marked_where_it_is_defined():
    assert not unreadable_marks('DONE = gettext_noop("Done")\ngettext(DONE)')
    assert unreadable_marks('DONE = "Done"\ngettext(DONE)')
