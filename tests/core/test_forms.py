from datetime import date, timedelta

import pytest
from django import forms

from msp.core.dates import today
from msp.core.forms import DateField, DateInput


class IncidentForm(forms.Form):
    happened = DateField(label="Date of the incident")
    review = DateField(label="Review date", past_only=False, required=False)


def errors_for(day, month, year, field="happened"):
    data = {f"{field}_0": day, f"{field}_1": month, f"{field}_2": year}
    form = IncidentForm(data=data)
    assert not form.is_valid()
    return form.errors[field]


def test_a_real_past_date_is_accepted():
    form = IncidentForm(data={"happened_0": "7", "happened_1": "03", "happened_2": "2025"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"happened": date(2025, 3, 7), "review": None}


def test_today_is_accepted_and_the_future_only_when_allowed():
    now, later = today(), today() + timedelta(days=1)
    form = IncidentForm(
        data={
            "happened_0": now.day,
            "happened_1": now.month,
            "happened_2": now.year,
            "review_0": later.day,
            "review_1": later.month,
            "review_2": later.year,
        }  # fmt: skip
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["review"] == later


def test_a_required_date_left_empty_names_the_field():
    assert errors_for("", "", "") == ["Enter the date of the incident"]


@pytest.mark.parametrize(
    ("day", "month", "year", "missing"),
    [
        ("", "3", "2025", "day"),
        ("7", "", "2025", "month"),
        ("7", "3", "", "year"),
        ("", "", "2025", "day and month"),
    ],
)
def test_missing_parts_are_named(day, month, year, missing):
    assert errors_for(day, month, year) == [f"The date of the incident must include a {missing}"]


@pytest.mark.parametrize(
    ("day", "month", "year"),
    [
        ("31", "2", "2025"),
        ("7", "13", "2025"),
        ("x", "3", "2025"),
        ("7", "3", "25"),
        ("-1", "3", "2025"),
        ("0", "0", "0000"),
    ],
)
def test_non_dates_say_what_is_expected(day, month, year):
    assert errors_for(day, month, year) == [
        "The date of the incident must be a real date, for example 27 3 2025"
    ]


def test_before_1900_is_refused():
    assert errors_for("1", "1", "1899") == ["The date of the incident must be in 1900 or later"]


def test_future_dates_are_refused_by_default():
    later = today() + timedelta(days=1)
    assert errors_for(later.day, later.month, later.year) == [
        "The date of the incident must be today or in the past"
    ]


def test_widget_splits_a_stored_date_into_three_boxes():
    assert DateInput().decompress(date(2025, 3, 7)) == [7, 3, 2025]
    assert DateInput().decompress(None) == [None, None, None]
