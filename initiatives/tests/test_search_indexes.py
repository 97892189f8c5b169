"""The search's indexes (migration 0008): on PostgreSQL the stored vector, its GIN index and
the trigram indexes exist and the search's query can use them; on SQLite, which has none of
them, the same migrations leave the table as the model declares it."""

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test import RequestFactory

from initiatives.filters import InitiativeFilter, LongSelect
from initiatives.models import Initiative
from tests.factories import InitiativeFactory

POSTGRESQL = connection.vendor == "postgresql"
SEARCH_INDEXES = {
    "initiative_search_vector",
    "initiative_text_en_trigrams",
    "initiative_text_fr_trigrams",
    "initiative_text_es_trigrams",
}


def columns():
    with connection.cursor() as cursor:
        table = connection.introspection.get_table_description(cursor, "initiatives_initiative")
    return {column.name for column in table}


def indexes():
    with connection.cursor() as cursor:
        return set(connection.introspection.get_constraints(cursor, "initiatives_initiative"))


def searched(words, anonymous_user):
    request = RequestFactory().get("/", {"q": words})
    request.user = anonymous_user
    return InitiativeFilter(request.GET, queryset=Initiative.objects.all(), request=request).qs


@pytest.fixture
def anonymous_user():
    return AnonymousUser()


@pytest.mark.django_db
def test_the_stored_vector_and_search_indexes_exist_on_postgresql_only():
    if POSTGRESQL:
        assert "search_vector" in columns()
        assert indexes() >= SEARCH_INDEXES
    else:
        assert "search_vector" not in columns()
        assert not SEARCH_INDEXES & indexes()
    with connection.cursor() as cursor:
        plan_indexes = connection.introspection.get_constraints(cursor, "initiatives_yearlyplan")
    assert "yearlyplan_year" in plan_indexes


@pytest.mark.django_db
def test_the_database_keeps_the_vector_of_every_language(anonymous_user):
    initiative = InitiativeFactory(text="Train border guards.")
    initiative.text_fr = "Former les gardes-frontières."
    initiative.save()
    # "guard" and "frontières" are found only in the stored vector's forms on PostgreSQL,
    # and as fragments everywhere.
    assert list(searched("guard frontières", anonymous_user)) == [initiative]
    if POSTGRESQL:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT search_vector::text FROM initiatives_initiative WHERE id = %s",
                [initiative.pk],
            )
            vector = cursor.fetchone()[0]
        assert "'guard':3A" in vector and "'frontièr'" in vector


@pytest.mark.django_db
@pytest.mark.parametrize("words", ["border", "border management", "traff lesotho"])
def test_the_search_query_uses_the_indexes(words, anonymous_user):
    found = InitiativeFactory(text="Border management.", plan__country__name="Lesotho")
    # Other rows, so that the planner has statistics to weigh the indexes with.
    Initiative.objects.bulk_create(
        Initiative(plan=found.plan, theme=found.theme, text=f"Support returning migrants {n}.")
        for n in range(3000)
    )
    queryset = searched(words, anonymous_user)
    assert list(queryset) == ([] if words == "traff lesotho" else [found])
    if not POSTGRESQL:
        # A plain case-insensitive match, with no vector to read.
        assert "search_vector" not in str(queryset.query)
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE initiatives_initiative")
        # At this size reading the table (or the plan's index) is cheapest, as it should
        # be; forbidding that shows whether the query's expressions are those the search
        # indexes were built on.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        sql, params = queryset.query.sql_with_params()
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on initiative_search_vector" in plan
    assert "Bitmap Index Scan on initiative_text_en_trigrams" in plan
    assert "Seq Scan on initiatives_initiative" not in plan


def test_the_long_select_writes_what_djangos_select_writes():
    choices = [("", "Any country"), ("a&b", "Côte <d'Ivoire>"), ("st", "São Tomé")]
    attrs = {"id": "id_country", "required": True, "disabled": False, "data-x": "1"}
    for value in ["", "a&b", None]:
        expected = forms.Select(choices=choices, attrs=attrs).render("country", value)
        assert LongSelect(choices=choices, attrs=attrs).render("country", value) == expected
