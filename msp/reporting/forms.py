"""The period and breakdown pickers for the measures page and the board dashboard."""

from datetime import date

from django import forms

from msp.core.dates import today
from msp.core.forms import DateField
from msp.core.periods import Period, ReportingYear
from msp.reporting.measures import BOARD_DIMENSIONS, DIMENSIONS

FIRST_YEAR = 2016
QUARTERS = [
    ("", "The whole year"),
    ("1", "Quarter 1 (April to June)"),
    ("2", "Quarter 2 (July to September)"),
    ("3", "Quarter 3 (October to December)"),
    ("4", "Quarter 4 (January to March)"),
]
LONGEST_DAYS = 366 * 5


def year_choices() -> list[tuple[str, str]]:
    current = ReportingYear.containing(today()).start.year
    return [
        (ReportingYear.starting(y).label, ReportingYear.starting(y).label)
        for y in range(current, FIRST_YEAR - 1, -1)
    ]


def describe(start: date, end: date) -> str:
    return f"{start:%-d %B %Y} to {end:%-d %B %Y}"


class PeriodForm(forms.Form):
    """A reporting year, a quarter of it, or a custom from/to (which wins when both are given)."""

    year = forms.ChoiceField(label="Reporting year", required=False)
    quarter = forms.ChoiceField(label="Quarter", choices=QUARTERS, required=False)
    from_date = DateField(
        label="From",
        what="the start of the period",
        required=False,
        help_text="Or choose your own dates. For example, 1 4 2025",
    )
    to_date = DateField(
        label="To", what="the end of the period", required=False, help_text="For example, 30 6 2025"
    )
    include_other = forms.BooleanField(
        label="Include other safeguarding enquiries (not only section 42)", required=False
    )

    def __init__(self, *args, dimensions=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = year_choices()
        if dimensions is not None:
            self.fields["dimension"] = forms.ChoiceField(
                label="Break the measures down by", choices=list(dimensions.items()), required=False
            )

    def clean(self):
        data = super().clean()
        start, end = data.get("from_date"), data.get("to_date")
        if "from_date" in self.errors or "to_date" in self.errors:
            return data
        if start and not end:
            self.add_error("to_date", "Enter the date the period ends, or clear the From date")
        elif end and not start:
            self.add_error("from_date", "Enter the date the period starts, or clear the To date")
        elif start and end:
            if end < start:
                self.add_error("to_date", "The period must end on or after the day it starts")
            elif (end - start).days > LONGEST_DAYS:
                self.add_error("to_date", "Choose a period of five years or less")
        return data

    def period(self) -> Period:
        """The chosen period; the current reporting year when nothing (valid) was chosen."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        if data.get("from_date") and data.get("to_date"):
            start, end = data["from_date"], data["to_date"]
            return Period(start, end, describe(start, end))
        year = ReportingYear.containing(today())
        if data.get("year"):
            year = ReportingYear.parse(data["year"])
        if data.get("quarter"):
            return year.quarters()[int(data["quarter"]) - 1]
        return year

    def chosen(self, name: str, default=None):
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get(name) or default
        return default


def measures_form(data, *, board: bool = False) -> PeriodForm:
    return PeriodForm(data or None, dimensions=BOARD_DIMENSIONS if board else DIMENSIONS)
