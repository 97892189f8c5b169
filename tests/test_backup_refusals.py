"""import_content takes content only and checks the whole file before it deletes anything:
a file it refuses gets one sentence naming what is wrong and where, and nothing changes,
with --replace or without."""

import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from config.backup import content_models
from profiles.models import Statistic

CONTENT_MODELS = {model for model, _ in content_models()}
# Every model the site has that is not content, auto-created tables too: one added later
# is covered without a word here.
NOT_CONTENT = sorted(
    model._meta.label_lower
    for model in apps.get_models(include_auto_created=True)
    if model not in CONTENT_MODELS
)
SUPERUSER = {
    "model": "auth.user",
    "fields": {
        "username": "mallory",
        "password": "pbkdf2_sha256$1000000$salt$hash",
        "is_superuser": True,
        "is_staff": True,
        "is_active": True,
    },
}
ALLOWED = "a restore takes only offices, countries, indicators, statistics, themes, yearly "
ALLOWED += "plans and initiatives, never users. Nothing was changed."


@pytest.fixture
def backup(demo, tmp_path):
    """A real export of the demo content; the tests spoil copies of it."""
    path = tmp_path / "backup.json"
    call_command("export_content", str(path), stderr=None)
    return path


def everything(tmp_path):
    """All content, as the export writes it: equal before and after means nothing changed."""
    path = tmp_path / "now.json"
    call_command("export_content", str(path), stderr=None)
    return path.read_bytes()


def write(tmp_path, rows):
    path = tmp_path / "spoilt.json"
    path.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return path


def refusal(path, *options):
    with pytest.raises(CommandError) as raised:
        call_command("import_content", str(path), *options, stdout=None)
    return str(raised.value)


def usernames():
    # The demo's loader is recorded as the "system" user, whom it creates: a refused file
    # must add no one to the users there were.
    return set(get_user_model().objects.values_list("username", flat=True))


def flush_content():
    for model, _ in reversed(content_models()):
        model.objects.all().delete()


def test_a_superuser_is_refused_and_not_created_in_an_empty_database(backup, tmp_path):
    rows = json.loads(backup.read_text())
    path = write(tmp_path, [*rows[:10], SUPERUSER, *rows[10:]])
    flush_content()
    users = usernames()

    message = refusal(path)

    assert (
        message
        == f"Object 11 in the file (auth.user, username “mallory”) is not content: {ALLOWED}"
    )
    assert usernames() == users
    assert not any(model.objects.exists() for model, _ in content_models())


def test_a_superuser_with_replace_deletes_nothing(backup, tmp_path):
    rows = json.loads(backup.read_text())
    path = write(tmp_path, [*rows, SUPERUSER])
    before = everything(tmp_path)

    message = refusal(path, "--replace")

    assert message.startswith(f"Object {len(rows) + 1} in the file (auth.user, username “mallory”)")
    assert not get_user_model().objects.filter(username="mallory").exists()
    assert everything(tmp_path) == before


def test_a_file_of_only_a_superuser_does_not_wipe_the_content(backup, tmp_path):
    before, users = everything(tmp_path), usernames()
    assert Statistic.objects.exists()

    message = refusal(write(tmp_path, [SUPERUSER]), "--replace")

    assert (
        message == f"Object 1 in the file (auth.user, username “mallory”) is not content: {ALLOWED}"
    )
    assert usernames() == users
    assert everything(tmp_path) == before


def test_every_model_that_is_not_content_is_refused(backup, tmp_path):
    assert {
        "auth.user",
        "auth.group",
        "auth.permission",
        "auth.user_groups",
        "contenttypes.contenttype",
        "sessions.session",
        "admin.logentry",
        "axes.accessattempt",
        "profiles.historicalstatistic",
    } <= set(NOT_CONTENT)
    rows = json.loads(backup.read_text())
    before = everything(tmp_path)
    accepted = {}
    for label in NOT_CONTENT:
        # Last in the file, after every good object: the check must still come first.
        path = write(tmp_path, [*rows, {"model": label, "pk": 7, "fields": {}}])
        message = refusal(path, "--replace")
        expected = f"Object {len(rows) + 1} in the file ({label}, pk 7) is not content: "
        if not message.startswith(expected):
            accepted[label] = message
    assert not accepted
    assert everything(tmp_path) == before


def first(rows, label):
    return next(position for position, row in enumerate(rows, start=1) if row["model"] == label)


def statistic(rows):
    """The first statistic in the file: its position and a sentence's start naming it."""
    position = first(rows, "profiles.statistic")
    key = rows[position - 1]["fields"]
    name = (
        f"Object {position} in the file (profiles.statistic, country “{key['country'][0]}”, "
        f"indicator “{key['indicator'][0]}”, year “{key['year']}”)"
    )
    return rows[position - 1]["fields"], name


@pytest.mark.parametrize("where", ["between-objects", "inside-a-string"])
def test_a_file_cut_short_is_refused_with_where_it_ends(backup, tmp_path, where):
    text = backup.read_text()
    end = len(text) // 2
    if where == "inside-a-string":
        end = text.index('"slug": "', end) + len('"slug": "li')
    else:
        end = text.index("},\n{", end) + 1
    cut = text[:end]
    path = tmp_path / "cut.json"
    path.write_text(cut)
    before = everything(tmp_path)

    message = refusal(path, "--replace")

    last_line = cut.rstrip().split("\n")
    assert message == (
        f"The file is not a complete backup: the JSON ends at line {len(last_line)}, column "
        f"{len(last_line[-1])}, before its list of objects is closed (was it cut short while "
        "being copied?). Nothing was changed."
    )
    assert everything(tmp_path) == before


def spoil_not_a_list(rows):
    return rows[0], "The file holds JSON, but an object instead of the list of objects"


def spoil_unknown_model(rows):
    rows.insert(2, {"model": "nosuch.model", "pk": 1, "fields": {}})
    return (
        rows,
        "Object 3 in the file names the model “nosuch.model”, which this site does not have.",
    )


def spoil_missing_field(rows):
    position = first(rows, "profiles.country")
    country = rows[position - 1]["fields"]
    del country["name"]
    return rows, (
        f"Object {position} in the file (profiles.country, iso_code “{country['iso_code']}”): "
        "the field “name” is missing."
    )


def spoil_bad_value(rows):
    fields, name = statistic(rows)
    fields["value"] = "lots"
    return rows, f"{name}: the field “value” is not valid: “lots” value must be a decimal number."


def spoil_unknown_field(rows):
    fields, name = statistic(rows)
    fields["flag"] = "red"
    return rows, f"{name}: it has a field “flag”, which profiles.statistic lacks."


def spoil_huge_source(rows):
    fields, name = statistic(rows)
    fields["source"] = "x" * 1_000_000
    return rows, (
        f"{name}: the field “source” is 1,000,000 characters long; at most "
        f"{Statistic._meta.get_field('source').max_length} are allowed."
    )


def spoil_id_for_natural_key(rows):
    fields, name = statistic(rows)
    name = name.replace(f"country “{fields['country'][0]}”", "country “3”")
    fields["country"] = 3
    return rows, (
        f"{name}: the field “country” should name the country by its natural key, a list "
        'such as ["LS"], not “3”.'
    )


def spoil_same_object_twice(rows):
    rows.append(rows[0])
    return (
        rows,
        f"(contacts.office, slug “{rows[0]['fields']['slug']}”) is the same office as object 1.",
    )


def spoil_unknown_reference(rows):
    # Only the database can tell: found while restoring, after --replace has deleted.
    fields, name = statistic(rows)
    name = name.replace(f"country “{fields['country'][0]}”", "country “XX”")
    fields["country"] = ["XX"]
    return rows, (
        f"{name} cannot be restored: its country names the country “XX”, which is neither in "
        "the database nor earlier in the file."
    )


@pytest.mark.parametrize(
    "spoil",
    [
        spoil_not_a_list,
        spoil_unknown_model,
        spoil_missing_field,
        spoil_bad_value,
        spoil_unknown_field,
        spoil_huge_source,
        spoil_id_for_natural_key,
        spoil_same_object_twice,
        spoil_unknown_reference,
    ],
)
def test_a_spoilt_file_is_refused_in_one_sentence_and_nothing_changes(backup, tmp_path, spoil):
    data, expected = spoil(json.loads(backup.read_text()))
    before = everything(tmp_path)

    message = refusal(write(tmp_path, data), "--replace")

    assert expected in message
    assert message.endswith("Nothing was changed.")
    assert len(message) < 400  # named, not echoed: the huge source is a megabyte
    assert everything(tmp_path) == before


def test_a_file_that_is_not_utf8_is_refused(backup, tmp_path):
    path = tmp_path / "latin1.json"
    data = backup.read_bytes()
    assert "é".encode() in data
    path.write_bytes(data.replace("é".encode(), "é".encode("latin-1")))
    before = everything(tmp_path)

    message = refusal(path, "--replace")

    assert (
        message
        == "The file is not UTF-8 text, so export_content did not write it. Nothing was changed."
    )
    assert everything(tmp_path) == before
