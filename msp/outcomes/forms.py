"""Forms for changing one outcome. Each guards the outcome against someone else's change and
runs the outcome services' rules in the same pass as its own."""

from django import forms

from msp.core.forms import CheckedForm, DateField
from msp.core.problems import Problems
from msp.enquiries.forms import NOT_IN_USE, category_choices, expressed_by_choices
from msp.outcomes import services


class OutcomeForm(CheckedForm):
    def __init__(self, *args, outcome, **kwargs):
        super().__init__(*args, **kwargs)
        self.outcome = outcome
        self.name = outcome.enquiry.person.known_as
        self.watch(outcome)

    def _dated(self, problems: Problems, data) -> Problems:
        if data.get("happened_on") is not None:
            problems.check(services.check_outcome_date, data["happened_on"], self.outcome.enquiry)
        return problems


class ReviseForm(OutcomeForm):
    words = forms.CharField(
        label="What do they want now, in their own words?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what they want now, in their own words"},
    )
    reason = forms.CharField(
        label="Why did it change?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the outcome changed"},
    )
    expressed_by = forms.ChoiceField(
        label="Who expressed it?", error_messages={"required": "Choose who expressed it"}
    )
    category = forms.ChoiceField(
        label="Category (optional)", required=False, error_messages=NOT_IN_USE
    )
    happened_on = DateField(label="When did it change?", what="the date it changed")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expressed_by"].choices = expressed_by_choices(kept=self.outcome.expressed_by)
        self.fields["category"].choices = category_choices(kept=self.outcome.category)
        self.fields["words"].label = f"What does {self.name} want now, in their own words?"
        self.fields["words"].error_messages["required"] = (
            f"Enter what {self.name} wants now, in their own words"
        )
        self.fields["reason"].error_messages["required"] = (
            f"Enter why {self.name} changed what they want"
        )

    def service_problems(self, data):
        problems = services.outcome_problems(
            words=data.get("words", ""),
            expressed_by=data.get("expressed_by", ""),
            category=data.get("category", ""),
            name=self.name,
            on=data.get("happened_on"),
            kept=self.outcome,
        )
        return self._dated(problems, data)


class WithdrawForm(OutcomeForm):
    reason = forms.CharField(
        label="Why is it no longer wanted?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the outcome is no longer wanted"},
    )
    happened_on = DateField(label="When?", what="the date it stopped being wanted")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = f"Why does {self.name} no longer want this?"
        self.fields["reason"].error_messages["required"] = (
            f"Enter why {self.name} no longer wants this"
        )
        self.fields["happened_on"].label = f"When did {self.name} say so?"

    def service_problems(self, data):
        return self._dated(Problems(), data)


class AlternativeForm(OutcomeForm):
    words = forms.CharField(
        label="The plan B, in the person's own words",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the plan B in the person's own words"},
    )
    expressed_by = forms.ChoiceField(
        label="Who expressed it?", error_messages={"required": "Choose who expressed it"}
    )
    category = forms.ChoiceField(
        label="Category (optional)", required=False, error_messages=NOT_IN_USE
    )
    happened_on = DateField(label="When was it said?", what="the date the plan B was said")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expressed_by"].choices = expressed_by_choices()
        self.fields["category"].choices = category_choices()
        self.fields["words"].label = f"The plan B, in {self.name}'s own words"
        self.fields["words"].error_messages["required"] = (
            f"Enter the plan B in {self.name}'s own words"
        )

    def service_problems(self, data):
        problems = services.outcome_problems(
            words=data.get("words", ""),
            expressed_by=data.get("expressed_by", ""),
            category=data.get("category", ""),
            name=self.name,
            on=data.get("happened_on"),
        )
        return self._dated(problems, data)


class TensionForm(OutcomeForm):
    other = forms.ChoiceField(
        label="Which outcome does it pull against?",
        error_messages={"required": "Choose the other outcome"},
    )
    reason = forms.CharField(
        label="Describe the tension",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, the person wants to keep seeing her son; her daughter wants contact stopped",
        error_messages={"required": "Describe the tension between the two outcomes"},
    )
    happened_on = DateField(label="When was it noticed?", what="the date the tension was noticed")

    def __init__(self, *args, others=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.others = {str(o.pk): o for o in others}
        self.fields["other"].choices = [
            ("", "Choose an outcome"),
            *((str(o.pk), o.words) for o in others),
        ]

    def service_problems(self, data):
        return self._dated(Problems(), data)


class ReplaceForm(ReviseForm):
    """A different outcome takes this one's place; both stay on the record, linked."""

    words = forms.CharField(
        label="The new outcome, in the person's own words",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the new outcome in the person's own words"},
    )
    reason = forms.CharField(
        label="Why was the outcome replaced?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the outcome was replaced"},
    )
    happened_on = DateField(label="When?", what="the date it was replaced")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["words"].label = f"The new outcome, in {self.name}'s own words"
        self.fields["words"].error_messages["required"] = (
            f"Enter the new outcome in {self.name}'s own words"
        )
        self.fields["reason"].label = f"Why does {self.name} want a different outcome instead?"
        self.fields["reason"].error_messages["required"] = (
            f"Enter why {self.name} wants a different outcome instead"
        )
        self.fields["happened_on"].label = f"When did {self.name} say so?"
