"""Every write is recorded: a walk through every path that writes content.

Every admin URL of a content model (its forms, inlines, deletions, changelist actions, the
revert, the recovery, the review, the statistics import), sent what an editor's or a
reviewer's browser sends there (tests/test_admin_writes.py reads the forms), and every
management command of our apps. Whatever one of them writes must leave a history record
for each row it added, changed or deleted, all with the same edit id, the user who made it
(the signed-in editor; on the command line --user, or "system") and a reason; and a
correction by an editor of a published page (a country and its statistics, a plan and its
initiatives) marks that page "changed since review".

A URL or a command added later is walked without a word here, or fails until it is given
what to send or run.
"""

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command, get_commands
from django.db import transaction
from django.db.models import Max

from config.edits import SYSTEM_USERNAME
from initiatives.models import Initiative, YearlyPlan
from profiles.models import Country, Statistic
from profiles.publication import Status
from profiles.tests.publisher_fixtures import FOLDER, REMITTANCES
from tests.test_admin_writes import (  # noqa: F401 -- walk_content is a fixture
    ADMIN_URLS,
    deletable,
    may_write,
    payloads,
    rule_for,
    walk_content,
    walk_url,
)

CONTENT = [
    model
    for app in settings.CONTENT_APPS
    for model in apps.get_app_config(app).get_models()
    if hasattr(model, "history")
]
# Not compared row by row: the flag is what the check itself looks at, and the history
# record's own date stands for updated_at.
BOOKKEEPING = {"changed_since_review", "updated_at"}
# The page each content row is part of: (the page's model, the row's column naming it).
PAGES = {
    Country: (Country, "id"),
    Statistic: (Country, "country_id"),
    YearlyPlan: (YearlyPlan, "id"),
    Initiative: (YearlyPlan, "plan_id"),
}
CORRECTED = "Corrected by the walk"
# What an editor changes on each change form: the first of these fields that the form
# sends (lxml leaves out an empty text input; a textarea is always sent), an inline row's
# only when that row exists. A content model's admin added later needs one here.
CORRECTIONS = {
    "contacts.office": ["address_fr"],
    "profiles.country": ["statistics-0-note", "name_en"],
    "profiles.indicator": ["definition_fr"],
    "profiles.statistic": ["note"],
    "initiatives.theme": ["name_en"],
    "initiatives.yearlyplan": ["initiatives-0-text_fr", "lead_in_fr"],
}


# --- What a write left -------------------------------------------------------------


def content_rows():
    rows = {}
    for model in CONTENT:
        names = [f.attname for f in model._meta.concrete_fields if f.name not in BOOKKEEPING]
        rows[model] = {row["id"]: row for row in model._base_manager.values(*names)}
    return rows


def newest_records():
    return {
        model: model.history.aggregate(newest=Max("history_id"))["newest"] or 0 for model in CONTENT
    }


class Watch:
    """The content and its history before a write; `problems()` after it."""

    def __init__(self):
        self.rows, self.newest = content_rows(), newest_records()

    def problems(self, username, corrects):
        """What is wrong with what was written since (None: nothing was written)."""
        rows = content_rows()
        changed = {
            model: {
                key
                for key in self.rows[model].keys() | rows[model].keys()
                if self.rows[model].get(key) != rows[model].get(key)
            }
            for model in CONTENT
        }
        records = {
            model: list(model.history.filter(history_id__gt=self.newest[model]))
            for model in CONTENT
        }
        if not any(changed.values()) and not any(records.values()):
            return None
        problems = []
        for model in CONTENT:
            recorded = {record.id for record in records[model]}
            if changed[model] - recorded:
                problems.append(
                    f"{model._meta.label} {sorted(changed[model] - recorded)} changed "
                    "without a history record"
                )
        every = [record for each in records.values() for record in each]
        edits = {record.history_edit for record in every}
        if len(edits) != 1 or None in edits:
            problems.append(f"the records name {len(edits)} edits: {edits}")
        users = {str(record.history_user) for record in every}
        if users != {username}:
            problems.append(f"the records name {users}, not {username}")
        if not all(record.history_change_reason for record in every):
            problems.append("a record without a reason")
        if corrects:
            problems += self.unmarked(changed, rows, records)
        return problems

    def unmarked(self, changed, rows, records):
        """Published pages that a write reached (a row of theirs changed, or was recorded:
        a revert to the same values counts) and that are not marked as corrected. A page
        the write created is left as written (a recovery, a restore)."""
        reached = {}
        for model, (page, column) in PAGES.items():
            keys = reached.setdefault(page, set())
            for key in changed[model]:
                keys.add((rows[model].get(key) or self.rows[model][key])[column])
            keys.update(getattr(record, column) for record in records[model])
        problems = []
        for page, keys in reached.items():
            created = {record.id for record in records[page] if record.history_type == "+"}
            for obj in page._base_manager.filter(pk__in=keys - created):
                if obj.status == Status.PUBLISHED and not obj.changed_since_review:
                    problems.append(f"{obj} was corrected and is not marked")
        return problems


def watched(write, username, corrects, prepare=None):
    """Run `write` in a savepoint that is rolled back, after `prepare` (a deletion to undo,
    an upload to confirm); what is wrong with what `write` wrote (None: nothing)."""
    with transaction.atomic():
        if prepare:
            prepare()
        watch = Watch()
        write()
        problems = watch.problems(username, corrects)
        transaction.set_rollback(True)
    return problems


# --- Every admin URL that writes -------------------------------------------------------


def corrected(model, data):
    """The change form as an editor sends it with one correction."""
    data = dict(data)
    for key in CORRECTIONS[model._meta.label_lower]:
        row = key.rsplit("-", 1)[0] + "-id" if "-" in key else None
        if key in data and (row is None or any(data.get(row, []))):
            data[key] = [CORRECTED]
            return data
    raise AssertionError(f"Give {model._meta.label_lower} a field to correct in CORRECTIONS")


CONTENT_URLS = [
    (name, pattern)
    for name, pattern in ADMIN_URLS
    if rule_for(name)[0] in CONTENT and rule_for(name)[2] not in ("read", "nobody")
]


@pytest.mark.usefixtures("walk_content")
@pytest.mark.parametrize(("name", "pattern"), [pytest.param(*u, id=u[0]) for u in CONTENT_URLS])
def test_every_admin_write_is_recorded_and_marks_what_it_corrects(
    client, editor, reviewer, name, pattern
):
    users = {"editor": editor, "reviewer": reviewer}
    model, view, rule = rule_for(name)
    target = deletable(model)
    # The review is the reviewers' to write; everything else the editors'.
    writer = "reviewer" if view == "review" else "editor"
    problems = []
    for role in ("editor", "reviewer"):
        user = users[role]
        client.force_login(user)
        url = walk_url(name, pattern, model, view, target)
        for label, data, prepare in payloads(client, name, url, model, view, target):
            if view == "change" and role == "editor":  # the reviewer's form is read-only
                data = corrected(model, data)
            found = watched(
                lambda url=url, data=data: client.post(url, data),
                user.username,
                corrects=role == "editor",
                prepare=prepare,
            )
            if found:
                problems += [f"{role}, {label}: {problem}" for problem in found]
            if found is None and role == writer and may_write(user, model, view, rule, data):
                problems.append(f"{role}, {label}: wrote nothing; give it a payload that writes")
    assert not problems, "\n".join(problems)


# --- Every management command that writes ------------------------------------------------


def statistics_file(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text(
        "country,indicator,year,value,source,note\n"
        "LS,population,2019,2300000,UN DESA 2024,\n"  # a change
        "LS,immigrants,1999,1000,,\n"  # a new figure
    )
    return [str(path)]


def remittances_file(tmp_path):
    """The World Bank's file: new years for the demo countries and 2021 revised."""
    return [str(FOLDER / REMITTANCES), "--since", "2019"]


def backup(tmp_path):
    path = tmp_path / "content.json"
    call_command("export_content", str(path), stderr=None)
    return [str(path), "--replace"]


def lesotho_loses_a_figure():
    """A demo figure an editor deleted, which load_demo brings back."""
    Statistic.objects.filter(country__slug="lesotho").order_by("pk").first().delete()


# command -> (writes content?, its arguments from a temporary folder, what to do first)
COMMANDS = {
    "export_statistics": (False, lambda tmp_path: [], None),
    "export_content": (False, lambda tmp_path: [str(tmp_path / "out.json")], None),
    "create_demo_users": (False, lambda tmp_path: [], None),  # users, not content
    "import_statistics": (True, statistics_file, None),
    "import_content": (True, backup, None),
    "refresh_statistics": (True, remittances_file, None),
    "load_demo": (True, lambda tmp_path: [], lesotho_loses_a_figure),
    "generate_data": (
        True,
        lambda tmp_path: ["--countries", "3", "--years", "2", "--initiatives-per-year", "1"],
        None,
    ),
}
OUR_APPS = ["config", *settings.CONTENT_APPS]
OUR_COMMANDS = sorted(name for name, app in get_commands().items() if app in OUR_APPS)


def test_every_command_of_ours_is_walked():
    missing = set(OUR_COMMANDS) - set(COMMANDS)
    assert not missing, f"Decide whether {missing} write content, then give them a run"


@pytest.mark.parametrize("command", OUR_COMMANDS)
def test_every_command_write_is_recorded_and_marks_what_it_corrects(
    command, demo, editor, tmp_path, settings
):
    settings.DEBUG = True  # create_demo_users runs only then
    writes, arguments, prepare = COMMANDS[command]
    # Without --user the history names the system user; with it, that user.
    for options, username in ([], SYSTEM_USERNAME), (["--user", "editor"], "editor"):
        problems = watched(
            lambda options=options: call_command(
                command, *arguments(tmp_path), *options, stdout=None, stderr=None
            ),
            username,
            corrects=True,
            prepare=prepare,
        )
        if not writes:
            assert problems is None, f"{command} wrote content: {problems}"
            return
        assert problems == [], f"{command} {options}:\n" + "\n".join(problems or ["nothing"])


def test_the_walk_sees_an_unrecorded_write(demo):
    """The walk's own check: a write made around the history is caught, and so is a
    correction left unmarked."""
    lesotho = Country.objects.get(slug="lesotho")

    problems = watched(
        lambda: Statistic.objects.filter(country=lesotho).update(source="Quietly"),
        "editor",
        corrects=True,
    )

    assert problems and "without a history record" in problems[0]
    assert any("Lesotho was corrected and is not marked" in p for p in problems)
