from django import forms

from msp.core.forms import CheckedForm, DateField
from msp.returns.models import SafeguardingAdultsReview


class ReviewForm(CheckedForm):
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

    def __init__(self, *args, review: SafeguardingAdultsReview | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.review = review
        if review is not None:
            self.watch(review)

    def values(self, data: dict | None = None) -> dict:
        data = self.cleaned_data if data is None else data
        return {k: v for k, v in data.items() if k != "version"}

    def service_problems(self, data):
        from msp.returns.services import FIELDS, review_problems

        values = {f: getattr(self.review, f) for f in FIELDS} if self.review else {}
        values.update({k: v for k, v in self.values(data).items() if k in FIELDS})
        candidate = SafeguardingAdultsReview(pk=getattr(self.review, "pk", None), **values)
        return review_problems(candidate)


class ArchiveForm(CheckedForm):
    reason = forms.CharField(
        label="Why is this review being removed from the register?",
        widget=forms.Textarea,
        error_messages={"required": "Enter why the review is being removed from the register"},
    )

    def __init__(self, *args, review: SafeguardingAdultsReview, **kwargs):
        super().__init__(*args, **kwargs)
        self.watch(review)
