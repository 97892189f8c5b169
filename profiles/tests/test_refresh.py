"""Refreshing statistics from a publisher's file with `refresh_statistics` (issue 16): the
report, the writes (one edit, all or nothing) and every refusal, on the demo data."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from config import content_version
from config.edits import SYSTEM_USERNAME
from profiles.models import Country, Indicator, Statistic
from profiles.publication import Status
from profiles.refresh import NOT_PUBLISHED, reason_for
from profiles.tests.publisher_fixtures import (
    FOLDER,
    POPULATION,
    REMITTANCES,
    STOCK_2020,
    STOCK_2024,
    WPP_NAME,
    history,
    shipped,
    world_bank_rows,
    wpp_csv,
)

DEMO_PUBLISHED = {"BW", "KE", "LS", "MW", "SZ"}  # Namibia has no page in the demo


# Remittances for 2021 as typed into the demo before it carried the World Bank's series:
# the revisions a refresh has to find beside Lesotho's.
TYPED_2021 = {"BW": Decimal("41100000"), "SZ": Decimal("138000000"), "MW": Decimal("233000000")}


@pytest.fixture
def typed_2021(demo):
    for iso, value in TYPED_2021.items():
        Statistic.objects.filter(
            country__iso_code=iso, indicator__slug="remittances", year=2021
        ).update(value=value, source="", edition="")


def refresh(path, *options):
    """Run the command; its output, or CommandError."""
    out = io.StringIO()
    call_command("refresh_statistics", str(path), *options, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def statistics():
    """Every statistic, as the database holds it."""
    return sorted(
        Statistic.objects.values_list(
            "country__iso_code",
            "indicator__slug",
            "year",
            "value",
            "source",
            "edition",
            "imported_at",
        )
    )


def remittances(iso3, year):
    """The shipped World Bank file's value, rounded as the site stores it."""
    return Decimal(world_bank_rows(REMITTANCES)[iso3][str(year)]).quantize(Decimal("0.001"))


def figure(iso, slug, year):
    return Statistic.objects.get(country__iso_code=iso, indicator__slug=slug, year=year)


def wpp_file(tmp_path, **options):
    path = tmp_path / (WPP_NAME + (".gz" if options.get("gzipped") else ""))
    path.write_bytes(wpp_csv(**options))
    return path


# -- The World Bank ------------------------------------------------------------------------


def test_remittances_file_shows_and_writes_lesotho_revised(typed_2021):
    lesotho = Country.objects.get(slug="lesotho")
    version = content_version.content_version()
    newest_record = Statistic.history.latest("history_id").history_id

    output = refresh(FOLDER / REMITTANCES, "--since", "2019")

    assert "World Bank, World Development Indicators; edition “2025-07-01”." in output
    assert "revised 2021: USD 561.5 million → USD 474.5 million (−15.50%)" in output
    assert "Lesotho (LSO): 5 new, 1 revised, 0 unchanged, 0 of ours not in the file" in output
    assert "new 2024: USD 499.3 million" in output
    # The largest revision first: Botswana's 47% before Malawi's 37%.
    assert output.index("(+47.41%)") < output.index("(+36.75%)")
    assert "51 economies: an aggregate" in output
    assert "210 economies: a country with no page on the site" in output
    assert "rows: before 2019" in output
    assert "Written: 10 new and 4 revised figures (“World Bank WDI, updated 2025-07-01”)." in (
        output
    )
    revised = figure("LS", "remittances", 2021)
    assert revised.value == remittances("LSO", 2021) == Decimal("474467924.706")
    assert (revised.edition, revised.source) == ("2025-07-01", "")
    assert revised.imported_at is not None
    assert revised.effective_source == (
        "World Bank, World Development Indicators, updated 1 July 2025"
    )
    new = figure("LS", "remittances", 2024)
    assert new.edition == "2025-07-01"
    # One edit: the system user, the reason naming the edition.
    records = Statistic.history.filter(history_id__gt=newest_record)
    assert len(records) == 14
    assert len({record.history_edit for record in records}) == 1
    record = revised.history.first()
    assert (record.history_user.username, record.history_change_reason) == (
        SYSTEM_USERNAME,
        "World Bank WDI, updated 2025-07-01",
    )
    # The edit's hooks: the corrected page is marked, the page cache moves on.
    lesotho.refresh_from_db()
    assert lesotho.changed_since_review
    assert content_version.content_version() != version


def test_readers_see_the_edition_on_the_page_and_in_the_downloads(client, demo):
    refresh(FOLDER / REMITTANCES, "--since", "2021")

    page = client.get(reverse("profiles:country", kwargs={"slug": "lesotho"})).content.decode()
    assert "USD 474.5 million" in page
    assert "World Bank, World Development Indicators, updated 1 July 2025" in page
    download = client.get(
        reverse("profiles:country_statistics", kwargs={"slug": "lesotho", "format": "json"})
    ).json()
    remittances = [row for row in download["statistics"] if row["indicator"] == "Remittances"]
    assert remittances[-1]["year"] == 2021
    assert {key: remittances[-1][key] for key in ["publisher", "series", "edition", "licence"]} == {
        "publisher": "World Bank",
        "series": "BX.TRF.PWKR.CD.DT",
        "edition": "2025-07-01",
        "licence": "CC BY 4.0",
    }
    api = client.get(reverse("api:country-detail", kwargs={"iso": "LS"})).json()
    latest = {fact["indicator"]: fact for fact in api["latest_facts"]}["remittances"]
    assert (latest["year"], latest["edition"], latest["licence"]) == (
        2024,
        "2025-07-01",
        "CC BY 4.0",
    )
    assert latest["source"] == "World Bank, World Development Indicators, updated 1 July 2025"


def test_dry_run_reports_and_writes_nothing(demo):
    before = statistics()

    output = refresh(FOLDER / REMITTANCES, "--dry-run")

    assert "revised 2021: USD 561.5 million → USD 474.5 million" in output
    assert "would be written; nothing was." in output
    assert statistics() == before
    assert not Country.objects.get(slug="lesotho").changed_since_review


def test_only_new_keeps_our_figures(typed_2021):
    output = refresh(FOLDER / REMITTANCES, "--only-new", "--since", "2020")

    assert "Asked for: new figures only, from 2020 on" in output
    assert "4 rows: we have a figure; only new figures were asked for" in output
    assert figure("LS", "remittances", 2021).value == Decimal("561500000")
    assert figure("LS", "remittances", 2020).value == remittances("LSO", 2020)


def test_since_leaves_out_the_years_before(demo):
    refresh(FOLDER / REMITTANCES, "--since", "2023")

    lesotho = Statistic.objects.filter(country__iso_code="LS", indicator__slug="remittances")
    assert set(lesotho.values_list("year", flat=True)) == {2021, 2023, 2024}
    assert figure("LS", "remittances", 2021).value == Decimal("561500000")  # before 2023


def test_draft_countries_only_with_all_countries(typed_2021):
    Country.objects.filter(slug="malawi").update(status=Status.DRAFT)

    output = refresh(FOLDER / REMITTANCES, "--since", "2021")

    assert f"1 economy: {NOT_PUBLISHED}" in output
    assert figure("MW", "remittances", 2021).value == Decimal("233000000")
    output = refresh(FOLDER / REMITTANCES, "--since", "2021", "--all-countries")
    assert "every country." in output
    assert figure("MW", "remittances", 2021).value == remittances("MWI", 2021)


def test_a_named_user_is_recorded(demo, editor):
    refresh(FOLDER / REMITTANCES, "--since", "2021", "--user", editor.username)

    assert figure("LS", "remittances", 2021).history.first().history_user == editor


def test_population_file_refreshes_an_indicator_given_the_world_bank_series(demo):
    # The demo's population comes from UN DESA's WPP: the World Bank's file takes an
    # editor's choice of series first.
    Indicator.objects.filter(slug="population").update(
        publisher="World Bank",
        dataset="World Development Indicators",
        series="SP.POP.TOTL",
        factor=1,
    )
    output = refresh(FOLDER / POPULATION, "--since", "2020")

    assert "Population (SP.POP.TOTL)" in output
    expected = history("SP.POP.TOTL", "2025-07-01")[("LSO", 2020)]
    assert figure("LS", "population", 2020).value == expected


# -- UN DESA -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "edition"),
    [(STOCK_2020, "POP/DB/MIG/Stock/Rev.2020"), (STOCK_2024, "POP/DB/MIG/Stock/Rev.2024")],
    ids=["2020", "2024"],
)
def test_migrant_stock_workbooks_refresh_immigrants_and_women(demo, name, edition):
    output = refresh(FOLDER / name, "--since", "2000")

    assert f"edition “{edition}”" in output
    assert "Women as a Percentage of Immigrants (IMS_FEMALE_PCT_STOCK)" in output
    assert "Immigrants (IMS_STOCK_TOTAL)" in output
    # Lesotho's 2020 figure was "Data not available": the file brings it.
    women = figure("LS", "women-percentage-of-immigrants", 2020)
    assert women.value == Decimal("45.796")
    assert women.edition == edition
    assert women.effective_source == f"UN DESA, International Migrant Stock, {edition[-8:]}"
    assert figure("LS", "immigrants", 2020).value == 12060
    assert Statistic.objects.filter(indicator__slug="immigrants", year__lt=2000).count() == 0


def test_migrant_stock_2024_after_2020_revises_only_what_changed(demo):
    refresh(FOLDER / STOCK_2020, "--since", "2015")

    output = refresh(FOLDER / STOCK_2024, "--since", "2015", "--dry-run")

    assert "Lesotho (426): 1 new, 0 revised, 2 unchanged" in output  # 2024 is new


@pytest.mark.parametrize("gzipped", [False, True], ids=["csv", "gzip"])
def test_population_prospects_file_refreshes_the_net_migration_rate(demo, tmp_path, gzipped):
    output = refresh(wpp_file(tmp_path, gzipped=gzipped), "--since", "2020")

    assert "UN DESA, World Population Prospects 2024; edition “WPP2024”." in output
    assert "revised 2021: −0.7 migrants/1,000 population → −1.5 migrants/1,000 population" in output
    rate = figure("LS", "net-migration-rate", 2021)
    assert (rate.value, rate.edition) == (Decimal("-1.525"), "WPP2024")
    assert rate.effective_source == "UN DESA, World Population Prospects, WPP2024"


# -- Refusals ------------------------------------------------------------------------------


def damaged_population(tmp_path):
    path = tmp_path / POPULATION
    path.write_bytes(b"\xff" + shipped(POPULATION)[3:])
    return path


def text_file(tmp_path):
    path = tmp_path / "figures.csv"
    path.write_text("country,indicator,year,value\nLS,population,2020,2100000\n")
    return path


def net_migration(tmp_path):
    return FOLDER / "API_SM.POP.NETM_DS2_en_csv_v2_34232.csv"


REFUSALS = [
    pytest.param(text_file, [], "none of the publishers' files does", id="not-a-publisher-file"),
    pytest.param(damaged_population, [], "The file's first byte is FF", id="damaged"),
    pytest.param(
        net_migration, [], "No indicator takes the series this file holds (SM.POP.NETM", id="series"
    ),
    pytest.param(
        lambda tmp_path: FOLDER / REMITTANCES,
        ["--since", "1900"],
        "The first year to refresh, 1900, is refused",
        id="since",
    ),
    pytest.param(
        lambda tmp_path: FOLDER / REMITTANCES,
        ["--user", "nobody"],
        "There is no user “nobody”",
        id="user",
    ),
    pytest.param(lambda tmp_path: tmp_path / "missing.csv", [], "Cannot read", id="missing"),
]


@pytest.mark.parametrize(("path", "options", "sentence"), REFUSALS)
def test_refusals_exit_1_with_their_sentence_and_change_nothing(
    demo, tmp_path, path, options, sentence
):
    before = statistics()

    with pytest.raises(CommandError) as refused:
        refresh(path(tmp_path), *options)

    assert refused.value.returncode == 1
    assert sentence in str(refused.value)
    assert statistics() == before


def test_a_figure_the_site_refuses_is_left_out_and_named(demo, tmp_path):
    # An editor's mistake: the rates given to a count, which cannot be negative.
    Indicator.objects.filter(slug="net-migration-rate").update(series="")
    Indicator.objects.filter(slug="population").update(series="CNMR", factor=1)

    output = refresh(wpp_file(tmp_path), "--since", "2020")

    assert "Lesotho (426) 2021: " in output  # a negative count is named
    assert not Statistic.objects.filter(
        country__iso_code="LS", indicator__slug="population", year=2021
    ).exists()


def test_reason_names_the_dataset_short_and_the_edition():
    from profiles.publishers import read_publisher_file

    assert reason_for(read_publisher_file(shipped(STOCK_2024))) == (
        "UN DESA IMS 2024, POP/DB/MIG/Stock/Rev.2024"
    )
    assert reason_for(read_publisher_file(wpp_csv(), WPP_NAME)) == "UN DESA WPP 2024, WPP2024"
