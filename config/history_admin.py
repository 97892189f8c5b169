"""Nothing is lost: every content model's admin shows its history (django-simple-history:
who, when, and each field's change from what to what), reverts to any earlier version, and
recovers deleted objects together with the rows their deletion took with them."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext, gettext_noop, ngettext
from simple_history.admin import SimpleHistoryAdmin

# Rows a deletion cascades to are recorded in the same moment as the object itself.
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


def recover(record, user):
    """Restore the object that deletion `record` removed, then what the deletion cascaded to;
    returns how many rows came back. Each restored row's history says who recovered it."""
    instance = record.instance
    instance._history_user = user
    instance._change_reason = RECOVERED
    instance.save(force_insert=True)
    restored = 1
    moment = (record.history_date - SAME_DELETION, record.history_date + SAME_DELETION)
    for relation in type(instance)._meta.related_objects:
        child = relation.related_model
        if relation.on_delete is not models.CASCADE or not hasattr(child, "history"):
            continue
        removed = child.history.filter(
            history_type="-", history_date__range=moment, **{relation.field.attname: instance.pk}
        )
        for child_record in still_deleted(child, list(removed)):
            restored += recover(child_record, user)
    return restored


class HistoryAdmin(SimpleHistoryAdmin):
    """History with each change's fields, revert, and "Recover deleted …" on the changelist."""

    recoverable = True  # the changelist template offers the recovery page

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
        with transaction.atomic():
            restored = recover(record, request.user)
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
        if request.method == "POST" and not self.has_change_permission(request, obj):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        """An action the user may not take is refused outright (the admin would re-show the
        list with "No action selected", having checked nothing else)."""
        action = request.POST.get("action") if request.method == "POST" else None
        if action is not None and action not in self.get_actions(request):
            raise PermissionDenied
        return super().changelist_view(request, extra_context)

    def admin_url(self, view, *args):
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{view}", args=args)
