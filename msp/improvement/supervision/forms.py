"""Forms for supervision and champions, each checking everything in one pass."""

from django import forms

from msp.accounts import policy
from msp.accounts.models import User
from msp.core.forms import CheckedForm, DateField
from msp.improvement.supervision import services


class SupervisionNoteForm(CheckedForm):
    held_on = DateField(label="Date of the supervision", what="the date", required=False)
    reflection = forms.CharField(
        label="What you reflected on together",
        help_text="How the work with the person is going, in MSP terms: what they want, how "
        "their outcomes have changed, risks and choices, and how the practitioner feels about it.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    agreed_actions = forms.CharField(
        label="Agreed actions (optional)",
        help_text="What you agreed, who will do it and by when.",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, enquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.enquiry = enquiry

    def service_problems(self, data: dict):
        return services.note_problems(
            held_on=data.get("held_on"),
            reflection=data.get("reflection") or "",
            enquiry=self.enquiry,
        )


class _UserChoiceForm(forms.Form):
    """A single choice of a member of staff, checked against the offered list."""

    field_name = "user"

    def __init__(self, *args, people: list[User], label: str, blank: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {p.pk: p for p in people}
        choices = [("", blank or "Choose someone")] + [
            (str(p.pk), p.get_full_name() or p.username) for p in people
        ]
        self.fields[self.field_name] = forms.ChoiceField(
            label=label, choices=choices, required=False
        )

    def chosen(self) -> User | None:
        value = self.cleaned_data.get(self.field_name)
        return self.people.get(int(value)) if value else None


class ChampionForm(_UserChoiceForm):
    def clean(self):
        data = super().clean()
        if not data.get("user") and "user" not in self.errors:
            self.add_error("user", "Choose a member of the team")
        return data


class SupervisorForm(_UserChoiceForm):
    field_name = "supervisor"


def champion_candidates(members: list[User]) -> list[User]:
    return [m for m in members if policy.may_be_champion(m)]


def supervisor_candidates(practitioner) -> list[User]:
    staff = User.objects.filter(is_active=True).exclude(pk=practitioner.pk)
    return [u for u in staff.order_by("first_name", "last_name") if policy.may_be_supervisor(u)]
