from django import forms

from msp import sac
from msp.accounts import policy
from msp.accounts.models import Team, User
from msp.concerns.models import Decision, RaisedBy
from msp.core.forms import CheckedForm, DateField
from msp.core.problems import Problems

YES_NO = [("yes", "Yes"), ("no", "No")]


ALLEGATION_FIELDS = ("type_of_risk", "location_of_risk", "source_of_risk", "detail")


class AllegationForm(CheckedForm):
    type_of_risk = forms.ChoiceField(
        label="Type of risk", error_messages={"required": "Choose the type of risk"}
    )
    location_of_risk = forms.ChoiceField(
        label="Where is the risk?", error_messages={"required": "Choose where the risk is"}
    )
    source_of_risk = forms.ChoiceField(
        label="Who is thought to be the source of risk?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who is thought to be the source of risk"},
    )
    detail = forms.CharField(
        label="More detail (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, received_date=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.offer_lists(received_date)

    def offer_lists(self, received_date) -> None:
        """The lists of the year the concern was received in (today's until it is known): the
        same lists the service checks against."""
        spec = sac.spec_on(received_date)
        self.fields["type_of_risk"].choices = spec.choices(
            "type_of_risk", blank="Choose a type of risk"
        )
        self.fields["location_of_risk"].choices = spec.choices(
            "location_of_risk", blank="Choose a location"
        )
        self.fields["source_of_risk"].choices = spec.choices("source_of_risk")

    def allegation(self) -> dict:
        return {field: self.cleaned_data[field] for field in ALLEGATION_FIELDS}


RISK_LISTS = {
    "type_of_risk": "type of risk",
    "location_of_risk": "location",
    "source_of_risk": "source of risk",
}


def _risk_lists(year: str) -> list | None:
    try:
        spec = sac.spec_for(year)
    except ValueError:  # not a reporting year: sent by hand, not by the form
        return None
    return [spec.choices(name) for name in RISK_LISTS]


class ConcernForm(AllegationForm):
    """The concern as reported, with its first allegation. `may_screen(team)` says whether the
    user may record for a team (asked of the access policy by the view)."""

    received_date = DateField(label="Date the concern was received")
    raised_by_relationship = forms.ChoiceField(
        label="Who raised the concern?",
        choices=RaisedBy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who raised the concern"},
    )
    raised_by_name = forms.CharField(
        label="Their name and organisation (optional)", max_length=200, required=False
    )
    what_reported = forms.CharField(
        label="What was reported?",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter what was reported"},
    )
    # The reporting year whose risk lists the form showed (see __init__).
    lists_year = forms.CharField(required=False, widget=forms.HiddenInput)
    team = forms.ModelChoiceField(
        label="Team screening the concern",
        queryset=Team.objects.filter(active=True),
        empty_label="Choose a team",
        error_messages={
            "required": "Choose the team screening the concern",
            "invalid_choice": "Choose a team from the list",
        },
    )

    field_order = [
        "received_date",
        "raised_by_relationship",
        "raised_by_name",
        "what_reported",
        "type_of_risk",
        "location_of_risk",
        "source_of_risk",
        "detail",
        "team",
    ]

    def __init__(self, *args, person, may_screen, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        self.may_screen = may_screen
        # The date is typed on this same form: once it is sent, the risk lists are that year's,
        # so a concern received last year takes last year's codes here as it would later. If
        # those lists differ from the ones the user chose from, the form comes back once with
        # the right lists rather than saving a choice made from another year's list.
        received = self._received_date_sent()
        lists_year = sac.spec_on(received).year
        shown = str(self.data.get(self.add_prefix("lists_year")) or "") if self.is_bound else ""
        self.lists_changed = bool(shown) and _risk_lists(shown) not in (
            None,
            _risk_lists(lists_year),
        )
        self.lists_note = ""
        if received is not None and lists_year != sac.spec_on().year:
            self.offer_lists(received)
            self.lists_note = (
                f"The lists of risks are those of {lists_year}, the reporting year the concern "
                "was received in."
            )
            for name, what in RISK_LISTS.items():
                self.fields[name].error_messages["invalid_choice"] = (
                    f"Choose a {what} from the {lists_year} list: the concern was received in "
                    f"{lists_year}"
                )
        self.initial["lists_year"] = lists_year
        if self.is_bound:
            self.data = self.data.copy()
            self.data[self.add_prefix("lists_year")] = lists_year

    def _received_date_sent(self):
        if not self.is_bound:
            return None
        field = self.fields["received_date"]
        sent = field.widget.value_from_datadict(
            self.data, self.files, self.add_prefix("received_date")
        )
        try:
            return field.clean(sent)
        except forms.ValidationError:
            return None

    def service_problems(self, data):
        from msp.concerns.services import concern_problems

        problems = concern_problems(
            person=self.person,
            received_date=data.get("received_date"),
            raised_by_relationship=data.get("raised_by_relationship", ""),
            what_reported=data.get("what_reported", ""),
            # The allegation's own choices are the form's fields, already checked.
        )
        if self.lists_changed:
            problems.add(
                "type_of_risk",
                "Check the type of risk, where it is and its source: the concern was received "
                "in a reporting year whose lists are different, and those lists are shown now",
            )
        team = data.get("team")
        if team is not None and not self.may_screen(team):
            problems.add("team", "Choose one of your own teams")
        return problems


class DecisionForm(CheckedForm):
    criteria_care_needs = forms.ChoiceField(
        label="Does the person have needs for care and support (whether or not the council is meeting them)?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Answer whether the person has needs for care and support"},
    )
    criteria_abuse_or_neglect = forms.ChoiceField(
        label="Are they experiencing, or at risk of, abuse or neglect?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Answer whether the person is experiencing, or at risk of, abuse or neglect"
        },
    )
    criteria_unable_to_protect = forms.ChoiceField(
        label="As a result of those needs, are they unable to protect themselves?",
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": "Answer whether the person is unable to protect themselves"},
    )
    decision = forms.ChoiceField(
        label="Decision",
        choices=Decision.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose section 42 enquiry, other enquiry or no enquiry"},
    )
    decision_reason = forms.CharField(
        label="Why was this decision taken?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed if you choose other enquiry or no enquiry",
    )
    other_support_offered = forms.CharField(
        label="What else was offered? (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="For example, information and advice, or a referral for a care needs assessment",
    )
    decision_date = DateField(label="Date of the decision")
    team = forms.ModelChoiceField(
        label="Team for the enquiry",
        queryset=Team.objects.filter(active=True),
        required=False,
        empty_label="Choose a team",
        help_text="Needed if you choose section 42 enquiry or other enquiry",
        error_messages={"invalid_choice": "Choose a team from the list"},
    )
    lead = forms.ModelChoiceField(
        label="Lead practitioner (optional)",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not allocated yet",
        error_messages={"invalid_choice": "Choose a lead practitioner from the list"},
    )
    enquiry_start_date = DateField(
        label="Date the enquiry started",
        required=False,
        help_text="Leave blank to use the date of the decision",
    )

    def __init__(self, *args, concern, **kwargs):
        super().__init__(*args, **kwargs)
        self.concern = concern
        self.watch(concern)
        self.fields["lead"].queryset = policy.enquiry_lead_candidates().order_by(
            "first_name", "last_name"
        )
        self.fields["lead"].label_from_instance = lambda u: (
            f"{u.get_full_name()} ({', '.join(t.name for t in u.teams.all()) or u.get_role_display()})"
        )

    def criteria(self, data: dict | None = None) -> dict:
        """The three answers as True, False, or None when not answered."""
        data = self.cleaned_data if data is None else data
        return {
            field: {"yes": True, "no": False}.get(data.get(field))
            for field in (
                "criteria_care_needs",
                "criteria_abuse_or_neglect",
                "criteria_unable_to_protect",
            )
        }

    def service_problems(self, data) -> Problems:
        from msp.concerns.services import decision_problems

        return decision_problems(
            concern=self.concern,
            decision=data.get("decision", ""),
            decision_date=data.get("decision_date"),
            criteria=self.criteria(data),
            decision_reason=data.get("decision_reason", ""),
            team=data.get("team"),
            lead=data.get("lead"),
            enquiry_start_date=data.get("enquiry_start_date"),
        )
