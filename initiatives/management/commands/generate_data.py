"""A large, made-up but realistic data set for load tests and query plans.

`generate_data --countries 200 --years 30 --initiatives-per-year 10` gives about 200
published countries with 6 indicators' figures for 30 years and 60,000 initiatives, on top
of the demo content. Seeded: the same options give the same rows. Written in bulk as one
edit (config.edits), with a history record for each row, as by --user or the "system" user.
"""

import random
import time
from decimal import Decimal

from django.core.management.base import BaseCommand
from django.db import connection
from django.utils.text import slugify
from django.utils.translation import gettext
from django_countries import countries as iso_countries

from config.content_languages import each_language
from config.edits import add_user_option, create_rows, edit, user_option
from contacts import demo as contacts_demo
from contacts.models import Office
from initiatives import demo as initiatives_demo
from initiatives.models import Initiative, Theme, YearlyPlan
from profiles import demo as profiles_demo
from profiles.models import Country, Indicator, Statistic
from profiles.publication import Status
from profiles.units import UnitKind

LAST_YEAR = 2025  # fixed, so the data do not change with the calendar
BATCH = 5000
EXTRA_INDICATOR = {
    "slug": "emigrants",
    "name": "Emigrants",
    "unit": UnitKind.COUNT,
    "display_order": 60,
    "default_source": "UN DESA, International Migrant Stock 2020",
}
VERBS = ["Support", "Strengthen", "Expand", "Train", "Assist", "Improve", "Protect", "Map"]
SUBJECTS = [
    "border management staff",
    "returning migrants",
    "displaced families",
    "labour migration policy",
    "health screening at crossings",
    "victims of trafficking",
    "diaspora investment",
    "climate-induced mobility data",
    "community stabilization",
    "migration data systems",
]
PLACES = ["in the capital", "in rural districts", "along the border", "with partners"]


def value_for(unit, rng):
    if unit == UnitKind.PERCENTAGE:
        return Decimal(rng.randint(0, 1000)) / 10
    if unit == UnitKind.RATE_PER_1000:
        return Decimal(rng.randint(-200, 200)) / 10
    return Decimal(rng.randint(1_000, 50_000_000))


class Command(BaseCommand):
    help = "Add a large, seeded, made-up data set (for load tests) to the demo content."

    def add_arguments(self, parser):
        parser.add_argument("--countries", type=int, default=200)
        parser.add_argument("--years", type=int, default=30)
        parser.add_argument("--initiatives-per-year", type=int, default=10)
        parser.add_argument("--seed", type=int, default=8)
        add_user_option(parser)

    def handle(self, *args, user, **options):
        started = time.monotonic()
        user = user_option(user)
        with edit(user, gettext("Generated data for load tests")):  # one transaction
            all_countries, statistics, plans, initiatives = self.generate(**options)
        if connection.vendor == "postgresql":
            # As after any bulk load: statistics for the query planner, which otherwise
            # takes the tables for nearly empty, and the rows marked visible to all, with
            # the new entries of the search's GIN index merged (a search took twice as
            # long before). Autovacuum would do it later. VACUUM cannot run inside a
            # transaction (as in a test): there the statistics alone.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        self.stdout.write(
            f"Generated {len(all_countries)} countries' data: {statistics} figures, "
            f"{len(plans)} plans, {initiatives} initiatives in "
            f"{time.monotonic() - started:.1f} s."
        )

    def generate(self, *, countries, years, initiatives_per_year, seed, **options):
        rng = random.Random(seed)  # noqa: S311 -- made-up data, repeatable on purpose
        for app in (contacts_demo, profiles_demo, initiatives_demo):
            app.load()
        if not Indicator.objects.filter(slug=EXTRA_INDICATOR["slug"]).exists():
            Indicator.objects.create(**EXTRA_INDICATOR)

        self.add_countries(countries)
        all_countries = list(Country.objects.order_by("iso_code")[:countries])
        year_range = range(LAST_YEAR - years + 1, LAST_YEAR + 1)
        statistics = self.add_statistics(all_countries, year_range, rng)
        plans = self.add_plans(all_countries, year_range)
        initiatives = self.add_initiatives(plans, initiatives_per_year, rng)
        return all_countries, statistics, plans, initiatives

    def add_countries(self, wanted):
        used_codes = {str(code) for code in Country.objects.values_list("iso_code", flat=True)}
        used_slugs = set(Country.objects.values_list("slug", flat=True))
        offices = list(Office.objects.regional().order_by("slug"))
        missing = wanted - len(used_codes)
        new = []
        for code, name in sorted(iso_countries):
            if len(new) >= missing:
                break
            slug = slugify(name)[:90] or code.lower()
            if code in used_codes or slug in used_slugs:
                continue
            used_slugs.add(slug)
            country = Country(
                iso_code=code,
                slug=slug,
                regional_office=offices[len(new) % len(offices)],
                status=Status.PUBLISHED,
            )
            for field in each_language("name"):
                setattr(country, field, name)
            new.append(country)
        create_rows(Country, new, batch_size=BATCH)

    def add_statistics(self, all_countries, year_range, rng):
        indicators = list(Indicator.objects.order_by("slug"))
        held = set(Statistic.objects.values_list("country_id", "indicator_id", "year"))
        new = [
            Statistic(
                country=country,
                indicator=indicator,
                year=year,
                value=value_for(indicator.unit, rng),
            )
            for country in all_countries
            for indicator in indicators
            for year in year_range
            if (country.pk, indicator.pk, year) not in held
        ]
        create_rows(Statistic, new, batch_size=BATCH)
        return len(new)

    def add_plans(self, all_countries, year_range):
        held = set(YearlyPlan.objects.values_list("country_id", "year"))
        new = []
        for country in all_countries:
            for year in year_range:
                if (country.pk, year) in held:
                    continue
                plan = YearlyPlan(country=country, year=year, status=Status.PUBLISHED)
                plan.lead_in = f"In {year}, IOM in {country.name} will:"
                new.append(plan)
        return create_rows(YearlyPlan, new, batch_size=BATCH)

    def add_initiatives(self, plans, per_year, rng):
        themes = list(Theme.objects.order_by("slug"))
        new = [
            Initiative(
                plan=plan,
                theme=rng.choice(themes),
                order=order,
                text=f"{rng.choice(VERBS)} {rng.choice(SUBJECTS)} {rng.choice(PLACES)} "
                f"({plan.year}, item {order + 1}).",
            )
            for plan in plans
            for order in range(per_year)
        ]
        create_rows(Initiative, new, batch_size=BATCH)
        return len(new)
