"""Each table of the return from small, hand-built records: what is counted, and what is not."""

from datetime import date

import pytest
from django.utils import timezone

from msp import sac
from msp.core.periods import ReportingYear
from msp.returns import tables
from msp.returns.models import SafeguardingAdultsReview
from msp.returns.selectors import YearData
from tests.returns import records as r

pytestmark = pytest.mark.django_db
YEAR = ReportingYear.parse("2025-26")
LAST_YEAR = date(2025, 3, 31)
NEXT_YEAR = date(2026, 4, 1)


def ages():
    # Age on 31 March 2026.
    r.concern(r.person(date_of_birth=date(2008, 3, 31)))  # 18 on the day
    r.concern(r.person(date_of_birth=date(2008, 4, 1)))  # 17: a child, age unknown
    r.concern(r.person(date_of_birth=date(1961, 3, 31)))  # 65
    r.concern(r.person(date_of_birth=date(1961, 4, 1)))  # 64
    r.concern(r.person(date_of_birth=date(1931, 3, 31)))  # 95
    r.concern(r.person(date_of_birth=None))
    # Died at 74, would have been 75 at the year end: age at death.
    r.concern(r.person(date_of_birth=date(1950, 12, 1), date_of_death=date(2025, 11, 30)))
    # Died the day after turning 85.
    r.concern(r.person(date_of_birth=date(1940, 6, 1), date_of_death=date(2025, 6, 2)))


def distinct_people():
    someone = r.person(date_of_birth=date(1950, 1, 1))
    r.concern(someone)
    r.concern(someone, date(2025, 9, 1))
    r.enquiry(someone, start=date(2025, 5, 1))
    r.enquiry(someone, start=date(2025, 6, 1))
    r.enquiry(someone, kind="other", start=date(2025, 7, 1))


def out_of_year():
    someone = r.person()
    r.concern(someone, LAST_YEAR)
    r.concern(someone, NEXT_YEAR)
    r.enquiry(someone, start=LAST_YEAR, received=LAST_YEAR)
    archived = r.concern(someone)
    archived.archived_at = timezone.now()
    archived.save()
    r.refresh(archived)


def sexes():
    r.concern(r.person(sex="male"))
    r.concern(r.person(sex=""))
    r.enquiry(r.person(sex="female"), kind="other")


def ethnicities():
    r.concern(r.person(ethnicity="asian"))
    r.concern(r.person(ethnicity=""))
    r.concern(r.person(ethnicity="no_such_code"))


def support_reasons():
    repeat = r.person(primary_support_reason="mental_health")
    for month in (5, 6, 7):
        r.enquiry(repeat, start=date(2025, month, 1))
    r.concern(r.person(primary_support_reason=""))


def conditions():
    both = r.person(autism=True, aspergers=True)
    r.concern(both)
    r.enquiry(both)
    r.concern(r.person(aspergers=True))
    r.concern(r.person())


def risks():
    r.enquiry(
        end=date(2025, 8, 1),
        risks=[
            ("physical", "own_home", "other_known"),
            ("physical", "care_home_nursing", "other_known"),  # same type and source: once
            ("neglect_omission", "own_home", "service_provider"),
        ],
    )
    r.enquiry(end=date(2025, 9, 1), risks=[("physical", "own_home", "other_known")])
    # Not counted: other enquiry, open, concluded last year.
    r.enquiry(kind="other", end=date(2025, 9, 1), risks=[("physical", "own_home", "other_known")])
    r.enquiry(risks=[("physical", "own_home", "other_known")])
    r.enquiry(
        start=date(2024, 6, 1),
        end=LAST_YEAR,
        risks=[("physical", "own_home", "other_known")],
    )


def answers():
    end = date(2025, 10, 1)
    r.enquiry(end=end)  # identified + action, reduced, no capacity issue, expressed, fully
    r.enquiry(
        end=end,
        action_and_result="risk_identified_no_action",
        risk_outcome="remained",
        sac_lacked_capacity="lacked_capacity",
        sac_advocate_support=True,
        sac_asked_outcomes="asked_expressed",
        sac_outcomes_achieved="partially",
    )
    r.enquiry(
        end=end,
        action_and_result="no_risk_no_action",
        risk_outcome="",
        sac_lacked_capacity="lacked_capacity",
        sac_advocate_support=False,
        sac_asked_outcomes="asked_none_expressed",
        sac_outcomes_achieved="",
    )
    r.enquiry(
        end=end,
        action_and_result="",
        risk_outcome="",
        sac_lacked_capacity="",
        sac_asked_outcomes="",
        sac_outcomes_achieved="",
    )
    # Achievement recorded although no outcome was expressed: counted, so that SG4-ACHIEVED
    # finds it (the table counts what is recorded; the rules say what is inconsistent).
    r.enquiry(end=end, sac_asked_outcomes="no", sac_outcomes_achieved="not")


def reviews():
    def sar(ref, completed, died, survived):
        SafeguardingAdultsReview.objects.create(
            reference=ref,
            title=ref,
            decided_on=date(2024, 1, 1),
            completed_on=completed,
            any_died=died > 0,
            individuals_died=died,
            individuals_survived=survived,
        )

    sar("A", date(2025, 5, 1), 1, 0)
    sar("B", date(2026, 3, 31), 2, 1)
    sar("C", date(2025, 4, 1), 0, 3)
    sar("D", None, 1, 0)  # in progress
    sar("E", LAST_YEAR, 1, 0)


CASES = [
    (
        ages,
        "SG1a",
        {
            ("18_64", "concerns"): 2,
            ("65_74", "concerns"): 2,
            ("85_94", "concerns"): 1,
            ("95_plus", "concerns"): 1,
            ("unknown", "concerns"): 2,
        },
    ),
    (
        distinct_people,
        "SG1a",
        {("75_84", "concerns"): 1, ("75_84", "s42"): 1, ("75_84", "other"): 1},
    ),
    (distinct_people, "SG1f", {("total", "concerns"): 5, ("total", "s42"): 2, ("total", "other"): 1}),
    (out_of_year, "SG1f", {}),
    (out_of_year, "SG1a", {}),
    (
        sexes,
        "SG1b",
        {("male", "concerns"): 1, ("not_known", "concerns"): 1, ("female", "concerns"): 1, ("female", "other"): 1},
    ),
    (ethnicities, "SG1c", {("asian", "concerns"): 1, ("not_known", "concerns"): 2}),
    (
        support_reasons,
        "SG1d",
        {("mental_health", "concerns"): 3, ("mental_health", "s42"): 3, ("not_known", "concerns"): 1},
    ),
    (
        conditions,
        "SG1e",
        {
            ("autism_excl_asperger", "concerns"): 2,
            ("autism_excl_asperger", "s42"): 1,
            ("asperger_hfa", "concerns"): 3,
            ("asperger_hfa", "s42"): 1,
        },
    ),
    (
        risks,
        "SG2a",
        {("physical", "other_known"): 2, ("neglect_omission", "service_provider"): 1},
    ),
    (
        risks,
        "SG2b",
        {
            ("own_home", "other_known"): 2,
            ("care_home_nursing", "other_known"): 1,
            ("own_home", "service_provider"): 1,
        },
    ),
    (
        risks,
        "SG2_type_location",
        {
            ("physical", "own_home"): 2,
            ("physical", "care_home_nursing"): 1,
            ("neglect_omission", "own_home"): 1,
        },
    ),
    (
        answers,
        "SG2c",
        {
            ("risk_identified_action", "s42"): 2,
            ("risk_identified_no_action", "s42"): 1,
            ("no_risk_no_action", "s42"): 1,
        },
    ),
    (answers, "SG2e", {("reduced", "s42"): 2, ("remained", "s42"): 1}),
    (
        answers,
        "SG3a",
        {
            ("did_not_lack_capacity", "s42"): 2,
            ("lacked_capacity", "s42"): 2,
            ("support_provided", "s42"): 1,
        },
    ),
    (
        answers,
        "SG4a_part1",
        {("asked_expressed", "s42"): 2, ("asked_none_expressed", "s42"): 1, ("no", "s42"): 1},
    ),
    (answers, "SG4a_part2", {("fully", "s42"): 1, ("partially", "s42"): 1, ("not", "s42"): 1}),
    (reviews, "SG5a", {("one_or_more_died", "sars"): 2, ("none_died", "sars"): 1}),
    (reviews, "SG5b", {("harm_died", "individuals"): 3, ("harm_survived", "individuals"): 4}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("make", "code", "expected"),
    CASES,
    ids=[f"{code}-{make.__name__}" for make, code, _ in CASES],
)
def test_table_counts(make, code, expected):
    make()
    cells = tables.COMPUTE[code](YearData(YEAR))
    found = {(c.row, c.column): c.value for c in cells if c.value}
    assert found == expected


@pytest.mark.parametrize("code", list(sac.spec_for(YEAR).tables))
def test_every_cell_of_the_grid_is_present_with_known_codes(code):
    spec = sac.spec_for(YEAR)
    cells = tables.COMPUTE[code](YearData(YEAR))
    rows = [row for row, _ in spec.rows(code)]
    columns = [column for column, _ in spec.columns(code)]
    assert [(c.row, c.column) for c in cells] == [(a, b) for a in rows for b in columns]
    assert all(c.value == 0 for c in cells)


def test_catalogue_is_in_official_order():
    assert list(sac.spec_for(YEAR).tables) == list(tables.COMPUTE) == [
        "SG1a", "SG1b", "SG1c", "SG1d", "SG1e", "SG1f", "SG2a", "SG2b", "SG2_type_location",
        "SG2c", "SG2e", "SG3a", "SG4a_part1", "SG4a_part2", "SG5a", "SG5b",
    ]  # fmt: skip
