"""The statistics import refuses what it cannot take in plain words, a row at a time:
formulas (whose result the file may not hold), cells a megabyte long, a file over the size
limit, a database lost in the middle. Nothing is written, and no traceback is shown."""

import io
import zipfile
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from profiles.models import Statistic
from profiles.statistics_file import COLUMNS
from profiles.tests.test_statistics_file import csv_file, stored
from profiles.units import UnitKind
from tests.database_loss import DemoCluster
from tests.factories import CountryFactory, IndicatorFactory, StatisticFactory

SOURCE_LENGTH = Statistic._meta.get_field("source").max_length

MEGABYTE = 1024 * 1024
EXCERPT = "x" * 40 + "… (1,000,000 characters)"
REFUSED = "CommandError: Nothing was written: correct the rows above.\n"
LOST = (
    "CommandError: The database connection was lost during the import; nothing was "
    "imported, as its transaction was never committed. Run the command again once the "
    "database answers."
)


@pytest.fixture
def figures(db):
    """Lesotho's population in 2020, which a bad import must not erase."""
    population = IndicatorFactory(name="Population", slug="population", unit=UnitKind.COUNT)
    lesotho = CountryFactory(name="Lesotho", iso_code="LS")
    StatisticFactory(country=lesotho, indicator=population, year=2020, value=Decimal("2100000"))


def run(tmp_path, data, name="figures.csv"):
    """Run the command; (exit status, standard output, standard error as manage.py writes
    it, with the refusal's last line)."""
    path = tmp_path / name
    path.write_bytes(data)
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("import_statistics", str(path), stdout=out, stderr=err)
    except CommandError as error:
        return error.returncode, out.getvalue(), f"{err.getvalue()}CommandError: {error}\n"
    return 0, out.getvalue(), err.getvalue()


def workbook(*rows):
    """An XLSX file as openpyxl saves it: formulas without a computed result."""
    book = Workbook()
    for row in [COLUMNS, *rows]:
        book.active.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def with_saved_result(data, formula, result):
    """The file as a spreadsheet program saves it: the formula with its computed result."""
    source, target = io.BytesIO(data), io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            content = old.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                before = f"<f>{formula}</f><v></v>".encode()
                assert before in content
                content = content.replace(before, f"<f>{formula}</f><v>{result}</v>".encode())
            new.writestr(item, content)
    return target.getvalue()


# --- Formulas ----------------------------------------------------------------------------


def test_a_formula_without_a_result_is_refused_not_read_as_empty(figures, tmp_path):
    before = stored()
    data = workbook(
        ["LS", "population", 2019, 2050000],
        ["LS", "population", 2021, 2150000],
        ["LS", "population", 2020, "=B2*1000"],  # would have erased 2,100,000
    )

    status, out, err = run(tmp_path, data, name="figures.xlsx")

    assert status == 1
    assert err == (
        "Row 4: the value cell holds a formula (=B2*1000), and the import takes typed values "
        "only: type the value itself instead.\n" + REFUSED
    )
    assert "Traceback" not in out + err
    assert stored() == before
    assert stored()[("LS", "population", 2020)][0] == Decimal("2100000")


def test_a_formula_with_a_saved_result_is_refused_too(figures, tmp_path):
    data = with_saved_result(
        workbook(["LS", "population", 2020, "=1100000*2"]), "1100000*2", "2200000"
    )
    # The result is in the file (a spreadsheet would show it), and still not taken.
    assert load_workbook(io.BytesIO(data), data_only=True).active["D2"].value == 2200000
    before = stored()

    status, _, err = run(tmp_path, data, name="figures.xlsx")

    assert status == 1
    assert err.splitlines()[0] == (
        "Row 2: the value cell holds a formula (=1100000*2), and the import takes typed "
        "values only: type the value itself instead."
    )
    assert stored() == before


def test_a_formula_in_any_column_is_refused(figures, tmp_path):
    data = workbook(['=UPPER("ls")', "population", 2020, 2200000, "=A1", "=A1"])
    status, _, err = run(tmp_path, data, name="figures.xlsx")
    assert status == 1
    assert [line.split(" cell holds")[0] for line in err.splitlines()[:-1]] == [
        "Row 2: the country",
        "Row 2: the source",
        "Row 2: the note",
    ]


# --- Long cells and the row named once ---------------------------------------------------


@pytest.mark.parametrize(
    ("column", "reason"),
    [
        (
            "source",
            f"the source: Ensure this value has at most {SOURCE_LENGTH} characters "
            "(it has 1000000).",
        ),
        ("value", f"the value “{EXCERPT}” is not a number."),
        ("country", f"unknown country “{EXCERPT}”."),
    ],
)
def test_a_megabyte_cell_is_named_on_its_row_not_echoed(figures, tmp_path, column, reason):
    cells = {"country": "LS", "indicator": "population", "year": "2019", "value": "1"}
    cells[column] = "x" * 1_000_000
    line = ",".join(cells.get(name, "") for name in COLUMNS)
    before = stored()

    status, _, err = run(tmp_path, csv_file("LS,population,2018,1,,", line))

    assert status == 1
    assert err == f"Row 3: {reason}\n{REFUSED}"
    assert stored() == before


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\n", "Row 1: this should be the header, and it is empty."),
        (
            b"country,year\nLS,2020\n",
            "Row 1: the header lacks the columns: indicator, value. Expected: country, "
            "indicator, year, value, source, note.",
        ),
        # The file as a whole, with no row to name.
        (b"\xff\xfe\x00c", "The file is neither UTF-8 text (CSV) nor XLSX."),
        (b"PK\x03\x04 not a workbook", "The file looks like XLSX but cannot be opened."),
    ],
    ids=["empty-header", "missing-columns", "not-utf8", "broken-xlsx"],
)
def test_a_file_level_problem_names_the_row_once_or_not_at_all(figures, tmp_path, data, message):
    status, _, err = run(tmp_path, data)
    assert status == 1
    assert err == f"{message}\n{REFUSED}"


# --- The size limit ----------------------------------------------------------------------


def padded_file(size):
    """A good file of exactly `size` bytes: one new figure, its note filling the rest."""
    start = csv_file("LS,population,2019,2050000,,")[:-1]
    return start + b"x" * (size - len(start) - 1) + b"\n"


def test_a_file_over_the_limit_is_refused_before_it_is_read(figures, tmp_path, settings):
    settings.STATISTICS_UPLOAD_MAX_MB = 1
    before = stored()

    status, out, err = run(tmp_path, padded_file(MEGABYTE + MEGABYTE // 2))

    assert status == 1
    assert err == "CommandError: The file is 1.5 MB; the import takes files of at most 1 MB.\n"
    assert out == ""
    assert stored() == before


def test_a_file_of_exactly_the_limit_is_taken(figures, tmp_path, settings):
    settings.STATISTICS_UPLOAD_MAX_MB = 1
    status, out, err = run(tmp_path, padded_file(MEGABYTE))
    assert status == 0, err
    assert "1 to create" in out
    assert stored()[("LS", "population", 2019)][0] == Decimal("2050000")


def test_one_byte_over_the_limit_does_not_read_as_within_it(figures, tmp_path, settings):
    settings.STATISTICS_UPLOAD_MAX_MB = 1
    status, _, err = run(tmp_path, padded_file(MEGABYTE + 1))
    assert status == 1
    assert err == "CommandError: The file is 1.1 MB; the import takes files of at most 1 MB.\n"


# --- The database lost in the middle -----------------------------------------------------


def test_a_connection_lost_mid_import_gives_one_message_and_status_1(throwaway_postgres, tmp_path):
    cluster: DemoCluster = throwaway_postgres
    database = cluster.copy()
    path = tmp_path / "figures.csv"
    path.write_bytes(csv_file("LS,population,2022,2200000,,", "BW,population,2022,2500000,,"))
    before = cluster.count(database, "profiles_statistic")
    cluster.end_connection_on_insert(database, "profiles_statistic")

    result = cluster.manage(database, "import_statistics", str(path))

    assert result.returncode == 1
    assert result.stderr.strip() == LOST
    assert "Traceback" not in result.stdout + result.stderr
    assert cluster.count(database, "profiles_statistic") == before
