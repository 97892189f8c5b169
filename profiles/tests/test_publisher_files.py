"""Reading the publishers' own files (issue 16): each format told by its content, its
edition and values read exactly; files of another kind, or damaged, refused in a sentence."""

import gzip
import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook

from profiles.publishers import PublisherFileRefused, read_publisher_file
from profiles.tests.publisher_fixtures import (
    BOM,
    COUNTRY_METADATA,
    NET_MIGRATION,
    POPULATION,
    REMITTANCES,
    STOCK_2020,
    STOCK_2024,
    WPP_NAME,
    api_answer,
    history,
    kenya_file,
    shipped,
    world_bank_rows,
    wpp_csv,
)

WORLD_BANK_FILES = [POPULATION, REMITTANCES, NET_MIGRATION]


def values(publisher_file, code, series):
    return {
        observation.year: observation.value
        for observation in publisher_file.observations
        if observation.economy_code == code and observation.series == series
    }


def refusal(data, filename=""):
    with pytest.raises(PublisherFileRefused) as refused:
        read_publisher_file(data, filename)
    return str(refused.value)


# -- World Bank, bulk CSV ------------------------------------------------------------------


def test_remittances_file_with_its_edition_and_values():
    remittances = read_publisher_file(shipped(REMITTANCES), REMITTANCES)
    assert (remittances.publisher, remittances.dataset, remittances.edition) == (
        "World Bank",
        "World Development Indicators",
        "2025-07-01",
    )
    assert remittances.licence == "CC BY 4.0"
    assert remittances.citation == "World Bank, World Development Indicators"
    assert remittances.series_names == {
        "BX.TRF.PWKR.CD.DT": "Personal remittances, received (current US$)"
    }
    lesotho = values(remittances, "LSO", "BX.TRF.PWKR.CD.DT")
    # USD 474.5 million, where the seed page read 561.5 million.
    assert lesotho[2021] == Decimal("474467924.705555")
    assert lesotho[2024] == Decimal("499297840.179692")  # formats.md, verbatim
    assert lesotho[1960] is None  # ""
    assert values(remittances, "MWI", "BX.TRF.PWKR.CD.DT")[2024] is None
    botswana = values(remittances, "BWA", "BX.TRF.PWKR.CD.DT")  # formats.md's uncut row
    assert botswana[1974] is None
    assert botswana[1975] == Decimal("43136806.49")
    assert botswana[2023] == Decimal("70025203.609462")
    assert len(remittances.observations) == 266 * len(range(1960, 2025))


def test_net_migration_file_of_a_later_edition_has_one_more_year():
    migration = read_publisher_file(shipped(NET_MIGRATION))
    assert migration.edition == "2026-07-13"
    assert max(observation.year for observation in migration.observations) == 2025
    lesotho = values(migration, "LSO", "SM.POP.NETM")
    assert (lesotho[1960], lesotho[2023], lesotho[2025]) == (1989, -5168, -5192)
    assert set(values(migration, "WLD", "SM.POP.NETM").values()) == {0}


@pytest.mark.parametrize(
    ("name", "series"),
    [
        (POPULATION, "SP.POP.TOTL"),
        (REMITTANCES, "BX.TRF.PWKR.CD.DT"),
        (NET_MIGRATION, "SM.POP.NETM"),
    ],
)
def test_every_value_history_took_from_a_world_bank_file_reads_the_same(name, series):
    vintage = read_publisher_file(shipped(name)).edition
    expected = history(series, vintage)
    assert len(expected) > 200
    publisher_file = read_publisher_file(shipped(name))
    found = {
        (observation.economy_code, observation.year): observation.value
        for observation in publisher_file.observations
        if (observation.economy_code, observation.year) in expected
    }
    assert found == expected


def variants(data):
    """The same file with LF line ends, without its byte order mark, without the comma at
    the end of each line, and with all three changes."""
    lf = data.replace(b"\r\n", b"\n")
    no_bom = data.removeprefix(BOM)
    no_commas = data.replace(b",\r\n", b"\r\n")
    return {
        "LF": lf,
        "no BOM": no_bom,
        "no trailing commas": no_commas,
        "all three": (no_bom.replace(b",\r\n", b"\r\n").replace(b"\r\n", b"\n")),
    }


@pytest.mark.parametrize("name", WORLD_BANK_FILES)
def test_line_ends_byte_order_mark_and_trailing_commas_change_nothing(name):
    data = shipped(name)
    assert data.startswith(BOM) and data.count(b",\r\n") > 260  # the file as downloaded
    as_downloaded = read_publisher_file(data)
    for variant, changed in variants(data).items():
        assert changed != data, variant
        assert read_publisher_file(changed) == as_downloaded, variant


def test_one_country_file_with_every_indicator():
    kenya = read_publisher_file(kenya_file())
    assert (kenya.dataset, kenya.edition) == ("World Development Indicators", "2025-12-19")
    assert set(kenya.series_names) == {
        "SM.POP.TOTL.ZS",
        "SM.POP.NETM",
        "SP.POP.TOTL",
        "SM.POP.TOTL",
        "BX.TRF.PWKR.CD.DT",
    }
    # formats.md §1b, verbatim: Kenya's migrant stock, and its share of the population.
    assert values(kenya, "KEN", "SM.POP.TOTL")[2024] == 992536
    assert values(kenya, "KEN", "SM.POP.TOTL")[2021] is None
    assert values(kenya, "KEN", "SM.POP.TOTL.ZS")[2024] == Decimal("1.8")
    assert values(kenya, "KEN", "SM.POP.NETM")[2024] == -19781


# -- World Bank, API answer ----------------------------------------------------------------


def test_api_answer_reads_as_the_csv_it_came_from():
    answer = read_publisher_file(api_answer(["LSO", "SSF", "WLD"]))
    assert (answer.publisher, answer.dataset, answer.edition) == (
        "World Bank",
        "World Development Indicators",
        "2025-07-01",
    )
    csv_rows = world_bank_rows(REMITTANCES)
    for code in ("LSO", "SSF"):
        assert values(answer, code, "BX.TRF.PWKR.CD.DT") == {
            int(year): Decimal(text) if text else None
            for year, text in csv_rows[code].items()
            if year.isdigit()
        }
    assert values(answer, "LSO", "BX.TRF.PWKR.CD.DT")[2021] == Decimal("474467924.705555")
    assert values(answer, "LSO", "BX.TRF.PWKR.CD.DT")[1960] is None  # null
    # An aggregate without an ISO code is named by the API's own id.
    assert values(answer, "1W", "BX.TRF.PWKR.CD.DT")[2021] == Decimal(csv_rows["WLD"]["2021"])


def test_api_answers_that_are_no_figures_are_refused():
    error = b'[{"message":[{"id":"120","key":"Invalid value","value":"The provided parameter value is not valid"}]}]'  # noqa: E501
    assert "The provided parameter value is not valid" in refusal(error)
    assert "page 1 of 2" in refusal(api_answer(["LSO"], pages=2))
    assert "source 11" in refusal(api_answer(["LSO"], sourceid="11"))
    assert "not complete JSON" in refusal(api_answer(["LSO"])[:-20])
    assert "list of two" in refusal(b'[{"page": 1}]')
    assert "2023M01" in refusal(api_answer(["LSO"]).replace(b'"2023"', b'"2023M01"'))
    v1 = api_answer(["LSO"]).replace(b"474467924.705555", b'"474467924.705555"')
    assert "old API (v1)" in refusal(v1)


# -- UN DESA, International Migrant Stock --------------------------------------------------


def test_migrant_stock_2024_workbook():
    stock = read_publisher_file(shipped(STOCK_2024))
    assert (stock.publisher, stock.dataset, stock.edition) == (
        "UN DESA",
        "International Migrant Stock 2024",
        "POP/DB/MIG/Stock/Rev.2024",
    )
    assert stock.citation == (
        "United Nations Department of Economic and Social Affairs, Population Division "
        "(2024). International Migrant Stock 2024."
    )
    assert "CC BY 3.0 IGO" in stock.licence
    assert stock.series_names["IMS_STOCK_TOTAL"] == (
        "International migrant stock at mid-year, both sexes combined (Table 1)"
    )
    # formats.md, Table 1 row 80 and Table 4 row 80, verbatim: both sexes, not males.
    assert values(stock, "426", "IMS_STOCK_TOTAL") == dict(
        zip(
            [1990, 1995, 2000, 2005, 2010, 2015, 2020, 2024],
            [8240, 7204, 6167, 6290, 6414, 9152, 12060, 15039],
            strict=True,
        )
    )
    assert values(stock, "426", "IMS_FEMALE_PCT_STOCK")[2020] == Decimal("45.79601990049751")
    assert values(stock, "426", "IMS_FEMALE_PCT_STOCK")[2024] == Decimal("45.79426823591994")
    assert values(stock, "426", "IMS_STOCK_PCT_POP")[1990] == Decimal("0.4553250932753347")
    assert values(stock, "404", "IMS_STOCK_TOTAL")[2024] == 992536  # = WDI SM.POP.TOTL
    assert values(stock, "900", "IMS_STOCK_TOTAL")[1990] == 153916063  # World


def test_migrant_stock_2020_workbook_in_its_older_layout():
    stock = read_publisher_file(shipped(STOCK_2020))
    assert (stock.dataset, stock.edition) == (
        "International Migrant Stock 2020",
        "POP/DB/MIG/Stock/Rev.2020",
    )
    assert {observation.year for observation in stock.observations} == set(range(1990, 2021, 5))
    # Location code is the fourth column here and the fifth in 2024; the counts agree.
    lesotho = values(stock, "426", "IMS_STOCK_TOTAL")
    assert lesotho[1990] == 8240 and lesotho[2020] == 12060
    assert (
        values(stock, "426", "IMS_STOCK_PCT_POP")[2020]
        != values(read_publisher_file(shipped(STOCK_2024)), "426", "IMS_STOCK_PCT_POP")[2020]
    )  # revised population denominators
    names = {o.economy_code: o.economy_name for o in stock.observations}
    assert (names["426"], names["900"]) == ("Lesotho", "WORLD")  # indentation taken off
    # Australia and New Zealand (927) is listed under two groupings, with the same figures.
    assert len(values(stock, "927", "IMS_STOCK_TOTAL")) == 7


@pytest.mark.parametrize("name", [STOCK_2020, STOCK_2024])
def test_every_value_history_took_from_a_migrant_stock_workbook_reads_the_same(name):
    stock = read_publisher_file(shipped(name))
    m49 = {"BWA": "72", "KEN": "404", "LSO": "426", "MWI": "454", "NAM": "516", "SWZ": "748"}
    for series in ("IMS_STOCK_TOTAL", "IMS_STOCK_PCT_POP", "IMS_FEMALE_PCT_STOCK"):
        expected = history(series, stock.edition)
        assert len(expected) in (42, 48)
        for (iso3, year), value in expected.items():
            assert values(stock, m49[iso3], series)[year] == value, (series, iso3, year)


# -- UN DESA, World Population Prospects ---------------------------------------------------


def test_demographic_indicators_csv_plain_gzipped_and_with_crlf():
    plain = read_publisher_file(wpp_csv(), WPP_NAME)
    assert (plain.publisher, plain.dataset, plain.edition) == (
        "UN DESA",
        "World Population Prospects 2024",
        "WPP2024",
    )
    lesotho = values(plain, "426", "CNMR")
    assert (lesotho[2021], lesotho[2022], lesotho[2023]) == (
        Decimal("-1.525"),
        Decimal("-2.635"),
        Decimal("-2.236"),
    )
    assert values(plain, "426", "NetMigrations")[2021] == Decimal("-3.449")  # thousands
    assert values(plain, "900", "TPopulation1July")[1950] == Decimal("2499322.157")
    assert values(plain, "516", "CNMR") == {
        y: v for (c, y), v in history("CNMR").items() if c == "NAM"
    }
    assert read_publisher_file(wpp_csv(gzipped=True), WPP_NAME + ".gz") == plain
    assert read_publisher_file(wpp_csv(line_end="\r\n"), WPP_NAME) == plain


def test_demographic_indicators_edition_comes_from_the_name_the_file_was_given():
    # The CSV does not state its edition; a renamed file reads without one.
    unnamed = read_publisher_file(wpp_csv(gzipped=True))
    assert (unnamed.dataset, unnamed.edition) == ("World Population Prospects", "")
    assert len(unnamed.observations) == len(read_publisher_file(wpp_csv()).observations)


def test_format_is_told_by_content_not_by_name():
    assert read_publisher_file(shipped(REMITTANCES), "figures.xlsx").edition == "2025-07-01"
    assert read_publisher_file(shipped(STOCK_2024), "data.csv").dataset.startswith("Intern")


# -- Refused -------------------------------------------------------------------------------


def test_population_file_with_its_damaged_first_byte_is_refused():
    data = shipped(POPULATION)
    damaged = b"\xff" + data.removeprefix(BOM)  # as the file arrived
    assert refusal(damaged) == (
        "The file's first byte is FF where a UTF-8 file starts with its byte order mark "
        "(EF BB BF) or with text: the file was damaged on its way. Download it again from "
        "the publisher."
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "The file is empty; expected the World Bank's CSV download"),
        (b"  \r\n\n", "The file holds only blank space"),
        (bytes(range(256)) * 8, "The file is neither UTF-8 text nor an XLSX workbook"),
        ("Lesotho;2021".encode("utf-16"), "UTF-16"),
        (b"country,indicator,year,value\nLS,population,2021,2100000\n", "begins “country,"),
        (b'{"LSO": 474467924.7}', "none of the publishers' files"),
        (gzip.compress(b"", mtime=0)[:10] + b"\xff" * 50, "cannot be unpacked"),
        (gzip.compress(b"", mtime=0), "holds an empty file"),
        (gzip.compress(b"x" * 100_000, mtime=0)[:30], "cut short"),
    ],
    ids=[
        "empty",
        "blank",
        "binary",
        "utf-16",
        "our own csv",
        "other json",
        "gzip damaged",
        "gzip empty",
        "gzip cut",
    ],
)
def test_files_of_no_publisher_are_refused_with_what_was_expected(data, expected):
    assert expected in refusal(data)


def test_world_bank_files_saved_again_by_a_spreadsheet_are_refused():
    data = shipped(REMITTANCES)
    lines = data.split(b"\r\n")
    assert "Metadata_Country" in refusal(shipped(COUNTRY_METADATA))
    assert "without the four lines" in refusal(b"\r\n".join(lines[4:]))
    assert "semicolons or tabs" in refusal(data.replace(b'","', b'";"'))
    assert "01-07-2025" in refusal(data.replace(b'"2025-07-01"', b'"01-07-2025"'))
    assert "lacks “Country Code”" in refusal(data.replace(b'"Country Code"', b'"Code"', 1))


def test_world_bank_file_cut_short_or_edited_is_refused_on_its_line():
    data = shipped(REMITTANCES)
    last_line = data.rindex(b"\r\n", 0, len(data) - 2) + 2
    # Ten pieces between commas are nine fields: the indicator's name holds a comma.
    cut_short = data[:last_line] + b",".join(data[last_line:].split(b",")[:10])
    assert refusal(cut_short) == (
        "Line 271 has 9 fields where the header has 70: the file was cut short or damaged. "
        "Download it again from the World Bank."
    )
    edited = data.replace(b'"474467924.705555"', b'"474,467,924.71"')
    assert refusal(edited) == (
        "The value at line 147, 2021 is “474,467,924.71”, where a number or an empty cell was "
        "expected: the file is damaged or was edited. Download it again from the publisher."
    )
    lesotho = data[data.index(b'"Lesotho"') :].split(b"\r\n")[0]
    twice = data + lesotho.replace(b'"474467924.705555"', b'"1"') + b"\r\n"
    assert "Lesotho (LSO), BX.TRF.PWKR.CD.DT, 2021 twice, as 474467924.705555 and 1" in (
        refusal(twice)
    )
    assert read_publisher_file(data + lesotho + b"\r\n") == read_publisher_file(data)


def test_workbooks_that_are_not_the_destination_workbook_are_refused():
    workbook = Workbook()
    workbook.active.append(["country", "indicator", "year", "value"])
    other = io.BytesIO()
    workbook.save(other)
    assert "no sheet Table 1" in refusal(other.getvalue())
    assert "cannot be opened" in refusal(shipped(STOCK_2024)[:200_000])
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr(REMITTANCES, shipped(REMITTANCES))
    assert "unpack it" in refusal(archive.getvalue())
