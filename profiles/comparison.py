"""The regional comparison on an office page: each country's latest figures side by side."""

from collections import defaultdict

from django.utils.translation import gettext

from config.content_languages import fallback_language
from profiles.facts import group_facts


class Comparison:
    """Rows of countries, columns of indicators, sortable by any column through `?sort=`.

    `sort` is "name" or an indicator's slug, with "-" in front for descending order;
    anything else falls back to the country name.
    """

    def __init__(self, countries, statistics, sort=None):
        by_country = defaultdict(list)
        indicators = {}  # in display order: the statistics come ordered by indicator
        for statistic in statistics.for_facts():
            by_country[statistic.country_id].append(statistic)
            indicators.setdefault(statistic.indicator.slug, statistic.indicator)
        latest = {
            country.pk: {
                fact.indicator.slug: fact.latest for fact in group_facts(by_country[country.pk])
            }
            for country in countries
        }
        self.indicators = list(indicators.values())
        self.key, self.descending = self._parse(sort)
        self.rows = [
            {
                "country": country,
                "cells": [latest[country.pk].get(indicator.slug) for indicator in self.indicators],
            }
            for country in countries
        ]
        self._sort()

    def _parse(self, sort):
        sort = (sort or "name")[:120]
        descending = sort.startswith("-")
        key = sort.removeprefix("-")
        if key != "name" and key not in {indicator.slug for indicator in self.indicators}:
            return "name", False
        return key, descending

    def _sort(self):
        if self.key == "name":
            self.rows.sort(key=lambda row: row["country"].name.casefold(), reverse=self.descending)
            return
        column = [indicator.slug for indicator in self.indicators].index(self.key)
        known = [row for row in self.rows if self._value(row, column) is not None]
        unknown = [row for row in self.rows if self._value(row, column) is None]
        known.sort(key=lambda row: self._value(row, column), reverse=self.descending)
        self.rows = known + unknown  # "Data not available" last, whichever the direction

    @staticmethod
    def _value(row, column):
        statistic = row["cells"][column]
        return statistic.value if statistic is not None else None

    def columns(self):
        """Each column heading with the link that sorts by it and its current state."""
        headings = [("name", gettext("Country"), "")] + [
            (i.slug, i.name, fallback_language(i, "name")) for i in self.indicators
        ]
        for key, label, language in headings:
            current = key == self.key
            ascending_next = not (current and not self.descending)
            yield {
                "label": label,
                "lang": language,  # "en" for a name not yet translated
                "sort": key if ascending_next else f"-{key}",
                "aria_sort": ("descending" if self.descending else "ascending") if current else "",
            }
