"""The briefing note's edit form: the title, a box per section, and what changed."""

from django import forms

from msp.improvement.briefing import wording


class BriefingForm(forms.Form):
    title = forms.CharField(label="Title", max_length=200, required=False)
    change_note = forms.CharField(
        label="What changed in this version (optional)",
        max_length=300,
        required=False,
        help_text="Staff see this beside the version, for example “New section on advocacy”.",
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for section in wording.SECTIONS:
            self.fields[section.field] = forms.CharField(
                label=section.heading,
                help_text=f"{section.covers} Leave a blank line between paragraphs.",
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
            )
        # The change note reads best last.
        self.order_fields(["title", *wording.FIELDS, "change_note"])

    def sections(self) -> dict:
        return {field: self.cleaned_data.get(field, "") for field in wording.FIELDS}


class ConfirmForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
