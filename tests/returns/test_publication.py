"""The return in the national publication's long CSV layout, with the council's codes."""

import csv
import io
from datetime import date

import pytest

from msp.core.models import council_settings
from msp.core.periods import ReportingYear
from msp.returns import publication
from msp.returns.build import build_return
from tests.returns import records as r

pytestmark = pytest.mark.django_db
YEAR = ReportingYear.parse("2025-26")


@pytest.fixture
def council():
    settings = council_settings()
    settings.report_name = "Demo Borough Council"
    settings.cassr_code = "202"
    settings.ons_code = "E09000007"
    settings.region_code = "E12000007"
    settings.region_name = "London"
    settings.council_type = "London Borough"
    settings.save()
    return settings


def rows(result, **options) -> list[dict]:
    return list(csv.DictReader(io.StringIO(publication.as_csv(result, **options))))


def test_one_line_per_cell_with_the_councils_codes(council):
    for _ in range(3):
        r.enquiry(end=date(2025, 6, 1), risks=[("physical", "own_home", "other_known")])
    result = build_return(YEAR)
    lines = rows(result)
    assert list(lines[0]) == publication.HEADER
    assert len(lines) == sum(len(cells) for cells in result.tables.values())
    first = lines[0]
    assert (first["GEOGRAPHY"], first["COUNCIL_TYPE"], first["REGION_CODE"]) == (
        "England", "London Borough", "E12000007",
    )  # fmt: skip
    assert (first["ONS_CODE"], first["LA_CODE"], first["LA_NAME"]) == (
        "E09000007", "202", "Demo Borough Council",
    )  # fmt: skip
    cell = next(
        line for line in lines
        if line["TABLE_REFERENCE"] == "SG2a" and line["CATEGORY"] == "Physical Abuse"
        and line["SUBCATEGORY"] == "Other - Known to individual"
    )  # fmt: skip
    assert (cell["ENQUIRY_TYPE"], cell["VALUE"]) == ("Concluded Section 42 Enquiries", "3")
    concerns = next(
        line for line in lines
        if line["TABLE_REFERENCE"] == "SG1f" and line["ENQUIRY_TYPE"] == "Safeguarding Concerns"
    )  # fmt: skip
    assert (concerns["CATEGORY"], concerns["SUBCATEGORY"], concerns["VALUE"]) == ("Total", "", "3")
    # The product's own table codes become the publication's references.
    references = {line["TABLE_REFERENCE"] for line in lines}
    assert {"SG2a_b1", "SG4a"} <= references and "SG2_type_location" not in references
    keys = [
        (x["TABLE_REFERENCE"], x["ENQUIRY_TYPE"], x["CATEGORY"], x["SUBCATEGORY"]) for x in lines
    ]
    assert keys == sorted(keys)


def test_the_councils_own_submission_is_not_rounded_or_suppressed(council):
    r.enquiry(end=date(2025, 6, 1), risks=[("physical", "own_home", "other_known")])
    values = {line["VALUE"] for line in rows(build_return(YEAR))}
    assert "[c]" not in values and "1" in values


def test_shared_figures_are_suppressed_and_rounded_as_published(council):
    from msp.reporting.disclosure import NOT_AVAILABLE, suppressed_count

    for _ in range(7):
        r.concern(r.person())
    lines = rows(build_return(YEAR), present=suppressed_count, not_available=NOT_AVAILABLE)
    concerns = next(
        line for line in lines
        if line["TABLE_REFERENCE"] == "SG1f" and line["ENQUIRY_TYPE"] == "Safeguarding Concerns"
    )  # fmt: skip
    assert concerns["VALUE"] == "5"  # 7 rounded to the nearest 5
    assert {line["VALUE"] for line in lines if line["TABLE_REFERENCE"] == "SG2c"} == {"[c]"}
    # No Making Safeguarding Personal data at all is "not available", as the publication shows.
    assert {line["VALUE"] for line in lines if line["TABLE_REFERENCE"] == "SG4a"} == {"[x]"}
