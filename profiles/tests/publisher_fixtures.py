"""The publishers' files for the tests: those shipped in publishers/ (see its README), and
those written here in a publisher's layout where no copy of the publisher's own was found.
The written ones take their values from the shipped files, never from the code under test.
"""

import csv
import gzip
import io
import json
import re
from decimal import Decimal
from pathlib import Path

FOLDER = Path(__file__).parent / "publishers"
POPULATION = "API_SP.POP.TOTL_DS2_en_csv_v2_38144.csv"
REMITTANCES = "API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv"
NET_MIGRATION = "API_SM.POP.NETM_DS2_en_csv_v2_34232.csv"
COUNTRY_METADATA = "Metadata_Country_API_BX.TRF.PWKR.CD.DT_DS2_en_csv_v2_38454.csv"
STOCK_2024 = "undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx"
STOCK_2020 = "undesa_pd_2020_ims_stock_by_sex_and_destination.xlsx"
WPP_NAME = "WPP2024_Demographic_Indicators_Medium.csv"
BOM = b"\xef\xbb\xbf"

# The six demo countries: ISO alpha-2, alpha-3, UN M49, UN name, UN M49 parent region.
DEMO = [
    ("BW", "BWA", 72, "Botswana", 913),
    ("KE", "KEN", 404, "Kenya", 910),
    ("LS", "LSO", 426, "Lesotho", 913),
    ("MW", "MWI", 454, "Malawi", 910),
    ("NA", "NAM", 516, "Namibia", 913),
    ("SZ", "SWZ", 748, "Eswatini", 913),
]
DEMO_CODES = {row[0] for row in DEMO}

# formats.md §3a: the header of UN DESA's demographic indicators CSV and its first rows.
WPP_HEADER = (
    "SortOrder,LocID,Notes,ISO3_code,ISO2_code,SDMX_code,LocTypeID,LocTypeName,ParentID,"
    "Location,VarID,Variant,Time,TPopulation1Jan,TPopulation1July,TPopulationMale1July,"
    "TPopulationFemale1July,PopDensity,PopSexRatio,MedianAgePop,NatChange,NatChangeRT,"
    "PopChange,PopGrowthRate,DoublingTime,Births,Births1519,CBR,TFR,NRR,MAC,SRB,Deaths,"
    "DeathsMale,DeathsFemale,CDR,LEx,LExMale,LExFemale,LE15,LE15Male,LE15Female,LE65,"
    "LE65Male,LE65Female,LE80,LE80Male,LE80Female,InfantDeaths,IMR,LBsurvivingAge1,"
    "Under5Deaths,Q5,Q0040,Q0040Male,Q0040Female,Q0060,Q0060Male,Q0060Female,Q1550,"
    "Q1550Male,Q1550Female,Q1560,Q1560Male,Q1560Female,NetMigrations,CNMR"
)
WPP_WORLD_ROWS = [
    "1,900,,,,1,1,World,0,World,2,Medium,1950,2477674.732,2499322.157,1245362.964,1253959.192,19.1661,99.3145,22.2243,43294.722,17.319,43294.85,1.732,40.02,92083.258,10629.041,36.837,4.8596,1.6382,28.945,105.4,48788.536,25784.509,23004.027,19.518,46.4643,44.5946,48.4411,47.0395,44.831,49.3734,11.2965,10.4672,12.039,5.0199,4.7308,5.2236,13109.145,143.3869,82837.349,19780.141,224.0098,371.9932,388.9779,354.7482,540.3848,580.7496,498.0396,240.3164,271.6253,208.1916,378.6968,430.2594,324.9308,0,0",  # noqa: E501
    "1,900,,,,1,1,World,0,World,2,Medium,1951,2520969.582,2543130.38,1267473.182,1275657.198,19.502,99.3584,22.1716,44322.348,17.427,44321.597,1.743,39.7675,92836.9,10741.899,36.502,4.8269,1.643,28.91,105.4,48514.552,25505.184,23009.368,19.075,47.144,45.4026,48.9655,47.5028,45.471,49.6263,11.3369,10.5123,12.0705,5.0145,4.7347,5.2121,13086.528,141.309,83648.709,19825.046,219.1188,361.8185,375.8295,347.6746,529.1551,566.7283,490.1993,231.1772,258.0905,203.7797,368.3186,415.8362,319.3364,0,0",  # noqa: E501
]


def shipped(name):
    return (FOLDER / name).read_bytes()


def history(indicator, vintage=None):
    """history.csv's rows of one indicator (and one vintage): {(ISO3, year): Decimal}."""
    with (FOLDER / "history.csv").open(encoding="utf-8", newline="") as file:
        return {
            (row["iso3"], int(row["year"])): Decimal(row["value"])
            for row in csv.DictReader(file)
            if row["indicator_code"] == indicator
            and (vintage is None or row["vintage"].startswith(vintage))
        }


def world_bank_rows(name):
    """A shipped World Bank CSV read with the csv module alone: {code: {column: text}}."""
    text = shipped(name).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[4]
    return {row[1]: dict(zip(header, row, strict=True)) for row in rows[5:] if row}


def wpp_csv(line_end="\n", gzipped=False):
    """A demographic indicators CSV in UN DESA's layout: World's two first rows as UN DESA
    writes them, then each demo country's CNMR and NetMigrations of history.csv."""
    columns = WPP_HEADER.split(",")
    rate, migrants = history("CNMR"), history("NetMigrations")
    lines = [WPP_HEADER, *WPP_WORLD_ROWS]
    for order, (iso2, iso3, m49, name, parent) in enumerate(DEMO, start=2):
        for year in sorted(year for code, year in rate if code == iso3):
            row = dict.fromkeys(columns, "")
            row.update(
                SortOrder=order,
                LocID=m49,
                ISO3_code=iso3,
                ISO2_code=iso2,
                SDMX_code=m49,
                LocTypeID=4,
                LocTypeName="Country/Area",
                ParentID=parent,
                Location=name,
                VarID=2,
                Variant="Medium",
                Time=year,
                NetMigrations=migrants[iso3, year],
                CNMR=rate[iso3, year],
            )
            lines.append(",".join(str(row[column]) for column in columns))
    data = (line_end.join(lines) + line_end).encode()
    return gzip.compress(data, mtime=0) if gzipped else data


KENYA_INDICATORS = [  # not sorted by code, as in the World Bank's file
    ("International migrant stock (% of population)", "SM.POP.TOTL.ZS"),
    ("Net migration", "SM.POP.NETM"),
    ("Population, total", "SP.POP.TOTL"),
    ("International migrant stock, total", "SM.POP.TOTL"),
    ("Personal remittances, received (current US$)", "BX.TRF.PWKR.CD.DT"),
]


def kenya_file():
    """The World Bank's one-country file (API_KEN_DS2_...), as formats.md §1b describes
    it (LF line ends), with the Kenya values of history.csv's 2025-12-19 rows."""
    years = range(1960, 2025)
    lines = [
        '\ufeff"Data Source","World Development Indicators",',
        "",
        '"Last Updated Date","2025-12-19",',
        "",
        ",".join(
            f'"{cell}"'
            for cell in ["Country Name", "Country Code", "Indicator Name", "Indicator Code"]
        )
        + ","
        + ",".join(f'"{year}"' for year in years)
        + ",",
    ]
    for name, code in KENYA_INDICATORS:
        values = history(code, "2025-12-19")
        cells = ["Kenya", "KEN", name, code] + [str(values.get(("KEN", y), "")) for y in years]
        lines.append(",".join(f'"{cell}"' for cell in cells) + ",")
    return ("\n".join(lines) + "\n").encode()


# The API's own ids: ISO alpha-2 for countries, two characters of its own for aggregates,
# some of which have no ISO alpha-3 code in the answer either.
API_IDS = {iso3: (iso2, iso3) for iso2, iso3, *_ in DEMO} | {
    "SSF": ("ZG", "SSF"),
    "WLD": ("1W", ""),
}
NUMBER_MARK = "number:"


def api_rows(codes, source=REMITTANCES):
    """The rows of a World Bank API (v2) answer, in the shape of formats.md §1c, for `codes`
    (World Bank codes), newest year first, with the values of the shipped CSV."""
    rows = world_bank_rows(source)
    answer = []
    for code in codes:
        row = rows[code]
        api_id, iso3 = API_IDS[code]
        for year in sorted((column for column in row if column.isdigit()), reverse=True):
            answer.append(
                {
                    "indicator": {"id": row["Indicator Code"], "value": row["Indicator Name"]},
                    "country": {"id": api_id, "value": row["Country Name"]},
                    "countryiso3code": iso3,
                    "date": year,
                    "value": NUMBER_MARK + row[year] if row[year] else None,
                    "unit": "",
                    "obs_status": "",
                    "decimal": 0,
                }
            )
    return answer


def api_text(information, rows):
    """The answer as the API writes it: the values as JSON numbers with every digit the CSV
    has (a float would round them)."""
    text = json.dumps([information, rows])
    return re.sub(f'"{NUMBER_MARK}([^"]*)"', r"\1", text).encode()


def api_answer(codes, source=REMITTANCES, **page):
    """A saved World Bank API (v2) answer: every row of `codes` on one page."""
    rows = api_rows(codes, source)
    information = {
        "page": 1,
        "pages": 1,
        "per_page": 20000,
        "total": len(rows),
        "sourceid": "2",
        "lastupdated": "2025-07-01",
        **page,
    }
    return api_text(information, rows)


def api_pages(codes, per_page, source=REMITTANCES):
    """The API's answer for `codes` as the API pages it: {page number: bytes}."""
    rows = api_rows(codes, source)
    pages = -(-len(rows) // per_page)
    return {
        number: api_text(
            {
                "page": number,
                "pages": pages,
                "per_page": per_page,
                "total": len(rows),
                "sourceid": "2",
                "lastupdated": "2025-07-01",
            },
            rows[(number - 1) * per_page : number * per_page],
        )
        for number in range(1, pages + 1)
    }
