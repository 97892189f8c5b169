"""Draft and published content, and who may see drafts (the preview seam)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def status_field():
    return models.CharField(
        _("status"),
        max_length=20,
        choices=Status,
        default=Status.DRAFT,
        db_index=True,
        help_text=_(
            "Drafts are seen only by signed-in staff, with a “Draft” banner. "
            "Publish to show it to everyone."
        ),
    )


class PublishableQuerySet(models.QuerySet):
    """A queryset whose rows are drafts or published; `preview_permission` sees drafts."""

    preview_permission = ""
    published_filter = models.Q(status=Status.PUBLISHED)

    def published(self):
        return self.filter(self.published_filter)

    def visible_to(self, user):
        if user.has_perm(self.preview_permission):
            return self.all()
        return self.published()
