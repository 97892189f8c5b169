from django.db import models

from profiles.models import Country
from profiles.publication import PublishableQuerySet, Status, status_field
from profiles.years import year_constraint, year_field

DEFAULT_LEAD_IN = "In {year}, IOM in {country} will support the Government for the following:"


class Theme(models.Model):
    """What an initiative is about, e.g. counter-trafficking or labour migration."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class YearlyPlanQuerySet(PublishableQuerySet):
    preview_permission = "initiatives.change_yearlyplan"
    published_filter = models.Q(status=Status.PUBLISHED, country__status=Status.PUBLISHED)


class YearlyPlan(models.Model):
    """What IOM will do in one country in one year: a lead-in sentence and its initiatives."""

    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="plans")
    year = year_field()
    lead_in = models.TextField(
        "lead-in sentence",
        blank=True,
        help_text="The sentence before the list. Leave empty for “"
        + DEFAULT_LEAD_IN.format(year="2020", country="Lesotho")
        + "” with this plan's year and country.",
    )
    status = status_field()
    updated_at = models.DateTimeField(auto_now=True)

    objects = YearlyPlanQuerySet.as_manager()

    class Meta:
        verbose_name = "yearly plan"
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "year"],
                name="yearlyplan_one_per_country_year",
                violation_error_message="This country already has a plan for this year. "
                "Add the initiatives to that plan instead.",
            ),
            year_constraint("yearlyplan"),
        ]

    def __str__(self):
        return f"{self.country} {self.year}"

    def get_absolute_url(self):
        return f"{self.country.get_absolute_url()}?year={self.year}"

    @property
    def is_draft(self):
        return self.status == Status.DRAFT

    @property
    def lead_in_text(self):
        return self.lead_in or DEFAULT_LEAD_IN.format(year=self.year, country=self.country.name)


class InitiativeQuerySet(PublishableQuerySet):
    preview_permission = "initiatives.change_yearlyplan"
    published_filter = models.Q(
        plan__status=Status.PUBLISHED, plan__country__status=Status.PUBLISHED
    )

    def for_year(self, year):
        return self.filter(plan__year=year)


class Initiative(models.Model):
    """One item of a yearly plan."""

    plan = models.ForeignKey(YearlyPlan, on_delete=models.CASCADE, related_name="initiatives")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="initiatives")
    text = models.TextField(help_text="One initiative, as readers will read it.")
    order = models.PositiveSmallIntegerField(
        default=0, help_text="Initiatives are listed from the lowest number up."
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text=""),
                name="initiative_has_text",
                violation_error_message="Write the initiative's text.",
            )
        ]

    def __str__(self):
        return self.text[:80]
