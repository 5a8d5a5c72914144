"""Writing cells that people open in spreadsheet programs.

A value starting with = + - @ (or a tab or carriage return) is run as a formula by Excel and
LibreOffice, so text from case records could execute in an officer's spreadsheet. Such text is
written with a leading apostrophe, which spreadsheets show as plain text. Numbers and dates are
written as they are.
"""

import csv
import io
from collections.abc import Iterable
from datetime import date, datetime

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """The value to write in a CSV or XLSX cell, defused if it would run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int | float | date | datetime):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(rows: Iterable[Iterable]) -> str:
    """Rows as CSV text with every cell made safe."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()


def xlsx_sheet(workbook, title: str, rows: Iterable[Iterable]):
    """Add a worksheet of safe cells to an openpyxl workbook (titles are cut to Excel's 31 characters)."""
    sheet = workbook.create_sheet(title=title[:31])
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    return sheet
