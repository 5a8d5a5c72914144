from datetime import date

import openpyxl
import pytest

from msp.core.spreadsheets import csv_text, safe_cell, xlsx_sheet


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+44 20", "'+44 20"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Mary Smith", "Mary Smith"),
        (42, 42),
        (date(2025, 4, 1), date(2025, 4, 1)),
        (None, ""),
        (True, "yes"),
    ],
)
def test_cells_that_would_run_as_formulas_are_defused(value, written):
    assert safe_cell(value) == written


def test_csv_and_xlsx_use_safe_cells():
    assert csv_text([["a", "=1+1"]]) == "a,'=1+1\r\n"
    workbook = openpyxl.Workbook()
    sheet = xlsx_sheet(
        workbook, "A very long sheet title that Excel would refuse", [["=cmd|' /C calc'!A0", 3]]
    )
    assert sheet.title == "A very long sheet title that Ex"
    assert sheet["A1"].value.startswith("'=") and sheet["B1"].value == 3
