"""Each validation rule: silent on consistent data, and firing on the fault it exists to catch."""

from datetime import date

import pytest

from msp.core.periods import ReportingYear
from msp.returns import validation
from msp.returns.build import build_return
from msp.returns.selectors import YearData
from msp.returns.tables import TABLES, Cell
from tests.returns import records as r

pytestmark = pytest.mark.django_db
YEAR = ReportingYear.parse("2025-26")


def tables_for(data):
    return {code: spec.compute(data) for code, spec in TABLES.items()}


def bump(cells: list[Cell], row: str, column: str, by: int) -> list[Cell]:
    return [
        Cell(c.row, c.column, c.value + by if (c.row, c.column) == (row, column) else c.value)
        for c in cells
    ]


def good_year():
    someone = r.person()
    r.concern(someone)
    r.enquiry(someone, end=date(2025, 6, 1), risks=[("physical", "own_home", "other_known")])


# (rule, table to break, row, column, change): consistency rules fire on tables that disagree.
BROKEN_TABLES = [
    ("SG1-TOTALS", "SG1b", "male", "concerns", 1),
    ("SG1-INDIVIDUALS", "SG1a", "18_64", "s42", 5),
    ("SG1D-CASES", "SG1d", "physical", "concerns", 1),
    ("SG1F-ENQUIRIES", "SG1f", "total", "other", 5),
    ("SG3-SG4-TOTALS", "SG3a", "dont_know", "s42", 1),
    ("SG3-SG4-TOTALS", "SG4a_part1", "no", "s42", 1),
    ("SG3-ADVOCACY", "SG3a", "support_provided", "s42", 3),
    ("SG4-ACHIEVED", "SG4a_part2", "not", "s42", 1),
    ("SG2E-RISK", "SG2e", "removed", "s42", 2),
]


@pytest.mark.parametrize(("rule", "code", "row", "column", "by"), BROKEN_TABLES)
def test_consistency_rule_fires_on_broken_tables(rule, code, row, column, by):
    good_year()
    data = YearData(YEAR)
    tables = tables_for(data)
    check = validation.RULES[rule].check
    assert check(data, tables) == []
    tables[code] = bump(tables[code], row, column, by)
    findings = check(data, tables)
    assert findings and {f.rule for f in findings} == {rule}
    assert findings[0].severity == validation.RULES[rule].severity


def missing_capacity():
    return r.enquiry(end=date(2025, 6, 1), sac_lacked_capacity="")


def missing_risk_outcome():
    return r.enquiry(end=date(2025, 6, 1), risk_outcome="")


def missing_advocacy():
    return r.enquiry(end=date(2025, 6, 1), sac_lacked_capacity="lacked_capacity")


def missing_achievement():
    return r.enquiry(end=date(2025, 6, 1), sac_outcomes_achieved="")


def no_allegation():
    return r.enquiry(end=date(2025, 6, 1))


def open_too_long():
    return r.enquiry(
        start=date(2025, 1, 10),
        received=date(2025, 1, 9),
        risks=[("physical", "own_home", "other_known")],
    )


def no_birth_date():
    return r.concern(r.person(date_of_birth=None)).person


def child():
    return r.concern(r.person(date_of_birth=date(2010, 1, 1))).person


# (rule, records at fault, how the link to them starts, other rules the fault also trips)
DATA_QUALITY = [
    ("DQ-MISSING-ANSWERS", missing_capacity, "/enquiries/", {"SG3-SG4-TOTALS", "DQ-NO-ALLEGATION"}),
    ("DQ-MISSING-ANSWERS", missing_risk_outcome, "/enquiries/", {"DQ-NO-ALLEGATION"}),
    ("DQ-MISSING-ANSWERS", missing_advocacy, "/enquiries/", {"DQ-NO-ALLEGATION"}),
    ("DQ-MISSING-ANSWERS", missing_achievement, "/enquiries/", {"SG4-ACHIEVED", "DQ-NO-ALLEGATION"}),
    ("DQ-NO-ALLEGATION", no_allegation, "/enquiries/", set()),
    ("DQ-OPEN-OVER-YEAR", open_too_long, "/enquiries/", set()),
    ("DQ-NO-DOB", no_birth_date, "/people/", set()),
    ("DQ-UNDER-18", child, "/people/", set()),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "make", "link", "also"),
    DATA_QUALITY,
    ids=[f"{c[0]}-{c[1].__name__}" for c in DATA_QUALITY],
)
def test_data_quality_rule_links_to_the_records(rule, make, link, also):
    record = make()
    findings = build_return(YEAR).validation
    assert {f.rule for f in findings} == {rule} | also
    finding = next(f for f in findings if f.rule == rule)
    assert finding.total == 1
    key = record.reference if link == "/people/" else str(record.pk)
    assert finding.links[0].href == f"{link}{key}/"


def test_a_clean_year_has_no_findings():
    good_year()
    assert build_return(YEAR).validation == []


def test_links_are_capped_but_the_total_is_not(monkeypatch):
    monkeypatch.setattr(validation, "LINK_LIMIT", 2)
    for _ in range(3):
        r.concern(r.person(date_of_birth=None))
    (finding,) = build_return(YEAR).validation
    assert finding.total == 3 and len(finding.links) == 2


def test_errors_come_before_warnings():
    no_birth_date()
    missing_capacity()
    severities = [f.severity for f in build_return(YEAR).validation]
    assert severities == sorted(severities, key=lambda s: s != "error")
