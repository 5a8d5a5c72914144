"""The measures against the hand-built council in conftest.py: every number worked out by hand."""

from datetime import date

import pytest

from msp.core.periods import Period, ReportingYear
from msp.people.models import Person
from msp.reporting import measures as m
from msp.sac.model import years_before
from tests.factories import PersonFactory
from tests.reporting.conftest import close, make_enquiry

pytestmark = pytest.mark.django_db

YEAR = ReportingYear.parse("2025-26")


def options(scope=m.COUNCIL, include_other=False, period=YEAR):
    return m.Options(period=period, scope=scope, include_other=include_other)


def pick(counts: dict, *keys) -> dict:
    return {k: counts[k] for k in keys}


def test_outcomes_measure_per_enquiry(council):
    totals = m.concluded_counts(options())[None]
    assert pick(
        totals,
        "concluded",
        "defined",
        "defined_direct",
        "defined_via",
        "fully",
        "partially",
        "not_met",
        "not_rated",
        "fully_or_partly",
    ) == {
        "concluded": 4,  # E1 E2 E3 E5: E4 is an other enquiry, E6 open, E7 last year
        "defined": 3,  # E3 was asked but expressed none
        "defined_direct": 2,  # E1 and E5 in the person's own words
        "defined_via": 1,  # E2 through a representative
        "fully": 2,
        "partially": 0,
        "not_met": 1,
        "not_rated": 0,
        "fully_or_partly": 2,
    }


def test_outcomes_measure_per_person_takes_the_best_result(council):
    totals = m.concluded_counts(options())[None]
    # Ann: fully in E1, not met in E2: counted once, as fully met, and as defining directly.
    assert pick(
        totals,
        "people",
        "people_defined",
        "people_defined_direct",
        "people_defined_via",
        "people_fully",
        "people_partly",
        "people_not_met",
        "people_not_rated",
    ) == {
        "people": 3,
        "people_defined": 2,
        "people_defined_direct": 2,
        "people_defined_via": 0,
        "people_fully": 2,
        "people_partly": 0,
        "people_not_met": 0,
        "people_not_rated": 0,
    }


def test_other_enquiries_can_be_included(council):
    totals = m.concluded_counts(options(include_other=True))[None]
    assert pick(totals, "concluded", "defined", "defined_via", "partially") == {
        "concluded": 5,
        "defined": 4,
        "defined_via": 2,
        "partially": 1,
    }
    assert pick(totals, "people", "people_defined", "people_defined_via", "people_partly") == {
        "people": 4,
        "people_defined": 3,
        "people_defined_via": 1,
        "people_partly": 1,
    }
    started = m.started_counts(options(include_other=True))[None]
    assert (started["started"], started["with_start"]) == (6, 2)


def test_practice_measures(council):
    totals = m.concluded_counts(options())[None]
    assert pick(
        totals,
        "with_end",
        "long_open",
        "long_open_with_during",
        "lacked_capacity",
        "lacked_capacity_supported",
        "risk_assessed",
        "risk_reduced_removed",
    ) == {
        # E3 had an end conversation; E1's closing review records the person's own answers,
        # which makes it the end conversation. E2 and E5 were closed without asking.
        "with_end": 2,
        "long_open": 3,  # E1 38 days, E3 35, E5 30; E2 only 9
        "long_open_with_during": 1,  # E3
        "lacked_capacity": 1,
        "lacked_capacity_supported": 1,
        "risk_assessed": 4,
        "risk_reduced_removed": 3,  # E3's risk remained
    }
    assert m.started_counts(options())[None] == {
        "started": 5,  # E1 E2 E3 E5 E6
        "with_start": 2,  # E1 E3
        "s42": 5,
        "other": 1,
        "s42_people": 4,  # Ann counts once
        "other_people": 1,
    }
    assert m.outcome_counts(options())[None] == {
        "outcomes": 4,
        "revised": 1,
        "withdrawn": 1,
        "replaced": 0,
    }
    responses = {r["code"]: r["enquiries"] for r in m.response_counts(options())[None]}
    assert responses == {"mediation": 2, "advocacy": 1}
    experience = {(r["topic"], r["answer"]): r["n"] for r in m.experience_counts(options())[None]}
    assert experience == {("felt_listened_to", "yes"): 1, ("felt_listened_to", "partly"): 1}


def test_scope_by_team_and_lead(council, team, practitioner):
    north = m.concluded_counts(options(scope=m.Scope(team_ids=frozenset({team.pk}))))[None]
    assert pick(north, "concluded", "defined", "fully", "not_met", "people", "people_fully") == {
        "concluded": 3,
        "defined": 2,
        "fully": 1,
        "not_met": 1,
        "people": 2,
        "people_fully": 1,
    }
    led = m.concluded_counts(options(scope=m.Scope(team_ids=None, lead_id=practitioner.pk)))
    assert pick(led[None], "concluded", "defined") == {"concluded": 2, "defined": 1}


def test_scope_for_a_user_never_widens(council, practitioner, other_team, lead, team):
    assert m.scope_for(practitioner).team_ids == frozenset({team.pk})
    assert m.scope_for(practitioner, team_id=other_team.pk).team_ids == frozenset()
    assert m.scope_for(lead).team_ids is None
    assert m.scope_for(lead, team_id=other_team.pk).team_ids == frozenset({other_team.pk})
    empty = m.concluded_counts(options(scope=m.scope_for(practitioner, team_id=other_team.pk)))
    assert empty[None]["concluded"] == 0


def _by(dimension, source=m.concluded_counts, key="concluded", period=YEAR):
    groups = source(options(period=period), dimension)
    return {k: v[key] for k, v in groups.items() if v[key]}


def test_breakdown_by_period(council):
    assert _by("period") == {0: 2, 1: 1, 2: 1}  # quarters of the year, by date concluded
    assert _by("period", m.started_counts, "started") == {0: 2, 1: 2, 2: 1}
    q1 = YEAR.quarters()[0]
    assert _by("period", period=q1) == {1: 1, 2: 1}  # May and June
    labels = m.dimension_labels("period", [], options(period=q1))
    assert [label for _, label in labels] == ["Apr 2025", "May 2025", "Jun 2025"]


def test_breakdown_by_team_and_practitioner(council, team, other_team, practitioner):
    assert _by("team") == {team.pk: 3, other_team.pk: 1}
    assert _by("practitioner") == {practitioner.pk: 2, None: 2}


def test_breakdown_by_risk_counts_an_enquiry_once_per_category(council):
    # E3 has two allegations (financial and physical), both in her own home.
    assert _by("type_of_risk") == {"financial_material": 4, "physical": 1}
    assert _by("location_of_risk") == {"own_home": 4}
    assert _by("source_of_risk") == {"other_known": 4}
    outcomes = m.outcome_counts(options(), "type_of_risk")
    assert outcomes["financial_material"]["outcomes"] == 4
    assert "physical" not in outcomes  # E3 expressed no outcomes


def test_breakdown_by_demographics(council):
    assert _by("age_band") == {"75_84": 2, "18_64": 1, "95_plus": 1}
    assert _by("age_band", m.started_counts, "started") == {
        "75_84": 2,
        "18_64": 1,
        "95_plus": 1,
        "unknown": 1,  # Eve's date of birth is not known
    }
    assert _by("sex") == {"female": 2, "male": 2}
    assert _by("ethnicity") == {"white": 4}
    assert _by("primary_support_reason") == {"physical": 4}


def test_breakdown_rows_carry_every_measure_with_labels(council):
    result = m.measures(options(), "type_of_risk")
    rows = {row.key: row for row in result.breakdown}
    assert rows["physical"].label == "Physical Abuse"
    assert rows["physical"].responses == {"mediation": 1, "advocacy": 1}
    assert rows["physical"].experience == {"felt_listened_to": {"partly": 1}}
    assert rows["sexual"].concluded["concluded"] == 0  # an empty category still has its row
    assert len(result.breakdown) == 11


def test_trend_by_quarter(council):
    trend = m.trend(options(), board=True)
    assert [q.label for q in trend.quarters][0] == "2024-25 Q1"
    assert [q.label for q in trend.quarters][-1] == "2025-26 Q4"
    concluded = {k: v["concluded"] for k, v in trend.concluded.items()}
    assert concluded == {3: 1, 4: 2, 5: 1, 6: 1}  # E7 in 2024-25 Q4
    assert {k: v["concerns"] for k, v in trend.concerns.items()} == {3: 1, 4: 2, 5: 3, 6: 1}


def test_board_figures(council):
    figures = m.board_figures(YEAR)
    assert figures.concerns == {"concerns": 6}
    assert figures.started["s42"] == 5 and figures.started["other"] == 1
    assert figures.concluded["concluded"] == 4


def test_drift_threshold_is_exclusive(team, practitioner):
    person = PersonFactory(team=team, actor=practitioner)
    for end in (date(2025, 11, 21), date(2025, 11, 22)):  # open 20 days, then 21
        enquiry = make_enquiry(person, actor=practitioner, start=date(2025, 11, 1))
        close(enquiry, actor=practitioner, end=end)
    totals = m.concluded_counts(options())[None]
    assert (totals["concluded"], totals["long_open"]) == (2, 1)


@pytest.mark.parametrize(
    ("born", "band"),
    [
        (date(1961, 3, 31), "65_74"),  # 65 on the last day of the period
        (date(1961, 4, 1), "18_64"),
        (date(2008, 3, 31), "18_64"),  # 18 that day
        (date(2008, 4, 1), "unknown"),  # 17: outside the return
        (date(1931, 3, 31), "95_plus"),
        (date(1931, 4, 1), "85_94"),
        (None, "unknown"),
    ],
)
def test_age_band_on_the_last_day_of_the_period(team, practitioner, born, band):
    PersonFactory(team=team, actor=practitioner, date_of_birth=born)
    found = Person.objects.annotate(band=m._age_band("", YEAR.end)).get()
    assert found.band == band


def test_a_person_who_died_is_banded_by_their_age_at_death(team, practitioner):
    # 74 when she died in 2025; she would have been 75 on the last day of the period. The
    # return and the measures take age the same way (the specification's rule).
    PersonFactory(
        team=team, actor=practitioner, date_of_birth=date(1950, 12, 1),
        date_of_death=date(2025, 11, 30),
    )  # fmt: skip
    found = Person.objects.annotate(band=m._age_band("", YEAR.end)).get()
    assert found.band == "65_74"


def test_age_band_on_29_february():
    # 29 Feb 2028: someone born 28 Feb 1963 is 65 that day; born 1 Mar 1963, still 64.
    assert years_before(date(2028, 2, 29), 65) == date(1963, 2, 28)


def test_sub_periods():
    custom = Period(date(2025, 5, 15), date(2025, 7, 10), "custom")
    parts = m.sub_periods(custom)
    assert [(p.start, p.end) for p in parts] == [
        (date(2025, 5, 15), date(2025, 5, 31)),
        (date(2025, 6, 1), date(2025, 6, 30)),
        (date(2025, 7, 1), date(2025, 7, 10)),
    ]
    long = Period(date(2024, 1, 1), date(2025, 6, 30), "long")
    assert [p.label for p in m.sub_periods(long)][0] == "2023-24 Q4"
    assert len(m.sub_periods(long)) == 6
    assert [p.label for p in m.sub_periods(YEAR)] == [f"2025-26 Q{i}" for i in range(1, 5)]


def test_last_quarters():
    quarters = m.last_quarters(date(2026, 2, 1))
    assert len(quarters) == 8
    assert quarters[0].label == "2024-25 Q1" and quarters[-1].label == "2025-26 Q4"


# --- limited to some enquiries, and the cases behind a count ----------------------------------


def test_scope_limited_to_some_enquiries(council):
    from msp.enquiries.models import Enquiry

    e1, e2, e3 = council["enquiries"][:3]
    chosen = Enquiry.objects.filter(pk__in=[e1.pk, e3.pk]).values("pk")
    scope = m.Scope(team_ids=None, enquiry_ids=chosen)
    totals = m.concluded_counts(options(scope=scope))[None]
    assert pick(totals, "concluded", "defined", "fully") == {
        "concluded": 2,
        "defined": 1,  # E1; E3 was asked but expressed nothing
        "fully": 1,
    }
    assert m.concern_counts(options(scope=scope))[None]["concerns"] == 2
    assert m.started_counts(options(scope=scope))[None]["started"] == 2
    assert e2 not in m.concluded_cases(options(scope=scope), "concluded")


def test_the_cases_behind_each_count_are_the_ones_it_counts(council):
    keys = [*m.concluded_counts_keys(), *m.DIFFERENCES]  # the differences list their cases too
    per_enquiry = [k for k in keys if not k.startswith("people")]
    totals = m.concluded_counts(options(include_other=True))[None]
    for key in per_enquiry:
        cases = m.concluded_cases(options(include_other=True), key)
        assert cases.count() == totals[key], key
    started = m.started_counts(options())[None]
    for key in ("started", "with_start", "s42", "other"):
        assert m.started_cases(options(), key).count() == started[key], key
    e1, _, e3 = council["enquiries"][:3]
    assert list(m.experience_cases(options(), "felt_listened_to", "yes")) == [e1]
    assert list(m.experience_cases(options(), "felt_listened_to", "partly")) == [e3]
