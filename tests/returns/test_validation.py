"""Each validation rule: silent on consistent data, and firing on the fault it exists to catch,
with links to the records behind it."""

from datetime import date

import pytest

from msp import sac
from msp.core.periods import ReportingYear
from msp.returns import validation
from msp.returns.build import build_return
from msp.returns.models import SafeguardingAdultsReview
from msp.returns.selectors import YearData
from msp.returns.tables import Cell, compute_tables
from tests.returns import records as r

pytestmark = pytest.mark.django_db
YEAR = ReportingYear.parse("2025-26")
END = date(2025, 6, 1)
RISK = [("physical", "own_home", "other_known")]


def bump(cells: list[Cell], row: str, column: str, by: int) -> list[Cell]:
    return [
        Cell(c.row, c.column, c.value + by if (c.row, c.column) == (row, column) else c.value)
        for c in cells
    ]


def good_year():
    someone = r.person()
    r.concern(someone)
    r.enquiry(someone, end=END, risks=RISK)


def fired(data, tables, rule):
    return [f for f in validation.run_rules(data, tables) if f.rule == rule]


# (rule, table to break, row, column, change): consistency rules fire on tables that disagree.
BROKEN_TABLES = [
    ("SG1-TOTALS", "SG1b", "male", "concerns", 1),
    ("SG1-INDIVIDUALS", "SG1a", "18_64", "s42", 5),
    ("SG1D-CASES", "SG1d", "physical", "concerns", 1),
    ("SG1F-ENQUIRIES", "SG1f", "total", "other", 5),
    ("SG2C-TOTAL", "SG2c", "no_risk_action", "s42", 1),
    ("SG3-SG4-TOTALS", "SG3a", "dont_know", "s42", 1),
    ("SG3-SG4-TOTALS", "SG4a_part1", "no", "s42", 1),
    ("SG3-ADVOCACY", "SG3a", "support_provided", "s42", 3),
    ("SG4-ACHIEVED", "SG4a_part2", "not", "s42", 1),
    ("SG2E-RISK", "SG2e", "removed", "s42", 2),
    ("SG5-DEATHS", "SG5a", "one_or_more_died", "sars", 1),
]


@pytest.mark.parametrize(("rule", "code", "row", "column", "by"), BROKEN_TABLES)
def test_consistency_rule_fires_on_broken_tables(rule, code, row, column, by):
    good_year()
    data = YearData(YEAR)
    tables = compute_tables(data)
    assert fired(data, tables, rule) == []
    tables[code] = bump(tables[code], row, column, by)
    findings = fired(data, tables, rule)
    assert findings
    assert findings[0].severity == sac.spec_for(YEAR).rules[rule].severity
    assert findings[0].links, "every finding links to the records (or tables) behind it"


def test_every_rule_of_the_year_is_tested_here():
    tested = {rule for rule, *_ in BROKEN_TABLES} | {rule for rule, *_ in DATA_QUALITY}
    assert set(sac.spec_for(YEAR).rules) == tested


def missing_capacity():
    return r.enquiry(end=END, sac_lacked_capacity="")


def missing_risk_outcome():
    return r.enquiry(end=END, risk_outcome="")


def risk_outcome_without_risk():
    return r.enquiry(end=END, action_and_result="no_risk_action", risk_outcome="removed")


def missing_advocacy():
    return r.enquiry(end=END, sac_lacked_capacity="lacked_capacity")


def advocacy_without_lacking_capacity():
    return r.enquiry(end=END, sac_advocate_support=True)


def missing_achievement():
    return r.enquiry(end=END, sac_outcomes_achieved="")


def achievement_without_outcomes():
    return r.enquiry(end=END, sac_asked_outcomes="no")


def missing_action():
    return r.enquiry(end=END, action_and_result="", risk_outcome="")


def retired_code():
    return r.enquiry(end=END, risks=[("no_longer_a_type", "own_home", "other_known")])


def no_allegation():
    return r.enquiry(end=END)


def open_too_long():
    return r.enquiry(start=date(2025, 1, 10), received=date(2025, 1, 9), risks=RISK)


def enquiry_of_last_years_concern():
    return r.enquiry(start=date(2025, 4, 2), received=date(2025, 3, 30), risks=RISK)


def no_birth_date():
    return r.concern(r.person(date_of_birth=None)).person


def child():
    return r.concern(r.person(date_of_birth=date(2010, 1, 1))).person


def review_with_no_deaths():
    return SafeguardingAdultsReview.objects.create(
        reference="SAR1", title="A", decided_on=date(2025, 1, 1), completed_on=END,
        any_died=True, individuals_died=0,
    )  # fmt: skip


NA = "DQ-NO-ALLEGATION"
# (rule, records at fault, how the link to them starts, other rules the fault also trips)
DATA_QUALITY = [
    ("DQ-MISSING-ANSWERS", missing_capacity, "/enquiries/", {"SG3-SG4-TOTALS", NA}),
    ("DQ-MISSING-ANSWERS", missing_risk_outcome, "/enquiries/", {"SG2E-RISK", NA}),
    ("DQ-MISSING-ANSWERS", missing_advocacy, "/enquiries/", {NA}),
    ("DQ-MISSING-ANSWERS", missing_achievement, "/enquiries/", {"SG4-ACHIEVED", NA}),
    ("DQ-MISSING-ANSWERS", missing_action, "/enquiries/", {"SG2C-TOTAL", NA}),
    ("SG2E-RISK", risk_outcome_without_risk, "/enquiries/", {NA}),
    ("SG3-ADVOCACY", advocacy_without_lacking_capacity, "/enquiries/", {NA}),
    ("SG4-ACHIEVED", achievement_without_outcomes, "/enquiries/", {NA}),
    ("DQ-UNLISTED-CODE", retired_code, "/enquiries/", set()),
    ("DQ-NO-ALLEGATION", no_allegation, "/enquiries/", set()),
    ("DQ-OPEN-OVER-YEAR", open_too_long, "/enquiries/", set()),
    ("SG1F-ENQUIRIES", enquiry_of_last_years_concern, "/enquiries/", set()),
    ("DQ-NO-DOB", no_birth_date, "/people/", set()),
    ("DQ-UNDER-18", child, "/people/", set()),
    ("SG5-DEATHS", review_with_no_deaths, "/returns/reviews/", set()),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule", "make", "link", "also"),
    DATA_QUALITY,
    ids=[f"{c[0]}-{c[1].__name__}" for c in DATA_QUALITY],
)
def test_rule_links_to_the_records_at_fault(rule, make, link, also):
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


def test_messages_agree_in_number():
    for _ in range(2):
        no_allegation()
    (finding,) = [f for f in build_return(YEAR).validation if f.rule == "DQ-NO-ALLEGATION"]
    assert finding.message.startswith("2 concluded section 42 enquiries have no allegation")
