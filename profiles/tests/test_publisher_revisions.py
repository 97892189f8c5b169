"""Matching a publisher's economies to our country pages by code, and comparing its figures
with ours as numbers, in our unit, rounded as the site stores them (issue 16)."""

import csv
import io
from decimal import Decimal

import pytest

from profiles.models import Statistic
from profiles.publishers import (
    Figure,
    Observation,
    compare,
    match_economies,
    read_publisher_file,
)
from profiles.publishers.economies import NO_PAGE, NOT_A_COUNTRY
from profiles.publishers.revisions import ALREADY_HERE, NO_VALUE, SECOND_ROW
from profiles.tests.publisher_fixtures import (
    COUNTRY_METADATA,
    DEMO_CODES,
    NET_MIGRATION,
    REMITTANCES,
    STOCK_2024,
    WPP_NAME,
    api_answer,
    shipped,
    wpp_csv,
)

REMITTANCES_CODE = "BX.TRF.PWKR.CD.DT"
# The seed page's Lesotho figures, which IOM published from earlier editions.
SEED_LESOTHO = {
    ("LS", 2020): Decimal("2100000"),  # population
    ("LS", 2021): Decimal("561500000"),  # remittances
}


def file_of(name, filename=""):
    return read_publisher_file(shipped(name), filename)


def report_for(observations, existing, factor=1, **options):
    match = match_economies(observations, DEMO_CODES)
    return compare(match, existing, factor=factor, decimal_places=3, **options)


def by_year(figures):
    return {figure.year: figure for figure in figures}


# -- Matching ------------------------------------------------------------------------------


def test_world_bank_aggregates_are_left_out_and_counted():
    remittances = file_of(REMITTANCES)
    match = match_economies(remittances.observations, DEMO_CODES)
    # The World Bank's own list marks its aggregates with an empty region.
    text = shipped(COUNTRY_METADATA).decode("utf-8-sig")
    metadata = list(csv.DictReader(io.StringIO(text, newline="")))
    aggregates = {row["Country Code"] for row in metadata if not row["Region"]}
    assert {"AFE", "ARB", "SSF", "WLD", "HIC", "EMU"} <= aggregates
    not_countries = {e.code for e in match.skipped if e.reason == NOT_A_COUNTRY}
    # Besides them: Kosovo and the Channel Islands, which have no ISO code, and "Not
    # classified", which the list does not name.
    assert not_countries == aggregates | {"XKX", "CHI", "INX"}
    assert match.aggregates == len(aggregates) + 3 == 51
    assert match.without_page == 266 - 51 - 6
    assert {economy.name for economy in match.skipped if economy.code == "ZAF"} == {"South Africa"}
    assert {economy.reason for economy in match.skipped if economy.code == "ZAF"} == {NO_PAGE}
    assert {iso2 for iso2, _ in match.matched} == DEMO_CODES
    assert len(match.matched) == 6 * len(range(1960, 2025))


def test_un_m49_regions_are_left_out_and_counted():
    match = match_economies(file_of(STOCK_2024).of_series("IMS_STOCK_TOTAL"), DEMO_CODES)
    not_countries = {int(e.code) for e in match.skipped if e.reason == NOT_A_COUNTRY}
    assert 900 in not_countries and 1834 in not_countries  # World, Sub-Saharan Africa
    assert {code for code in not_countries if code < 900} == {830}  # Channel Islands
    assert match.aggregates == len(not_countries) == 53
    assert {iso2 for iso2, observation in match.matched if observation.economy_code == "748"} == {
        "SZ"
    }
    assert {iso2 for iso2, _ in match.matched} == DEMO_CODES


def test_economies_are_matched_by_code_never_by_name():
    observations = [
        Observation("SWZ", "Swaziland", "SP.POP.TOTL", 2020, Decimal(1)),
        Observation("Lesotho", "Lesotho", "SP.POP.TOTL", 2020, Decimal(1)),
        Observation("NAM", "Namibia", "SP.POP.TOTL", 2020, Decimal(1)),
        Observation("516", "Namibia", "CNMR", 2020, Decimal(1)),
        Observation("1W", "World", "SP.POP.TOTL", 2020, Decimal(1)),
        Observation("LS", "Lesotho", "SP.POP.TOTL", 2020, Decimal(1)),  # alpha-2: no
    ]
    match = match_economies(observations, {"SZ", "NA"})
    assert [(iso2, o.economy_code) for iso2, o in match.matched] == [
        ("SZ", "SWZ"),
        ("NA", "NAM"),
        ("NA", "516"),
    ]
    assert {e.code for e in match.skipped} == {"Lesotho", "1W", "LS"}
    assert match.aggregates == 3 and match.without_page == 0


# -- Comparing -----------------------------------------------------------------------------


def test_remittances_against_the_seed_page_report_the_revision():
    observations = file_of(REMITTANCES).of_series(REMITTANCES_CODE)
    report = report_for(observations, {("LS", 2021): Decimal("561500000")})
    assert report.series == REMITTANCES_CODE
    assert report.revised == [
        Figure("LS", 2021, Decimal("561500000.000"), Decimal("474467924.706"))
    ]
    assert report.revised[0].change_percent == Decimal("-15.50")
    lesotho = report.countries["LS"]
    assert (lesotho.economy_code, lesotho.economy_name) == ("LSO", "Lesotho")
    assert by_year(lesotho.new)[2024].theirs == Decimal("499297840.180")
    assert 2021 not in by_year(lesotho.new)
    assert report.unchanged == [] and report.not_in_file == []
    # Malawi's 2024 and every country's years before the series began have no value.
    assert report.skipped_counts()[NO_VALUE] == sum(
        1 for _, o in match_economies(observations, DEMO_CODES).matched if o.value is None
    )
    assert report.skipped_counts()[NOT_A_COUNTRY] == 51


def test_the_same_figure_in_another_edition_is_unchanged():
    # sources.md: Kenya's 2007 remittances print 645207871.37258 in the 2025-07-01 edition
    # and 645207871.372579 in the 2025-12-19 one; as stored (3 places) both are the same.
    kenya_2007 = {("KE", 2007): Decimal("645207871.372579")}
    report = report_for(file_of(REMITTANCES).of_series(REMITTANCES_CODE), kenya_2007)
    assert by_year(report.countries["KE"].unchanged)[2007].ours == Decimal("645207871.373")
    assert report.revised == []
    # One thousandth more is a revision.
    kenya_2007 = {("KE", 2007): Decimal("645207871.374")}
    report = report_for(file_of(REMITTANCES).of_series(REMITTANCES_CODE), kenya_2007)
    assert [figure.year for figure in report.revised] == [2007]


def test_thousands_are_turned_into_our_unit_before_comparing():
    # WPP's net migration (thousands) x 1000 is the World Bank's (persons), year for year.
    wdi = file_of(NET_MIGRATION).of_series("SM.POP.NETM")
    ours = {(iso2, o.year): o.value for iso2, o in match_economies(wdi, DEMO_CODES).matched}
    wpp = read_publisher_file(wpp_csv(), WPP_NAME).of_series("NetMigrations")
    in_persons = report_for(wpp, ours, factor=1000)
    assert len(in_persons.unchanged) == 6 * len(range(1990, 2024))
    assert in_persons.revised == [] and in_persons.new == []
    in_thousands = report_for(wpp, ours, factor=1)
    assert len(in_thousands.revised) > 190


def test_net_migration_rate_against_the_seed_page():
    wpp = read_publisher_file(wpp_csv(gzipped=True), WPP_NAME + ".gz").of_series("CNMR")
    report = report_for(wpp, {("LS", 2021): Decimal("-0.7")})
    assert report.revised == [Figure("LS", 2021, Decimal("-0.700"), Decimal("-1.525"))]
    assert report.revised[0].change_percent == Decimal("-117.86")
    assert len(report.new) == 6 * len(range(1990, 2024)) - 1
    # World's rows are an aggregate; its 1950 is left out with it.
    assert report.skipped_counts() == {NOT_A_COUNTRY: 1}


def test_data_not_available_becomes_new_and_ours_the_file_lacks_is_reported():
    stock = file_of(STOCK_2024).of_series("IMS_FEMALE_PCT_STOCK")
    existing = {("LS", 2020): None, ("LS", 2021): Decimal("48.6"), ("LS", 2022): None}
    lesotho = report_for(stock, existing).countries["LS"]
    assert by_year(lesotho.new)[2020] == Figure("LS", 2020, None, Decimal("45.796"))
    assert lesotho.not_in_file == [Figure("LS", 2021, Decimal("48.600"), None)]
    # The publisher's blank against a figure of ours: reported, never taken as a revision.
    remittances = file_of(REMITTANCES).of_series(REMITTANCES_CODE)
    malawi = report_for(remittances, {("MW", 2024): Decimal("233000000")}).countries["MW"]
    assert malawi.not_in_file == [Figure("MW", 2024, Decimal("233000000.000"), None)]
    assert malawi.revised == []


def test_largest_revisions_come_first():
    observations = file_of(REMITTANCES).of_series(REMITTANCES_CODE)
    existing = {
        ("LS", 2021): Decimal("561500000"),  # -15.50 %
        ("BW", 2023): Decimal("1"),  # far larger
        ("KE", 2022): Decimal("0"),  # from zero: largest of all
        ("NA", 2020): Decimal("10000000"),
    }
    report = report_for(observations, existing)
    assert [(figure.iso2, figure.year) for figure in report.revised] == [
        ("KE", 2022),
        ("BW", 2023),
        ("NA", 2020),
        ("LS", 2021),
    ]
    assert report.revised[0].change_percent is None


def test_since_and_only_new():
    observations = file_of(REMITTANCES).of_series(REMITTANCES_CODE)
    existing = {("LS", 2021): Decimal("561500000"), ("LS", 2010): Decimal("1")}
    recent = report_for(observations, existing, since=2020)
    years = {f.year for f in recent.new + recent.revised + recent.unchanged + recent.not_in_file}
    assert years == {2020, 2021, 2022, 2023, 2024}
    assert recent.skipped_counts()["before 2020"] == 6 * len(range(1960, 2020))
    assert [figure.year for figure in recent.revised] == [2021]

    only_new = report_for(observations, existing, since=2020, only_new=True)
    assert only_new.revised == []
    assert only_new.skipped_counts()[ALREADY_HERE] == 1
    assert {f.year for f in only_new.countries["LS"].new} == {2020, 2022, 2023, 2024}
    everything = report_for(observations, existing)
    assert {f.year for f in everything.revised} == {2010, 2021}


def test_years_the_site_does_not_keep_and_second_rows_are_left_out():
    observations = [
        Observation("LSO", "Lesotho", "CNMR", 1950, Decimal("1")),
        Observation("LSO", "Lesotho", "CNMR", 2100, Decimal("1")),
        Observation("LSO", "Lesotho", "CNMR", 2020, Decimal("1")),
        Observation("426", "Lesotho", "CNMR", 2020, Decimal("2")),  # the same country
    ]
    report = report_for(observations, {})
    assert [figure.year for figure in report.new] == [2020]
    reasons = {(row.code, row.year): row.reason for row in report.skipped}
    assert reasons[("426", 2020)] == SECOND_ROW
    assert reasons[("LSO", 1950)].startswith("Enter a year between 1951")
    assert reasons[("LSO", 2100)].startswith("Enter a year between 1951")


def test_one_series_at_a_time():
    # Table 1, 3 and 4 together: `existing` holds one indicator's figures.
    with pytest.raises(ValueError, match="one series at a time"):
        report_for(file_of(STOCK_2024).observations, {})


def test_api_answer_and_csv_give_the_same_report():
    existing = {("LS", 2021): Decimal("561500000")}
    from_api = report_for(
        read_publisher_file(api_answer(["LSO", "SSF", "WLD"])).observations, existing
    )
    from_csv = report_for(file_of(REMITTANCES).of_series(REMITTANCES_CODE), existing)
    assert from_api.countries == {"LS": from_csv.countries["LS"]}
    assert from_api.skipped_counts()[NOT_A_COUNTRY] == 2  # SSF, and World as "1W"


def test_the_seed_pages_figures_from_the_database(demo):
    """`existing` as the write path will build it, from the demo's statistics."""
    existing = {
        (iso_code, year): value
        for iso_code, year, value in Statistic.objects.filter(
            indicator__slug="remittances"
        ).values_list("country__iso_code", "year", "value")
    }
    assert existing[("LS", 2021)] == Decimal("561500000")
    report = report_for(file_of(REMITTANCES).of_series(REMITTANCES_CODE), existing)
    lesotho = report.countries["LS"].revised
    assert [(f.year, f.ours, f.theirs) for f in lesotho] == [
        (2021, Decimal("561500000.000"), Decimal("474467924.706"))
    ]
    # The other demo countries carry this edition's own figures (profiles/demo_data).
    assert {figure.iso2 for figure in report.revised} == {"LS"}
