"""Demo countries, indicators and statistics: the seed page and public IOM facts."""

import csv
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from config.demo import find_or_create
from contacts.demo import office
from profiles.models import Country, Indicator, Statistic
from profiles.publication import Status
from profiles.units import UnitKind

# Where each indicator's figures come from (issue 16); migration 0009 sets the same.
WPP_CITATION = (
    "United Nations, Department of Economic and Social Affairs, Population Division (2024). "
    "World Population Prospects 2024, Online Edition."
)
IMS_CITATION = (
    "United Nations Department of Economic and Social Affairs, Population Division (2024). "
    "International Migrant Stock 2024."
)
IMS_URL = "https://www.un.org/development/desa/pd/content/international-migrant-stock"

INDICATORS = [
    {
        "slug": "population",
        "name": "Population",
        "name_fr": "Population",
        "name_es": "Población",
        "unit": UnitKind.COUNT,
        "display_order": 10,
        "definition": "Total mid-year population.",
        "definition_fr": "Population totale en milieu d’année.",
        "definition_es": "Población total a mitad de año.",
        "default_source": "UN DESA, World Population Prospects",
        "publisher": "UN DESA",
        "dataset": "World Population Prospects",
        "source_url": "https://population.un.org/wpp/",
        "licence": "CC BY 3.0 IGO",
        "citation": WPP_CITATION,
        "series": "TPopulation1July",  # in thousands
        "factor": 1000,
    },
    {
        "slug": "net-migration-rate",
        "name": "Net Migration Rate",
        "name_fr": "Taux de migration nette",
        "name_es": "Tasa de migración neta",
        "unit": UnitKind.RATE_PER_1000,
        "display_order": 20,
        "definition": "Immigrants minus emigrants in the year, per 1,000 population; "
        "negative means more people left than arrived.",
        "definition_fr": "Immigrants moins émigrants au cours de l’année, pour 1 000 habitants ; une valeur négative signifie que plus de personnes sont parties qu’arrivées.",
        "definition_es": "Inmigrantes menos emigrantes en el año, por cada 1000 habitantes; un valor negativo significa que salieron más personas de las que llegaron.",
        "default_source": "UN DESA, World Population Prospects 2022",
        "publisher": "UN DESA",
        "dataset": "World Population Prospects",
        "source_url": "https://population.un.org/wpp/",
        "licence": "CC BY 3.0 IGO",
        "citation": WPP_CITATION,
        "series": "CNMR",
    },
    {
        "slug": "remittances",
        "name": "Remittances",
        "name_fr": "Rapatriements de fonds",
        "name_es": "Remesas",
        "unit": UnitKind.USD,
        "display_order": 30,
        "definition": "Personal transfers plus compensation of employees received from abroad, "
        "in current US dollars.",
        "definition_fr": "Transferts personnels et rémunération des salariés reçus de l’étranger, en dollars des États-Unis courants.",
        "definition_es": "Transferencias personales y remuneración de empleados recibidas del exterior, en dólares estadounidenses corrientes.",
        "default_source": "World Bank, Personal remittances, received (BX.TRF.PWKR.CD.DT)",
        "publisher": "World Bank",
        "dataset": "World Development Indicators",
        "series": "BX.TRF.PWKR.CD.DT",
        "source_url": "https://data.worldbank.org/indicator/BX.TRF.PWKR.CD.DT",
        "licence": "CC BY 4.0",
        "citation": "World Bank, World Development Indicators",
    },
    {
        "slug": "women-percentage-of-immigrants",
        "name": "Women as a Percentage of Immigrants",
        "name_fr": "Femmes en pourcentage des immigrants",
        "name_es": "Mujeres como porcentaje de los inmigrantes",
        "unit": UnitKind.PERCENTAGE,
        "display_order": 40,
        "definition": "Female international migrants as a share of all international migrants "
        "in the country.",
        "definition_fr": "Migrantes internationales en proportion de l’ensemble des migrants internationaux présents dans le pays.",
        "definition_es": "Migrantes internacionales mujeres como proporción del total de migrantes internacionales en el país.",
        "default_source": "UN DESA, International Migrant Stock 2020",
        "publisher": "UN DESA",
        "dataset": "International Migrant Stock",
        "source_url": IMS_URL,
        "licence": "CC BY 3.0 IGO",
        "citation": IMS_CITATION,
        "series": "IMS_FEMALE_PCT_STOCK",  # Table 4
    },
    {
        "slug": "immigrants",
        "name": "Immigrants",
        "name_fr": "Immigrants",
        "name_es": "Inmigrantes",
        "unit": UnitKind.COUNT,
        "display_order": 50,
        "definition": "International migrant stock at mid-year.",
        "definition_fr": "Stock de migrants internationaux en milieu d’année.",
        "definition_es": "Número de migrantes internacionales a mitad de año.",
        "default_source": "UN DESA, International Migrant Stock 2020",
        "publisher": "UN DESA",
        "dataset": "International Migrant Stock",
        "source_url": IMS_URL,
        "licence": "CC BY 3.0 IGO",
        "citation": IMS_CITATION,
        "series": "IMS_STOCK_TOTAL",  # Table 1
    },
]

DAY, MONTH, YEAR, NOT_STATED = Country.Precision

# Where a country's figures come from but for Lesotho's, which stay as the seed page shows
# them (IOM published it from an earlier edition): every year from 2000 on of the
# indicators the country's IOM page shows, as the World Bank and UN DESA publish them. The
# file's README says where each series was found and how to cite it.
HISTORY_FILE = "history.csv"
HISTORY_FOLDER = Path(__file__).parent / "demo_data"
# Each series is in its indicator's unit already (persons, US dollars, per 1,000, per cent):
# the values are only rounded to what the field stores.
HISTORY_SERIES = {
    "SP.POP.TOTL": (
        "population",
        "World Bank, World Development Indicators (SP.POP.TOTL), updated 1 July 2025",
    ),
    "CNMR": ("net-migration-rate", "UN DESA, World Population Prospects 2024"),
    "BX.TRF.PWKR.CD.DT": (
        "remittances",
        "World Bank, World Development Indicators (BX.TRF.PWKR.CD.DT), updated 1 July 2025",
    ),
    "IMS_FEMALE_PCT_STOCK": (
        "women-percentage-of-immigrants",
        "UN DESA, International Migrant Stock 2024",
    ),
    "IMS_STOCK_TOTAL": ("immigrants", "UN DESA, International Migrant Stock 2024"),
}

# (country fields, regional office slug, contact office slug, and its statistics:
# {(indicator slug, year): value}, or the file of HISTORY_FOLDER that holds them)
COUNTRIES = [
    (
        {
            "slug": "lesotho",
            "name": "Lesotho",
            "iso_code": "LS",
            "member_since": date(2010, 11, 29),
            "member_since_precision": DAY,
        },
        "southern-africa",
        None,
        {
            ("population", 2020): Decimal("2100000"),
            ("net-migration-rate", 2021): Decimal("-0.7"),
            ("remittances", 2021): Decimal("561500000"),
            ("women-percentage-of-immigrants", 2020): None,
        },
    ),
    (
        {
            "slug": "eswatini",
            "name": "Eswatini",
            # The name IOM uses, over the older official names the country list gives.
            "name_fr": "Eswatini",
            "name_es": "Eswatini",
            "iso_code": "SZ",
            "member_since": None,
            "member_since_precision": NOT_STATED,
        },
        "southern-africa",
        "eswatini",
        HISTORY_FILE,
    ),
    (
        {
            "slug": "botswana",
            "name": "Botswana",
            "iso_code": "BW",
            "member_since": date(2014, 1, 1),
            "member_since_precision": YEAR,
        },
        "southern-africa",
        None,
        HISTORY_FILE,
    ),
    (
        {
            "slug": "malawi",
            "name": "Malawi",
            "iso_code": "MW",
            "member_since": date(2013, 11, 1),
            "member_since_precision": MONTH,
        },
        "southern-africa",
        None,
        HISTORY_FILE,
    ),
    (
        # IOM's own pages disagree between 1983 and 1985; 1985 is the later, cited date.
        {
            "slug": "kenya",
            "name": "Kenya",
            "iso_code": "KE",
            "member_since": date(1985, 1, 1),
            "member_since_precision": YEAR,
        },
        "east-and-horn-of-africa",
        None,
        {},
    ),
]


def load():
    created = 0
    indicators = {}
    for fields in INDICATORS:
        indicators[fields["slug"]], new = find_or_create(Indicator, fields, "slug", "name")
        created += new
    for fields, regional, contact, statistics in COUNTRIES:
        country, new = find_or_create(
            Country,
            {
                **fields,
                "regional_office": office(regional)[0],
                "contact_office": office(contact)[0] if contact else None,
                "status": Status.PUBLISHED,
            },
            "iso_code",
            "slug",
            "name",
        )
        created += new
        if statistics == HISTORY_FILE:
            statistics = history(fields["iso_code"])
        else:  # the indicator's default source
            statistics = {key: (value, "") for key, value in statistics.items()}
        for (indicator, year), (value, source) in statistics.items():
            fields = {"country": country, "indicator": indicators[indicator], "year": year}
            created += find_or_create(
                Statistic, {**fields, "value": value, "source": source}, tuple(fields)
            )[1]
    return created


def history(iso_code):
    """{(indicator slug, year): (value, source)} of one country in HISTORY_FILE."""
    places = Statistic._meta.get_field("value").decimal_places
    with (HISTORY_FOLDER / HISTORY_FILE).open(encoding="utf-8", newline="") as file:
        rows = [row for row in csv.DictReader(file) if row["country"] == iso_code]
    statistics = {}
    for row in rows:
        indicator, source = HISTORY_SERIES[row["series"]]
        value = Decimal(row["value"]).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        statistics[indicator, int(row["year"])] = (value, source)
    return statistics
