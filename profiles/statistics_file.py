"""The statistics file, for editing figures in bulk: import it (all rows or none), export it.

One import service is behind the `import_statistics` command and the admin's import page,
so both report and refuse the same way; `export_statistics` writes the same format, so an
exported file imports unchanged. Columns: country (ISO code or name), indicator (slug or
name), year, value (empty = not available), source, note; the header is row 1. CSV in
UTF-8 with or without a byte order mark, comma or semicolon separated, or XLSX.
"""

import csv
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from config import spreadsheets
from config.page_cache import content_changed
from profiles.models import Country, Indicator, Statistic
from profiles.units import UnitKind
from profiles.years import FIRST_YEAR, last_year

COLUMNS = ["country", "indicator", "year", "value", "source", "note"]
REQUIRED_COLUMNS = ["country", "indicator", "year", "value"]
# XLSX files are ZIP archives; nothing else we accept starts like one.
ZIP_MAGIC = b"PK\x03\x04"
VALUE_FIELD = Statistic._meta.get_field("value")
SOURCE_LENGTH = Statistic._meta.get_field("source").max_length
WRITE_BATCH = 1000


class FileNotReadable(Exception):
    """The file as a whole cannot be read as a table."""


@dataclass
class RowError:
    row: int
    reason: str

    def __str__(self):
        return _("Row %(row)s: %(reason)s") % {"row": self.row, "reason": self.reason}


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

    @property
    def total_rows(self):
        return len(self.created) + len(self.changed) + self.unchanged

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
    if not table or not any(_text(cell) for cell in table[0]):
        raise FileNotReadable(_("Row 1 should be the header, and it is empty."))
    header = [_text(cell).lower() for cell in table[0]]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise FileNotReadable(
            _("Row 1 (the header) lacks the columns: %(columns)s. Expected: %(expected)s.")
            % {"columns": ", ".join(missing), "expected": ", ".join(COLUMNS)}
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
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise FileNotReadable(_("The file looks like XLSX but cannot be opened.")) from error
    sheet = workbook.worksheets[0]
    table = [list(row) for row in sheet.iter_rows(values_only=True)]
    workbook.close()
    return table


def _text(cell):
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _lookup(rows, *keys):
    """Rows by each of `keys`, lower-cased: a country by ISO code or name."""
    found = {}
    for row in rows:
        for key in keys:
            found[str(getattr(row, key)).lower()] = row
    return found


def _parse_year(cell):
    text = _text(cell)
    try:
        year = int(text)
    except ValueError:
        return None, _("the year “%(year)s” is not a whole number.") % {"year": text}
    if not FIRST_YEAR <= year <= last_year():
        return None, _("the year %(year)s is not between %(first)s and %(last)s.") % {
            "year": year,
            "first": FIRST_YEAR,
            "last": last_year(),
        }
    return year, None


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
        return None, _("the value “%(value)s” is not a number.") % {"value": text}
    if not value.is_finite():
        return None, _("the value “%(value)s” is not a number.") % {"value": text}
    try:
        VALUE_FIELD.run_validators(value)
    except ValidationError as error:
        return None, _("the value %(value)s: %(error)s") % {
            "value": text,
            "error": " ".join(error.messages),
        }
    return value, None


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
        reasons = []
        country_text = _text(row.get("country"))
        country = countries.get(country_text.lower())
        if country is None:
            reasons.append(_("unknown country “%(country)s”.") % {"country": country_text})
        indicator_text = _text(row.get("indicator"))
        indicator = indicators.get(indicator_text.lower())
        if indicator is None:
            reasons.append(_("unknown indicator “%(indicator)s”.") % {"indicator": indicator_text})
        year, reason = _parse_year(row.get("year"))
        if reason:
            reasons.append(reason)
        value, reason = _parse_value(row.get("value"), decimal_comma)
        if reason:
            reasons.append(reason)
        elif indicator is not None:
            try:
                UnitKind(indicator.unit).validate(value)
            except ValidationError as error:
                reasons.append(" ".join(error.messages))
        source = _text(row.get("source"))
        if len(source) > SOURCE_LENGTH:
            reasons.append(
                _("the source is longer than %(length)s characters.") % {"length": SOURCE_LENGTH}
            )
        note = _text(row.get("note"))
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
            report.created.append(
                Statistic(
                    country=country,
                    indicator=indicator,
                    year=year,
                    value=value,
                    source=source,
                    note=note,
                )
            )
        elif (statistic.value, statistic.source, statistic.note) != (value, source, note):
            statistic.value, statistic.source, statistic.note = value, source, note
            report.changed.append(statistic)
        else:
            report.unchanged += 1
    return report


def import_statistics(data, dry_run=False):
    """Check the file's rows; unless `dry_run` or a row is bad, write them all at once."""
    try:
        rows = read_rows(data)
    except FileNotReadable as error:
        return ImportReport(errors=[RowError(1, str(error))])
    decimal_comma = not data.startswith(ZIP_MAGIC) and _csv_uses_semicolons(data)
    with transaction.atomic():
        # Read and write in one transaction, so what was checked is what is written.
        report = check_rows(rows, decimal_comma=decimal_comma)
        if report.ok and not dry_run:
            now = timezone.now()
            for statistic in report.changed:
                statistic.updated_at = now
            Statistic.objects.bulk_create(report.created, batch_size=WRITE_BATCH)
            Statistic.objects.bulk_update(
                report.changed, ["value", "source", "note", "updated_at"], batch_size=WRITE_BATCH
            )
            # Bulk writes send no model signals: the cached pages are told here.
            content_changed()
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
