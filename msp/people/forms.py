from django import forms

from msp import sac
from msp.core.forms import CheckedForm, DateField
from msp.people.models import Person

FIND_FIELDS = ("text", "date_of_birth_0", "date_of_birth_1", "date_of_birth_2")


class FindPersonForm(forms.Form):
    text = forms.CharField(
        label="Name, council reference or NHS number",
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"spellcheck": "false"}),
    )
    date_of_birth = DateField(
        label="Date of birth",
        what="date of birth",
        required=False,
        help_text="For example, 27 3 1940",
    )

    @classmethod
    def searched(cls, query) -> "FindPersonForm":
        """The form bound to a search, or unbound when nothing was searched yet (the page opens
        without an error; "for=concern" alone is not a search)."""
        if any(key in query for key in FIND_FIELDS):
            return cls(query)
        return cls()

    def carried(self) -> dict:
        """The search as query parameters for "add a person", so nothing typed is typed twice."""
        if not self.is_bound:
            return {}
        return {key: self.data[key] for key in FIND_FIELDS if self.data.get(key)}

    def clean(self):
        data = super().clean()
        if not self.errors and not data.get("text") and not data.get("date_of_birth"):
            self.add_error("text", "Enter a name, reference or NHS number, or a date of birth")
        return data


STATUTORY_FIELDS = {
    "sex": "sex",
    "ethnicity": "ethnicity_groups",
    "primary_support_reason": "primary_support_reason",
}


class PersonForm(CheckedForm):
    first_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={"required": "Enter the person's first name"},
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={"required": "Enter the person's last name"},
    )
    preferred_name = forms.CharField(
        label="Preferred name (optional)",
        max_length=100,
        required=False,
        help_text="What the person likes to be called",
    )
    date_of_birth = DateField(
        label="Date of birth",
        what="date of birth",
        required=False,
        help_text="For example, 27 3 1940. Leave blank if not known",
    )
    nhs_number = forms.CharField(
        label="NHS number (optional)",
        max_length=14,
        required=False,
        help_text="10 digits, for example 943 476 5919",
    )
    sex = forms.ChoiceField(label="Sex", required=False)
    ethnicity = forms.ChoiceField(label="Ethnicity", required=False)
    primary_support_reason = forms.ChoiceField(label="Primary support reason", required=False)
    autism = forms.BooleanField(label="Autism (excluding Asperger's syndrome)", required=False)
    aspergers = forms.BooleanField(
        label="Asperger's syndrome or high-functioning autism", required=False
    )
    interpreter_language = forms.CharField(
        label="Interpreter needed: language (optional)", max_length=100, required=False
    )
    needs_easy_read = forms.BooleanField(label="Needs easy read information", required=False)
    needs_bsl = forms.BooleanField(label="Uses British Sign Language", required=False)
    communication_other = forms.CharField(
        label="Other communication needs (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, person: Person | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        if person is not None:
            self.watch(person)
        spec = sac.spec_on()
        for field, list_name in STATUTORY_FIELDS.items():
            choices = spec.choices(list_name, blank="Not recorded")
            held = getattr(person, field, "") if person is not None else ""
            held = held or (self.initial or {}).get(field)
            if held and held not in spec.codes(list_name):
                # A code retired since it was recorded stays selectable on this record only.
                choices.append((held, f"{sac.label(list_name, held)} (no longer in use)"))
            self.fields[field].choices = choices

    def person_fields(self, data: dict | None = None) -> dict:
        data = self.cleaned_data if data is None else data
        return {name: data.get(name) for name in PersonForm.base_fields if name in data}

    def service_problems(self, data):
        from msp.people.services import person_problems

        values = {}
        if self.person is not None:
            values = {name: getattr(self.person, name) for name in PersonForm.base_fields}
            values["date_of_death"] = self.person.date_of_death
        values.update(self.person_fields(data))
        kept = (
            {name: getattr(self.person, name) for name in STATUTORY_FIELDS}
            if self.person is not None
            else None
        )
        return person_problems(Person(**{k: v for k, v in values.items() if v is not None}), kept)


class ConfirmNewPersonForm(PersonForm):
    confirm_new = forms.BooleanField(
        label="None of these is the person: create a new record", required=False
    )
