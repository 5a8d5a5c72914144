"""Dates as the product reasons about them: reporting years, ages and 'not in the future'."""

from datetime import date

from django.utils import timezone


def today() -> date:
    return timezone.localdate()


def age_on(date_of_birth: date | None, on: date) -> int | None:
    if date_of_birth is None:
        return None
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def days_between(start: date, end: date) -> int:
    return (end - start).days
