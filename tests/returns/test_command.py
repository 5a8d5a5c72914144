"""`msp return`: the file formats and clear refusals."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.returns import records as r

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases():
    someone = r.person(ethnicity="", first_name="=HYPERLINK()")
    r.concern(someone)
    r.enquiry(someone, end=date(2025, 6, 1), risks=[("physical", "own_home", "other_known")])


def test_json(cases, tmp_path):
    out = tmp_path / "return.json"
    call_command("return", year="2025-26", fmt="json", output=str(out))
    data = json.loads(out.read_text())
    assert data["year"] == "2025-26"
    assert {"row": "not_known", "column": "concerns", "value": 1} in data["tables"]["SG1c"]


def test_csv(cases, tmp_path):
    out = tmp_path / "return.csv"
    call_command("return", year="2025-26", fmt="csv", output=str(out))
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows[0] == ["table", "row", "column", "value"]
    assert ["SG1f", "total", "concerns", "2"] in rows


def test_xlsx(cases, tmp_path):
    out = tmp_path / "return.xlsx"
    call_command("return", year="2025-26", fmt="xlsx", output=str(out))
    book = load_workbook(out)
    assert book.sheetnames[0] == "SG1a" and book.sheetnames[-1] == "Validation"
    sheet = book["SG2a"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[3] == [
        "Type of risk",
        "Service Provider",
        "Other - Known to individual",
        "Other - Unknown to individual",
    ]
    assert values[4] == ["Physical Abuse", 0, 1, 0]
    assert len(book.sheetnames) == 17


def test_json_to_standard_output(cases, capsys):
    call_command("return", year="2025-26")
    assert json.loads(capsys.readouterr().out)["year"] == "2025-26"


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"year": "2025"}, "A reporting year looks like 2025-26"),
        ({"year": "2025-27"}, "A reporting year looks like 2025-26"),
        ({"year": "2025-26", "fmt": "pdf"}, "--format must be json, csv, publication or xlsx"),
        ({"year": "2025-26", "fmt": "xlsx"}, "--output is needed for xlsx"),
        ({"year": "2025-26", "output": "/no/such/folder/x.json"}, "does not exist"),
    ],
)
def test_bad_options_are_refused_clearly(options, message):
    with pytest.raises(CommandError, match=message):
        call_command("return", **options)
