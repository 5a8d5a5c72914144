"""Form pieces in the GOV.UK Design System's patterns: the three-part date input and past-date checks."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from msp.core.dates import date_problem


class DateInput(forms.MultiWidget):
    """Day, month and year boxes (GOV.UK date input)."""

    def __init__(self, attrs=None):
        widgets = [
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        ]
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class DateField(forms.MultiValueField):
    """A date entered as day, month and year, with messages that say what is expected.

    `past_only` refuses dates after today, which is right for anything that has already happened.
    """

    widget = DateInput

    def __init__(self, *, past_only: bool = True, **kwargs):
        self.past_only = past_only
        # Optional parts: compress() names exactly which part is missing, which beats "Enter a complete value".
        fields = tuple(forms.CharField(required=False) for _ in range(3))
        kwargs.setdefault("help_text", "For example, 27 3 2025")
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def _label(self) -> str:
        return (self.label or "the date").rstrip("?").lower()

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [
            name for name, part in (("day", day), ("month", month), ("year", year)) if not part
        ]
        if missing:
            raise ValidationError(
                f"{self.label or 'The date'} must include a {' and '.join(missing)}"
            )
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise ValidationError(
                f"{self.label or 'The date'} must be a real date, for example 27 3 2025"
            )
        try:
            value = date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(
                f"{self.label or 'The date'} must be a real date, for example 27 3 2025"
            ) from error
        problem = date_problem(value, self.label or "The date", past_only=self.past_only)
        if problem:
            raise ValidationError(problem)
        return value

    def clean(self, value):
        if self.required and (not value or not any(str(v or "").strip() for v in value)):
            raise ValidationError(f"Enter {self._label()}", code="required")
        return super().clean(value)


def require(form: forms.Form, field: str, message: str) -> None:
    """Add a 'this is needed' error to a field that is optional on its own but needed here."""
    form.add_error(field, message)
