"""Files that spreadsheets open: every CSV and XLSX the site writes goes through here.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula, and a formula
can open links or, in older Excel, run programs (OWASP, "CSV Injection"). Our texts come
from editors and imported files, so every export guards them the same way:

- CSV: a text a spreadsheet could run gets a leading apostrophe, which spreadsheets read as
  "this is text". `unguard` removes it again, so a file we wrote imports unchanged.
- XLSX: the same texts are string cells marked "quote prefix", the flag Excel itself sets
  when one types an apostrophe: the cell shows the text as typed, no apostrophe, and stays
  text when someone edits it.

Numbers stay numbers, and a text that is only a number ("-0.7") is left as it is: a
spreadsheet reads it as that number and runs nothing.
"""

import csv
import re
from decimal import Decimal

from django.http import HttpResponse

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# OWASP's list: the four that start a formula, and the tab and carriage return it also names.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
NUMBERS = (int, float, Decimal)
PLAIN_NUMBER = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


def needs_guard(text):
    """Whether a spreadsheet could run `text` as a formula.

    Spaces or line breaks before a formula start count too: a spreadsheet that trims cells
    as it opens the file would run the rest. Apostrophes in front are looked through, so
    that a text which itself starts with one ("'=1") is guarded as well, and `unguard` can
    tell the apostrophe it removes from the text's own.
    """
    text = text.lstrip(GUARD)
    if text.startswith(("\t", "\r")):
        return True
    text = text.lstrip()
    return text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text)


def guard(cell):
    """A CSV cell as written: a text a spreadsheet could run gets a leading apostrophe."""
    if cell is None or isinstance(cell, NUMBERS):
        return cell
    text = str(cell)
    return GUARD + text if needs_guard(text) else text


def unguard(text):
    """The text of a CSV cell as it was before `guard`: its exact inverse."""
    if text.startswith(GUARD) and needs_guard(text[1:]):
        return text[1:]
    return text


def write_csv(stream, header, rows):
    writer = csv.writer(stream)
    writer.writerow([guard(cell) for cell in header])
    writer.writerows([guard(cell) for cell in row] for row in rows)


def write_xlsx(stream, header, rows, title=None):
    """One sheet: the header in bold, numbers as numbers, texts as typed."""
    from openpyxl import Workbook  # only the XLSX files need it
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ERROR_CODES
    from openpyxl.styles import Font

    def text_cell(text):
        cell = WriteOnlyCell(sheet, value=text)
        # openpyxl would store a text starting with "=" as a formula and "#N/A" as an error.
        cell.data_type = "s"
        cell.quotePrefix = needs_guard(text)
        return cell

    def xlsx_value(value):
        if value is None or isinstance(value, NUMBERS):
            return value
        text = str(value)
        if needs_guard(text) or text in ERROR_CODES:
            return text_cell(text)
        return text  # most texts: openpyxl makes a plain string cell of it, and faster

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title)
    header_cells = [text_cell(str(name)) for name in header]
    for cell in header_cells:
        cell.font = Font(bold=True)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([xlsx_value(value) for value in row])
    workbook.save(stream)


def attachment(filename, content_type):
    """An empty response that the browser saves as `filename`; the caller writes the file."""
    response = HttpResponse(content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(filename, header, rows):
    response = attachment(filename, CSV_TYPE)
    write_csv(response, header, rows)
    return response


def xlsx_response(filename, header, rows):
    response = attachment(filename, XLSX_TYPE)
    write_xlsx(response, header, rows)
    return response
