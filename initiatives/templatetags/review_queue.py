"""What waits for a reviewer, for the admin's home page."""

from urllib.parse import urlencode

from django import template
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from initiatives.models import YearlyPlan
from profiles.models import Country
from profiles.publication import Status, published_status
from profiles.review import is_reviewer

register = template.Library()

WAITING = Count("pk", filter=Q(status=Status.IN_REVIEW))
CORRECTED = Count("pk", filter=published_status() & Q(changed_since_review=True))


@register.inclusion_tag("admin/includes/review_queue.html", takes_context=True)
def review_queue(context):
    """Links to the country pages and plans submitted for review, and to the published ones
    corrected since; for reviewers only (editors see the status column and filter)."""
    user = context["request"].user
    rows = []
    for model, submitted, corrected in [
        (Country, _("Country pages submitted for review"), _("Country pages corrected since")),
        (YearlyPlan, _("Yearly plans submitted for review"), _("Yearly plans corrected since")),
    ]:
        if not is_reviewer(user, model):
            continue
        counts = model.objects.aggregate(waiting=WAITING, corrected=CORRECTED)
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        waiting = {"status__exact": Status.IN_REVIEW}
        live = {"status__exact": Status.PUBLISHED, "changed_since_review__exact": 1}
        rows.append((submitted, f"{changelist}?{urlencode(waiting)}", counts["waiting"]))
        rows.append((corrected, f"{changelist}?{urlencode(live)}", counts["corrected"]))
    return {"rows": rows}
