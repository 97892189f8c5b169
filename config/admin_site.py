"""The admin site, each of whose views is one edit (config.edits): whatever a request writes
is recorded with the signed-in editor, the request's edit id and a reason, and the pages it
corrects are marked for the reviewers. Views that write for a purpose of their own (a revert,
a recovery, an import, a review move, a changelist action) give a reason of their own."""

import functools

from django.contrib import admin
from django.utils.translation import gettext

from config.edits import edit


class AdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        def edited(request, *args, **kwargs):
            # Inside the request's transaction (ATOMIC_REQUESTS), so the marks commit with it.
            with edit(request.user, gettext("Edited in the admin")):
                return view(request, *args, **kwargs)

        return super().admin_view(functools.update_wrapper(edited, view), cacheable)
