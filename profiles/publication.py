"""Draft, in-review and published content, and who may see what is not yet published."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    PUBLISHED = "published", _("Published")


class Move(models.TextChoices):
    """A reviewer's or an editor's step from one status to another (profiles.review)."""

    SUBMIT = "submit", _("Submit for review")
    PUBLISH = "publish", _("Publish")
    SEND_BACK = "send_back", _("Send back to draft")
    WITHDRAW = "withdraw", _("Withdraw from the site (back to draft)")
    MARK_REVIEWED = "mark_reviewed", _("Mark the corrections reviewed")


def published_status(prefix=""):
    """The one rule for what readers see, applied to the row `prefix` away ("plans__"): its
    status is "published". Whether a row is shown also depends on the rows it is shown with
    (a plan on its country's page): PublishableQuerySet.published_filter() follows them."""
    return models.Q(**{f"{prefix}status": Status.PUBLISHED})


class PublishableQuerySet(models.QuerySet):
    """A queryset whose rows are published or not yet; `preview_permission` sees them all."""

    preview_permission = ""
    has_status = True
    # The publishable row this one is shown with, and its queryset: ("country", CountryQuerySet)
    # for a plan, which readers see only on its country's published page.
    shown_with = None

    @classmethod
    def published_filter(cls, prefix=""):
        condition = published_status(prefix) if cls.has_status else models.Q()
        if cls.shown_with:
            relation, queryset = cls.shown_with
            condition &= queryset.published_filter(f"{prefix}{relation}__")
        return condition

    def published(self):
        return self.filter(self.published_filter())

    def visible_to(self, user):
        if user.has_perm(self.preview_permission):
            return self.all()
        return self.published()
