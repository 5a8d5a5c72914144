"""The specification's years: the first checked against the reference lists it was written
from, every later one built from its changes, and the rules that read the same from Python and
the database."""

import json
from datetime import date
from pathlib import Path

import pytest

from msp import sac
from msp.people.models import Person
from msp.sac.model import UNDER_ADULT, UNKNOWN, Changes, Code, Count, ListChanges
from tests.returns import records as r

REFERENCE = (
    Path(__file__).resolve().parents[2] / "msp" / "reference" / "data" / "sac-categories.json"
)
# Where the first year's labels deliberately differ from the reference file: the file gives a
# placeholder (its own words say the label is unconfirmed).
DELIBERATE = {("age_bands_sg1a", "unknown"): "Age unknown"}


def test_the_first_years_lists_are_the_published_lists():
    published = json.loads(REFERENCE.read_text(encoding="utf-8"))
    first = sac.spec_for("2015-16")
    for name in first.lists:
        if name in published:
            expected = [(i["code"], i["label"]) for i in published[name]["items"]]
            assert first.list(name).pairs() == expected, name
    bands = [
        (i["code"], DELIBERATE.get(("age_bands_sg1a", i["code"]), i["label"]))
        for i in published["age_bands_sg1a"]["items"]
    ]
    assert first.age.rows() == bands
    alt = {
        i["code"]: i["alt_label"]
        for i in published["location_of_risk"]["items"]
        if "alt_label" in i
    }
    for code, label in alt.items():
        assert (
            label
            in next(c for c in first.list("location_of_risk").codes if c.code == code).alt_labels
        )


def test_every_year_the_product_offers_has_a_specification():
    years = sac.defined_years()
    assert years[0] == "2015-16"
    assert years == sorted(years) and len(years) == len(set(years))
    for year in years:
        spec = sac.spec_for(year)
        assert spec.year == year and spec.source
        # Every table's rows and columns resolve against the year's own lists.
        for code in spec.tables:
            assert spec.rows(code) and spec.columns(code)
        for rule in spec.rules.values():
            assert rule.code and rule.severity in ("error", "warning") and rule.message


def test_a_year_states_only_its_changes():
    first = sac.spec_for("2015-16")
    changed = Changes(
        source="test",
        lists={
            "risk_outcome": ListChanges(
                add=(Code("escalated", "Risk escalated"),), retire=("removed",)
            )
        },
    ).apply(first, "2016-17")
    assert [c for c, _ in changed.list("risk_outcome").pairs()] == [
        "remained",
        "reduced",
        "escalated",
    ]
    assert changed.lists["type_of_risk"] is first.lists["type_of_risk"]
    assert changed.tables is not first.tables and changed.tables == first.tables
    with pytest.raises(ValueError, match="not on the list"):
        ListChanges(rename={"no_such_code": "X"}).apply(first.list("sex"))
    with pytest.raises(ValueError, match="already on the list"):
        ListChanges(add=(Code("male", "Male"),)).apply(first.list("sex"))


def test_years_before_the_first_and_after_the_last():
    assert sac.spec_for("2010-11").year == "2015-16"
    assert sac.spec_for("2040-41").year == sac.defined_years()[-1]


def test_a_gap_in_the_years_is_refused():
    with pytest.raises(ValueError, match="is missing"):
        with sac.adding_year("2029-30", Changes(source="skips 2027-28 and 2028-29")):
            pass


def test_the_label_of_a_retired_code_is_the_last_one_it_had():
    retire = Changes(source="test", lists={"sex": ListChanges(retire=("not_known",))})
    with sac.adding_year("2027-28", retire):
        assert "not_known" not in sac.spec_for("2027-28").codes("sex")
        assert sac.label("sex", "not_known", on=date(2027, 6, 1)) == "Not Known"
        assert sac.labels("sex", on=date(2027, 6, 1))["not_known"] == "Not Known"
    assert sac.label("sex", "") == "" and sac.label("sex", "nonsense") == "nonsense"


# --- the age rule ----------------------------------------------------------------------------

YEAR_END = date(2026, 3, 31)
AGES = [
    # (born, died, band on 31 March 2026)
    (date(2008, 3, 31), None, "18_64"),
    (date(2008, 4, 1), None, UNDER_ADULT),
    (date(1961, 3, 31), None, "65_74"),
    (date(1961, 4, 1), None, "18_64"),
    (date(1931, 3, 31), None, "95_plus"),
    (None, None, UNKNOWN),
    (date(1950, 12, 1), date(2025, 11, 30), "65_74"),  # 74 at death, would be 75
    (date(1940, 6, 1), date(2025, 6, 2), "85_94"),  # died the day after turning 85
    (date(2007, 12, 1), date(2025, 11, 30), UNDER_ADULT),  # died aged 17
    (date(1950, 12, 1), date(2026, 5, 1), "75_84"),  # died after the year end: age on it
]


@pytest.mark.parametrize(("born", "died", "band"), AGES)
def test_age_is_taken_on_the_last_day_or_at_death(born, died, band):
    assert sac.spec_for("2025-26").age.band(born, died, YEAR_END) == band


@pytest.mark.django_db
def test_the_database_bands_ages_exactly_as_python_does():
    age = sac.spec_for("2025-26").age
    people = [r.person(date_of_birth=born, date_of_death=died) for born, died, _ in AGES]
    found = dict(
        Person.objects.filter(pk__in=[p.pk for p in people])
        .annotate(band=age.expression(YEAR_END))
        .values_list("pk", "band")
    )
    assert [found[p.pk] for p in people] == [band for *_, band in AGES]
    children_unknown = dict(
        Person.objects.annotate(band=age.expression(YEAR_END, child=UNKNOWN)).values_list(
            "pk", "band"
        )
    )
    assert UNDER_ADULT not in children_unknown.values()


# --- answers and their dependencies ------------------------------------------------------------

DEPENDENCIES = [
    # (answers, kind, concluded, expected problems)
    ({"action_and_result": "risk_identified_action"}, "s42", True, {"risk_outcome": "missing"}),
    ({"action_and_result": "inconclusive_no_action"}, "other", True, {"risk_outcome": "missing"}),
    ({"action_and_result": "no_risk_action", "risk_outcome": "reduced"}, "s42", False,
     {"risk_outcome": "not_applicable"}),
    ({"action_and_result": "ceased_at_request"}, "s42", True, {}),
    ({"lacked_capacity": "lacked_capacity"}, "s42", True, {"advocate_support": "missing"}),
    ({"lacked_capacity": "lacked_capacity"}, "other", True, {}),
    ({"lacked_capacity": "dont_know", "advocate_support": False}, "s42", True,
     {"advocate_support": "not_applicable"}),
    ({"asked_outcomes": "asked_expressed"}, "s42", True, {"outcomes_achieved": "missing"}),
    ({"asked_outcomes": "asked_expressed"}, "s42", False, {}),
    ({"asked_outcomes": "no", "outcomes_achieved": "not"}, "s42", True,
     {"outcomes_achieved": "not_applicable"}),
]  # fmt: skip
COMPLETE = {
    "action_and_result": "no_risk_no_action",
    "lacked_capacity": "did_not_lack_capacity",
    "asked_outcomes": "no",
}


@pytest.mark.parametrize(("given", "kind", "concluded", "expected"), DEPENDENCIES)
def test_answer_dependencies(given, kind, concluded, expected):
    spec = sac.spec_for("2025-26")
    answers = {**COMPLETE, **given}
    found = {
        name: answer.problem(answers, kind=kind, concluded=concluded)
        for name, answer in spec.answers.items()
    }
    assert {k: v for k, v in found.items() if v} == expected
    assert set(spec.answer_problems(answers, kind=kind, concluded=concluded)) == set(expected)


def test_the_form_hint_the_service_and_the_return_read_one_dependency():
    spec = sac.spec_for("2025-26")
    answer = spec.answer("risk_outcome")
    assert answer.only_when.codes == {
        "risk_identified_action", "risk_identified_no_action", "inconclusive_action",
        "inconclusive_no_action",
    }  # fmt: skip
    rule = spec.rules["SG2E-RISK"]
    assert rule.compare[0].right.rows_where == "risk_outcome"
    assert "Needed when" not in answer.missing_message()  # phrased per page from the one text
    assert answer.only_when.text in answer.missing_message()


def test_counts_agree_with_their_words():
    assert f"{Count(1)} {Count(1):enquiry is|enquiries are}" == "1 enquiry is"
    assert f"{Count(2_500)} {Count(2_500):enquiry is|enquiries are}" == "2,500 enquiries are"


def test_messages_fill_every_placeholder():
    spec = sac.spec_for("2025-26")
    values = dict.fromkeys(
        ["left", "right", "left_name", "right_name", "column", "year", "day", "when"], "x"
    )
    for rule in spec.rules.values():
        rule.message.format(n=Count(2), **values)  # a missing placeholder raises KeyError


def test_statutory_lists_are_not_read_from_the_practice_lists():
    from msp.reference import selectors as ref

    with pytest.raises(LookupError, match="statutory list"):
        ref.items("type_of_risk")
