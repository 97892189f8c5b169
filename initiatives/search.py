"""The reviewers' word search on PostgreSQL, answered from indexes.

An initiative's text in every language is kept in a stored full-text vector with a GIN
index, and each language's text has a trigram index for fragments of words (migration
0008). Country names live in a table of some hundreds of rows: they are matched there
first, once per request, and the initiatives of the countries found are then picked by
plan, which the plan index answers; a condition on the joined country table would make the
database read every initiative instead.
"""

import operator
from functools import reduce

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db.models import BooleanField, Expression, ExpressionWrapper, F, Lookup, Q

from config.content_languages import contains_in_any_language, each_language
from initiatives.models import YearlyPlan
from profiles.models import Country

# Initiatives are written in English first; the English configuration finds every form of
# an English word, and a word in French or Spanish matches as written.
SEARCH_CONFIG = "english"
SEARCH_VECTOR_COLUMN = "search_vector"  # computed by PostgreSQL; see migration 0008


class StoredSearchVector(Expression):
    """The initiative's stored vector: its text in every language, weighted "A"."""

    output_field = SearchVectorField()

    def as_sql(self, compiler, connection):
        alias = compiler.query.get_initial_alias()
        return f"{compiler.quote_name(alias)}.{SEARCH_VECTOR_COLUMN}", []


class AnyOf(Lookup):
    """`column = ANY(array)`: unlike IN (subquery), an index condition even inside OR."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", [*lhs_params, *rhs_params]


def word_query(word):
    return SearchQuery(word, config=SEARCH_CONFIG)


def countries_by_word(words):
    """For each word, the ids of the countries whose name matches it in some language:
    as a fragment, or in any of its forms. One query, whatever the number of words."""
    names = reduce(
        operator.add, [SearchVector(f, config=SEARCH_CONFIG) for f in each_language("name")]
    )
    matches = [contains_in_any_language("name", word) | Q(names=word_query(word)) for word in words]
    flags = {
        f"word_{number}": ExpressionWrapper(match, output_field=BooleanField())
        for number, match in enumerate(matches)
    }
    found = [set() for _word in words]
    rows = (
        Country.objects.alias(names=names)
        .annotate(**flags)
        .filter(reduce(operator.or_, matches))
        .values_list("pk", *flags)
    )
    for pk, *matched in rows:
        for countries, match in zip(found, matched, strict=True):
            if match:
                countries.add(pk)
    return found


def search_words(queryset, words, countries):
    """Every word must match: in any form (full-text), as a fragment of the text in any
    language, or in the name of the initiative's country (`countries`: what
    countries_by_word found). Best match first."""
    vector = StoredSearchVector()
    any_word = reduce(operator.or_, (word_query(word) for word in words))
    queryset = queryset.alias(search_vector=vector).annotate(rank=SearchRank(vector, any_word))
    for word, named in zip(words, countries, strict=True):
        # The full-text match first: the database checks the fragments only when it fails.
        match = Q(search_vector=word_query(word)) | contains_in_any_language("text", word)
        if named:
            plans = YearlyPlan.objects.filter(country__in=named).order_by().values("pk")
            match |= Q(AnyOf(F("plan"), ArraySubquery(plans)))
        queryset = queryset.filter(match)
    return queryset
