"""Table-driven tests of the statutory answers derived from what was recorded (no database)."""

from datetime import date

import pytest

from msp import sac
from msp.sac.derivation import Answers, Recorded, derive, overall_achievement


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        ([], ""),
        (["", ""], ""),
        (["fully"], "fully"),
        (["fully", "fully", ""], "fully"),
        (["not"], "not"),
        (["not", "not"], "not"),
        (["partially"], "partially"),
        (["fully", "not"], "partially"),
        (["fully", "partially"], "partially"),
        (["not", "partially"], "partially"),
    ],
)
def test_overall_achievement(ratings, expected):
    assert overall_achievement(ratings) == expected


def outcome(achievement="", status="current"):
    return (achievement, status)


def conversation(stage="start", asked_no_outcomes=False):
    return (stage, asked_no_outcomes)


def capacity(result):
    return result == "lacks_capacity"


def representation(role, from_date=date(2025, 5, 1)):
    return (role, from_date)


CASES = [
    # (what was recorded, expected answers)
    ({}, ("no", "", "not_recorded", None)),
    ({"conversations": [conversation("during")]}, ("no", "", "not_recorded", None)),
    ({"conversations": [conversation("start")]}, ("dont_know", "", "not_recorded", None)),
    (
        {"conversations": [conversation("start", asked_no_outcomes=True)]},
        ("asked_none_expressed", "", "not_recorded", None),
    ),
    (
        {"outcomes": [outcome("fully"), outcome("fully")]},
        ("asked_expressed", "fully", "not_recorded", None),
    ),
    (
        {"outcomes": [outcome("fully"), outcome("not")]},
        ("asked_expressed", "partially", "not_recorded", None),
    ),
    ({"outcomes": [outcome("")]}, ("asked_expressed", "", "not_recorded", None)),
    (
        # Withdrawn and replaced outcomes were expressed, but only current ones are rated.
        {"outcomes": [outcome("", "withdrawn"), outcome("not", "replaced"), outcome("fully")]},
        ("asked_expressed", "fully", "not_recorded", None),
    ),
    (
        {"outcomes": [outcome("not")], "conversations": [conversation(asked_no_outcomes=True)]},
        ("asked_expressed", "not", "not_recorded", None),
    ),
    ({"capacity": [capacity("has_capacity")]}, ("no", "", "did_not_lack_capacity", None)),
    (
        {"capacity": [capacity("has_capacity"), capacity("lacks_capacity")]},
        ("no", "", "lacked_capacity", False),
    ),
    (
        {"capacity": [capacity("lacks_capacity")], "representations": [representation("imca")]},
        ("no", "", "lacked_capacity", True),
    ),
    (
        {"capacity": [capacity("lacks_capacity")], "representations": [representation("attorney")]},
        ("no", "", "lacked_capacity", False),
    ),
    (
        # An advocate who started after the enquiry closed did not support it.
        {
            "capacity": [capacity("lacks_capacity")],
            "representations": [representation("family_friend", date(2025, 7, 1))],
            "end_date": date(2025, 6, 30),
        },
        ("no", "", "lacked_capacity", False),
    ),
    (
        {
            "capacity": [capacity("lacks_capacity")],
            "representations": [representation("care_act_advocate", date(2025, 6, 30))],
            "end_date": date(2025, 6, 30),
        },
        ("no", "", "lacked_capacity", True),
    ),
    (
        {"capacity": [capacity("has_capacity")], "representations": [representation("imca")]},
        ("no", "", "did_not_lack_capacity", None),
    ),
]


def recorded(record: dict) -> Recorded:
    outcomes = record.get("outcomes", [])
    conversations = record.get("conversations", [])
    return Recorded(
        outcomes_expressed=len(outcomes),
        current_ratings=tuple(a for a, status in outcomes if status == "current"),
        asked_none_expressed=any(asked for _, asked in conversations),
        had_start_conversation=any(stage == "start" for stage, _ in conversations),
        capacity_lacked=tuple(record.get("capacity", [])),
        representations=tuple(record.get("representations", [])),
    )


@pytest.mark.parametrize(("record", "expected"), CASES)
def test_derive(record, expected):
    spec = sac.spec_for("2025-26")
    answers = derive(spec, recorded(record), end_date=record.get("end_date"))
    assert answers == Answers(*expected)
    # Every derived answer is one the specification knows.
    assert set(answers.as_dict()) <= set(spec.answers)
