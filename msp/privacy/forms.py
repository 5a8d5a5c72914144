from django import forms

from msp import sac
from msp.core.forms import CheckedForm, DateField
from msp.people.forms import STATUTORY_FIELDS
from msp.privacy.models import RectificationDecision


def _text(label: str, *, required: bool = True, message: str = "", hint: str = "", rows: int = 4):
    return forms.CharField(
        label=label,
        required=required,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={"required": message} if message else {},
    )


class PersonChangeForm(CheckedForm):
    """A data-protection change to a person's record, guarded against someone else's change."""

    def __init__(self, *args, person, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.watch(person)


class RestrictForm(PersonChangeForm):
    reason = _text(
        "Why is processing restricted?",
        message="Enter why processing is restricted",
        hint="For example: the person contests the accuracy of the record while we check it",
    )


class LiftRestrictionForm(PersonChangeForm):
    reason = _text("Why is the restriction lifted?", message="Enter why the restriction is lifted")


class LegalHoldForm(forms.Form):
    reason = _text(
        "Why must the records be kept?",
        message="Enter why the records must be kept",
        hint="For example: police investigation, court proceedings, Safeguarding Adults Review",
    )
    placed_on = DateField(label="Date the hold was placed")


class LiftLegalHoldForm(CheckedForm):
    lifted_reason = _text("Why is the hold lifted?", message="Enter why the hold is lifted")
    lifted_on = DateField(label="Date the hold was lifted")

    def __init__(self, *args, hold, **kwargs):
        super().__init__(*args, **kwargs)
        self.hold = hold

    def service_problems(self, data):
        from msp.privacy.services import legal_hold_lift_problems

        return legal_hold_lift_problems(
            hold=self.hold, reason=data.get("lifted_reason", ""), lifted_on=data.get("lifted_on")
        )


class RectificationForm(PersonChangeForm):
    received_on = DateField(label="Date the request was received")
    what_is_wrong = _text(
        "What does the person say is wrong?",
        message="Enter what the person says is wrong",
        hint="Which details or records, and what they say is wrong with them",
    )
    statement = _text(
        "The person's statement, in their words",
        message="Enter the person's statement, in their words",
        hint="This stays on the record whatever you decide",
        rows=6,
    )
    decision = forms.ChoiceField(
        label="Was the record corrected?",
        choices=RectificationDecision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the record was corrected"},
    )
    decision_reason = _text(
        "Reason (needed if not corrected)",
        required=False,
        hint="If not corrected, why the record is accurate as it stands",
    )
    first_name = forms.CharField(
        label="Corrected first name (optional)", required=False, max_length=100
    )
    last_name = forms.CharField(
        label="Corrected last name (optional)", required=False, max_length=100
    )
    preferred_name = forms.CharField(
        label="Corrected preferred name (optional)", required=False, max_length=100
    )
    date_of_birth = DateField(label="Corrected date of birth (optional)", required=False)
    date_of_death = DateField(label="Corrected date of death (optional)", required=False)
    nhs_number = forms.CharField(
        label="Corrected NHS number (optional)", required=False, max_length=14
    )
    sex = forms.ChoiceField(label="Corrected sex (optional)", required=False)
    ethnicity = forms.ChoiceField(label="Corrected ethnicity (optional)", required=False)
    primary_support_reason = forms.ChoiceField(
        label="Corrected primary support reason (optional)", required=False
    )
    interpreter_language = forms.CharField(
        label="Corrected interpreter language (optional)", required=False, max_length=100
    )
    communication_other = _text(
        "Corrected other communication needs (optional)", required=False, rows=3
    )

    CORRECTIONS = [
        "first_name",
        "last_name",
        "preferred_name",
        "date_of_birth",
        "date_of_death",
        "nhs_number",
        "sex",
        "ethnicity",
        "primary_support_reason",
        "interpreter_language",
        "communication_other",
    ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        spec = sac.spec_on()
        for field, list_name in STATUTORY_FIELDS.items():
            self.fields[field].choices = spec.choices(list_name, blank="No change")
        # Which detail a correction must be entered in, when none was: the first of them.
        self.error_anchors["Enter the corrected value of at least one detail"] = "#id_first_name"

    def corrections(self, data: dict | None = None) -> dict:
        data = self.cleaned_data if data is None else data
        return {name: data.get(name) for name in self.CORRECTIONS}

    def service_problems(self, data):
        from msp.privacy.services import rectification_problems

        return rectification_problems(
            person=self.person,
            received_on=data.get("received_on"),
            what_is_wrong=data.get("what_is_wrong", ""),
            statement=data.get("statement", ""),
            decision=data.get("decision", ""),
            decision_reason=data.get("decision_reason", ""),
            corrections=self.corrections(data),
        )

    def request_fields(self):
        return [self[name] for name in ("received_on", "what_is_wrong", "statement")]

    def decision_fields(self):
        return [self[name] for name in ("decision", "decision_reason")]

    def correction_fields(self):
        return [self[name] for name in self.CORRECTIONS]
