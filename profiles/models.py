import datetime
from decimal import Decimal
from functools import cached_property

from babel.dates import format_date, format_skeleton
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from config.content_languages import fill_each_language, unique_name
from contacts.models import Office
from profiles.facts import group_facts
from profiles.publication import Move, PublishableQuerySet, Status
from profiles.units import UnitKind, babel_locale
from profiles.years import FIRST_YEAR, year_constraint, year_field


class Publishable(models.Model):
    """A page readers see only once a reviewer publishes it: a country page, a yearly plan.
    Editors write drafts; profiles.review moves them on; a correction an editor makes to a
    published page goes live at once and is marked for the reviewers."""

    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status,
        default=Status.DRAFT,
        db_index=True,
        help_text=_(
            "Drafts and pages in review are seen only by signed-in editors and reviewers, "
            "with a “Draft” banner. Use “Review” to submit, publish or withdraw."
        ),
    )
    changed_since_review = models.BooleanField(
        _("changed since review"),
        default=False,
        help_text=_(
            "An editor corrected it after it was published: the correction is live; "
            "a reviewer marks it reviewed."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_draft(self):
        """Not published yet: a draft, or in review."""
        return self.status != Status.PUBLISHED


class CountryQuerySet(PublishableQuerySet):
    preview_permission = "profiles.view_country"

    def get_by_natural_key(self, iso_code):
        return self.get(iso_code=iso_code)


class Country(Publishable):
    """A country page: its facts, its IOM membership and the office that answers for it."""

    class Precision(models.TextChoices):
        DAY = "day", _("Day (on 29 November 2010)")
        MONTH = "month", _("Month (in November 2013)")
        YEAR = "year", _("Year (in 2014)")
        NOT_STATED = "not_stated", _("Not stated")

    name = models.CharField(
        _("name"),
        max_length=100,
        help_text=_("In French and Spanish, leave empty for the official name in that language."),
    )
    iso_code = CountryField(
        _("ISO 3166 code"), unique=True, help_text=_("The country as ISO 3166-1 knows it.")
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The last part of the page's address: “lesotho” gives /countries/lesotho/."),
    )
    member_since = models.DateField(
        _("IOM Member State since"),
        null=True,
        blank=True,
        help_text=_(
            "The date the country was admitted as an IOM Member State. "
            "Leave empty for observers and non-members, or when the date is not stated."
        ),
    )
    member_since_precision = models.CharField(
        _("membership date known to the"),
        max_length=20,
        choices=Precision,
        default=Precision.NOT_STATED,
        help_text=_(
            "How much of the date the page states. For “Month”, any day of that "
            "month will do; for “Year”, any day of that year."
        ),
    )
    regional_office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="purview_countries",
        limit_choices_to={"kind": Office.Kind.REGIONAL},
        verbose_name=_("regional office"),
        help_text=_("The IOM regional office whose purview the country comes under."),
    )
    contact_office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        related_name="contact_countries",
        null=True,
        blank=True,
        verbose_name=_("contact office"),
        help_text=_("The office readers should contact. Leave empty to use the regional office."),
    )
    objects = CountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["name"]
        permissions = [("publish_country", _("Can publish and withdraw country pages"))]
        constraints = [
            unique_name("country"),
            models.CheckConstraint(
                condition=(
                    models.Q(member_since__isnull=True, member_since_precision="not_stated")
                    | (
                        models.Q(member_since__isnull=False)
                        & ~models.Q(member_since_precision="not_stated")
                    )
                ),
                name="country_member_since_matches_precision",
                violation_error_message=_(
                    "A membership date needs its precision, and “Not stated” needs an empty date."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(member_since__gte=f"{FIRST_YEAR}-01-01")
                | models.Q(member_since__isnull=True),
                name="country_member_since_after_founding",
                violation_error_message=format_lazy(
                    _("IOM Member States were admitted from {year} on."), year=FIRST_YEAR
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # Each language shows the country's official name unless an editor wrote another.
        if self.iso_code:
            fill_each_language(self, "name", lambda: self.iso_code.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("profiles:country", kwargs={"slug": self.slug})

    def natural_key(self):
        """How backups name a country (export_content): its ISO code, which never changes."""
        return (self.iso_code.code,)

    def clean(self):
        stated = self.member_since_precision != self.Precision.NOT_STATED
        if stated and self.member_since is None:
            raise ValidationError(
                {"member_since": _("Enter the date of admission, or choose “Not stated” below.")}
            )
        if not stated and self.member_since is not None:
            raise ValidationError(
                {"member_since_precision": _("Choose how much of the date the page states.")}
            )
        if self.member_since is None:
            return
        if self.member_since.year < FIRST_YEAR:
            raise ValidationError(
                {
                    "member_since": gettext("IOM was founded in %(year)s: enter a later date.")
                    % {"year": FIRST_YEAR}
                }
            )
        if self.member_since > timezone.localdate():
            raise ValidationError(
                {"member_since": _("The date of admission cannot be in the future.")}
            )
        # Keep no more of the date than is known, so nothing implies a precise day.
        if self.member_since_precision == self.Precision.MONTH:
            self.member_since = self.member_since.replace(day=1)
        elif self.member_since_precision == self.Precision.YEAR:
            self.member_since = self.member_since.replace(month=1, day=1)

    @property
    def contact(self):
        return self.contact_office or self.regional_office

    @property
    def further_contact(self):
        """The regional office too, where the office to contact is a country office with
        neither telephone nor email: no reader is left without a way to reach IOM."""
        office, regional = self.contact, self.regional_office
        if office.kind == office.Kind.COUNTRY and not (office.telephone or office.email):
            return regional if regional and regional.pk != office.pk else None
        return None

    @property
    def admission_date_text(self):
        """ "29 November 2010", "November 2013", "2014" (in the reader's language), or ""."""
        date, precision = self.member_since, self.member_since_precision
        if date is None or precision == self.Precision.NOT_STATED:
            return ""
        if precision == self.Precision.YEAR:
            return str(date.year)
        locale = babel_locale()
        if precision == self.Precision.MONTH:
            return format_skeleton("yMMMM", date, locale=locale)  # "noviembre de 2013"
        return format_date(date, "long", locale=locale)  # "29 de noviembre de 2010"

    def facts(self):
        """Facts and Figures: one fact per indicator the country has statistics for, in the
        indicators' display order, each with its latest statistic first."""
        return group_facts(self.statistics.for_facts())


class IndicatorManager(models.Manager):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Indicator(models.Model):
    """A kind of fact shown in Facts and Figures, such as Population or Remittances."""

    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. “Net Migration Rate”."))
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    unit = models.CharField(
        _("unit kind"),
        max_length=20,
        choices=UnitKind,
        help_text=_(
            "Decides how values are shown (“2.1 million”, “USD 561.5 million”, "
            "“-0.7 migrants/1,000 population”, “48.6%”) and which values are allowed."
        ),
    )
    definition = models.TextField(
        _("definition"), blank=True, help_text=_("What the figure measures, in plain words.")
    )
    default_source = models.CharField(
        _("default source"),
        max_length=300,
        blank=True,
        help_text=_("Shown for every statistic that names no source of its own."),
    )
    display_order = models.PositiveSmallIntegerField(
        _("display order"),
        default=0,
        help_text=_("Facts and Figures list indicators from the lowest number up."),
    )
    # Where the figures come from, as the publisher names it: not translated.
    publisher = models.CharField(
        _("publisher"),
        max_length=100,
        blank=True,
        help_text=_("Who publishes the figures, e.g. “World Bank” or “UN DESA”."),
    )
    dataset = models.CharField(
        _("dataset"),
        max_length=200,
        blank=True,
        help_text=_(
            "The publisher's dataset, without its edition, e.g. “World Development Indicators”."
        ),
    )
    series = models.CharField(
        _("series code"),
        max_length=100,
        blank=True,
        help_text=_(
            "The publisher's code for the figures, e.g. “BX.TRF.PWKR.CD.DT” or “CNMR”: a "
            "publisher's file refreshes the indicator whose series it holds."
        ),
    )
    factor = models.DecimalField(
        _("factor"),
        max_digits=18,
        decimal_places=6,
        default=1,
        validators=[MinValueValidator(Decimal("0.000001"))],
        help_text=_(
            "What the publisher's values are multiplied by to give ours: 1000 for figures "
            "in thousands, 1 when the units are the same."
        ),
    )
    source_url = models.URLField(
        _("dataset's web address"),
        max_length=300,
        blank=True,
        help_text=_("Where readers and editors find the dataset."),
    )
    licence = models.CharField(
        _("licence"),
        max_length=100,
        blank=True,
        help_text=_("The licence the publisher gives the data under, e.g. “CC BY 4.0”."),
    )
    citation = models.TextField(
        _("citation"), blank=True, help_text=_("How the publisher asks to be cited.")
    )

    objects = IndicatorManager()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["display_order", "name"]
        constraints = [
            unique_name("indicator"),
            models.UniqueConstraint(
                fields=["series"],
                condition=~models.Q(series=""),
                name="indicator_one_per_series",
                violation_error_message=_(
                    "Another indicator has this series code: a publisher's file could not "
                    "tell which of the two to refresh."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def natural_key(self):
        return (self.slug,)

    def format(self, value):
        return UnitKind(self.unit).format(value)

    def clean(self):
        # A new unit kind must suit the values already recorded under this indicator.
        if self.pk is None or not self.unit:
            return
        for value in self.statistics.exclude(value=None).values_list("value", flat=True):
            try:
                UnitKind(self.unit).validate(value)
            except ValidationError as error:
                message = gettext("Statistics already recorded don't fit this unit: %(error)s") % {
                    "error": error.messages[0]
                }
                raise ValidationError({"unit": message}) from error


class StatisticQuerySet(models.QuerySet):
    def for_facts(self):
        """In Facts and Figures order: by indicator, newest year first. The indicators come in
        a query of their own, one instance each: joined, each of a country's hundreds of
        figures would bring its own copy."""
        return self.prefetch_related("indicator").order_by(
            "indicator__display_order", "indicator__name", "indicator_id", "-year"
        )

    def get_by_natural_key(self, iso_code, indicator_slug, year):
        return self.get(country__iso_code=iso_code, indicator__slug=indicator_slug, year=year)


class Statistic(models.Model):
    """One value of one indicator for one country and one year."""

    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="statistics", verbose_name=_("country")
    )
    indicator = models.ForeignKey(
        Indicator,
        on_delete=models.PROTECT,
        related_name="statistics",
        verbose_name=_("indicator"),
    )
    year = year_field(help_text=_("The year the figure is for."))
    value = models.DecimalField(
        _("value"),
        max_digits=18,
        decimal_places=3,
        null=True,
        blank=True,
        help_text=_(
            "The figure in full, e.g. 2100000 for 2.1 million. "
            "Leave empty when the figure is not available."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Leave empty to use the indicator's default source."),
    )
    note = models.TextField(
        _("note"), blank=True, help_text=_("For editors; not shown on the page.")
    )
    edition = models.CharField(
        _("edition"),
        max_length=100,
        blank=True,
        help_text=_(
            "The edition of the publisher's file the figure came from (“2025-07-01”, "
            "“POP/DB/MIG/Stock/Rev.2024”, “WPP2024”); empty when typed in."
        ),
    )
    imported_at = models.DateTimeField(
        _("imported at"),
        null=True,
        blank=True,
        help_text=_("When the figure was brought in from the publisher's file."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = StatisticQuerySet.as_manager()

    class Meta:
        verbose_name = _("statistic")
        verbose_name_plural = _("statistics")
        ordering = ["indicator__display_order", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "indicator", "year"],
                name="statistic_one_per_country_indicator_year",
                violation_error_message=_(
                    "This country already has a figure for this indicator "
                    "and year. Change that one instead."
                ),
            ),
            year_constraint("statistic"),
        ]

    def __str__(self):
        return f"{self.indicator} ({self.year})"

    def natural_key(self):
        return (*self.country.natural_key(), *self.indicator.natural_key(), self.year)

    natural_key.dependencies = ["profiles.country", "profiles.indicator"]

    def clean(self):
        if self.indicator_id is None:
            return
        try:
            UnitKind(self.indicator.unit).validate(self.value)
        except ValidationError as error:
            raise ValidationError({"value": error.messages}) from error

    @property
    def label(self):
        return f"{self.indicator.name} ({self.year})"

    @cached_property  # the page shows it twice (table and chart); Babel's formatting is slow
    def display_value(self):
        return self.indicator.format(self.value)

    @property
    def effective_source(self):
        """The source line readers see: the statistic's own source; else, for a figure from a
        publisher's file, the publisher, the dataset and the edition ("World Bank, World
        Development Indicators, updated 1 July 2025"); else the indicator's default."""
        if self.source:
            return self.source
        indicator = self.indicator
        if self.edition and indicator.publisher:
            parts = [indicator.publisher, indicator.dataset, edition_text(self.edition)]
            return ", ".join(part for part in parts if part)
        return indicator.default_source


def edition_text(edition):
    """An edition as readers read it: a date of the World Bank's as "updated 1 July 2025" (in
    the reader's language), UN DESA's "POP/DB/MIG/Stock/Rev.2024" as its last part."""
    try:
        day = datetime.date.fromisoformat(edition)
    except ValueError:
        return edition.rsplit("/", 1)[-1]
    return gettext("updated %(date)s") % {"date": format_date(day, "long", locale=babel_locale())}


class ReviewStep(models.Model):
    """One move of a country page or a yearly plan: who made it, when, and their comment."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey()
    move = models.CharField(_("move"), max_length=20, choices=Move)
    status_before = models.CharField(_("status before"), max_length=20, choices=Status)
    status_after = models.CharField(_("status after"), max_length=20, choices=Status)
    comment = models.TextField(_("comment"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("review step")
        verbose_name_plural = _("review steps")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.get_move_display()} ({self.at:%Y-%m-%d %H:%M})"
