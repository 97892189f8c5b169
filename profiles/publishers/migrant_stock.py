"""UN DESA's International Migrant Stock, "Destination" workbook (XLSX).

Each "Table n" sheet has a title block (the dataset and the edition, the suggested citation
and the copyright line), a header row and one row per region or country. The columns
differ between editions (2020: Notes, Location code, Type of data; 2024: Coverage, Data
type, Location code), so they are found by their names, never by position. A table may
hold several blocks of years (both sexes, males, females); the first block, both sexes
combined, is read.
"""

import io
import re
import zipfile
from decimal import Decimal

from profiles.publishers.records import UN_DESA, Observation, PublisherFile, PublisherFileRefused

# Sheet -> our code for its series (the codes sources.md uses for the same figures).
SERIES = {
    "Table 1": "IMS_STOCK_TOTAL",  # persons, mid-year
    "Table 3": "IMS_STOCK_PCT_POP",  # % of the total population
    "Table 4": "IMS_FEMALE_PCT_STOCK",  # women as % of the migrant stock
}
TITLE = re.compile(r"International Migrant Stock ([0-9]{4}): (\w+)")
EDITION = re.compile(r"POP/DB/MIG/Stock/Rev\.[0-9]{4}")
NAME_COLUMN = "Region, development group, country or area"
CODE_COLUMN = "Location code"
TITLE_ROWS = 15  # the header is row 11; a little room for a later edition
# How UN DESA marks a figure it does not give.
MISSING = {None, "", "~", "..", "-"}
EXPECTED = (
    "UN DESA's International Migrant Stock “Destination” workbook "
    "(undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx)"
)


def read_workbook(data):
    from openpyxl import load_workbook  # only workbooks need it

    _refuse_other_archives(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a damaged file
        raise PublisherFileRefused(
            "The file starts like an XLSX workbook but cannot be opened: it is damaged or cut "
            f"short. Expected {EXPECTED}."
        ) from None
    try:
        return _read(workbook)
    finally:
        workbook.close()


def _refuse_other_archives(data):
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except (zipfile.BadZipFile, ValueError):
        return  # openpyxl says it cannot open it
    if "xl/workbook.xml" not in names and any(name.endswith(".csv") for name in names):
        raise PublisherFileRefused(
            "The file is a ZIP archive of CSV files, as the World Bank's download comes: "
            "unpack it and choose the file whose name starts with “API_”."
        )


def _read(workbook):
    missing = [sheet for sheet in SERIES if sheet not in workbook.sheetnames]
    if missing:
        raise PublisherFileRefused(
            f"The workbook has no sheet {', '.join(missing)}: it is not {EXPECTED}."
        )
    title = _title_block(workbook["Table 1"])
    observations, series_names = [], {}
    for sheet, series in SERIES.items():
        name, table = _read_table(workbook[sheet], sheet, series)
        series_names[series] = f"{name} ({sheet})"
        observations.extend(table)
    return PublisherFile(
        publisher=UN_DESA,
        dataset=title["dataset"],
        edition=title["edition"],
        citation=title["citation"],
        licence=title["licence"],
        series_names=series_names,
        observations=tuple(observations),
    )


def _title_block(sheet):
    texts = [
        cell.strip()
        for row in sheet.iter_rows(max_row=TITLE_ROWS, values_only=True)
        for cell in row
        if isinstance(cell, str)
    ]
    title = next((match for text in texts if (match := TITLE.fullmatch(text))), None)
    edition = next((text for text in texts if EDITION.fullmatch(text)), None)
    if title is None or edition is None:
        raise PublisherFileRefused(
            "The workbook's first sheet lacks the title “International Migrant Stock ...: "
            f"Destination” or the edition (POP/DB/MIG/Stock/Rev....): it is not {EXPECTED}."
        )
    if title.group(2) != "Destination":
        raise PublisherFileRefused(
            f"This is UN DESA's “{title.group(0)}” workbook, which counts emigrants; a "
            f"country's immigrants are in {EXPECTED}."
        )
    return {
        "dataset": f"International Migrant Stock {title.group(1)}",
        "edition": edition,
        "citation": _after(texts, "Suggested citation:"),
        "licence": _after(texts, "Copyright", keep_prefix=True),
    }


def _after(texts, prefix, keep_prefix=False):
    for text in texts:
        if text.startswith(prefix):
            return text if keep_prefix else text.removeprefix(prefix).strip()
    return ""


def _read_table(sheet, sheet_name, series):
    rows = sheet.iter_rows(values_only=True)
    above, header = [], None
    for row in rows:
        if CODE_COLUMN in row and NAME_COLUMN in row:
            header = row
            break
        above.append(row)
        if len(above) >= TITLE_ROWS:
            break
    if header is None:
        raise PublisherFileRefused(
            f"{sheet_name} has no header with “{NAME_COLUMN}” and “{CODE_COLUMN}” in its "
            f"first {TITLE_ROWS} rows: the workbook is not {EXPECTED}."
        )
    name_at, code_at = header.index(NAME_COLUMN), header.index(CODE_COLUMN)
    years = _first_year_block(header)
    if not years:
        raise PublisherFileRefused(f"{sheet_name}'s header has no year columns (1990, ...).")
    observations = []
    for number, row in enumerate(rows, start=len(above) + 2):
        if len(row) <= code_at or row[code_at] is None:
            continue  # blank rows and footnotes
        code, name = row[code_at], str(row[name_at] or "").strip().rstrip("*")
        if not isinstance(code, int):
            raise PublisherFileRefused(
                f"{sheet_name}, row {number}: the location code is “{str(code)[:20]}” where "
                "UN DESA writes a number (426 for Lesotho): the workbook was edited."
            )
        observations.extend(
            Observation(str(code), name, series, year, _value(row, at, sheet_name, number))
            for at, year in years
        )
    return _block_label(above, years[0][0]) or sheet_name, observations


def _block_label(above, column):
    """What the first block of years counts: the label written over it, e.g.
    "International migrant stock at mid-year, both sexes combined"."""
    labels = [row[column] for row in above if column < len(row) and isinstance(row[column], str)]
    return labels[-1].strip() if labels else ""


def _first_year_block(header):
    """(column, year) of the first run of increasing years: both sexes combined."""
    years = []
    for at, cell in enumerate(header):
        if isinstance(cell, int) and 1900 < cell < 2200:
            if years and cell <= years[-1][1]:
                break  # the males' block starts again at 1990
            years.append((at, cell))
        elif years:
            break
    return years


def _value(row, at, sheet_name, number):
    cell = row[at] if at < len(row) else None
    if isinstance(cell, str):
        cell = cell.strip()
    if cell in MISSING:
        return None
    if isinstance(cell, bool) or not isinstance(cell, int | float):
        raise PublisherFileRefused(
            f"{sheet_name}, row {number}: “{str(cell)[:40]}” where a number was expected: "
            "the workbook was edited. Download it again from UN DESA."
        )
    # repr() is the shortest text that reads back as the same float: 45.79601990049751.
    return Decimal(repr(cell)) if isinstance(cell, float) else Decimal(cell)
