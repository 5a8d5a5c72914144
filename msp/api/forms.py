from django import forms
from django.core.exceptions import ValidationError

from msp.api.models import Scope
from msp.api.services import expiry_problem, latest_expiry
from msp.core.forms import DateField


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What the token is for, so you recognise it later. For example, “Team dashboard”",
        error_messages={"required": "Enter a name for the token"},
    )
    scopes = forms.MultipleChoiceField(
        label="What may the token do?",
        choices=Scope.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply. Each scope still only reaches what your role allows.",
        error_messages={"required": "Choose at least one thing the token may do"},
    )
    expires_on = DateField(
        label="Expiry date",
        past_only=False,
        error_messages={"required": "Enter the date the token expires"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[
            "expires_on"
        ].help_text = f"No more than a year ahead. For example, {latest_expiry():%-d %-m %Y}"

    def clean_expires_on(self):
        value = self.cleaned_data["expires_on"]
        problem = expiry_problem(value)
        if problem:
            raise ValidationError(problem)
        return value
