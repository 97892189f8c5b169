"""The formula guard every CSV and XLSX export shares (config/spreadsheets.py)."""

import io
import itertools
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from config.spreadsheets import guard, unguard, write_xlsx

GUARDED = [
    ("=1+1", "'=1+1"),
    ('=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'),
    ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tplain", "'\tplain"),  # OWASP names tab and carriage return whatever follows
    ("\rplain", "'\rplain"),
    (" =1", "' =1"),  # a spreadsheet that trims cells would run the rest
    ("\n=1", "'\n=1"),
    ("- and more", "'- and more"),
    ("+27 12 342 14 97", "'+27 12 342 14 97"),
    ("-1,000", "'-1,000"),  # not a plain number: the guard errs on the side of text
    # A text's own apostrophes: one more, so that the import takes off exactly one.
    ("'=1", "''=1"),
    ("''@A1", "'''@A1"),
    ("' -1+1", "'' -1+1"),
]
LEFT_AS_THEY_ARE = [
    "-0.7",
    "+5",
    "-1.5E3",
    ".5",
    " -0.7",
    "\u22120.7 migrants/1,000 population",  # the true minus sign starts no formula
    "Reduce costs by 5% = USD 2 million - and more @ once.",
    "O'Brien",
    "'quoted'",
    "'-0.7",
    "",
]


@pytest.mark.parametrize(("text", "written"), GUARDED, ids=[repr(t) for t, _ in GUARDED])
def test_a_text_a_spreadsheet_could_run_gets_an_apostrophe(text, written):
    assert guard(text) == written
    assert unguard(written) == text


@pytest.mark.parametrize("text", LEFT_AS_THEY_ARE, ids=repr)
def test_other_texts_are_left_as_they_are(text):
    assert guard(text) == text
    assert unguard(text) == text


@pytest.mark.parametrize("value", [None, 0, 2021, -0.7, Decimal("-0.7"), Decimal("2100000")])
def test_numbers_and_empty_cells_pass_untouched(value):
    assert guard(value) is value


def test_unguard_undoes_guard_for_every_short_text():
    # Every text of up to four characters drawn from those the guard looks at.
    alphabet = ["'", "=", "+", "-", "@", "\t", "\r", "\n", " ", "1", ".", "a"]
    texts = [
        "".join(chars) for size in range(5) for chars in itertools.product(alphabet, repeat=size)
    ]
    assert len(texts) == 22621
    for text in texts:
        written = guard(text)
        assert written in (text, "'" + text), repr(text)
        assert unguard(written) == text, repr(text)


def test_xlsx_keeps_numbers_as_numbers_and_texts_as_typed():
    stream = io.BytesIO()
    row = ["=1+1", "'=1", "-0.7", -0.7, Decimal("2.5"), 2021, None, "#N/A", "plain"]
    write_xlsx(stream, ["=header", "b"], [row], title="sheet")
    sheet = load_workbook(io.BytesIO(stream.getvalue()))["sheet"]
    header, cells = sheet[1], sheet[2]

    assert [cell.value for cell in cells] == [*row[:4], 2.5, 2021, None, "#N/A", "plain"]
    assert [cell.data_type for cell in cells] == ["s", "s", "s", "n", "n", "n", "n", "s", "s"]
    # The flag Excel sets for a typed apostrophe: the text shows as typed and stays text.
    assert [bool(cell.quotePrefix) for cell in cells] == [True, True] + [False] * 7
    assert (header[0].value, header[0].data_type, header[0].quotePrefix) == ("=header", "s", True)
    assert header[0].font.bold and header[1].font.bold
