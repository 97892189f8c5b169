"""The admin site. Each of its views is one edit (config.edits): whatever a request writes
is recorded with the signed-in editor, the request's edit id and a reason, and the pages it
corrects are marked for the reviewers. Views that write for a purpose of their own (a revert,
a recovery, an import, a review move, a changelist action) give a reason of their own.

Besides the models, the index has a "Reports" section: pages that read across models (the
data gaps), which each app registers with `admin.site.register_report()`."""

import functools
from dataclasses import dataclass

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from config.edits import edit


@dataclass(frozen=True)
class Report:
    name: str  # its URL's name in the admin's namespace, and its address under reports/
    title: str
    description: str
    view: object  # view(request, context): the site's context, with the title, comes in
    permissions: tuple  # a user with any one of them may read it

    def readable_by(self, user):
        return any(user.has_perm(permission) for permission in self.permissions)


class AdminSite(admin.AdminSite):
    site_header = _("Country Pages administration")
    site_title = _("Country Pages admin")
    index_title = _("Edit countries, initiatives and offices")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reports = {}

    def register_report(self, name, *, title, description, view, permissions):
        self.reports[name] = Report(name, title, description, view, tuple(permissions))

    def admin_view(self, view, cacheable=False):
        def edited(request, *args, **kwargs):
            # Inside the request's transaction (ATOMIC_REQUESTS), so the marks commit with it.
            with edit(request.user, gettext("Edited in the admin")):
                return view(request, *args, **kwargs)

        return super().admin_view(functools.update_wrapper(edited, view), cacheable)

    def get_urls(self):
        reports = [
            path(
                f"reports/{report.name.replace('_', '-')}/",
                self.admin_view(functools.partial(self.report_view, report)),
                name=report.name,
            )
            for report in self.reports.values()
        ]
        return reports + super().get_urls()

    def report_view(self, report, request):
        if not report.readable_by(request.user):
            raise PermissionDenied
        return report.view(request, {**self.each_context(request), "title": report.title})

    def index(self, request, extra_context=None):
        readable = [
            {
                "title": report.title,
                "description": report.description,
                "url": reverse(f"{self.name}:{report.name}", current_app=self.name),
            }
            for report in self.reports.values()
            if report.readable_by(request.user)
        ]
        return super().index(request, {"reports": readable, **(extra_context or {})})
