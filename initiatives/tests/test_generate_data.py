"""The load-test data set: the asked-for size, the same rows each time, nothing added twice."""

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from initiatives.models import Initiative, YearlyPlan
from profiles.models import Country, Indicator, Statistic

pytestmark = pytest.mark.django_db

SMALL = ["--countries", "12", "--years", "3", "--initiatives-per-year", "4"]


def generate(*options):
    call_command("generate_data", *SMALL, *options, stdout=None)
    return list(
        Initiative.objects.order_by("plan__country__iso_code", "plan__year", "order").values_list(
            "plan__country__iso_code", "plan__year", "theme__slug", "text"
        )
    )


class Undo(Exception):
    pass


def generate_and_undo(*options):
    try:
        with transaction.atomic():
            rows = generate(*options)
            raise Undo
    except Undo:
        return rows


def test_it_makes_the_size_asked_for(db):
    generate()
    assert Country.objects.published().count() == 12
    assert Indicator.objects.count() == 6
    # Every country has each year's figures and a published plan of four initiatives.
    assert Statistic.objects.filter(year__gte=2023).count() == 12 * 6 * 3
    generated = YearlyPlan.objects.published().filter(year__gte=2023, initiatives__order=3)
    assert generated.count() == 12 * 3
    assert "Lesotho" in Country.objects.values_list("name", flat=True)


def test_the_same_options_give_the_same_rows(db):
    first = generate_and_undo()
    assert first == generate_and_undo()
    assert first != generate_and_undo("--seed", "9")


def test_running_it_again_adds_nothing(db):
    generate()
    counts = [model.objects.count() for model in (Country, Statistic, YearlyPlan, Initiative)]
    generate()
    assert [model.objects.count() for model in (Country, Statistic, YearlyPlan, Initiative)] == (
        counts
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_run_on_its_own_it_leaves_the_tables_vacuumed_and_analyzed():
    call_command("generate_data", *SMALL, stdout=None)
    assert Initiative.objects.filter(plan__country__iso_code__in=["AD", "AE"]).count() == 24
    if connection.vendor == "postgresql":
        # Pages marked visible to all: only VACUUM sets them (ANALYZE only counts them).
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relallvisible, reltuples FROM pg_class WHERE relname = %s",
                ["initiatives_initiative"],
            )
            visible_pages, rows = cursor.fetchone()
        assert visible_pages > 0
        assert rows >= Initiative.objects.count()
