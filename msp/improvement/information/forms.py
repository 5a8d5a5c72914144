"""Forms for the leaflets and for a person's own summary."""

from django import forms


class LeafletSectionForm(forms.Form):
    heading = forms.CharField(label="Heading", max_length=200, required=False)
    text = forms.CharField(
        label="Words",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Leave a blank line between paragraphs.",
    )
    shown = forms.BooleanField(label="Show this section", required=False, initial=True)
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, easy_read: bool, has_picture: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if easy_read:
            self.fields["text"].help_text = (
                "Easy read: short sentences, one idea each, everyday words. Leave a blank line "
                "between sentences."
            )
            self.fields["picture"] = forms.FileField(
                label="Picture (optional)",
                required=False,
                help_text="A PNG, JPEG, GIF or WebP picture, smaller than 2 MB. It is shown "
                "beside the words.",
            )
            self.fields["picture_description"] = forms.CharField(
                label="What the picture shows",
                max_length=250,
                required=False,
                help_text="A few words for people who cannot see it, for example “A social "
                "worker talking with a woman at her kitchen table”.",
            )
            if has_picture:
                self.fields["remove_picture"] = forms.BooleanField(
                    label="Remove the picture", required=False
                )


class PersonalSummaryForm(forms.Form):
    how_to_reach = forms.CharField(
        label="How they can reach you",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Your name and team, a phone number and an email address.",
    )
    what_happens_next = forms.CharField(
        label="What happens next",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="In plain words, as you would say it to them.",
    )
    large_print = forms.BooleanField(label="Large print", required=False)

    def clean(self):
        data = super().clean()
        if not (data.get("how_to_reach") or "").strip():
            self.add_error("how_to_reach", "Say how they can reach you")
        if not (data.get("what_happens_next") or "").strip():
            self.add_error("what_happens_next", "Say what happens next")
        return data
