from django.db import models
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from config.content_languages import unique_name
from profiles.models import Country, CountryQuerySet, Publishable
from profiles.publication import PublishableQuerySet
from profiles.years import year_constraint, year_field

# Translated when shown, with the plan's year and country filled in.
DEFAULT_LEAD_IN = _(
    "In %(year)s, IOM in %(country)s will support the Government for the following:"
)


def default_lead_in(year, country):
    """The lead-in of a plan that has none of its own, in the reader's language."""
    return str(DEFAULT_LEAD_IN) % {"year": year, "country": country}


# An example for the editors' help text, in the editor's language.
DEFAULT_LEAD_IN_EXAMPLE = lazy(default_lead_in, str)(2020, "Lesotho")


class ThemeManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Theme(models.Model):
    """What an initiative is about, e.g. counter-trafficking or labour migration."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    objects = ThemeManager()

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]
        constraints = [unique_name("theme")]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)


class YearlyPlanQuerySet(PublishableQuerySet):
    preview_permission = "initiatives.view_yearlyplan"
    shown_with = ("country", CountryQuerySet)

    def get_by_natural_key(self, iso_code, year):
        return self.get(country__iso_code=iso_code, year=year)


class YearlyPlan(Publishable):
    """What IOM will do in one country in one year: a lead-in sentence and its initiatives."""

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="plans", verbose_name=_("country")
    )
    year = year_field()
    lead_in = models.TextField(
        _("lead-in sentence"),
        blank=True,
        help_text=format_lazy(
            _(
                "The sentence before the list. Leave empty for “{example}” "
                "with this plan's year and country."
            ),
            example=DEFAULT_LEAD_IN_EXAMPLE,
        ),
    )
    objects = YearlyPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("yearly plan")
        verbose_name_plural = _("yearly plans")
        ordering = ["-year"]
        # The initiatives list filters by year and lists the latest year first: with this
        # index the database reads one year's plans at a time instead of all of them.
        indexes = [models.Index(fields=["year"], name="yearlyplan_year")]
        permissions = [("publish_yearlyplan", _("Can publish and withdraw yearly plans"))]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "year"],
                name="yearlyplan_one_per_country_year",
                violation_error_message=_(
                    "This country already has a plan for this year. "
                    "Add the initiatives to that plan instead."
                ),
            ),
            year_constraint("yearlyplan"),
        ]

    def __str__(self):
        return f"{self.country} {self.year}"

    def get_absolute_url(self):
        return f"{self.country.get_absolute_url()}?year={self.year}"

    def natural_key(self):
        return (*self.country.natural_key(), self.year)

    natural_key.dependencies = ["profiles.country"]

    @property
    def lead_in_text(self):
        return self.lead_in or default_lead_in(self.year, self.country.name)


class InitiativeQuerySet(PublishableQuerySet):
    preview_permission = "initiatives.view_yearlyplan"
    has_status = False  # an initiative is published with its plan
    shown_with = ("plan", YearlyPlanQuerySet)


class Initiative(models.Model):
    """One item of a yearly plan."""

    plan = models.ForeignKey(
        YearlyPlan,
        on_delete=models.CASCADE,
        related_name="initiatives",
        verbose_name=_("plan"),
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="initiatives", verbose_name=_("theme")
    )
    text = models.TextField(_("text"), help_text=_("One initiative, as readers will read it."))
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Initiatives are listed from the lowest number up.")
    )

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text=""),
                name="initiative_has_text",
                violation_error_message=_("Write the initiative's text."),
            )
        ]

    def __str__(self):
        return self.text[:80]
