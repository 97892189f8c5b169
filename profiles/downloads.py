"""A country's statistics as CSV and JSON: all years, with their sources."""

from django.http import JsonResponse

from config.spreadsheets import csv_response

# The column names are keys for scripts: English in every language, like the JSON keys.
# The values a reader reads ("unit", "shown_as") follow the page's language.
STATISTICS_HEADER = [
    "country",
    "iso_code",
    "indicator",
    "unit",
    "year",
    "value",
    "shown_as",
    "source",
    # Where a figure from a publisher's file came from (issue 16); empty for typed figures.
    "publisher",
    "series",
    "edition",
    "licence",
]


def plain_number(value):
    """2100000 rather than 2100000.000; None stays None (not available)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def statistic_rows(country, statistics):
    for statistic in statistics:
        yield {
            "country": country.name,
            "iso_code": country.iso_code.code,
            "indicator": statistic.indicator.name,
            "unit": statistic.indicator.get_unit_display(),
            "year": statistic.year,
            "value": plain_number(statistic.value),
            "shown_as": statistic.display_value,
            "source": statistic.effective_source,
            "publisher": statistic.indicator.publisher,
            "series": statistic.indicator.series,
            "edition": statistic.edition,
            "licence": statistic.indicator.licence,
        }


def statistics_csv(country, statistics):
    rows = statistic_rows(country, statistics)
    return csv_response(
        f"{country.slug}-statistics.csv",
        STATISTICS_HEADER,
        ([row[column] for column in STATISTICS_HEADER] for row in rows),
    )


def statistics_json(country, statistics):
    return JsonResponse(
        {
            "country": country.name,
            "iso_code": country.iso_code.code,
            "statistics": list(statistic_rows(country, statistics)),
        },
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
