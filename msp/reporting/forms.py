"""The period and breakdown pickers for the measures page and the board dashboard."""

from datetime import date, timedelta

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

    def __init__(self, *args, dimensions=None, whole_months: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.whole_months = whole_months
        self.fields["year"].choices = year_choices()
        if whole_months:
            self.fields[
                "from_date"
            ].help_text = "Or choose whole months: the first day of a month. For example, 1 4 2025"
            self.fields["to_date"].help_text = "The last day of a month. For example, 30 6 2025"
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
            elif self.whole_months:
                # Board figures cover whole months at least: shorter or overlapping periods
                # could be compared to work out the small numbers disclosure control hides.
                if start.day != 1:
                    self.add_error(
                        "from_date",
                        "Start the period on the first day of a month, for example 1 4 2025",
                    )
                if (end + timedelta(days=1)).day != 1:
                    self.add_error(
                        "to_date",
                        "End the period on the last day of a month, for example 30 6 2025",
                    )
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
    """The measures page's form, or the board's (whose own dates are whole months)."""
    return PeriodForm(
        data or None, dimensions=BOARD_DIMENSIONS if board else DIMENSIONS, whole_months=board
    )
