"""Dates as the product reasons about them: reporting years, ages and 'not in the future'."""

from datetime import date

from django.utils import timezone

EARLIEST_YEAR = 1900


def today() -> date:
    return timezone.localdate()


def date_problem(value: date | None, label: str, *, past_only: bool = True) -> str | None:
    """The one rule for a date recorded in the product: in 1900 or later and, for anything that
    has already happened, not after today. Forms (msp.core.forms.DateField), services (and so
    the API, which writes through them: msp.core.services.not_future) and imports ask this."""
    if value is None:
        return None
    if value.year < EARLIEST_YEAR:
        return f"{label} must be in {EARLIEST_YEAR} or later"
    if past_only and value > today():
        return f"{label} must be today or in the past"
    return None


def age_on(date_of_birth: date | None, on: date) -> int | None:
    if date_of_birth is None:
        return None
    years = on.year - date_of_birth.year
    if (on.month, on.day) < (date_of_birth.month, date_of_birth.day):
        years -= 1
    return years


def days_between(start: date, end: date) -> int:
    return (end - start).days


def written_date(value: date) -> str:
    """A date as GOV.UK writes it: 3 March 2026."""
    return f"{value.day} {value:%B %Y}"


def written_time(value) -> str:
    """A moment as GOV.UK writes it, in local time, to the minute: 3 March 2026 at 2:15pm."""
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    hour = local.hour % 12 or 12
    return f"{written_date(local.date())} at {hour}:{local:%M}{'am' if local.hour < 12 else 'pm'}"
