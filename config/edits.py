"""Every write of content is one *edit*: who made it, why, and the rows it touched.

`with edit(user, reason):` goes around every path that writes content: the admin enters one
for each request (config.admin_site), commands and services their own. Inside it:

- every history record (django-simple-history) is given the edit's user, its reason (unless
  the record has one of its own) and the edit's id, which groups what one request or
  command did: a recovery brings back the rows that one deletion removed, and no others;
- rows written in bulk go through `create_rows` and `update_rows`, which record their
  history too (they refuse to run outside an edit, so a new bulk path cannot forget);
- when the outermost edit ends, still inside its transaction, the apps' hooks
  (`when_edited`) see all the rows it touched, once (profiles and initiatives mark the
  corrected pages "changed since review"), and the cached pages are made out of date
  once, and again on commit.

The outermost edit is one transaction (a savepoint inside a request's or an import's own).
An edit opened inside another joins it: the same id and, unless it names its own, the same
user; its reason applies to what is written inside it. An edit without a user records the
changes as the "system" user, created on first need (commands run without --user).
"""

import uuid
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management.base import CommandError
from django.db import models, transaction
from django.dispatch import receiver
from django.utils import timezone
from django.utils.text import Truncator
from simple_history.signals import pre_create_historical_record
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from config import content_version

SYSTEM_USERNAME = "system"
# django-simple-history's column: a longer reason (a long file name) is cut short.
REASON_LENGTH = 100

# Rows per INSERT of history records (PostgreSQL takes at most 65,535 values a statement).
RECORD_BATCH = 1000

_current = ContextVar("edit", default=None)
_hooks = []


class EditRecord(models.Model):
    """What every history table adds to django-simple-history's columns (its `bases`)."""

    history_edit = models.UUIDField(null=True, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True


class Edit:
    """One request's or command's writes; nested blocks share the outermost one's rows."""

    def __init__(self, user, reason, outer):
        self.outer = outer
        self.id = outer.id if outer else uuid.uuid4()
        self._user = user
        self.reason = Truncator(reason).chars(REASON_LENGTH) if reason else None
        if outer is not None and self.reason is None:
            self.reason = outer.reason
        # (row, created) in the order written, for the hooks at the end
        self.touched = outer.touched if outer else []

    @property
    def user(self):
        if self._user is None:
            self._user = self.outer.user if self.outer else system_user()
        return self._user

    def touch(self, row, created):
        self.touched.append((row, created))

    def history_attributes(self):
        """The columns a history record made in bulk takes from the edit."""
        return {
            "default_user": self.user,
            "default_change_reason": self.reason,
            "default_date": timezone.now(),
            "custom_historical_attrs": {"history_edit": self.id},
        }


class Changes:
    """What an edit wrote, as its hooks see it: the user, and each model's rows."""

    def __init__(self, user, touched):
        self.user = user
        self._rows, self._created = {}, {}
        for row, created in touched:
            self._rows.setdefault(type(row), []).append(row)
            if created:
                self._created.setdefault(type(row), set()).add(row.pk)

    def rows(self, model):
        return self._rows.get(model, [])

    def created(self, model):
        """The keys of `model`'s rows this edit created (written as they are, not corrected)."""
        return self._created.get(model, set())


def when_edited(hook):
    """Call `hook(changes)` at the end of every edit that wrote content."""
    _hooks.append(hook)


@contextmanager
def edit(user=None, reason=None):
    outer = _current.get()
    current = Edit(user, reason, outer)
    token = _current.set(current)
    written_before = len(current.touched)
    try:
        if outer is not None:
            yield current
        else:
            # The hooks' writes commit with the edit's, and the cache hears of them once.
            with transaction.atomic(), content_version.changes_held():
                yield current
                if current.touched:
                    changes = Changes(current.user, current.touched)
                    for hook in _hooks:
                        hook(changes)
    except BaseException:
        # What a failed block wrote was rolled back with it: no hook should see it.
        del current.touched[written_before:]
        raise
    finally:
        _current.reset(token)


def _open_edit():
    current = _current.get()
    if current is None:
        raise RuntimeError("Content is written in bulk inside config.edits.edit() only.")
    return current


def create_rows(model, rows, batch_size=None):
    """bulk_create, with a history record for each row; returns the rows, with their keys."""
    current, rows = _open_edit(), list(rows)
    if not rows:  # nothing to record, and no user to find or create for it
        return rows
    rows = bulk_create_with_history(
        rows, model, batch_size=batch_size, **current.history_attributes()
    )
    for row in rows:
        current.touch(row, created=True)
    content_version.content_changed()  # bulk writes send no model signals
    return rows


def update_rows(model, rows, fields, batch_size=None):
    """bulk_update, with a history record for each row."""
    current, rows = _open_edit(), list(rows)
    if not rows:
        return
    bulk_update_with_history(
        rows, model, fields, batch_size=batch_size, **current.history_attributes()
    )
    for row in rows:
        current.touch(row, created=False)
    content_version.content_changed()


def record_created(rows):
    """History records for rows saved without model signals (a restore's raw saves)."""
    current, by_model = _open_edit(), {}
    for row in rows:
        by_model.setdefault(type(row), []).append(row)
    for model, saved in by_model.items():
        if hasattr(model, "history"):
            model.history.bulk_history_create(
                saved, batch_size=RECORD_BATCH, **current.history_attributes()
            )
        for row in saved:
            current.touch(row, created=True)
    if by_model:
        content_version.content_changed()


@receiver(pre_create_historical_record, dispatch_uid="edits-record")
def _record(sender, instance, history_instance, **kwargs):
    current = _current.get()
    if current is None:  # a write outside any edit (tests' factories, the shell)
        return
    history_instance.history_user = current.user
    history_instance.history_change_reason = (
        history_instance.history_change_reason or current.reason
    )
    history_instance.history_edit = current.id
    current.touch(instance, created=history_instance.history_type == "+")


def system_user():
    """Who the history names for changes made with no one signed in (commands without
    --user): a user who cannot sign in, created the first time it is needed."""
    user, _ = get_user_model().objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"password": make_password(None), "is_staff": False},
    )
    return user


def add_user_option(parser):
    parser.add_argument(
        "--user",
        metavar="USERNAME",
        help=f"Who the history names as making the changes (default: “{SYSTEM_USERNAME}”).",
    )


def user_option(username):
    """The user --user names (None without it: the system user); an unknown name is refused."""
    if username is None:
        return None
    try:
        return get_user_model().objects.get_by_natural_key(username)
    except get_user_model().DoesNotExist:
        raise CommandError(
            f"There is no user “{username}”: name one who exists, or leave out --user to "
            f"record the changes as “{SYSTEM_USERNAME}”. Nothing was changed."
        ) from None
