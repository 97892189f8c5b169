"""Nothing is lost: every content model's admin shows its history (django-simple-history:
who, when, why, and each field's change from what to what), reverts to any earlier version,
and recovers deleted objects together with the rows their deletion took with them."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.admin.utils import model_format_dict
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext
from simple_history.admin import SimpleHistoryAdmin

from config.edits import edit

# Deletion records made before each record named its edit: the rows a deletion cascaded to
# were recorded in the same moment as the object itself.
SAME_DELETION = timedelta(seconds=10)
RECOVERED = gettext_noop("Recovered after deletion")


def still_deleted(model, records):
    """The newest of `records` (deletion records) for each object of `model` still gone."""
    pk = model._meta.pk.attname
    keys = [getattr(record, pk) for record in records]
    alive = set(model._base_manager.filter(pk__in=keys).values_list("pk", flat=True))
    latest = {}
    for record in sorted(records, key=lambda r: r.history_date, reverse=True):
        latest.setdefault(getattr(record, pk), record)
    return [record for key, record in latest.items() if key not in alive]


def deleted(model):
    """What can be recovered of `model`, the last deleted first."""
    return still_deleted(model, list(model.history.filter(history_type="-")))


def same_deletion(record):
    """A filter for the deletion records of the rows that `record`'s deletion removed with
    it: those of the same edit, so a row deleted on its own a moment before stays deleted."""
    if record.history_edit is not None:
        return {"history_edit": record.history_edit}
    around = (record.history_date - SAME_DELETION, record.history_date + SAME_DELETION)
    return {"history_edit": None, "history_date__range": around}


def recover(record):
    """Restore the object that deletion `record` removed, then what the deletion cascaded to;
    returns how many rows came back. Call it inside an edit, which records who and why."""
    instance = record.instance
    instance.save(force_insert=True)
    restored = 1
    for relation in type(instance)._meta.related_objects:
        child = relation.related_model
        if relation.on_delete is not models.CASCADE or not hasattr(child, "history"):
            continue
        removed = child.history.filter(
            history_type="-", **same_deletion(record), **{relation.field.attname: instance.pk}
        )
        for child_record in still_deleted(child, list(removed)):
            restored += recover(child_record)
    return restored


class HistoryAdmin(SimpleHistoryAdmin):
    """History with each change's fields, revert, and "Recover deleted …" on the changelist."""

    recoverable = True  # the changelist template offers the recovery page
    # Fields a revert leaves as they are now: the review's (ReviewAdminMixin). A revert
    # brings back a version's content, not its place in the review.
    kept_on_revert = ()

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "recover/",
                self.admin_site.admin_view(self.recover_list_view),
                name="{}_{}_recover".format(*info),
            ),
            path(
                "recover/<int:history_id>/",
                self.admin_site.admin_view(self.recover_view),
                name="{}_{}_recover_one".format(*info),
            ),
            *super().get_urls(),
        ]

    def recover_list_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Recover deleted %(things)s")
            % {"things": self.opts.verbose_name_plural},
            "opts": self.opts,
            "records": deleted(self.model),
        }
        return TemplateResponse(request, "admin/recover_list.html", context)

    def recover_view(self, request, history_id):
        if not self.has_add_permission(request) or request.method != "POST":
            raise PermissionDenied
        record = get_object_or_404(self.model.history, history_id=history_id, history_type="-")
        if not still_deleted(self.model, [record]):
            messages.warning(request, gettext("This was recovered already."))
            return redirect(self.admin_url("changelist"))
        with transaction.atomic(), edit(reason=gettext(RECOVERED)):
            restored = recover(record)
        with_it = restored - 1
        message = ngettext(
            "Recovered “%(object)s” and the %(count)s row deleted with it.",
            "Recovered “%(object)s” and the %(count)s rows deleted with it.",
            with_it,
        )
        messages.success(request, message % {"object": record.instance, "count": with_it})
        return redirect(self.admin_url("change", record.instance.pk))

    def object_or_404(self, queryset, object_id):
        """The object an admin address names; 404 for an id of the wrong form ("abc"), where
        django-simple-history's pages and ours would fail converting it."""
        try:
            key = self.opts.pk.to_python(object_id)
        except ValidationError as error:
            raise Http404 from error
        return get_object_or_404(queryset, pk=key)

    def history_view(self, request, object_id, extra_context=None):
        self.object_or_404(self.model._default_manager, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """A version's page: anyone who may view the history reads it; reverting to it is a
        change, and django-simple-history saves a POST for whoever may only view."""
        obj = self.object_or_404(self.model._default_manager, object_id)
        if not str(version_id).isdigit():
            raise Http404
        if request.method != "POST":
            return super().history_form_view(request, object_id, version_id, extra_context)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        version = get_object_or_404(
            self.model.history, history_id=version_id, **{self.opts.pk.attname: obj.pk}
        )
        request.reverting_to = version  # for save_model
        when = timezone.localtime(version.history_date).strftime("%Y-%m-%d %H:%M")
        with edit(reason=gettext("Reverted to the version of %(date)s") % {"date": when}):
            return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        if getattr(request, "reverting_to", None) is not None:
            current = self.model._base_manager.get(pk=obj.pk)
            for name in self.kept_on_revert:
                setattr(obj, name, getattr(current, name))
        elif change and not form.has_changed():
            # Saving a form as it came is no change: nothing to write, record or review.
            return
        super().save_model(request, obj, form, change)

    def delete_view(self, request, object_id, extra_context=None):
        # The reason every row the deletion takes with it is recorded with.
        with edit(reason=gettext("Deleted in the admin")):
            return super().delete_view(request, object_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        """An action the user may not take is refused outright (the admin would re-show the
        list with "No action selected", having checked nothing else)."""
        action = request.POST.get("action") if request.method == "POST" else None
        if action is None:
            return super().changelist_view(request, extra_context)
        actions = self.get_actions(request)
        if action not in actions:
            raise PermissionDenied
        # The history says which action made each change: "Delete selected statistics".
        description = str(actions[action].description) % model_format_dict(self.opts)
        with edit(reason=description):
            return super().changelist_view(request, extra_context)

    def admin_url(self, view, *args):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}", args=args)
