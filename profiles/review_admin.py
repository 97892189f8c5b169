"""The review steps in the admin: a "Review" page beside each country page and yearly plan,
and its log on the change form. Corrections to live content are marked for the reviewers
on every path, the admin's included, by profiles.review.mark_corrections."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from profiles.review import allowed_moves, make_move, steps_of


class MoveForm(forms.Form):
    move = forms.ChoiceField(label=_("Move"), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text=_("What the editor should change, or why it is published or withdrawn."),
    )

    def __init__(self, *args, moves, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["move"].choices = [(move.value, move.label) for move in moves]


class ReviewAdminMixin:
    """For the HistoryAdmin of a model with `status` and `changed_since_review`."""

    review_fields = ["status", "changed_since_review", "review"]
    # A revert restores a version's content; where the page stands in the review stays.
    kept_on_revert = ["status", "changed_since_review"]

    def get_readonly_fields(self, request, obj=None):
        # The status changes only through the review steps, which record who and why.
        return [*super().get_readonly_fields(request, obj), *self.review_fields]

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        review = path(
            "<path:object_id>/review/",
            self.admin_site.admin_view(self.review_view),
            name="{}_{}_review".format(*info),
        )
        return [review, *super().get_urls()]

    @admin.display(description=_("review"))
    def review(self, obj):
        if obj.pk is None:
            return gettext("New pages start as drafts: save, then submit for review.")
        return format_html(
            '<a class="button" href="{}">{}</a> <a href="{}">{}</a>{}',
            self.admin_url("review", obj.pk),
            gettext("Submit, publish or withdraw"),
            obj.get_absolute_url(),
            gettext("Preview the public page"),
            render_to_string("admin/includes/review_log.html", {"steps": steps_of(obj)}),
        )

    def review_view(self, request, object_id):
        obj = self.object_or_404(self.get_queryset(request), object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        moves = allowed_moves(obj, request.user)
        form = MoveForm(request.POST or None, moves=moves)
        if request.method == "POST" and form.is_valid():
            step = make_move(
                obj, form.cleaned_data["move"], request.user, form.cleaned_data["comment"]
            )
            messages.success(
                request,
                gettext("%(object)s: %(move)s. It is now “%(status)s”.")
                % {
                    "object": obj,
                    "move": step.get_move_display(),
                    "status": step.get_status_after_display(),
                },
            )
            return redirect(self.admin_url("change", obj.pk))
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Review: %(object)s") % {"object": obj},
            "opts": self.opts,
            "original": obj,
            "form": form,
            "moves": moves,
            "steps": steps_of(obj),
            "preview_url": obj.get_absolute_url(),
        }
        return TemplateResponse(request, "admin/review.html", context)
