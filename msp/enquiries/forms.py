"""Forms for the practice recorded in an enquiry. Repeated parts (one per outcome) are named
`<part>_<n>_<field>` so that a service's refusal of part n lands on the right field."""

from django import forms

from msp import sac
from msp.accounts.models import Team, User
from msp.core.forms import DateField
from msp.enquiries import statutory
from msp.enquiries.models import (
    AnsweredBy,
    CapacityOutcome,
    ConversationKind,
    ExperienceAnswer,
    Method,
    Participant,
    Stage,
)
from msp.outcomes.models import Achievement
from msp.reference import selectors as ref

NEW_OUTCOME_SLOTS = 3
# The closing review's answer for "no risk outcome": radios need a value to be chosen.
RISK_NOT_NEEDED = "not_needed"
REVISIT_CHOICES = [
    ("still", "Still wanted as it is"),
    ("changed", "Changed"),
    ("withdrawn", "No longer wanted"),
]


def expressed_by_choices():
    return ref.choices("outcome_expressed_by", blank="Choose who expressed it")


def category_choices():
    return ref.choices("desired_outcome_categories", blank="Choose later")


class AllocateForm(forms.Form):
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.filter(active=True),
        empty_label="Choose a team",
        error_messages={"required": "Choose the team"},
    )
    lead = forms.ModelChoiceField(
        label="Lead practitioner",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not allocated",
    )

    def __init__(self, *args, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        if teams is not None:
            self.fields["team"].queryset = teams
        self.fields["lead"].queryset = (
            User.objects.filter(is_active=True, teams__in=self.fields["team"].queryset)
            .distinct()
            .order_by("first_name")
        )


class ConversationForm(forms.Form):
    held_on = DateField(label="Date of the conversation or meeting")
    stage = forms.ChoiceField(
        label="Stage of the enquiry",
        choices=Stage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose start, during or end"},
    )
    kind = forms.ChoiceField(
        label="Kind of conversation or meeting",
        choices=ConversationKind.choices,
        widget=forms.RadioSelect,
        initial=ConversationKind.CONVERSATION,
        error_messages={"required": "Choose what kind of conversation or meeting it was"},
    )
    participants = forms.MultipleChoiceField(
        label="Who took part?",
        choices=Participant.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text="Select all that apply",
        error_messages={"required": "Choose who took part"},
    )
    method = forms.ChoiceField(
        label="How did it happen?",
        choices=Method.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the conversation happened"},
    )
    notes = forms.CharField(
        label="What was discussed", required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
    asked_no_outcomes = forms.BooleanField(
        label="They were asked what they want to happen, but did not say", required=False
    )

    def __init__(self, *args, name: str, current_outcomes=(), closed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.name = name
        # A closed enquiry takes only its end conversation: no outcomes change after closure.
        self.current_outcomes = [] if closed else list(current_outcomes)
        self.slots = 0 if closed else NEW_OUTCOME_SLOTS
        if closed:
            self.fields["stage"].choices = [c for c in Stage.choices if c[0] == Stage.END]
            del self.fields["asked_no_outcomes"]
        for index in range(len(self.current_outcomes)):
            self.fields[f"revisit_{index}_answer"] = forms.ChoiceField(
                label=f"Does {name} still want this?",
                choices=REVISIT_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                help_text="Leave blank if it was not discussed",
            )
            self.fields[f"revisit_{index}_words"] = forms.CharField(
                label="What do they want now, in their words?",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"revisit_{index}_reason"] = forms.CharField(
                label="Why did it change, or why is it no longer wanted?",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for index in range(self.slots):
            self.fields[f"outcome_{index}_words"] = forms.CharField(
                label=f"What does {name} want to happen? (outcome {index + 1})",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="In their own words" if index == 0 else "",
            )
            self.fields[f"outcome_{index}_expressed_by"] = forms.ChoiceField(
                label="Who expressed it?", required=False, choices=expressed_by_choices()
            )
            self.fields[f"outcome_{index}_category"] = forms.ChoiceField(
                label="Category (optional)", required=False, choices=category_choices()
            )

    def revisit_groups(self):
        return [
            (
                outcome,
                [
                    self[f"revisit_{i}_answer"],
                    self[f"revisit_{i}_words"],
                    self[f"revisit_{i}_reason"],
                ],
            )
            for i, outcome in enumerate(self.current_outcomes)
        ]

    def outcome_groups(self):
        return [
            [
                self[f"outcome_{i}_words"],
                self[f"outcome_{i}_expressed_by"],
                self[f"outcome_{i}_category"],
            ]
            for i in range(self.slots)
        ]

    def clean(self):
        data = super().clean()
        for index in range(self.slots):
            if data.get(f"outcome_{index}_words") and not data.get(f"outcome_{index}_expressed_by"):
                self.add_error(
                    f"outcome_{index}_expressed_by", f"Choose who expressed outcome {index + 1}"
                )
        for index, outcome in enumerate(self.current_outcomes):
            answer = data.get(f"revisit_{index}_answer")
            if answer == "changed" and not data.get(f"revisit_{index}_words"):
                self.add_error(
                    f"revisit_{index}_words",
                    f"Enter what {self.name} wants now instead of “{outcome.words}”",
                )
            if answer in ("changed", "withdrawn") and not data.get(f"revisit_{index}_reason"):
                self.add_error(f"revisit_{index}_reason", f"Enter why “{outcome.words}” changed")
        return data

    def new_outcomes(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "words": data[f"outcome_{i}_words"],
                "expressed_by": data[f"outcome_{i}_expressed_by"],
                "category": data[f"outcome_{i}_category"],
            }
            for i in range(self.slots)
            if data.get(f"outcome_{i}_words")
        ]

    def revisits(self) -> list[dict]:
        data = self.cleaned_data
        return [
            {
                "outcome": outcome,
                "answer": data[f"revisit_{i}_answer"],
                "words": data[f"revisit_{i}_words"],
                "reason": data[f"revisit_{i}_reason"],
            }
            for i, outcome in enumerate(self.current_outcomes)
            if data.get(f"revisit_{i}_answer")
        ]


class CapacityForm(forms.Form):
    decision = forms.CharField(
        label="Which decision was capacity assessed for?",
        max_length=255,
        help_text="Capacity is decision-specific, for example “whether to stop contact with her son”",
        error_messages={"required": "Enter the decision the assessment was about"},
    )
    assessed_on = DateField(label="Date of the assessment")
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=CapacityOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether the person has or lacks capacity for this decision"
        },
    )
    assessor = forms.CharField(
        label="Who assessed capacity?",
        max_length=200,
        error_messages={"required": "Enter who assessed capacity"},
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class RepresentationForm(forms.Form):
    role = forms.ChoiceField(
        label="Role",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of representative or advocate"},
    )
    name = forms.CharField(
        label="Name", max_length=200, error_messages={"required": "Enter the representative's name"}
    )
    from_date = DateField(label="Representing the person from")
    to_date = DateField(
        label="Until (optional)",
        required=False,
        past_only=False,
        help_text="Leave blank if they still represent the person",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = ref.choices("representation_roles")


class RiskDiscussionForm(forms.Form):
    held_on = DateField(label="Date of the discussion")
    options = forms.CharField(
        label="Options considered, with the risks and benefits of each",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "required": "Enter the options considered, with the risks and benefits of each"
        },
    )
    persons_choice = forms.CharField(
        label="What the person chose",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter what the person chose"},
    )
    act_against_wishes = forms.BooleanField(
        label="A decision was taken to act against the person's wishes", required=False
    )
    against_wishes_reason = forms.ChoiceField(
        label="Why act against their wishes?", required=False, widget=forms.RadioSelect
    )
    against_wishes_detail = forms.CharField(
        label="More about the reason", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    explained_how = forms.CharField(
        label="How was the decision explained to the person?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    explained_on = DateField(label="When was it explained?", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["against_wishes_reason"].choices = ref.choices("reasons_to_act_against_wishes")


class ResponseForm(forms.Form):
    code = forms.ChoiceField(
        label="Response agreed with the person",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the response agreed with the person"},
    )
    agreed_on = DateField(label="Date agreed")
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = ref.choices("responses")


class ClosingReviewForm(forms.Form):
    reviewed_on = DateField(label="Date of the closing review")
    action_and_result = forms.ChoiceField(
        label="Action taken and result",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the action taken and its result"},
    )
    risk_outcome = forms.ChoiceField(
        label="What happened to the risk?",
        required=False,
        widget=forms.RadioSelect,
    )
    experience_answered_by = forms.ChoiceField(
        label="Who answered the questions about the experience?",
        required=False,
        choices=AnsweredBy.choices,
        widget=forms.RadioSelect,
    )
    experience_comments = forms.CharField(
        label="Anything else they said about the support (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, name: str, outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.name = name
        self.outcomes = list(outcomes)
        spec = sac.spec_on()
        self.fields["action_and_result"].choices = spec.choices("action_taken_and_result")
        # The hint and the "not needed" answer say the rule the service enforces.
        when = spec.answer("risk_outcome").only_when.text
        self.fields["risk_outcome"].help_text = f"Needed when {when}"
        self.fields["risk_outcome"].choices = [
            *spec.choices("risk_outcome"),
            (RISK_NOT_NEEDED, "Not needed"),
        ]
        if self.initial.get("action_and_result") and not self.initial.get("risk_outcome"):
            self.initial["risk_outcome"] = RISK_NOT_NEEDED
        for outcome in self.outcomes:
            prefix = f"rating_{outcome.pk}_"
            self.fields[prefix + "achievement"] = forms.ChoiceField(
                label=f"In {name}'s view, was this achieved?",
                choices=Achievement.choices,
                widget=forms.RadioSelect,
                required=False,
            )
            self.fields[prefix + "persons_view"] = forms.CharField(
                label=f"What {name} said", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[prefix + "practitioner_reasons"] = forms.CharField(
                label="Your reasons", required=False, widget=forms.Textarea(attrs={"rows": 2})
            )
            self.fields[prefix + "not_rated_reason"] = forms.CharField(
                label="If it could not be rated, why not?",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.topics = ref.items("experience_topics")
        for topic in self.topics:
            self.fields[f"experience_{topic.code}"] = forms.ChoiceField(
                label=f"{name} {topic.label[0].lower()}{topic.label[1:]}",
                choices=ExperienceAnswer.choices,
                widget=forms.RadioSelect,
                required=False,
            )

    def clean_risk_outcome(self):
        value = self.cleaned_data["risk_outcome"]
        return "" if value == RISK_NOT_NEEDED else value

    def rating_groups(self):
        names = ("achievement", "persons_view", "practitioner_reasons", "not_rated_reason")
        return [(o, [self[f"rating_{o.pk}_{n}"] for n in names]) for o in self.outcomes]

    def experience_fields(self):
        return [self[f"experience_{t.code}"] for t in self.topics]

    def ratings(self) -> dict[int, dict]:
        data = self.cleaned_data
        names = ("achievement", "persons_view", "practitioner_reasons", "not_rated_reason")
        return {o.pk: {n: data[f"rating_{o.pk}_{n}"] for n in names} for o in self.outcomes}

    def experience(self) -> dict[str, str]:
        return {t.code: self.cleaned_data[f"experience_{t.code}"] for t in self.topics}


class CloseForm(forms.Form):
    """Closure: the date, then the statutory answers derived from the record, each correctable with a reason."""

    end_date = DateField(label="Date the enquiry closed")

    def __init__(self, *args, derived: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.derived = derived
        spec = sac.spec_on()
        for field, name in statutory.FIELDS.items():
            answer = spec.answer(name)
            if answer.list_code:
                choices = spec.choices(answer.list_code)
                if answer.only_when:
                    choices = [("", "Not applicable"), *choices]
            else:
                choices = [("", "Not applicable"), ("yes", "Yes"), ("no", "No")]
            initial = self.derived[field]
            if isinstance(initial, bool):
                initial = "yes" if initial else "no"
            self.fields[field] = forms.ChoiceField(
                label=answer.label,
                choices=choices,
                required=False,
                initial=initial if initial is not None else "",
                help_text=f"Only when {answer.only_when.text}" if answer.only_when else "",
            )
            self.fields[f"{field}_reason"] = forms.CharField(
                label=f"Reason for correcting “{answer.label}”",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                help_text="Only if you changed the answer",
            )

    def statutory_rows(self):
        return [
            (self[field], self[f"{field}_reason"], self.derived[field])
            for field in statutory.FIELDS
        ]

    def corrections(self) -> dict[str, tuple]:
        data = self.cleaned_data
        out = {}
        for field in statutory.FIELDS:
            value = data[field]
            if field == "sac_advocate_support":
                value = {"yes": True, "no": False}.get(value)
            out[field] = (value, data[f"{field}_reason"])
        return out
