"""No one writes where they may not: every admin URL x every role x GET and POST.

For each URL the superuser's own page gives the form a browser would send (the change form,
a history version's revert form, the review form, each changelist action, a deletion's
confirmation). The superuser sending it must change the database, so the payload is one
that writes; every role without the permission that URL's rule names sends the same form
and gets a 403 (or the sign-in page) with not one row of any table changed. Each request
runs in a savepoint that is rolled back, so every role starts from the same database.

A URL added to the admin without a rule in RULES fails the walk.
"""

import hashlib

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.db.models.deletion import Collector
from django.urls import reverse
from django.utils import timezone
from lxml import html

from profiles.tests.publisher_fixtures import REMITTANCES, shipped
from tests.factories import IndicatorFactory, OfficeFactory, ThemeFactory
from tests.test_url_access import ALL_URLS, url_for

ROLES = ["anonymous", "staff", "reviewer", "editor", "superuser"]

# URL name (after "admin:") -> what POSTing to it may do:
#   "read": nothing; no role's POST changes the database
#   ("perm", action, ...): writes; needs the model's permission for any one of the actions
#   "actions": the changelist's actions, each needing what its own `allowed_permissions` say
#   "own": a signed-in user's own account (their password); anonymous may not
#   "sign-in": the sign-in and sign-out pages, which write sessions and attempts by design
MODEL_VIEWS = {
    "changelist": "actions",
    "add": ("perm", "add"),
    "change": ("perm", "change"),
    "delete": ("perm", "delete"),
    "history": "read",
    "simple_history": ("perm", "change"),  # a version's page, which reverts to it
    "recover": "read",
    "recover_one": ("perm", "add"),
    "review": ("perm", "change", "publish"),
    "import": ("perm", "add"),  # and change, see import_permissions
    "refresh": ("perm", "add"),  # the same as the import
    "export_csv": "read",
    "export_xlsx": "read",
    "password_change": ("perm", "change"),  # another user's password, by an administrator
}
SITE_VIEWS = {
    "index": "read",
    "app_list": "read",
    "jsi18n": "read",
    "autocomplete": "read",
    "view_on_site": "read",
    "data_gaps": "read",
    "password_change": "own",
    "password_change_done": "read",
    "login": "sign-in",
    "logout": "sign-in",
}
# Sign-in records are written by sign-ins only: no one adds or edits them in the admin.
NOBODY = {
    f"axes_{model}_{view}": "nobody"
    for model in ("accessattempt", "accesslog", "accessfailurelog")
    for view in ("add",)
}
# Forms whose empty fields the superuser would type into: a new user, a password.
NEW_PASSWORD = "a-walk-through-every-door"
TYPED = {
    "admin:auth_user_add": {
        "username": "walker",
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "usable_password": "true",
    },
    "admin:auth_user_password_change": {
        "password1": NEW_PASSWORD,
        "password2": NEW_PASSWORD,
        "usable_password": "true",
    },
    "admin:password_change": {
        "old_password": "pw",
        "new_password1": NEW_PASSWORD,
        "new_password2": NEW_PASSWORD,
    },
}
# Tables that a request writes for its own bookkeeping, not content: the session a
# sign-in starts. Every other table, content or not, must stay as it was.
BOOKKEEPING = {"django_session"}

MODELS = {f"{m._meta.app_label}_{m._meta.model_name}": m for m in admin.site._registry}


def rule_for(name):
    """(model or None, view, rule) for an admin URL name; a URL with no rule fails."""
    short = name.removeprefix("admin:")
    for prefix, model in MODELS.items():  # noqa: B007 -- the model found is returned
        if short.startswith(prefix + "_"):
            view = short.removeprefix(prefix + "_")
            rule = NOBODY.get(short) or MODEL_VIEWS.get(view)
            break
    else:
        model, view, rule = None, short, SITE_VIEWS.get(short)
    assert rule is not None, f"Decide who may POST to {name}, then give it a rule in RULES"
    return model, view, rule


ADMIN_URLS = [(name, pattern) for name, pattern in ALL_URLS if name.startswith("admin:")]


def test_every_admin_url_has_a_rule():
    for name, _pattern in ADMIN_URLS:
        rule_for(name)


# --- The database, whole -----------------------------------------------------------


def snapshot():
    """Every row of every table, as the database holds it."""
    tables = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            if table in BOOKKEEPING:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            tables[table] = sorted(map(repr, cursor.fetchall()))
    return tables


def changed_tables(before, after):
    return sorted(table for table in before if before[table] != after[table])


def send(client, method, url, data, prepare=None):
    """One request in a savepoint that is rolled back: what tables did it change?"""
    with transaction.atomic():
        if prepare:
            prepare()
        before = snapshot()
        response = client.get(url) if method == "GET" else client.post(url, data)
        changed = changed_tables(before, snapshot())
        transaction.set_rollback(True)
    return response, changed


# --- What each URL is sent ----------------------------------------------------------


def deletable(model):
    """An object of `model` whose deletion nothing protects: Django's own deletion collects
    what it would delete, and refuses, without writing."""
    for obj in model._default_manager.order_by("-pk"):
        try:
            Collector(using=connection.alias, origin=obj).collect([obj])
        except ProtectedError:
            continue
        return obj
    raise AssertionError(f"No {model._meta.verbose_name} can be deleted to test with")


def walk_url(name, pattern, model, view, target):
    regex = pattern.pattern.regex
    if view == "simple_history":  # an object and one of its versions
        version = target.history.order_by("history_id").first()
        return reverse(name, args=[target.pk, version.history_id])
    if view == "recover_one":
        record = model.history.filter(history_type="-").order_by("-history_id").first()
        return reverse(name, args=[record.history_id])
    if model is None:
        return url_for(name, pattern)
    if regex.groupindex:
        return reverse(name, args=[target.pk])
    return reverse(name)


def form_data(page, url):
    """The form a browser would send from `page`: the first form that posts to `url` or to
    itself, with its controls' current values (lxml reads them as a browser does)."""
    forms = [
        form
        for form in html.fromstring(page).forms
        if form.method.upper() == "POST"
        and form.action in (None, "", url)
        and "set_language" not in (form.action or "")
    ]
    if not forms:
        return None
    data = {}
    for key, value in forms[0].form_values():
        if value is not None:  # lxml's entry for a group of radio buttons none is checked
            data.setdefault(key, []).append(value)
    # A choice the superuser would make: the first of each group of radio buttons.
    for radio in forms[0].xpath(".//input[@type='radio']"):
        data.setdefault(radio.name, [radio.get("value")])
    return data


def payloads(client, name, url, model, view, target):
    """[(label, data, prepare)]: what the superuser's browser would POST to `url`, and what
    to do first in the same savepoint (`prepare`, or None)."""
    if name in TYPED:
        return [("typed", TYPED[name], None)]
    if view == "changelist":
        request = client.get(url).wsgi_request
        return [
            (
                action,
                {"action": action, "_selected_action": [target.pk], "post": "yes"},
                expired_attempt if model is AccessAttempt else None,
            )
            for action in admin.site._registry[model].get_actions(request)
        ] or [("no-action", {}, None)]
    if view in ("delete", "recover_one"):
        return [("confirm", {"post": "yes"}, None)]
    if view == "import":
        # The file is checked first, then written on confirmation: the confirmation, sent
        # after the same role's upload, is what writes.
        def upload():
            client.post(url, {"file": statistics_file()})

        return [("confirm", {"digest": hashlib.sha256(STATISTICS_FILE).hexdigest()}, upload)]
    if view == "refresh":
        # The same for the refresh from a publisher's file, with the options the page offers.
        def check():
            client.post(url, {"file": publisher_file(), **REFRESH_OPTIONS})

        return [("confirm", {"digest": hashlib.sha256(shipped(REMITTANCES)).hexdigest()}, check)]
    if view == "add":
        # An existing object's own values, sent to "add" once that object is gone: valid,
        # unique, and without the rows of its inlines.
        change = reverse(
            f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[target.pk]
        )
        data = form_data(client.get(change).content, change)
        for key in data:
            if key.endswith(("-TOTAL_FORMS", "-INITIAL_FORMS")):
                data[key] = ["0"]
        return [("form", data, model._default_manager.filter(pk=target.pk).delete)]
    response = client.get(url)
    data = form_data(response.content, url) if response.content else None
    return [("form", data or {}, None)]


STATISTICS_FILE = b"country,indicator,year,value,source,note\nLS,population,2019,1,,\n"


def expired_attempt():
    """For the clean-up of expired sign-in attempts; made after the sign-in, which would
    clean it up itself."""
    attempt = AccessAttempt.objects.create(
        username="long-ago", ip_address="192.0.2.2", failures_since_start=1
    )
    expired = timezone.now() - settings.AXES_COOLOFF_TIME * 2
    AccessAttempt.objects.filter(pk=attempt.pk).update(attempt_time=expired)  # auto_now_add


def statistics_file():
    return SimpleUploadedFile("figures.csv", STATISTICS_FILE)


REFRESH_OPTIONS = {"figures": "revisions", "since": "2019", "countries": "published"}


def publisher_file():
    return SimpleUploadedFile(REMITTANCES, shipped(REMITTANCES))


# --- Who may -------------------------------------------------------------------------


@pytest.fixture
def users(django_user_model, editor, reviewer, staff):
    superuser = django_user_model.objects.create_superuser("root", password="pw")
    return {"editor": editor, "reviewer": reviewer, "staff": staff, "superuser": superuser}


def may_write(user, model, view, rule, data):
    if user is None or rule in ("read", "nobody"):
        return False
    if rule == "own":
        return True
    if rule == "actions":
        action = admin.site._registry[model].get_action(data["action"]).func
        actions = getattr(action, "allowed_permissions", ())
    else:
        actions = rule[1:]
    if view in ("import", "refresh"):
        return user.has_perms([f"profiles.{a}_statistic" for a in ("add", "change")])
    return any(
        user.has_perm(f"{model._meta.app_label}.{action}_{model._meta.model_name}")
        for action in actions
    )


@pytest.fixture
def walk_content(demo, client):
    """Demo content, plus what some admin pages need: a deleted object of each model with
    a history (for recovery), sign-in records (for the axes pages). Statistics protect
    every demo indicator, countries every demo office, initiatives the themes they use:
    two spares of each, nothing's."""
    for _ in range(2):
        IndicatorFactory()
        OfficeFactory()
        ThemeFactory()
    for model in MODELS.values():
        if hasattr(model, "history") and model._default_manager.exists():
            deletable(model).delete()
    client.post(reverse("admin:login"), {"username": "nobody", "password": "wrong"})
    for log in (AccessLog, AccessFailureLog):
        log.objects.create(username="nobody", ip_address="192.0.2.1", user_agent="walk")


@pytest.mark.parametrize(("name", "pattern"), [pytest.param(*u, id=u[0]) for u in ADMIN_URLS])
def test_no_role_writes_where_it_may_not(client, walk_content, users, name, pattern):
    model, view, rule = rule_for(name)
    target = None
    if model is Group:
        target = Group.objects.get(name="Editor")
    elif model is not None:
        target = deletable(model)
    client.force_login(users["superuser"])
    url = walk_url(name, pattern, model, view, target)
    problems = []
    for label, data, prepare in payloads(client, name, url, model, view, target):
        for role in ROLES:
            client.logout()
            user = users.get(role)
            if user is not None:
                client.force_login(user)
            for upload in data.values():
                if hasattr(upload, "seek"):
                    upload.seek(0)
            response, changed = send(client, "GET", url, None)
            if changed:
                problems.append(f"{role} GET changed {changed}")
            if rule == "sign-in":
                continue
            response, changed = send(client, "POST", url, data, prepare)
            status = response.status_code
            allowed = may_write(user, model, view, rule, data)
            fills_in = set(data) - {"csrfmiddlewaretoken"}  # a read-only form has nothing
            if allowed and role == "superuser" and fills_in and not changed:
                problems.append(
                    f"{label}: the superuser's POST ({status}) changed nothing: "
                    "give this URL a payload that writes"
                )
            if not allowed and changed:
                problems.append(f"{label}: {role} POST ({status}) changed {changed}")
            refused = status == 403 or (
                user is None
                and status == 302  # to the sign-in page
                and response["Location"].startswith(reverse("admin:login"))
            )
            if not allowed and rule != "read" and not refused:
                problems.append(f"{label}: {role} POST answered {status}, not 403")
    assert not problems, "\n".join(problems)
