from django.contrib.sitemaps import Sitemap as DjangoSitemap
from django.urls import reverse

from contacts.models import Office
from profiles.models import Country


class Sitemap(DjangoSitemap):
    """Every page once per language, each naming its translations."""

    i18n = True
    alternates = True
    x_default = True


class PageSitemap(Sitemap):
    """The site's lists: home, the offices and the initiatives across countries."""

    def items(self):
        return ["profiles:country_list", "profiles:office_list", "initiatives:list"]

    def location(self, item):
        return reverse(item)


class CountrySitemap(Sitemap):
    """Published country pages only: drafts never reach a search engine."""

    def items(self):
        return Country.objects.published().order_by("name")

    def lastmod(self, country):
        return country.updated_at


class OfficeSitemap(Sitemap):
    def items(self):
        return Office.objects.order_by("name")

    def lastmod(self, office):
        return office.updated_at


SITEMAPS = {"pages": PageSitemap, "countries": CountrySitemap, "offices": OfficeSitemap}
