"""Figures straight from their publishers (issue 16): reading the World Bank's and UN DESA's
own files and comparing them with the site's figures. Nothing here writes.

    publisher_file = read_publisher_file(data, filename)   # or PublisherFileRefused
    match = match_economies(publisher_file.of_series("CNMR"), site_countries)
    report = compare(match, existing, factor=1, decimal_places=3)
    data = fetch_indicator("SP.POP.TOTL")  # the World Bank API's answer, for read_publisher_file
"""

from profiles.publishers.economies import EconomyMatch, SkippedEconomy, match_economies
from profiles.publishers.reading import read_publisher_file
from profiles.publishers.records import Observation, PublisherFile, PublisherFileRefused
from profiles.publishers.revisions import (
    CountryChanges,
    Figure,
    RevisionReport,
    SkippedRow,
    compare,
)
from profiles.publishers.world_bank_api import WorldBankApiFailed, fetch_indicator

__all__ = [
    "CountryChanges",
    "EconomyMatch",
    "Figure",
    "Observation",
    "PublisherFile",
    "PublisherFileRefused",
    "RevisionReport",
    "SkippedEconomy",
    "SkippedRow",
    "WorldBankApiFailed",
    "compare",
    "fetch_indicator",
    "match_economies",
    "read_publisher_file",
]
