from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop, pgettext
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from config.content_languages import fill_each_language
from contacts.validators import phone_uri, validate_international_phone, validate_website

# The default organisation line, given in each language when an office is saved.
IOM = gettext_noop("International Organization for Migration (IOM)")


class OfficeQuerySet(models.QuerySet):
    def regional(self):
        return self.filter(kind=Office.Kind.REGIONAL)

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class Office(models.Model):
    """An IOM office that readers can contact: a regional office or a country office."""

    class Kind(models.TextChoices):
        REGIONAL = "regional", _("Regional office")
        COUNTRY = "country", _("Country office")

    name = models.CharField(
        _("name"),
        max_length=200,
        help_text=_(
            "The name without “IOM”, as the contact card shows it under the "
            "organisation line, e.g. “Regional Office for Southern Africa”. "
            "Sentences on the site call it “IOM Regional Office for Southern Africa”."
        ),
    )
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_(
            "The last part of the office page's address, e.g. "
            "“southern-africa” gives /offices/southern-africa/."
        ),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind, default=Kind.REGIONAL)
    city = models.CharField(_("city"), max_length=100, blank=True, help_text=_("e.g. Pretoria."))
    country = CountryField(_("country"), blank=True, help_text=_("The country the office is in."))
    organisation = models.CharField(
        _("organisation line"),
        max_length=200,
        blank=True,
        default=IOM,
        help_text=_("The first line of the contact card."),
    )
    address = models.TextField(
        _("postal address"),
        blank=True,
        help_text=_("One line of the address per line, as it should be printed."),
    )
    telephone = models.CharField(
        _("telephone"),
        max_length=40,
        blank=True,
        validators=[validate_international_phone],
        help_text=_("International form, e.g. +27 12 342 14 97. Shown as you type it."),
    )
    fax = models.CharField(
        _("fax"),
        max_length=40,
        blank=True,
        validators=[validate_international_phone],
        help_text=_("International form, e.g. +27 12 34 20 932. Shown as you type it."),
    )
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(
        _("website"),
        blank=True,
        validators=[validate_website],
        help_text=_("The full address, starting with https:// (or http://)."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        # The default line is IOM's name in each language; a line of the editor's own is
        # shown in English until it is translated.
        own_line = self.organisation_en != IOM
        fill_each_language(
            self, "organisation", lambda: "" if own_line else gettext(IOM), unless=IOM
        )
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("profiles:office", kwargs={"slug": self.slug})

    def natural_key(self):
        """How backups name an office (export_content): its slug, not a database id."""
        return (self.slug,)

    @property
    def full_name(self):
        """ "IOM Regional Office for Southern Africa", "IOM Eswatini", in the reader's language."""
        return self.name_template() % {"name": self.name}

    def name_template(self):
        """The words around the office's name, and their order, which depend on its kind."""
        if self.kind == self.Kind.COUNTRY:
            # Translators: a country office, named by its country, e.g. "IOM Eswatini".
            return pgettext("country office", "IOM %(name)s")
        # Translators: a regional office, e.g. "IOM Regional Office for Southern Africa".
        return pgettext("regional office", "IOM %(name)s")

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def telephone_uri(self):
        return phone_uri(self.telephone) if self.telephone else ""
