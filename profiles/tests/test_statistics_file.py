"""Statistics in bulk: the import command checks every row and writes all or nothing; the
export writes the same format, so exporting and importing again changes nothing."""

import io
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from profiles.models import Statistic
from profiles.statistics_file import COLUMNS
from profiles.units import UnitKind
from profiles.years import last_year
from tests.factories import CountryFactory, IndicatorFactory, StatisticFactory

SOURCE_LENGTH = Statistic._meta.get_field("source").max_length

HEADER = ",".join(COLUMNS)


@pytest.fixture
def setting(db):
    """Lesotho and Kenya; population (a count), a percentage and a rate; one statistic."""
    lesotho = CountryFactory(name="Lesotho", iso_code="LS")
    kenya = CountryFactory(name="Kenya", iso_code="KE")
    population = IndicatorFactory(name="Population", slug="population", unit=UnitKind.COUNT)
    IndicatorFactory(name="Women among Immigrants", slug="women", unit=UnitKind.PERCENTAGE)
    IndicatorFactory(name="Net Migration Rate", slug="net-rate", unit=UnitKind.RATE_PER_1000)
    StatisticFactory(
        country=lesotho, indicator=population, year=2020, value=Decimal("2100000"), source="UN"
    )
    return {"lesotho": lesotho, "kenya": kenya}


def csv_file(*lines, header=HEADER):
    return ("\n".join([header, *lines]) + "\n").encode()


def xlsx_file(rows):
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def run_import(tmp_path, data, *options, name="statistics.csv"):
    """Run the command; return (exit status, standard output, standard error)."""
    path = tmp_path / name
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_statistics", str(path), *options, stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


def stored():
    return {
        (s.country.iso_code.code, s.indicator.slug, s.year): (s.value, s.source, s.note)
        for s in Statistic.objects.select_related("country", "indicator")
    }


# --- Good files ------------------------------------------------------------------------


def test_a_good_file_reports_then_writes_every_row(setting, tmp_path):
    data = csv_file(
        "LS,population,2020,2100000,UN,",  # unchanged
        "Lesotho,Population,2021,2150000,UN DESA,estimate",  # created, by names
        "ke,women,2020,,,",  # created, not available
        "KE,Net Migration Rate,2021,-0.7,,",  # created, a rate may be negative
    )
    status, out, err = run_import(tmp_path, data)
    assert status == 0, err
    assert "2 to create" not in out and "3 to create, 0 to change, 1 unchanged" in out
    assert stored()[("LS", "population", 2021)] == (Decimal("2150000"), "UN DESA", "estimate")
    assert stored()[("KE", "women", 2020)] == (None, "", "")
    assert stored()[("KE", "net-rate", 2021)][0] == Decimal("-0.7")


def test_a_changed_value_source_or_note_counts_as_changed(setting, tmp_path):
    status, out, _ = run_import(tmp_path, csv_file("LS,population,2020,2200000,UN,revised"))
    assert status == 0
    assert "0 to create, 1 to change, 0 unchanged" in out
    assert stored()[("LS", "population", 2020)] == (Decimal("2200000"), "UN", "revised")


def test_dry_run_reports_and_writes_nothing(setting, tmp_path):
    status, out, _ = run_import(tmp_path, csv_file("KE,population,2020,50000000,,"), "--dry-run")
    assert status == 0
    assert "1 to create" in out and "nothing was written" in out
    assert ("KE", "population", 2020) not in stored()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"\xef\xbb\xbf" + csv_file("KE,population,2020,1000,,"), id="utf8-bom"),
        pytest.param(
            csv_file("KE;population;2020;1000;;", header=HEADER.replace(",", ";")),
            id="semicolons",
        ),
        pytest.param(
            csv_file("KE;net-rate;2020;-0,5;;", header=HEADER.replace(",", ";")),
            id="semicolons-decimal-comma",
        ),
        pytest.param(csv_file("Kenya,population,2020,1000,,\r"), id="crlf"),
        pytest.param(
            "country,indicator,year,value,source,note\nKE,population,2020,1000,Bureau "
            "de la statistique, é\n".encode(),
            id="accents",
        ),
    ],
)
def test_csv_dialects_are_read(setting, tmp_path, data):
    status, out, err = run_import(tmp_path, data)
    assert status == 0, err
    assert "1 to create" in out


def test_xlsx_is_read_with_numbers_as_numbers(setting, tmp_path):
    data = xlsx_file(
        [COLUMNS, ["KE", "population", 2020, 1000, None, None], ["KE", "women", 2021, 48.6]]
    )
    status, out, err = run_import(tmp_path, data, name="statistics.xlsx")
    assert status == 0, err
    assert stored()[("KE", "population", 2020)][0] == 1000
    assert stored()[("KE", "women", 2021)][0] == Decimal("48.6")


# --- Bad files: every reason, with its row number ----------------------------------------

BAD_ROWS = [
    ("Atlantis,population,2020,1,,", "unknown country"),
    ("KE,happiness,2020,1,,", "unknown indicator"),
    ("KE,population,1950,1,,", "Enter a year between 1951"),
    (f"KE,population,{last_year() + 1},1,,", "Enter a year between 1951"),
    ("KE,population,twenty,1,,", "not a whole number"),
    ("KE,population,2020,lots,,", "not a number"),
    ("KE,population,2020,NaN,,", "not a number"),
    ("KE,population,2020,1e30,,", "digits"),
    ("KE,population,2020,-5,,", "cannot be negative"),
    ("KE,population,2020,10.5,,", "whole number"),
    ("KE,women,2020,100.1,,", "between 0 and 100"),
    ("KE,women,2020,-1,,", "between 0 and 100"),
    (
        "KE,population,2020,1," + "x" * (SOURCE_LENGTH + 1) + ",",
        f"at most {SOURCE_LENGTH} characters",
    ),
]


@pytest.mark.parametrize(("line", "reason"), BAD_ROWS, ids=[r for _, r in BAD_ROWS])
def test_a_bad_row_is_named_with_its_number_and_nothing_is_written(setting, tmp_path, line, reason):
    before = stored()
    data = csv_file("KE,population,2019,1000,,", line, "KE,net-rate,2019,1,,")
    status, out, err = run_import(tmp_path, data)
    assert status == 1
    assert "Row 3: " in err and reason in err
    assert "Row 2" not in err and "Row 4" not in err
    assert "1 bad rows" in out
    assert stored() == before


def test_the_same_statistic_twice_names_both_rows(setting, tmp_path):
    data = csv_file("KE,population,2020,1,,", "KE,women,2020,1,,", "Kenya,Population,2020,2,,")
    status, _, err = run_import(tmp_path, data)
    assert status == 1
    assert "Row 4: Kenya, Population, 2020 is already in row 2." in err


def test_every_bad_row_is_reported_not_only_the_first(setting, tmp_path):
    data = csv_file("Atlantis,population,2020,1,,", "", "KE,women,2020,101,,")
    status, _, err = run_import(tmp_path, data)
    assert status == 1
    # The blank row 3 keeps its number, as in the spreadsheet.
    assert "Row 2: unknown country" in err and "Row 4: the value: A percentage" in err


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "Row 1"),
        (b"country,indicator,year\nKE,population,2020\n", "lacks the columns: value"),
        (b"\xff\xfe\x00c", "neither UTF-8"),
        (b"PK\x03\x04 not really a workbook", "cannot be opened"),
    ],
    ids=["empty", "missing-column", "not-utf8", "broken-xlsx"],
)
def test_an_unreadable_file_is_refused(setting, tmp_path, data, reason):
    status, _, err = run_import(tmp_path, data)
    assert status == 1
    assert reason in err


def test_a_missing_file_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="Cannot read") as raised:
        call_command("import_statistics", str(tmp_path / "missing.csv"))
    assert raised.value.returncode == 1


# --- Export, then import ---------------------------------------------------------------


@pytest.mark.parametrize("name", ["statistics.csv", "statistics.xlsx"])
def test_export_then_import_changes_nothing(setting, tmp_path, name):
    kenya, lesotho = setting["kenya"], setting["lesotho"]
    women = IndicatorFactory(slug="women-2", name="Women 2", unit=UnitKind.PERCENTAGE)
    StatisticFactory(country=kenya, indicator=women, year=2020, value=Decimal("48.625"))
    StatisticFactory(
        country=kenya, indicator=women, year=2021, value=None, note="=cmd|' /C calc'!A0"
    )
    StatisticFactory(
        country=lesotho,
        indicator=women,
        year=2019,
        value=Decimal("0.001"),
        source="Ministère, 2019",
    )
    StatisticFactory(
        country=lesotho,
        indicator=IndicatorFactory(slug="remit", unit=UnitKind.USD),
        year=2021,
        value=Decimal("123456789012345.125"),
    )
    before = stored()
    path = tmp_path / name
    call_command("export_statistics", str(path), stdout=io.StringIO())
    status, out, err = run_import(tmp_path, path.read_bytes(), name=name)
    assert status == 0, err
    assert f"0 to create, 0 to change, {len(before)} unchanged, 0 bad rows." in out
    assert stored() == before


def test_export_without_a_file_writes_csv_to_standard_output(setting):
    out = io.StringIO()
    call_command("export_statistics", stdout=out)
    assert out.getvalue().splitlines() == [HEADER, "LS,population,2020,2100000,UN,"]


def test_xlsx_export_keeps_formula_like_text_as_text(setting, tmp_path):
    Statistic.objects.update(note="=1+1")
    path = tmp_path / "statistics.xlsx"
    call_command("export_statistics", str(path), stdout=io.StringIO())
    sheet = load_workbook(path).active
    assert [cell.value for cell in sheet[1]] == COLUMNS
    assert sheet["F2"].value == "=1+1" and sheet["F2"].data_type == "s"
    assert sheet["D2"].value == 2100000
