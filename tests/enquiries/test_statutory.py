"""Table-driven tests of the statutory answers derived from an enquiry's record (no database)."""

from datetime import date
from types import SimpleNamespace as Row

import pytest

from msp.enquiries.statutory import FIELDS, Answers, derive, overall_achievement


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
    return Row(achievement=achievement, status=status)


def conversation(stage="start", asked_no_outcomes=False):
    return Row(stage=stage, asked_no_outcomes=asked_no_outcomes)


def capacity(result):
    return Row(outcome=result)


def representation(role, from_date=date(2025, 5, 1)):
    return Row(role=role, from_date=from_date)


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


@pytest.mark.parametrize(("record", "expected"), CASES)
def test_derive(record, expected):
    answers = derive(
        outcomes=record.get("outcomes", []),
        conversations=record.get("conversations", []),
        capacity_assessments=record.get("capacity", []),
        representations=record.get("representations", []),
        end_date=record.get("end_date"),
    )
    assert answers == Answers(*expected)
    assert list(answers.as_dict()) == list(FIELDS)
