from django import forms

from msp.core.forms import DateField


class ReviewForm(forms.Form):
    reference = forms.CharField(
        label="Reference",
        max_length=40,
        help_text="The board's own reference for the review",
        error_messages={"required": "Enter the board's reference for the review"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter a title for the review"},
    )
    decided_on = DateField(label="Date the board decided to hold the review")
    completed_on = DateField(
        label="Date the review was completed (optional)",
        required=False,
        help_text="Leave blank while the review is in progress. For example, 27 3 2026",
    )
    any_died = forms.TypedChoiceField(
        label="Did one or more of the individuals involved die?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether one or more of the individuals died"},
    )
    individuals_died = forms.IntegerField(
        label="Individuals who suffered serious harm and died",
        min_value=0,
        initial=0,
        error_messages={
            "required": "Enter the number of individuals who died (0 if none)",
            "invalid": "The number of individuals who died must be a whole number, like 1",
            "min_value": "The number of individuals who died must be 0 or more",
        },
    )
    individuals_survived = forms.IntegerField(
        label="Individuals who suffered serious harm and survived",
        min_value=0,
        initial=0,
        error_messages={
            "required": "Enter the number of individuals who survived (0 if none)",
            "invalid": "The number of individuals who survived must be a whole number, like 1",
            "min_value": "The number of individuals who survived must be 0 or more",
        },
    )
    notes = forms.CharField(label="Notes (optional)", required=False, widget=forms.Textarea)
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ArchiveForm(forms.Form):
    reason = forms.CharField(
        label="Why is this review being removed from the register?",
        widget=forms.Textarea,
        error_messages={"required": "Enter why the review is being removed from the register"},
    )
