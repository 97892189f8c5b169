"""UN DESA's World Population Prospects: the demographic indicators CSV
(WPP2024_Demographic_Indicators_Medium.csv, often gzipped).

One row per location and year, no preamble: the file does not state its edition, so the
edition is read from the name UN DESA gives the file ("WPP2024_..."), and left empty when
the name does not say. Counts are in thousands; CNMR is per 1,000 population.
"""

import csv
import io
import re

from profiles.publishers.records import (
    UN_DESA,
    Observation,
    PublisherFile,
    PublisherFileRefused,
    whole_rows,
)
from profiles.publishers.records import parse_number as number

HEADER_START = "SortOrder,LocID,"
# The columns read, with what they count; the file has some fifty others.
SERIES = {
    "TPopulation1July": "Total population, as of 1 July (thousands)",
    "NetMigrations": "Net number of migrants (thousands)",
    "CNMR": "Net migration rate (per 1,000 population)",
}
REQUIRED = ["LocID", "Location", "Variant", "Time", *SERIES]
# Estimates and the medium projection; other variants (High, Low...) would repeat each year.
VARIANT = "Medium"
EDITION = re.compile(r"WPP([0-9]{4})")
LICENCE = "CC BY 3.0 IGO"


def is_demographic_indicators(first_line):
    return first_line.startswith(HEADER_START)


def read_csv(text, filename):
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader)
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise PublisherFileRefused(
            f"The World Population Prospects file lacks the columns {', '.join(missing)}: "
            "expected the demographic indicators file (WPP2024_Demographic_Indicators_Medium)."
        )
    code, name, variant, time = (header.index(column) for column in REQUIRED[:4])
    columns = [(header.index(series), series) for series in SERIES]
    observations = []
    for row in whole_rows(reader, header, "Download it again."):
        if row[variant] != VARIANT:
            continue
        if not row[time].isdigit():
            raise PublisherFileRefused(
                f"Line {reader.line_num}: the year (Time) is “{row[time][:20]}”: the file was "
                "edited. Download it again from UN DESA."
            )
        year = int(row[time])
        observations.extend(
            Observation(
                row[code],
                row[name],
                series,
                year,
                number(row[at], f"line {reader.line_num}, {series}"),
            )
            for at, series in columns
        )
    if not observations:
        raise PublisherFileRefused(
            f"The World Population Prospects file has no rows of the {VARIANT} variant: "
            "expected WPP2024_Demographic_Indicators_Medium."
        )
    return _provenance(filename, tuple(observations))


def _provenance(filename, observations):
    found = EDITION.search(filename)
    year = found.group(1) if found else ""
    return PublisherFile(
        publisher=UN_DESA,
        dataset=f"World Population Prospects {year}".strip(),
        edition=found.group(0) if found else "",
        citation=(
            "United Nations, Department of Economic and Social Affairs, Population Division "
            f"({year}). World Population Prospects {year}, Online Edition."
            if found
            else "United Nations, Department of Economic and Social Affairs, Population "
            "Division. World Population Prospects."
        ),
        licence=LICENCE,
        series_names=dict(SERIES),
        observations=observations,
    )
