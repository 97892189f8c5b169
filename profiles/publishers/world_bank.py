"""The World Bank's files: the bulk CSV download and a saved answer of its API (v2, JSON).

The bulk CSV holds one indicator for every economy (API_<code>_DS2_...csv) or one economy
with every indicator (API_<ISO3>_DS2_...csv); both have four lines before the header, the
second giving the edition ("Last Updated Date"), every field quoted and a comma at the end
of every line. Line ends are CRLF as downloaded, LF once git or an editor has normalised
them; both read alike.
"""

import csv
import datetime
import io
import json
import re
from decimal import Decimal

from profiles.publishers.records import (
    WORLD_BANK,
    Observation,
    PublisherFile,
    PublisherFileRefused,
    parse_number,
    whole_rows,
)

LICENCE = "CC BY 4.0"
# The API's source 2 is World Development Indicators.
API_SOURCES = {"2": "World Development Indicators"}
KEY_COLUMNS = ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
# The header follows four lines; a few more are looked through before giving up.
PREAMBLE_LINES = 8
FIRST_LINE = re.compile(r'^"?Data Source"?([,;\t])')
YEAR = re.compile(r"[0-9]{4}")
DOWNLOAD_AGAIN = "Download it again from the World Bank."


def is_bulk_csv(first_line):
    return FIRST_LINE.match(first_line) is not None


def is_resaved_table(first_line):
    """The World Bank's table without its preamble, as a spreadsheet or pandas saves it."""
    return first_line.replace('"', "").startswith("Country Name")


def is_country_metadata(first_line):
    return first_line.startswith('"Country Code","Region","IncomeGroup"')


def citation(dataset):
    return f"World Bank, {dataset}"


def _edition(text):
    """The ISO date the World Bank writes ("2025-07-01"); anything else was re-saved."""
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        raise PublisherFileRefused(
            f"The file's Last Updated Date reads “{text[:40]}” where the World Bank writes a "
            f"date such as 2025-07-01: a spreadsheet re-saved the file. {DOWNLOAD_AGAIN}"
        ) from None
    return text


def read_bulk_csv(text, first_line):
    if FIRST_LINE.match(first_line).group(1) != ",":
        raise PublisherFileRefused(
            "The file's fields are separated by semicolons or tabs where the World Bank "
            f"separates them by commas: a spreadsheet re-saved it. {DOWNLOAD_AGAIN}"
        )
    reader = csv.reader(io.StringIO(text, newline=""))
    preamble, header = {}, None
    for row in reader:
        if row and row[0] == "Country Name":
            header = row
            break
        if len(row) >= 2:
            preamble[row[0]] = row[1]
        if reader.line_num >= PREAMBLE_LINES:
            break
    if header is None or "Last Updated Date" not in preamble:
        raise PublisherFileRefused(
            "The World Bank file lacks its Last Updated Date line or its header "
            f"(“Country Name”, “Country Code”, ...) in its first lines. {DOWNLOAD_AGAIN}"
        )
    missing = [name for name in KEY_COLUMNS if name not in header]
    years = [(index, int(cell)) for index, cell in enumerate(header) if YEAR.fullmatch(cell)]
    if missing or not years:
        raise PublisherFileRefused(
            "The World Bank file's header lacks "
            + (", ".join(f"“{name}”" for name in missing) or "year columns")
            + f". {DOWNLOAD_AGAIN}"
        )
    name, code, series_name, series = (header.index(column) for column in KEY_COLUMNS)
    observations, series_names = [], {}
    for row in whole_rows(reader, header, DOWNLOAD_AGAIN):
        series_names[row[series]] = row[series_name]
        observations.extend(
            Observation(
                row[code],
                row[name],
                row[series],
                year,
                parse_number(row[index], f"line {reader.line_num}, {year}"),
            )
            for index, year in years
        )
    dataset = preamble["Data Source"]
    return PublisherFile(
        publisher=WORLD_BANK,
        dataset=dataset,
        edition=_edition(preamble["Last Updated Date"]),
        citation=citation(dataset),
        licence=LICENCE,
        series_names=series_names,
        observations=tuple(observations),
    )


def is_api_answer(text):
    return text.lstrip().startswith("[")


def read_api_answer(text):
    try:
        answer = json.loads(text, parse_float=Decimal, parse_int=Decimal)
    except ValueError:
        raise PublisherFileRefused(
            "The file starts like the World Bank API's JSON answer but is not complete JSON: "
            "it was cut short or edited. Save the API's answer again."
        ) from None
    _refuse_api_error(answer)
    if not (
        isinstance(answer, list)
        and len(answer) == 2
        and isinstance(answer[0], dict)
        and isinstance(answer[1], list | None)
    ):
        raise PublisherFileRefused(
            "The JSON is not an answer of the World Bank API (v2), which is a list of two: "
            "the page information, then the rows."
        )
    page, rows = answer
    if int(page.get("pages") or 1) > 1:
        raise PublisherFileRefused(
            f"The file is page {page.get('page')} of {page.get('pages')} of the API's answer. "
            "Ask for every row at once (add per_page=20000 to the address) and save that."
        )
    dataset = API_SOURCES.get(str(page.get("sourceid")))
    if dataset is None:
        raise PublisherFileRefused(
            f"The API answer comes from the World Bank's source {page.get('sourceid')}, "
            "where World Development Indicators (source 2) was expected."
        )
    observations, series_names = [], {}
    for number, row in enumerate(rows or [], start=1):
        observation = _api_observation(row, number)
        series_names[observation.series] = row["indicator"].get("value", "")
        observations.append(observation)
    return PublisherFile(
        publisher=WORLD_BANK,
        dataset=dataset,
        edition=_edition(str(page.get("lastupdated", ""))),
        citation=citation(dataset),
        licence=LICENCE,
        series_names=series_names,
        observations=tuple(observations),
    )


def _refuse_api_error(answer):
    # [{"message": [{"id": "120", "key": "Invalid value", "value": "The provided ..."}]}]
    if isinstance(answer, list) and answer and isinstance(answer[0], dict):
        messages = answer[0].get("message")
        if isinstance(messages, list) and messages and isinstance(messages[0], dict):
            raise PublisherFileRefused(
                "The file holds the World Bank API's error message, not figures: "
                f"“{str(messages[0].get('value', ''))[:120]}”."
            )


def _api_observation(row, number):
    try:
        # Aggregates may have no ISO code; their two-character API id names them then.
        code = str(row["countryiso3code"] or row["country"]["id"])
        name, series = str(row["country"]["value"]), str(row["indicator"]["id"])
        year, value = row["date"], row["value"]
    except (KeyError, TypeError):
        raise PublisherFileRefused(
            f"Row {number} of the API answer lacks its indicator, country, date or value: "
            "the file was edited. Save the API's answer again."
        ) from None
    if not (isinstance(year, str) and YEAR.fullmatch(year)):
        raise PublisherFileRefused(
            f"Row {number} of the API answer is for “{str(year)[:20]}” where a year was "
            "expected: ask the API for yearly figures."
        )
    if not (value is None or isinstance(value, Decimal)):
        raise PublisherFileRefused(
            f"Row {number} of the API answer has the value “{str(value)[:40]}” where a number "
            "or null was expected: the answer comes from the old API (v1) or was edited."
        )
    return Observation(code, name, series, int(year), value)
