from django.db import models
from django.urls import reverse
from django_countries.fields import CountryField

from contacts.validators import phone_uri, validate_international_phone, validate_website

IOM = "International Organization for Migration (IOM)"


class OfficeQuerySet(models.QuerySet):
    def regional(self):
        return self.filter(kind=Office.Kind.REGIONAL)


class Office(models.Model):
    """An IOM office that readers can contact: a regional office or a country office."""

    class Kind(models.TextChoices):
        REGIONAL = "regional", "Regional office"
        COUNTRY = "country", "Country office"

    name = models.CharField(
        max_length=200,
        help_text="The name without “IOM”, as the contact card shows it under the "
        "organisation line, e.g. “Regional Office for Southern Africa”. "
        "Sentences on the site call it “IOM Regional Office for Southern Africa”.",
    )
    slug = models.SlugField(
        max_length=100,
        unique=True,
        help_text="The last part of the office page's address, e.g. "
        "“southern-africa” gives /offices/southern-africa/.",
    )
    kind = models.CharField(max_length=20, choices=Kind, default=Kind.REGIONAL)
    city = models.CharField(max_length=100, blank=True, help_text="e.g. Pretoria.")
    country = CountryField(blank=True, help_text="The country the office is in.")
    organisation = models.CharField(
        "organisation line",
        max_length=200,
        blank=True,
        default=IOM,
        help_text="The first line of the contact card.",
    )
    address = models.TextField(
        "postal address",
        blank=True,
        help_text="One line of the address per line, as it should be printed.",
    )
    telephone = models.CharField(
        max_length=40,
        blank=True,
        validators=[validate_international_phone],
        help_text="International form, e.g. +27 12 342 14 97. Shown as you type it.",
    )
    fax = models.CharField(
        max_length=40,
        blank=True,
        validators=[validate_international_phone],
        help_text="International form, e.g. +27 12 34 20 932. Shown as you type it.",
    )
    email = models.EmailField(blank=True)
    website = models.URLField(
        blank=True,
        validators=[validate_website],
        help_text="The full address, starting with https:// (or http://).",
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = OfficeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse("profiles:office", kwargs={"slug": self.slug})

    @property
    def full_name(self):
        return f"IOM {self.name}"

    @property
    def address_lines(self):
        return [line.strip() for line in self.address.splitlines() if line.strip()]

    @property
    def telephone_uri(self):
        return phone_uri(self.telephone) if self.telephone else ""

    @property
    def fax_uri(self):
        return phone_uri(self.fax) if self.fax else ""
