from django import forms

from msp.core.forms import DateField
from msp.enquiries.forms import category_choices, expressed_by_choices


class ReviseForm(forms.Form):
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
    category = forms.ChoiceField(label="Category (optional)", required=False)
    happened_on = DateField(label="When did it change?")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expressed_by"].choices = expressed_by_choices()
        self.fields["category"].choices = category_choices()


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why is it no longer wanted?",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter why the outcome is no longer wanted"},
    )
    happened_on = DateField(label="When?")


class AlternativeForm(forms.Form):
    words = forms.CharField(
        label="The plan B, in the person's own words",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the plan B in the person's own words"},
    )
    expressed_by = forms.ChoiceField(
        label="Who expressed it?", error_messages={"required": "Choose who expressed it"}
    )
    category = forms.ChoiceField(label="Category (optional)", required=False)
    happened_on = DateField(label="When was it said?")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expressed_by"].choices = expressed_by_choices()
        self.fields["category"].choices = category_choices()


class TensionForm(forms.Form):
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
    happened_on = DateField(label="When was it noticed?")

    def __init__(self, *args, others=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.others = {str(o.pk): o for o in others}
        self.fields["other"].choices = [
            ("", "Choose an outcome"),
            *((str(o.pk), o.words) for o in others),
        ]


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
    happened_on = DateField(label="When?")
