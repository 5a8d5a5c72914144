"""Forms for improvement projects. Each checks everything in one pass: the service's own rules
run in `clean`, so a page shows every problem at once."""

from django import forms
from django.core.exceptions import ValidationError

from msp import sac
from msp.accounts import policy
from msp.accounts.models import Team, User
from msp.core.forms import DateField
from msp.improvement.projects import selectors, services

# A service names some details differently from the form's fields.
SERVICE_FIELDS = {"team_ids": "teams", "review_dates": "review_date_1", "editor_ids": "editors"}


def _staff_choices():
    users = User.objects.filter(is_active=True).order_by("first_name", "last_name", "username")
    return [
        (u.pk, f"{u} ({u.get_role_display().lower()})")
        for u in users
        if policy.may_be_named_on_project(u)
    ]


def _long_text(label: str, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label, help_text=hint, required=False, widget=forms.Textarea(attrs={"rows": 5})
    )


class ProjectForm(forms.Form):
    name = forms.CharField(
        label="Name of the project",
        max_length=200,
        required=False,
        help_text="For example, North team pilot, spring 2026",
    )
    lead = forms.TypedChoiceField(
        label="Who leads it?", coerce=int, required=False, empty_value=None
    )
    manager = forms.TypedChoiceField(
        label="Who manages it day to day? (optional)",
        coerce=int,
        required=False,
        empty_value=None,
    )
    editors = forms.TypedMultipleChoiceField(
        label="Anyone else who may edit it (optional)",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Safeguarding leads can always edit it.",
    )
    start_date = DateField(label="Start date", past_only=False, required=False)
    end_date = DateField(
        label="End date (optional)",
        past_only=False,
        required=False,
        help_text="Leave it blank for three months from the start date. For example, 31 3 2026",
    )
    teams = forms.TypedMultipleChoiceField(
        label="Teams (optional)",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave them all unticked for every team.",
    )
    areas = forms.MultipleChoiceField(
        label="Areas (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The areas set on the council's teams. A case counts if its team is ticked above "
        "or is in a ticked area.",
    )
    client_groups = forms.MultipleChoiceField(
        label="Client groups (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The person's primary support reason. Leave them unticked for everyone.",
    )
    types_of_risk = forms.MultipleChoiceField(
        label="Types of risk (optional)",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave them unticked for every type.",
    )
    include_other = forms.BooleanField(
        label="Include other safeguarding enquiries, not only section 42 enquiries",
        required=False,
        initial=True,
    )
    target_cases = forms.IntegerField(
        label="Target number of cases",
        required=False,
        initial=services.DEFAULT_TARGET,
        help_text="The guide suggests 20 to 30 cases for a pilot.",
        error_messages={"invalid": "Enter the target as a whole number, like 25"},
    )
    baseline_start = DateField(
        label="Baseline: from (optional)",
        past_only=False,
        required=False,
        help_text="The period to compare with. Leave both baseline dates blank for the same "
        "length of time just before the project starts.",
    )
    baseline_end = DateField(label="Baseline: to (optional)", past_only=False, required=False)
    review_date_1 = DateField(label="Review date", past_only=False, required=False)
    review_date_2 = DateField(
        label="Another review date (optional)", past_only=False, required=False
    )
    review_date_3 = DateField(
        label="Another review date (optional)", past_only=False, required=False
    )
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        staff = _staff_choices()
        self.fields["lead"].choices = [("", "Choose who leads it"), *staff]
        self.fields["manager"].choices = [("", "No one else"), *staff]
        self.fields["editors"].choices = staff
        self.fields["teams"].choices = [
            (t.pk, t.name) for t in Team.objects.filter(active=True).order_by("name")
        ]
        areas = selectors.areas_in_use()
        if areas:
            self.fields["areas"].choices = [(a, a) for a in areas]
        else:
            del self.fields["areas"]
        self.fields["client_groups"].choices = sac.spec_on().choices("primary_support_reason")
        self.fields["types_of_risk"].choices = sac.spec_on().choices("type_of_risk")

    @classmethod
    def initial_for(cls, project) -> dict:
        dates = list(project.review_dates) + ["", "", ""]
        from datetime import date

        return {
            "name": project.name,
            "lead": project.lead_id,
            "manager": project.manager_id,
            "editors": project.editor_ids,
            "start_date": project.start_date,
            "end_date": project.end_date,
            "teams": project.team_ids,
            "areas": project.areas,
            "client_groups": project.client_groups,
            "types_of_risk": project.types_of_risk,
            "include_other": project.include_other,
            "target_cases": project.target_cases,
            "baseline_start": project.baseline_start,
            "baseline_end": project.baseline_end,
            **{
                f"review_date_{i + 1}": date.fromisoformat(d) if d else None
                for i, d in enumerate(dates[:3])
            },
            "seen_version": project.version,
        }

    def details(self) -> dict:
        """The cleaned answers as the services name them."""
        data = self.cleaned_data
        wanted = [data.get("lead"), data.get("manager"), *(data.get("editors") or [])]
        users = {u.pk: u for u in User.objects.filter(pk__in=[pk for pk in wanted if pk])}
        return {
            "name": data.get("name") or "",
            "lead": users.get(data.get("lead")),
            "manager": users.get(data.get("manager")),
            "editors": [users[pk] for pk in data.get("editors") or [] if pk in users],
            "start_date": data.get("start_date"),
            "end_date": data.get("end_date"),
            "team_ids": data.get("teams") or [],
            "areas": data.get("areas") or [],
            "client_groups": data.get("client_groups") or [],
            "types_of_risk": data.get("types_of_risk") or [],
            "include_other": bool(data.get("include_other")),
            "target_cases": data.get("target_cases"),
            "baseline_start": data.get("baseline_start"),
            "baseline_end": data.get("baseline_end"),
            "review_dates": [
                data.get(f"review_date_{i}") for i in (1, 2, 3) if data.get(f"review_date_{i}")
            ],
        }

    def clean(self):
        data = super().clean()
        try:
            services.validate_details(self.details())
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                target = SERVICE_FIELDS.get(field, field)
                if target in self.fields and target not in self.errors:
                    for message in messages:
                        self.add_error(target, message)
                elif target not in self.fields:
                    for message in messages:
                        self.add_error(None, message)
        return data


class AnswersForm(forms.Form):
    """The words of one part of the impact tool: a box per question."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = [q for q in questions if q.field]
        for question in self.questions:
            self.fields[question.field] = _long_text(question.label, question.hint)

    def answers(self) -> dict:
        return {q.field: self.cleaned_data.get(q.field, "") for q in self.questions}


class SignOffForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CaseAddForm(forms.Form):
    reference = forms.CharField(
        label="Concern reference",
        max_length=40,
        required=False,
        help_text="The reference on the enquiry page, for example C000123",
    )
    reason = _long_text("Why add this case?")

    def clean(self):
        data = super().clean()
        if not (data.get("reference") or "").strip():
            self.add_error("reference", "Enter the concern reference of the case to add")
        if len(" ".join((data.get("reason") or "").split())) < 5:
            self.add_error("reason", "Say why you are adding this case (at least 5 characters)")
        return data


class CaseLeaveOutForm(forms.Form):
    reason = _long_text("Why leave this case out?")

    def clean(self):
        data = super().clean()
        if len(" ".join((data.get("reason") or "").split())) < 5:
            self.add_error(
                "reason", "Say why you are leaving this case out (at least 5 characters)"
            )
        return data
