"""Form pieces in the GOV.UK Design System's patterns: the three-part date input, and the base form
that reports every problem at once and guards against lost updates."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from msp.core.dates import date_problem
from msp.core.problems import Problems


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

    `what` names the date in messages ("Enter the date the tension was noticed"); it defaults
    to the label, which reads well only when the label is a noun ("Date of the decision"), so a
    field whose label is a question must give it. `past_only` refuses dates after today, which
    is right for anything that has already happened.
    """

    widget = DateInput

    def __init__(self, *, past_only: bool = True, what: str = "", **kwargs):
        self.past_only = past_only
        self.what = what
        self.required_message = (kwargs.get("error_messages") or {}).get("required")
        # Optional parts: compress() names exactly which part is missing, which beats "Enter a complete value".
        fields = tuple(forms.CharField(required=False) for _ in range(3))
        kwargs.setdefault("help_text", "For example, 27 3 2025")
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def _what(self) -> str:
        if self.what:
            return self.what
        label = str(self.label or "the date").replace("(optional)", "").strip().rstrip("?")
        label = label[:1].lower() + label[1:]
        # "Date of the decision" reads as "Enter the date of the decision".
        return f"the {label}" if label.startswith("date ") else label

    def _subject(self) -> str:
        what = self._what()
        return what[:1].upper() + what[1:]

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [
            name for name, part in (("day", day), ("month", month), ("year", year)) if not part
        ]
        if missing:
            raise ValidationError(f"{self._subject()} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise ValidationError(f"{self._subject()} must be a real date, for example 27 3 2025")
        try:
            value = date(int(year), int(month), int(day))
        except ValueError as error:
            raise ValidationError(
                f"{self._subject()} must be a real date, for example 27 3 2025"
            ) from error
        problem = date_problem(value, self._subject(), past_only=self.past_only)
        if problem:
            raise ValidationError(problem)
        return value

    def clean(self, value):
        if self.required and (not value or not any(str(v or "").strip() for v in value)):
            raise ValidationError(self.required_message or f"Enter {self._what()}", code="required")
        return super().clean(value)


class CheckedForm(forms.Form):
    """A form that reports every problem in one pass and refuses to overwrite others' changes.

    `service_problems(data)` runs the service's own rules on whatever the form could read, so a
    refusal from the service (an NHS number, a phrase that is not an outcome, the lead's team)
    shows beside the form's own errors rather than after they are fixed. A field the form
    already found wrong keeps only the form's message.

    `watch(obj)` adds a hidden field holding the version of a record the page changes;
    `find_conflicts()` compares it with the record now and, when someone else saved in the
    meantime, lists what they changed (`self.conflicts`) and moves the hidden version on, so
    that saving again applies what this user typed on top of the other person's change.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.watched: list[tuple] = []
        self.conflicts: list = []
        self.conflict_message = ""
        # Messages without a field of their own, linked from the error summary to a part of
        # the page instead (a row of a summary list, the list of someone else's changes).
        self.error_anchors: dict[str, str] = {}

    def service_problems(self, data: dict) -> Problems | None:
        return None

    def full_clean(self):
        super().full_clean()
        if not self.is_bound or (self.empty_permitted and not self.has_changed()):
            return
        problems = self.service_problems(dict(self.cleaned_data))
        if not problems:
            return
        for field, messages in problems.items():
            in_form = field in self.fields
            if in_form and field in self._errors:
                continue
            for message in messages:
                if not in_form and message in self.non_field_errors():
                    continue
                self.add_error(field if in_form else None, message)

    def watch(
        self, obj, *, name: str = "version", record: str = "", prefix: str = "", only_if=None
    ) -> None:
        """Guard `obj` against lost updates. `record` names it in the list of changes, `prefix`
        maps its fields onto this form's, and `only_if(data)` limits the guard to submissions
        that change it."""
        self.fields[name] = forms.IntegerField(
            required=False, widget=forms.HiddenInput, initial=obj.version
        )
        self.watched.append((name, obj, record, prefix, only_if))

    def seen(self, name: str = "version") -> int | None:
        """The version of a watched record that the user started from."""
        if not self.is_bound:
            return None
        value = str(self.data.get(name, "")).strip()
        return int(value) if value.isdigit() and len(value) < 10 else None

    def find_conflicts(self) -> bool:
        """True when a watched record changed since the user opened the page (call after
        is_valid()). Adds the error, lists the changes and takes the current versions. A detail
        the other person changed and this user left as it was takes their value in the form;
        one both changed keeps this user's, with theirs shown above it."""
        from msp.core.conflicts import CONFLICT_MESSAGE, Describer, changes_since

        changes, stale = [], False
        for name, obj, record, prefix, only_if in self.watched:
            if only_if is not None and not only_if(self.data):
                continue
            seen = self.seen(name)
            current = type(obj)._base_manager.filter(pk=obj.pk).first()
            if seen is None or current is None or current.version == seen:
                continue
            stale = True
            self.data = self.data.copy()
            self.data[self.add_prefix(name)] = str(current.version)
            for change in changes_since(
                current, seen, record=record, describe=Describer(self, prefix)
            ):
                changes.append(self._take_theirs(prefix + change.name, change))
        if stale:
            self.conflicts = sorted(changes, key=lambda change: change.when)
            self.conflict_message = CONFLICT_MESSAGE
            self.error_anchors[CONFLICT_MESSAGE] = "#conflict"
            self.add_error(None, CONFLICT_MESSAGE)
        return stale

    def _take_theirs(self, name: str, change):
        from dataclasses import replace

        field = self.fields.get(name)
        cleaned = getattr(self, "cleaned_data", {})
        if field is None or isinstance(field.widget, forms.HiddenInput) or name not in cleaned:
            return change
        if _comparable(field, cleaned[name]) != _comparable(field, change.before):
            return change  # this user changed it too: what they typed stays
        key = self.add_prefix(name)
        after = change.after
        if isinstance(field.widget, DateInput):
            parts = [after.day, after.month, after.year] if after else ["", "", ""]
            for index, part in enumerate(parts):
                self.data[f"{key}_{index}"] = str(part)
        elif isinstance(field.widget, forms.CheckboxInput):
            if after:
                self.data[key] = "on"
            else:
                self.data.pop(key, None)
        elif isinstance(field.widget, forms.SelectMultiple):
            self.data.setlist(key, [str(v) for v in after or []])
        else:
            self.data[key] = _comparable(field, after)
        return replace(change, taken=True)


def _comparable(field, value):
    """A form's value and a stored one in the same terms: the text a form would post."""
    if hasattr(value, "pk"):
        return str(value.pk)
    if isinstance(value, bool) and not isinstance(field.widget, forms.CheckboxInput):
        return {True: "yes", False: "no"}[value]
    if isinstance(value, list | tuple | set):
        return sorted(str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return value
