"""The statistics file, for editing figures in bulk: import it (all rows or none), export it.

One import service is behind the `import_statistics` command and the admin's import page,
so both report and refuse the same way; `export_statistics` writes the same format, so an
exported file imports unchanged. Columns: country (ISO code or name), indicator (slug or
name), year, value (empty = not available), source, note; the header is row 1. CSV in
UTF-8 with or without a byte order mark, comma or semicolon separated, or XLSX.
"""

import csv
import io
import math
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from config import spreadsheets
from config.database import all_or_nothing
from config.edits import create_rows, edit, update_rows
from profiles.models import Country, Indicator, Statistic

COLUMNS = ["country", "indicator", "year", "value", "source", "note"]
REQUIRED_COLUMNS = ["country", "indicator", "year", "value"]
# XLSX files are ZIP archives; nothing else we accept starts like one.
ZIP_MAGIC = b"PK\x03\x04"
WRITE_BATCH = 1000
MEGABYTE = 1024 * 1024
# How much of a cell a message repeats: a cell of a megabyte is named, not echoed.
SHOWN_LENGTH = 40
# A CSV cell may be as long as the file, which size_problem() bounds; a long cell is then
# refused on its own row, where Python's default limit (128 kB) would refuse the file.
csv.field_size_limit(2**31 - 1)


class FileNotReadable(Exception):
    """The file cannot be read as a table; `row` is 1 when the header is at fault."""

    def __init__(self, reason, row=None):
        super().__init__(reason)
        self.row = row


@dataclass
class RowError:
    row: int | None  # None: the file as a whole
    reason: str

    def __str__(self):
        if self.row is None:
            return self.reason
        return _("Row %(row)s: %(reason)s") % {"row": self.row, "reason": self.reason}


@dataclass(frozen=True)
class Formula:
    """A cell that holds a formula: the import takes typed values only."""

    text: str


def size_problem(size):
    """A file over the STATISTICS_UPLOAD_MAX_MB setting, in a sentence; None when within."""
    limit = settings.STATISTICS_UPLOAD_MAX_MB
    if size <= limit * MEGABYTE:
        return None
    # Rounded up, so that a file just over the limit never reads as within it.
    megabytes = math.ceil(size * 10 / MEGABYTE) / 10
    return _("The file is %(size)s MB; the import takes files of at most %(limit)s MB.") % {
        "size": number_format(megabytes, 1, force_grouping=True),
        "limit": number_format(limit, force_grouping=True),
    }


@dataclass
class ImportReport:
    """What a file would do (or did): counts of statistics and every bad row."""

    created: list = field(default_factory=list)
    changed: list = field(default_factory=list)
    unchanged: int = 0
    errors: list = field(default_factory=list)
    written: bool = False

    @property
    def ok(self):
        return not self.errors

    def summary(self):
        return _(
            "%(created)s to create, %(changed)s to change, %(unchanged)s unchanged, "
            "%(errors)s bad rows."
        ) % {
            "created": len(self.created),
            "changed": len(self.changed),
            "unchanged": self.unchanged,
            "errors": len(self.errors),
        }


def read_rows(data):
    """The file's rows as dicts keyed by lower-case column name, numbered from 2."""
    table = _xlsx_table(data) if data.startswith(ZIP_MAGIC) else _csv_table(data)
    # These reasons name no row: the report puts "Row 1: " before them.
    if not table or not any(_text(cell) for cell in table[0]):
        raise FileNotReadable(_("this should be the header, and it is empty."), row=1)
    header = [_text(cell).lower() for cell in table[0]]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise FileNotReadable(
            _("the header lacks the columns: %(columns)s. Expected: %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ", ".join(COLUMNS)},
            row=1,
        )
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        # Blank lines keep their number, so the report's numbers match the spreadsheet's.
        if any(_text(cell) for cell in cells):
            rows.append((number, dict(zip(header, cells, strict=False))))
    return rows


def _csv_table(data):
    try:
        text = data.decode("utf-8-sig")  # with or without a byte order mark
    except UnicodeDecodeError as error:
        raise FileNotReadable(_("The file is neither UTF-8 text (CSV) nor XLSX.")) from error
    delimiter = ";" if _csv_uses_semicolons(data) else ","
    try:
        # The export guards texts against formulas (config.spreadsheets); undone here, so
        # that an exported file imports unchanged.
        return [
            [spreadsheets.unguard(cell.strip()) for cell in row]
            for row in csv.reader(io.StringIO(text), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise FileNotReadable(
            _("The file cannot be read as CSV: %(error)s") % {"error": error}
        ) from error


def _xlsx_table(data):
    from openpyxl import load_workbook  # only XLSX files need it

    try:
        # Formulas as written, not their results: see _formula_problems().
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileNotReadable(_("The file looks like XLSX but cannot be opened.")) from error
    sheet = workbook.worksheets[0]
    table = [[_xlsx_value(cell) for cell in row] for row in sheet.iter_rows()]
    workbook.close()
    return table


def _xlsx_value(cell):
    if cell.data_type == "f":
        # An array formula comes as an object holding its text.
        return Formula(str(getattr(cell.value, "text", cell.value)))
    return cell.value


def _text(cell):
    if cell is None:
        return ""
    if isinstance(cell, Formula):
        return cell.text
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _excerpt(text):
    """A cell as a message repeats it: cut short when long."""
    if len(text) <= SHOWN_LENGTH:
        return text
    return _("%(start)s… (%(length)s characters)") % {
        "start": text[:SHOWN_LENGTH],
        "length": number_format(len(text), force_grouping=True),
    }


def _formula_problems(row):
    """Every cell of the row that holds a formula, as reasons.

    Refused even when the spreadsheet saved its result: that result is whatever the last
    program to save the file computed, and many (openpyxl, pandas, export scripts) save
    none or leave an old one, which the file cannot tell from a fresh one. A typed value
    is the one the editor sees; the simple honest rule is to refuse every formula.
    """
    return [
        _(
            "the %(column)s cell holds a formula (%(formula)s), and the import takes typed "
            "values only: type the value itself instead."
        )
        % {"column": column, "formula": _excerpt(row[column].text)}
        for column in COLUMNS
        if isinstance(row.get(column), Formula)
    ]


def _lookup(rows, *keys):
    """Rows by each of `keys`, lower-cased: a country by ISO code or name."""
    found = {}
    for row in rows:
        for key in keys:
            found[str(getattr(row, key)).lower()] = row
    return found


def _parse_year(cell):
    """The year as a number; whether the model takes it is _model_problems()'s to say."""
    text = _text(cell)
    try:
        return int(text), None
    except ValueError:
        return None, _("the year “%(year)s” is not a whole number.") % {"year": _excerpt(text)}


def _parse_value(cell, decimal_comma):
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        text = repr(cell) if isinstance(cell, float) else str(cell)
    else:
        text = _text(cell)
    if text == "":
        return None, None  # not available
    if decimal_comma and "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, _("the value “%(value)s” is not a number.") % {"value": _excerpt(text)}
    if not value.is_finite():
        return None, _("the value “%(value)s” is not a number.") % {"value": _excerpt(text)}
    return value, None


def _model_problems(statistic, unread):
    """The model's own rules for a row (its fields' validators and clean(): years, lengths,
    digits, the unit kind's values), as reasons. `unread`: fields the file did not give a
    value the model could judge."""
    problems = []
    for check in (
        # Country and indicator were matched already; the model would query for each.
        lambda: statistic.clean_fields(exclude={"country", "indicator", "updated_at", *unread}),
        statistic.clean,
    ):
        try:
            check()
        except ValidationError as error:
            problems.extend(
                _("the %(field)s: %(error)s")
                % {"field": Statistic._meta.get_field(name).verbose_name, "error": message}
                for name, messages in error.message_dict.items()
                for message in messages
            )
    return problems


def check_rows(rows, decimal_comma=False):
    """Check every row against the database without writing: the report of what it would do."""
    report = ImportReport()
    countries = _lookup(Country.objects.all(), "name", "iso_code")
    indicators = _lookup(Indicator.objects.all(), "name", "slug")
    existing = {
        (s.country_id, s.indicator_id, s.year): s
        for s in Statistic.objects.only(
            "id", "country_id", "indicator_id", "year", "value", "source", "note"
        )
    }
    seen = {}
    for number, row in rows:
        # A formula's result is unknown: the row's other checks would judge a guess.
        reasons = _formula_problems(row)
        if reasons:
            report.errors.extend(RowError(number, reason) for reason in reasons)
            continue
        country_text = _text(row.get("country"))
        country = countries.get(country_text.lower())
        if country is None:
            reasons.append(
                _("unknown country “%(country)s”.") % {"country": _excerpt(country_text)}
            )
        indicator_text = _text(row.get("indicator"))
        indicator = indicators.get(indicator_text.lower())
        if indicator is None:
            reasons.append(
                _("unknown indicator “%(indicator)s”.") % {"indicator": _excerpt(indicator_text)}
            )
        year, year_problem = _parse_year(row.get("year"))
        value, value_problem = _parse_value(row.get("value"), decimal_comma)
        reasons.extend(problem for problem in (year_problem, value_problem) if problem)
        source = _text(row.get("source"))
        note = _text(row.get("note"))
        candidate = Statistic(
            country=country, indicator=indicator, year=year, value=value, source=source, note=note
        )
        unread = {
            name for name, problem in [("year", year_problem), ("value", value_problem)] if problem
        }
        reasons.extend(_model_problems(candidate, unread))
        if country and indicator and year:
            key = (country.pk, indicator.pk, year)
            if key in seen:
                reasons.append(
                    _("%(country)s, %(indicator)s, %(year)s is already in row %(row)s.")
                    % {"country": country, "indicator": indicator, "year": year, "row": seen[key]}
                )
            else:
                seen[key] = number
        if reasons:
            report.errors.extend(RowError(number, reason) for reason in reasons)
            continue
        statistic = existing.get(key)
        if statistic is None:
            report.created.append(candidate)
        elif (statistic.value, statistic.source, statistic.note) != (value, source, note):
            statistic.value, statistic.source, statistic.note = value, source, note
            report.changed.append(statistic)
        else:
            report.unchanged += 1
    return report


def import_statistics(data, dry_run=False, user=None, filename=None):
    """Check the file's rows; unless `dry_run` or a row is bad, write them all at once, as
    one edit by `user` (config.edits) whose reason names the file."""
    try:
        rows = read_rows(data)
    except FileNotReadable as error:
        return ImportReport(errors=[RowError(error.row, str(error))])
    decimal_comma = not data.startswith(ZIP_MAGIC) and _csv_uses_semicolons(data)
    if filename:
        reason = _("Imported %(file)s") % {"file": filename}
    else:
        reason = _("Imported a statistics file")
    # Read and write in one transaction, so what was checked is what is written.
    with all_or_nothing(), edit(user, reason):
        report = check_rows(rows, decimal_comma=decimal_comma)
        if report.ok and not dry_run:
            now = timezone.now()
            for statistic in report.changed:
                statistic.updated_at = now
            create_rows(Statistic, report.created, batch_size=WRITE_BATCH)
            update_rows(
                Statistic,
                report.changed,
                ["value", "source", "note", "updated_at"],
                batch_size=WRITE_BATCH,
            )
            report.written = True
    return report


def _csv_uses_semicolons(data):
    # Spreadsheets set to French or Spanish write semicolons, and decimal commas with them.
    first_line = data.split(b"\n", 1)[0]
    return first_line.count(b";") > first_line.count(b",")


def export_rows():
    """Every statistic as a row of the file, country by country; values as Decimal or None."""
    statistics = Statistic.objects.select_related("country", "indicator").order_by(
        "country__name", "indicator__display_order", "indicator__name", "year"
    )
    for statistic in statistics.iterator(chunk_size=2000):
        yield [
            statistic.country.iso_code.code,
            statistic.indicator.slug,
            statistic.year,
            statistic.value,
            statistic.source,
            statistic.note,
        ]


def write_csv(stream):
    # Texts a spreadsheet would run get an apostrophe; `read_rows` takes it off again.
    spreadsheets.write_csv(stream, COLUMNS, _rows(_csv_number))


def write_xlsx(stream):
    spreadsheets.write_xlsx(stream, COLUMNS, _rows(_spreadsheet_number), title="statistics")


def _rows(write_value):
    """The export's rows, with the value as the format holds it."""
    for row in export_rows():
        row[3] = write_value(row[3])
        yield row


def _csv_number(value):
    return "" if value is None else f"{value.normalize():f}"


def _spreadsheet_number(value):
    """A number the spreadsheet holds exactly, or the digits as text when a float can't."""
    if value is None:
        return None
    if value == value.to_integral_value() and abs(value) < 2**53:
        return int(value)
    as_float = float(value)
    return as_float if Decimal(repr(as_float)) == value else f"{value.normalize():f}"
