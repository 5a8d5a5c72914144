"""Forms for the practice recorded in an enquiry. Repeated parts (one per outcome) are named
`<part>_<n>_<field>` so that a service's refusal of part n lands on the right field."""

from django import forms

from msp import sac
from msp.accounts.models import Team, User
from msp.core.forms import CheckedForm, DateField
from msp.core.problems import Problems
from msp.enquiries import services, statutory
from msp.enquiries.models import (
    AnsweredBy,
    CapacityOutcome,
    ConversationKind,
    ExperienceAnswer,
    Method,
    Participant,
    RevisitAnswer,
    Stage,
)
from msp.outcomes.models import Achievement
from msp.reference import selectors as ref

NEW_OUTCOME_SLOTS = 3
# The closing review's answer for "no risk outcome": radios need a value to be chosen.
RISK_NOT_NEEDED = "not_needed"
REVISIT_CHOICES = RevisitAnswer.choices


def _with_kept(list_code: str, choices: list, kept: str) -> list:
    """The entries in use, and the one an outcome already holds if it has since been retired:
    that outcome keeps it (the services allow it), no other may take it."""
    if kept and kept not in {code for code, _ in choices}:
        choices = [*choices, (kept, f"{ref.label(list_code, kept)} (no longer in use)")]
    return choices


# A form opened before an entry was retired still offers it; saying so beats "not a valid choice".
NOT_IN_USE = {
    "invalid_choice": "That category is not in use now: choose another from the list, or leave "
    "it blank"
}


def expressed_by_choices(kept: str = ""):
    choices = ref.choices("outcome_expressed_by", blank="Choose who expressed it")
    return _with_kept("outcome_expressed_by", choices, kept)


def category_choices(kept: str = ""):
    choices = ref.choices("desired_outcome_categories", blank="Choose later")
    return _with_kept("desired_outcome_categories", choices, kept)


class AllocateForm(CheckedForm):
    team = forms.ModelChoiceField(
        label="Team",
        queryset=Team.objects.filter(active=True),
        empty_label="Choose a team",
        error_messages={
            "required": "Choose the team",
            "invalid_choice": "Choose a team from the list",
        },
    )
    lead = forms.ModelChoiceField(
        label="Lead practitioner",
        queryset=User.objects.none(),
        required=False,
        empty_label="Not allocated",
        error_messages={"invalid_choice": "Choose a lead practitioner from the list"},
    )

    def __init__(self, *args, enquiry, teams=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.watch(enquiry)
        if teams is not None:
            self.fields["team"].queryset = teams
        self.fields["lead"].queryset = (
            User.objects.filter(is_active=True, teams__in=self.fields["team"].queryset)
            .distinct()
            .order_by("first_name")
        )

    def service_problems(self, data):
        if data.get("team") is None:
            return None
        return services.allocation_problems(team=data["team"], lead=data.get("lead"))


class ConversationForm(CheckedForm):
    held_on = DateField(
        label="Date of the conversation or meeting", what="the date of the conversation"
    )
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
        label="What was discussed (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    asked_no_outcomes = forms.BooleanField(
        label="They were asked what they want to happen, but did not say", required=False
    )

    def __init__(self, *args, enquiry, name: str, current_outcomes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.enquiry = enquiry
        self.name = name
        # A closed enquiry takes only its end conversation: no outcomes change after closure.
        closed = not enquiry.is_open
        self.current_outcomes = [] if closed else list(current_outcomes)
        self.slots = 0 if closed else NEW_OUTCOME_SLOTS
        self.fields[
            "asked_no_outcomes"
        ].label = f"{name} was asked what they want to happen, but did not say"
        if closed:
            self.fields["stage"].choices = [c for c in Stage.choices if c[0] == Stage.END]
            del self.fields["asked_no_outcomes"]
        for index, outcome in enumerate(self.current_outcomes):
            self.fields[f"revisit_{index}_answer"] = forms.ChoiceField(
                label=f"Does {name} still want this?",
                choices=REVISIT_CHOICES,
                widget=forms.RadioSelect,
                required=False,
                help_text="Leave blank if it was not discussed",
            )
            self.fields[f"revisit_{index}_words"] = forms.CharField(
                label=f"If changed, what does {name} want now, in their words?",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"revisit_{index}_reason"] = forms.CharField(
                label=f"Why did it change, or why does {name} no longer want it?",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            # Only an outcome this conversation changes is guarded against others' changes.
            self.watch(
                outcome,
                name=f"revisit_{index}_version",
                record=f"“{outcome.words}”",
                prefix=f"revisit_{index}_",
                only_if=lambda data, i=index: bool(data.get(f"revisit_{i}_answer")),
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
                label="Category (optional)",
                required=False,
                choices=category_choices(),
                error_messages=NOT_IN_USE,
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

    def new_outcomes(self, data: dict | None = None) -> list[dict | None]:
        """One entry per box on the page, None where nothing was written, so that a refusal
        names the box it is about."""
        data = self.cleaned_data if data is None else data
        return [
            {
                "words": data.get(f"outcome_{i}_words", ""),
                "expressed_by": data.get(f"outcome_{i}_expressed_by", ""),
                "category": data.get(f"outcome_{i}_category", ""),
            }
            if data.get(f"outcome_{i}_words")
            else None
            for i in range(self.slots)
        ]

    def revisits(self, data: dict | None = None) -> list[dict | None]:
        data = self.cleaned_data if data is None else data
        return [
            {
                "outcome": outcome,
                "answer": data.get(f"revisit_{i}_answer"),
                "words": data.get(f"revisit_{i}_words", ""),
                "reason": data.get(f"revisit_{i}_reason", ""),
                "seen_version": self.seen(f"revisit_{i}_version"),
            }
            if data.get(f"revisit_{i}_answer")
            else None
            for i, outcome in enumerate(self.current_outcomes)
        ]

    def service_problems(self, data):
        return services.conversation_problems(
            enquiry=self.enquiry,
            held_on=data.get("held_on"),
            stage=data.get("stage", ""),
            method=data.get("method", ""),
            participants=data.get("participants") or [],
            kind=data.get("kind", ""),
            asked_no_outcomes=bool(data.get("asked_no_outcomes")),
            new_outcomes=self.new_outcomes(data),
            revisits=self.revisits(data),
        )


class CapacityForm(CheckedForm):
    decision = forms.CharField(
        label="Which decision was capacity assessed for?",
        max_length=255,
        help_text="Capacity is decision-specific, for example “whether to stop contact with her son”",
        error_messages={"required": "Enter the decision the assessment was about"},
    )
    assessed_on = DateField(label="Date of the assessment")
    outcome = forms.ChoiceField(
        label="Outcome of the assessment",
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

    def __init__(self, *args, enquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.enquiry = enquiry

    def service_problems(self, data):
        return services.capacity_problems(
            enquiry=self.enquiry,
            decision=data.get("decision", ""),
            assessed_on=data.get("assessed_on"),
            outcome=data.get("outcome", ""),
            assessor=data.get("assessor", ""),
        )


class RepresentationForm(CheckedForm):
    role = forms.ChoiceField(
        label="What kind of representative or advocate?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of representative or advocate"},
    )
    name = forms.CharField(
        label="Their name",
        max_length=200,
        error_messages={"required": "Enter the representative's name"},
    )
    from_date = DateField(
        label="Representing the person from",
        what="the date they started representing the person",
    )
    to_date = DateField(
        label="Until (optional)",
        what="the date they stopped representing the person",
        required=False,
        past_only=False,
        help_text="Leave blank if they still represent the person",
    )

    def __init__(self, *args, enquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.enquiry = enquiry
        self.fields["role"].choices = ref.choices("representation_roles")

    def service_problems(self, data):
        return services.representation_problems(
            enquiry=self.enquiry,
            role=data.get("role", ""),
            name=data.get("name", ""),
            from_date=data.get("from_date"),
            to_date=data.get("to_date"),
        )


class RiskDiscussionForm(CheckedForm):
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
    explained_on = DateField(
        label="When was it explained?",
        what="the date the decision was explained",
        required=False,
    )

    def __init__(self, *args, enquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.enquiry = enquiry
        name = enquiry.person.known_as
        self.fields["persons_choice"].label = f"What {name} chose"
        self.fields["persons_choice"].error_messages["required"] = f"Enter what {name} chose"
        self.fields[
            "act_against_wishes"
        ].label = f"A decision was taken to act against {name}'s wishes"
        self.fields["explained_how"].label = f"How was the decision explained to {name}?"
        self.fields["against_wishes_reason"].choices = ref.choices("reasons_to_act_against_wishes")

    def service_problems(self, data):
        return services.risk_discussion_problems(
            enquiry=self.enquiry,
            held_on=data.get("held_on"),
            options=data.get("options", ""),
            persons_choice=data.get("persons_choice", ""),
            act_against_wishes=bool(data.get("act_against_wishes")),
            against_wishes_reason=data.get("against_wishes_reason", ""),
            explained_how=data.get("explained_how", ""),
            explained_on=data.get("explained_on"),
        )


class ResponseForm(CheckedForm):
    code = forms.ChoiceField(
        label="Response agreed with the person",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the response agreed with the person"},
    )
    agreed_on = DateField(label="Date agreed", what="the date it was agreed")
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, enquiry, **kwargs):
        super().__init__(*args, **kwargs)
        self.enquiry = enquiry
        name = enquiry.person.known_as
        self.fields["code"].label = f"Response agreed with {name}"
        self.fields["code"].error_messages["required"] = f"Choose the response agreed with {name}"
        self.fields["code"].choices = ref.choices("responses")

    def service_problems(self, data):
        return services.response_problems(
            enquiry=self.enquiry, code=data.get("code", ""), agreed_on=data.get("agreed_on")
        )


RATING_FIELDS = ("achievement", "persons_view", "practitioner_reasons", "not_rated_reason")


class ClosingReviewForm(CheckedForm):
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

    def __init__(self, *args, enquiry, name: str, outcomes=(), review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.enquiry = enquiry
        self.name = name
        self.outcomes = list(outcomes)
        self.watch(enquiry, record="The enquiry")
        if review is not None:
            self.watch(review, name="review_version", record="The closing review")
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
                label=f"What {name} said (optional)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[prefix + "practitioner_reasons"] = forms.CharField(
                label="Your reasons (optional)",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[prefix + "not_rated_reason"] = forms.CharField(
                label="If it could not be rated, why not?",
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.watch(outcome, name=prefix + "version", record=f"“{outcome.words}”", prefix=prefix)
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
        return [(o, [self[f"rating_{o.pk}_{n}"] for n in RATING_FIELDS]) for o in self.outcomes]

    def experience_fields(self):
        return [self[f"experience_{t.code}"] for t in self.topics]

    def ratings(self, data: dict | None = None) -> dict[int, dict]:
        data = self.cleaned_data if data is None else data
        return {
            o.pk: {
                **{n: data.get(f"rating_{o.pk}_{n}", "") for n in RATING_FIELDS},
                "seen_version": self.seen(f"rating_{o.pk}_version"),
            }
            for o in self.outcomes
        }

    def experience(self, data: dict | None = None) -> dict[str, str]:
        data = self.cleaned_data if data is None else data
        return {t.code: data.get(f"experience_{t.code}", "") for t in self.topics}

    def service_problems(self, data):
        return services.closing_review_problems(
            enquiry=self.enquiry,
            reviewed_on=data.get("reviewed_on"),
            ratings=self.ratings(data),
            action_and_result=data.get("action_and_result", ""),
            risk_outcome=data.get("risk_outcome", ""),
            experience=self.experience(data),
            experience_answered_by=data.get("experience_answered_by", ""),
        )


NOT_APPLICABLE = "not_applicable"


def statutory_answer_choices(field: str) -> list[tuple[str, str]]:
    """The answers a statutory question allows, as radio choices (never a blank value)."""
    _, list_code = statutory.FIELDS[field]
    if list_code:
        choices = sac.spec_on().choices(list_code)
        if field == "sac_outcomes_achieved":
            choices = [*choices, (NOT_APPLICABLE, "Not applicable: no outcomes were expressed")]
        return choices
    return [
        ("yes", "Yes"),
        ("no", "No"),
        (NOT_APPLICABLE, "Not applicable: they did not lack capacity"),
    ]


def answer_code(value) -> str:
    """A stored statutory answer as the code of its choice."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value or NOT_APPLICABLE


def answer_value(field: str, code: str):
    """A chosen answer as stored: advocate support is yes, no or unknown (None)."""
    if field == "sac_advocate_support":
        return {"yes": True, "no": False}.get(code)
    return "" if code == NOT_APPLICABLE else code


def answer_label(field: str, value) -> str:
    code = answer_code(value)
    return dict(statutory_answer_choices(field)).get(code, code)


class CloseForm(CheckedForm):
    """Closure: the date, with the statutory answers shown as a summary and corrected one at a
    time on their own page (StatutoryAnswerForm)."""

    end_date = DateField(label="Date the enquiry closed")

    def __init__(self, *args, enquiry, review=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.enquiry = enquiry
        self.review = review
        self.watch(enquiry, record="The enquiry")
        if review is not None:
            self.watch(review, name="review_version", record="The closing review")
        # The return's answers have no field here: their errors link to their row instead.
        self.error_anchors = {}

    def service_problems(self, data):
        if data.get("end_date") is None:
            return None
        problems = services.close_problems(
            enquiry=self.enquiry,
            end_date=data["end_date"],
            corrections=services.proposed_corrections(self.review),
        )
        for field, messages in problems.items():
            if field in statutory.FIELDS or field.removesuffix("_reason") in statutory.FIELDS:
                for message in messages:
                    self.error_anchors[message] = f"#answer-{field.removesuffix('_reason')}"
        return problems


class StatutoryAnswerForm(CheckedForm):
    """One statutory answer, changed from the one worked out from the record, with a reason."""

    answer = forms.ChoiceField(widget=forms.RadioSelect)
    reason = forms.CharField(
        label="Why is the answer worked out from the record wrong?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="This is kept with the enquiry and shown to whoever checks the return",
    )

    def __init__(self, *args, field: str, derived, review, **kwargs):
        super().__init__(*args, **kwargs)
        self.field = field
        self.derived = derived
        label, _ = statutory.FIELDS[field]
        derived_code = answer_code(derived)
        self.fields["answer"].label = label
        self.fields["answer"].choices = [
            (code, f"{text} (worked out from the record)" if code == derived_code else text)
            for code, text in statutory_answer_choices(field)
        ]
        self.fields["answer"].error_messages["required"] = f"Choose an answer for “{label}”"
        self.fields["answer"].error_messages["invalid_choice"] = (
            f"Choose an answer for “{label}” from the list"
        )
        self.watch(review, record="The closing review")

    def value(self, data: dict | None = None):
        data = self.cleaned_data if data is None else data
        return answer_value(self.field, data.get("answer", ""))

    def service_problems(self, data):
        if not data.get("answer"):
            return None
        found = services.correction_problems(
            self.field, self.value(data), data.get("reason", ""), self.derived
        )
        problems = Problems()
        for field, messages in found.items():
            target = {self.field: "answer", f"{self.field}_reason": "reason"}.get(field, field)
            for message in messages:
                problems.add(target, message)
        return problems
