"""Where each demo indicator's figures come from (issue 16): the publisher, its dataset and
series, and the factor from the publisher's unit to ours. Only indicators whose source is
not set yet are filled, so an editor's choice stays; going back clears what this set."""

from django.db import migrations

WPP = {
    "publisher": "UN DESA",
    "dataset": "World Population Prospects",
    "source_url": "https://population.un.org/wpp/",
    "licence": "CC BY 3.0 IGO",
    "citation": (
        "United Nations, Department of Economic and Social Affairs, Population Division "
        "(2024). World Population Prospects 2024, Online Edition."
    ),
}
IMS = {
    "publisher": "UN DESA",
    "dataset": "International Migrant Stock",
    "source_url": "https://www.un.org/development/desa/pd/content/international-migrant-stock",
    "licence": "CC BY 3.0 IGO",
    "citation": (
        "United Nations Department of Economic and Social Affairs, Population Division "
        "(2024). International Migrant Stock 2024."
    ),
}
SOURCES = {
    "population": {**WPP, "series": "TPopulation1July", "factor": 1000},  # in thousands
    "net-migration-rate": {**WPP, "series": "CNMR", "factor": 1},
    "remittances": {
        "publisher": "World Bank",
        "dataset": "World Development Indicators",
        "series": "BX.TRF.PWKR.CD.DT",
        "factor": 1,
        "source_url": "https://data.worldbank.org/indicator/BX.TRF.PWKR.CD.DT",
        "licence": "CC BY 4.0",
        "citation": "World Bank, World Development Indicators",
    },
    "women-percentage-of-immigrants": {**IMS, "series": "IMS_FEMALE_PCT_STOCK", "factor": 1},
    "immigrants": {**IMS, "series": "IMS_STOCK_TOTAL", "factor": 1},
}
EMPTY = {
    "publisher": "",
    "dataset": "",
    "series": "",
    "factor": 1,
    "source_url": "",
    "licence": "",
    "citation": "",
}


def set_sources(apps, schema_editor):
    Indicator = apps.get_model("profiles", "Indicator")
    taken = set(Indicator.objects.exclude(series="").values_list("series", flat=True))
    for slug, source in SOURCES.items():
        if source["series"] not in taken:
            Indicator.objects.filter(slug=slug, series="", publisher="").update(**source)


def clear_sources(apps, schema_editor):
    Indicator = apps.get_model("profiles", "Indicator")
    for slug, source in SOURCES.items():
        Indicator.objects.filter(slug=slug, series=source["series"]).update(**EMPTY)


class Migration(migrations.Migration):
    dependencies = [("profiles", "0008_indicator_source_statistic_edition")]

    operations = [migrations.RunPython(set_sources, clear_sources)]
