import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from profiles.publication import Status
from tests.factories import CountryFactory, InitiativeFactory, ThemeFactory, YearlyPlanFactory

LIST_URL = reverse("initiatives:list")
EXPORT_URL = reverse("initiatives:export")
XLSX_URL = reverse("initiatives:export_xlsx")
HEADER = ["Country", "ISO code", "Year", "Theme", "Initiative", "Regional office"]


def read_csv(response):
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8"))))


def read_xlsx(response):
    """The workbook's rows as text, as the CSV reader gives them."""
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [
        ["" if cell is None else str(cell) for cell in row]
        for row in sheet.iter_rows(values_only=True)
    ]


@pytest.fixture(params=["csv", "xlsx"])
def export(request, client):
    """A function that GETs the export in one format (with `http`, another client) and
    returns its rows: the same tests hold for CSV and XLSX."""
    url, read = (EXPORT_URL, read_csv) if request.param == "csv" else (XLSX_URL, read_xlsx)

    def get(query="", http=None, **params):
        return read((http or client).get(f"{url}?{query}", params))

    return get


def test_xlsx_export_is_an_attachment_with_typed_cells(client, catalogue):
    response = client.get(XLSX_URL, {"country": "lesotho"})
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == 'attachment; filename="iom-initiatives.xlsx"'
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == HEADER
    assert sheet["A1"].font.bold
    assert sheet["C2"].value == 2021  # a number, not text


def test_export_is_a_csv_attachment(client, catalogue):
    response = client.get(EXPORT_URL)

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="iom-initiatives.csv"'


def test_export_rows_hold_every_column(client, catalogue):
    rows = read_csv(client.get(EXPORT_URL, {"q": "lisboa"}))

    assert rows == [
        HEADER,
        [
            "São Tomé and Príncipe",
            "ST",
            "2021",
            "Diaspora engagement",
            "Engage the diaspora in Lisboa.",
            "IOM Regional Office for West Africa",
        ],
    ]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "year=2020",
        "country=lesotho",
        "office=southern",
        "theme=counter-trafficking",
        "q=trafficking",
        "year=2020&theme=counter-trafficking&office=southern",
        "year=2019&country=kenya",
        "q=nothing-like-this",
        "year=2020&year=2021&sort=oldest",
        "year_from=2021&office=southern&office=western",
        "sort=theme",
    ],
    ids=[
        "no-filter",
        "year",
        "country",
        "office",
        "theme",
        "q",
        "combined",
        "year-without-plans",
        "none",
        "years-sorted",
        "range-offices",
        "by-theme",
    ],
)
def test_export_has_the_rows_of_the_page_in_its_order(client, catalogue, export, query):
    page = client.get(f"{LIST_URL}?{query}")
    rows = export(query)

    assert rows[0] == HEADER
    expected = [
        [i.plan.country.name, str(i.plan.year), i.theme.name, i.text]
        for i in page.context["page"].object_list
    ]
    assert [[row[0], row[2], row[3], row[4]] for row in rows[1:]] == expected


def test_export_is_not_paginated(export, db):
    InitiativeFactory.create_batch(45, plan=YearlyPlanFactory())

    rows = export(page="2")

    assert len(rows) == 1 + 45


FORMULA_STARTS = pytest.mark.parametrize(
    "start",
    ["=", "+", "-", "@", "\t", "\r"],
    ids=["equals", "plus", "minus", "at", "tab", "carriage-return"],
)


def formula_initiative(start):
    """An initiative whose country, theme and text a spreadsheet would run; its formula."""
    formula = f'{start}HYPERLINK("https://example.com","click")'
    country = CountryFactory(name=f"{start}1+1 Country")
    InitiativeFactory(
        plan__country=country, theme=ThemeFactory(name=f"{start}SUM(A1)"), text=formula
    )
    return formula


@FORMULA_STARTS
def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(client, db, start):
    formula = formula_initiative(start)

    [header, row] = read_csv(client.get(EXPORT_URL))

    assert row[0] == f"'{start}1+1 Country"
    assert row[3] == f"'{start}SUM(A1)"
    assert row[4] == f"'{formula}"


@FORMULA_STARTS
def test_xlsx_cells_that_a_spreadsheet_would_run_are_text_as_typed(client, db, start):
    formula = formula_initiative(start)

    sheet = load_workbook(io.BytesIO(client.get(XLSX_URL).content)).active
    cells = [sheet["A2"], sheet["D2"], sheet["E2"]]

    # Unless lxml is installed, openpyxl writes a carriage return as is, and XML reads it
    # back as a line feed: the same text to a spreadsheet.
    typed = [f"{start}1+1 Country", f"{start}SUM(A1)", formula]
    assert [cell.value.replace("\r", "\n") for cell in cells] == [
        text.replace("\r", "\n") for text in typed
    ]
    # Text cells marked as Excel marks a typed apostrophe: shown as typed, never run.
    assert [(cell.data_type, cell.quotePrefix) for cell in cells] == [("s", True)] * 3


def test_ordinary_cells_are_not_quoted(export, db):
    InitiativeFactory(text="Reduce costs by 5% = USD 2 million - and more @ once.")

    [header, row] = export()

    assert row[4] == "Reduce costs by 5% = USD 2 million - and more @ once."
    assert row[2] == "2020"


@pytest.fixture
def drafts(db):
    return [
        InitiativeFactory(text="Published item."),
        InitiativeFactory(plan__status=Status.DRAFT, text="Item of a draft plan."),
        InitiativeFactory(
            plan__country=CountryFactory(status=Status.DRAFT), text="Item of a draft country."
        ),
    ]


@pytest.mark.parametrize("user", [None, "staff"], ids=["anonymous", "staff-in-no-group"])
def test_export_leaves_out_drafts(request, client, export, drafts, user):
    if user:
        client.force_login(request.getfixturevalue(user))

    rows = export()

    assert rows[0] == HEADER
    assert [row[4] for row in rows[1:]] == ["Published item."]


def test_export_shows_drafts_with_their_status_to_editors(editor_client, export, drafts):
    rows = export(http=editor_client)

    assert rows[0] == [*HEADER, "Status"]
    assert sorted((row[4], row[6]) for row in rows[1:]) == [
        ("Item of a draft country.", "Draft"),
        ("Item of a draft plan.", "Draft"),
        ("Published item.", "Published"),
    ]


def test_editors_export_one_status(editor_client, export, drafts):
    rows = export("status=draft", http=editor_client)
    assert sorted(row[4] for row in rows[1:]) == [
        "Item of a draft country.",
        "Item of a draft plan.",
    ]
