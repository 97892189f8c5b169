"""The admin's import page: the import service's report first, written on confirmation.

Between the check and the confirmation the file waits in the editor's session (in the
database), not on an app server's disk: the confirmation may reach another server.
"""

import base64
import hashlib

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.accepts import takes_files
from config.spreadsheets import CSV_TYPE, XLSX_TYPE, attachment
from profiles.statistics_file import (
    COLUMNS,
    import_statistics,
    size_problem,
    write_csv,
    write_xlsx,
)

SESSION_KEY = "statistics_import"
IMPORT_PERMISSIONS = ["profiles.add_statistic", "profiles.change_statistic"]


class UploadForm(forms.Form):
    """A form whose `file` is bounded by STATISTICS_UPLOAD_MAX_MB: the statistics import's
    and the refresh from a publisher's file (profiles.admin_refresh)."""

    def clean_file(self):
        # Before the file is read, parsed and kept in the session.
        file = self.cleaned_data["file"]
        problem = size_problem(file.size)
        if problem:
            raise forms.ValidationError(problem, code="too_large")
        return file


class StatisticsFileForm(UploadForm):
    file = forms.FileField(
        label=_("Statistics file"),
        help_text=_("CSV (comma or semicolon separated, UTF-8) or XLSX."),
    )


class ConfirmForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput)


def can_import(user):
    return user.has_perms(IMPORT_PERMISSIONS)


def keep_file(request, key, data, **details):
    """Keep a checked file in the editor's session until it is confirmed; its digest, which
    the confirmation sends back. `details` (its name, the options chosen) wait beside it."""
    digest = hashlib.sha256(data).hexdigest()
    request.session[key] = {
        "digest": digest,
        "data": base64.b64encode(data).decode("ascii"),
        **details,
    }
    return digest


def take_file(request, key, digest):
    """(data, details) of the file kept under `key`, now forgotten; None when no file with
    that digest is waiting (never checked, already written, or the session is gone)."""
    pending = request.session.get(key) or {}
    if not digest or digest != pending.get("digest"):
        return None
    del request.session[key]
    data = base64.b64decode(pending.pop("data"))
    pending.pop("digest")
    return data, pending


@takes_files
def import_view(model_admin, request):
    if not can_import(request.user):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": gettext("Import statistics"),
        "columns": COLUMNS,
        "form": StatisticsFileForm(),
    }
    if request.method == "POST" and "digest" in request.POST:
        return _confirm(model_admin, request, context)
    if request.method == "POST":
        form = StatisticsFileForm(request.POST, request.FILES)
        context["form"] = form
        if form.is_valid():
            data = form.cleaned_data["file"].read()
            report = import_statistics(data, dry_run=True)
            context.update(report=report, filename=form.cleaned_data["file"].name)
            if report.ok and report.created + report.changed:
                # The name, for the history's reason.
                digest = keep_file(request, SESSION_KEY, data, name=form.cleaned_data["file"].name)
                context["confirm_form"] = ConfirmForm(initial={"digest": digest})
    return TemplateResponse(request, "admin/profiles/statistic/import.html", context)


def _confirm(model_admin, request, context):
    form = ConfirmForm(request.POST)
    waiting = form.is_valid() and take_file(request, SESSION_KEY, form.cleaned_data["digest"])
    if not waiting:
        messages.error(request, gettext("That file is no longer waiting: upload it again."))
        return redirect("admin:profiles_statistic_import")
    data, details = waiting
    report = import_statistics(data, user=request.user, filename=details.get("name"))
    if not report.written:
        # The statistics changed since the check; show why it is refused now.
        context["report"] = report
        return TemplateResponse(request, "admin/profiles/statistic/import.html", context)
    messages.success(
        request,
        gettext("Statistics imported: %(created)s created, %(changed)s changed.")
        % {"created": len(report.created), "changed": len(report.changed)},
    )
    return redirect("admin:profiles_statistic_changelist")


def export_view(model_admin, request, extension):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    filename = f"iom-statistics.{extension}"
    if extension == "xlsx":
        response = attachment(filename, XLSX_TYPE)
        write_xlsx(response)
    else:
        response = attachment(filename, CSV_TYPE)
        write_csv(response)
    return response
