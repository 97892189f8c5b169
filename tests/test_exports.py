"""No export hands a spreadsheet a formula to run, whoever typed the text.

Hostile texts go into every free-text field of every content model, found by reading the
models (as test_bad_input does), so a new field is covered. The exports are found by
walking the URLconf as a superuser and keeping every answer that is a CSV or XLSX file, so
a new download is covered too; the `export_statistics` command is the one way out that is
not a URL.
"""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from profiles.models import Statistic
from profiles.units import UnitKind
from tests.factories import CountryFactory, IndicatorFactory, InitiativeFactory, StatisticFactory
from tests.test_bad_input import has_rules_of_its_own, text_fields
from tests.test_url_access import SAMPLE_ARGUMENTS, named_patterns

HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    " =1",
    "\n-1+1",
    "'=1",  # an apostrophe of its own, which the file must keep
    "''@A1",
]
OWN = tuple(text for text in HOSTILE if text.startswith("'"))
CSV_TYPE = "text/csv"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Found by the walk below; listed so that a walk that finds nothing fails.
KNOWN_EXPORTS = {
    "profiles:country_statistics",
    "initiatives:export",
    "initiatives:export_xlsx",
    "admin:profiles_statistic_export_csv",
    "admin:profiles_statistic_export_xlsx",
}
NUMERIC_COLUMNS = {"year", "value"}
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def runs_as_formula(text):
    """OWASP's test: a first character of = + - @, tab or carriage return, here also after
    leading spaces; a plain number runs nothing."""
    rest = text.lstrip()
    if text[:1] in ("\t", "\r"):
        return True
    return rest[:1] in ("=", "+", "-", "@") and not NUMBER.fullmatch(rest)


def as_xml_reads(text):
    # Without lxml, openpyxl writes a carriage return as is and XML reads it as a line feed.
    return text.replace("\r\n", "\n").replace("\r", "\n")


@pytest.fixture
def hostile(db):
    """Ten countries, indicators, plans and initiatives, a hostile text in every free-text
    field of each (in every language), each text in ten rows of every model; the first
    country has a rate of -0.7 for each indicator. Returns that country's slug."""
    countries = [CountryFactory(slug=f"hostile-{n}") for n in range(len(HOSTILE))]
    for country in countries:
        indicator = IndicatorFactory(unit=UnitKind.RATE_PER_1000)
        StatisticFactory(country=countries[0], indicator=indicator, value=Decimal("-0.7"))
        InitiativeFactory(plan__country=country)
    for app in settings.CONTENT_APPS:
        for model in apps.get_app_config(app).get_models():
            fields = [
                name
                for name in text_fields(model)
                if not has_rules_of_its_own(model._meta.get_field(name))
            ]
            if not fields:
                continue
            for number, pk in enumerate(model.objects.order_by("pk").values_list("pk", flat=True)):
                # Rows beyond the tenth (themes the migrations seed) keep names unique.
                text = HOSTILE[number % len(HOSTILE)] + (
                    f" {number}" if number >= len(HOSTILE) else ""
                )
                model.objects.filter(pk=pk).update(**dict.fromkeys(fields, text))
    assert Statistic.objects.filter(source=HOSTILE[-1], note=HOSTILE[-1]).exists()
    return countries[0].slug


def read_csv(content):
    return list(csv.reader(io.StringIO(content.decode("utf-8"))))


def check_csv(name, rows):
    header, *body = rows
    cells = [cell for row in rows for cell in row]
    assert not [cell for cell in cells if runs_as_formula(cell)], name
    for text in HOSTILE:
        assert "'" + text in cells, f"{name}: {text!r} did not reach the file, guarded"
    for column, title in enumerate(header):
        if title.lower() in NUMERIC_COLUMNS:
            values = [row[column] for row in body]
            assert all(value == "" or NUMBER.fullmatch(value) for value in values), name
            if title.lower() == "value":
                assert "-0.7" in values, name


def check_xlsx(name, content):
    workbook = load_workbook(io.BytesIO(content))
    typed = {as_xml_reads(text) for text in HOSTILE}
    for sheet in workbook.worksheets:
        rows = list(sheet.iter_rows())
        header, *body = rows
        cells = [cell for row in rows for cell in row if cell.value is not None]
        texts = [as_xml_reads(cell.value) for cell in cells if isinstance(cell.value, str)]
        assert not [cell for cell in cells if cell.data_type == "f"], name
        for cell in cells:
            if isinstance(cell.value, str) and runs_as_formula(cell.value):
                assert (cell.data_type, cell.quotePrefix) == ("s", True), (name, cell.value)
        # As typed: no apostrophe shows but a text's own.
        added = [text for text in texts if text.startswith("'") and not text.startswith(OWN)]
        assert not added, name
        assert typed <= set(texts), f"{name}: not every hostile text reached the file as typed"
        for column, title in enumerate(cell.value for cell in header):
            if title.lower() in NUMERIC_COLUMNS:
                values = [row[column].value for row in body]
                assert all(value is None or type(value) in (int, float) for value in values)
                if title.lower() == "value":
                    assert -0.7 in values, name


def walked_exports(client, slug):
    """(name, content type, content) of every URL whose answer is a CSV or XLSX file."""
    arguments = {**SAMPLE_ARGUMENTS, "slug": slug}
    found = []
    for name, pattern in named_patterns():
        regex = pattern.pattern.regex
        if regex.groups and not regex.groupindex:
            url = reverse(name, args=["1"] * regex.groups)
        else:
            url = reverse(name, kwargs={key: arguments[key] for key in regex.groupindex})
        response = client.get(url)
        content_type = response.get("Content-Type", "").split(";")[0]
        if content_type in (CSV_TYPE, XLSX_TYPE):
            found.append((name, content_type, response.content))
    return found


def test_no_export_hands_a_spreadsheet_a_formula(client, django_user_model, hostile):
    client.force_login(django_user_model.objects.create_superuser("root", password="pw"))

    exports = walked_exports(client, hostile)

    assert {name for name, _, _ in exports} >= KNOWN_EXPORTS
    for name, content_type, content in exports:
        if content_type == CSV_TYPE:
            check_csv(name, read_csv(content))
        else:
            check_xlsx(name, content)


def test_the_export_command_hands_no_formula_either(hostile, tmp_path):
    out = io.StringIO()
    call_command("export_statistics", stdout=out)
    check_csv("export_statistics", list(csv.reader(io.StringIO(out.getvalue()))))
    for name in ["statistics.csv", "statistics.xlsx"]:
        path = tmp_path / name
        call_command("export_statistics", str(path), stdout=io.StringIO())
        if name.endswith(".csv"):
            check_csv(name, read_csv(path.read_bytes()))
        else:
            check_xlsx(name, path.read_bytes())


# What the admin and the import can store: both trim a text's surrounding spaces (so the
# file's import would, guard or not).
STORABLE = [text for text in HOSTILE if text == text.strip()]


@pytest.mark.parametrize("name", ["statistics.csv", "statistics.xlsx"])
def test_hostile_texts_come_back_unchanged_through_the_statistics_file(db, tmp_path, name):
    country = CountryFactory(iso_code="KE")
    # A slug may start with a hyphen, so the file's indicator column is guarded too.
    indicator = IndicatorFactory(slug="-1-rate", unit=UnitKind.RATE_PER_1000)
    for year, text in enumerate(STORABLE, start=2010):
        StatisticFactory(
            country=country, indicator=indicator, year=year, value=Decimal("-0.7"), source=text
        )
        StatisticFactory(country=country, year=year, value=None, note=text)
    before = stored()
    path = tmp_path / name
    call_command("export_statistics", str(path), stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_statistics", str(path), stdout=out)
    assert f"0 to create, 0 to change, {len(before)} unchanged, 0 bad rows." in out.getvalue()
    assert stored() == before
    assert {source for _, source, _ in before.values()} >= set(STORABLE)


def stored():
    return {
        (s.country.iso_code.code, s.indicator.slug, s.year): (s.value, s.source, s.note)
        for s in Statistic.objects.select_related("country", "indicator")
    }
