"""A yearly plan is corrected by a change to it or to any of its initiatives (see
profiles.corrections, which marks it)."""

from initiatives.models import Initiative, YearlyPlan
from profiles.corrections import mark_corrected


def mark_corrected_plans(changes):
    plans = {plan.pk for plan in changes.rows(YearlyPlan)}
    plans |= {initiative.plan_id for initiative in changes.rows(Initiative)}
    mark_corrected(YearlyPlan, plans, changes)
