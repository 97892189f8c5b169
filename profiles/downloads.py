"""A country's statistics as CSV and JSON: all years, with their sources."""

import csv

from django.http import HttpResponse, JsonResponse

# A spreadsheet runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
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
]


def spreadsheet_safe(cell):
    """Text cells that a spreadsheet would run as formulas are quoted; numbers pass."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return f"'{cell}"
    return cell


def csv_response(filename, header, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(header)
    writer.writerows([spreadsheet_safe(cell) for cell in row] for row in rows)
    return response


def xlsx_response(filename, header, rows):
    """The same table as an XLSX workbook of one sheet, bold header, formulas made safe."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    header_cells = [WriteOnlyCell(sheet, value=name) for name in header]
    for cell in header_cells:
        cell.font = Font(bold=True)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([spreadsheet_safe(cell) for cell in row])
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    workbook.save(response)
    return response


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
