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


class StatisticsFileForm(forms.Form):
    file = forms.FileField(
        label=_("Statistics file"),
        help_text=_("CSV (comma or semicolon separated, UTF-8) or XLSX."),
    )

    def clean_file(self):
        # Before the file is read, parsed and kept in the session.
        file = self.cleaned_data["file"]
        problem = size_problem(file.size)
        if problem:
            raise forms.ValidationError(problem, code="too_large")
        return file


class ConfirmForm(forms.Form):
    digest = forms.CharField(widget=forms.HiddenInput)


def can_import(user):
    return user.has_perms(IMPORT_PERMISSIONS)


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
                digest = hashlib.sha256(data).hexdigest()
                request.session[SESSION_KEY] = {
                    "digest": digest,
                    "data": base64.b64encode(data).decode("ascii"),
                    "name": form.cleaned_data["file"].name,  # for the history's reason
                }
                context["confirm_form"] = ConfirmForm(initial={"digest": digest})
    return TemplateResponse(request, "admin/profiles/statistic/import.html", context)


def _confirm(model_admin, request, context):
    form = ConfirmForm(request.POST)
    pending = request.session.get(SESSION_KEY) or {}
    if not form.is_valid() or form.cleaned_data["digest"] != pending.get("digest"):
        messages.error(request, gettext("That file is no longer waiting: upload it again."))
        return redirect("admin:profiles_statistic_import")
    report = import_statistics(
        base64.b64decode(pending["data"]), user=request.user, filename=pending.get("name")
    )
    del request.session[SESSION_KEY]
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
