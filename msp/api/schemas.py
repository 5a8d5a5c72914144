"""What the API accepts and returns. Codes are the same codes the pages store (reference lists
and the choices on each model); the OpenAPI document is generated from these classes."""

from datetime import date, datetime
from typing import Annotated, Literal

from ninja import Schema
from pydantic import AfterValidator, Field

from msp.concerns import models as concern_models
from msp.enquiries import models as enquiry_models
from msp.enquiries import statutory
from msp.outcomes import models as outcome_models
from msp.people.references import REFERENCE_PATTERN

# Integers that fit the databases' 64-bit keys, so an absurd id is a 404 or 422, never a crash.
Id = Annotated[int, Field(ge=1, le=2**62)]
Version = Annotated[int, Field(ge=1, le=2**31, description="The version of the record you saw")]


def _no_nul(value: str) -> str:
    # PostgreSQL cannot store NUL characters in text; refuse them as input, not as a crash.
    if "\x00" in value:
        raise ValueError("Text must not contain NUL characters")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]
ShortText = Annotated[str, Field(max_length=200), AfterValidator(_no_nul)]
LongText = Annotated[str, Field(max_length=20000), AfterValidator(_no_nul)]
Code = Annotated[
    str, Field(max_length=48, description="A code from the reference list"), AfterValidator(_no_nul)
]


def codes(choices, *more: str):
    """The codes a model's choices allow (and `more`), as the API's type: the API accepts what
    the pages store, and a code added to the model is in the API and its OpenAPI document too."""
    return Literal[(*choices.values, *more)]


Decision = codes(concern_models.Decision)
# Filtering concerns: a decision, or none yet.
DecisionFilter = codes(concern_models.Decision, "undecided")
EnquiryKind = codes(enquiry_models.EnquiryKind)
RaisedBy = codes(concern_models.RaisedBy)
Stage = codes(enquiry_models.Stage)
ConversationKind = codes(enquiry_models.ConversationKind)
Participant = codes(enquiry_models.Participant)
Method = codes(enquiry_models.Method)
CapacityOutcome = codes(enquiry_models.CapacityOutcome)
Achievement = codes(outcome_models.Achievement)
ExperienceAnswer = codes(enquiry_models.ExperienceAnswer)
RevisitAnswer = codes(enquiry_models.RevisitAnswer)
AnsweredBy = codes(enquiry_models.AnsweredBy)
# The statutory answers worked out at closure, which a practitioner may correct with a reason.
StatutoryField = Literal[tuple(statutory.NAMES)]


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str
    instance: str
    errors: list[dict] | None = None


class StaleProblem(Problem):
    current_version: int
    current: dict


# --- references to other records ---


class TeamRef(Schema):
    id: int
    name: str


class UserRef(Schema):
    id: int
    name: str


class PersonRef(Schema):
    reference: str
    name: str


# --- people ---


class PersonOut(Schema):
    reference: str
    first_name: str
    last_name: str
    preferred_name: str
    date_of_birth: date | None
    date_of_death: date | None
    sex: str
    ethnicity: str
    primary_support_reason: str
    autism: bool
    aspergers: bool
    nhs_number: str
    interpreter_language: str
    needs_easy_read: bool
    needs_bsl: bool
    communication_other: str
    team: TeamRef | None
    version: int
    created_at: datetime
    updated_at: datetime


class ConcernSummary(Schema):
    reference: str
    received_date: date
    team: TeamRef
    decision: str
    enquiry_id: int | None


class PersonDetail(PersonOut):
    concerns: list[ConcernSummary]


class PersonCreate(Schema):
    first_name: ShortText
    last_name: ShortText
    preferred_name: ShortText = ""
    date_of_birth: date | None = None
    date_of_death: date | None = None
    sex: Code = ""
    ethnicity: Code = ""
    primary_support_reason: Code = ""
    autism: bool = False
    aspergers: bool = False
    nhs_number: Annotated[str, Field(max_length=20), AfterValidator(_no_nul)] = ""
    interpreter_language: ShortText = ""
    needs_easy_read: bool = False
    needs_bsl: bool = False
    communication_other: LongText = ""
    team: Id | None = Field(
        None, description="The team responsible; one of your own teams. Defaults to your first."
    )


class PersonUpdate(Schema):
    """Only the fields sent are changed."""

    version: Version | None = Field(
        None, description="The version you saw; or send it in the If-Match header"
    )
    first_name: ShortText | None = None
    last_name: ShortText | None = None
    preferred_name: ShortText | None = None
    date_of_birth: date | None = None
    date_of_death: date | None = None
    sex: Code | None = None
    ethnicity: Code | None = None
    primary_support_reason: Code | None = None
    autism: bool | None = None
    aspergers: bool | None = None
    nhs_number: Annotated[str, Field(max_length=20), AfterValidator(_no_nul)] | None = None
    interpreter_language: ShortText | None = None
    needs_easy_read: bool | None = None
    needs_bsl: bool | None = None
    communication_other: LongText | None = None


# --- concerns and allegations ---


class AllegationIn(Schema):
    type_of_risk: Code
    location_of_risk: Code
    source_of_risk: Code
    detail: LongText = ""


class AllegationOut(Schema):
    id: int
    type_of_risk: str
    location_of_risk: str
    source_of_risk: str
    detail: str
    created_at: datetime


class ConcernOut(Schema):
    reference: str
    person: PersonRef
    team: TeamRef
    received_date: date
    raised_by_name: str
    raised_by_relationship: str
    what_reported: str
    decision: str = Field(description="s42, other, none, or empty while undecided")
    criteria_care_needs: bool | None
    criteria_abuse_or_neglect: bool | None
    criteria_unable_to_protect: bool | None
    decision_reason: str
    other_support_offered: str
    decided_by: UserRef | None
    decision_date: date | None
    enquiry_id: int | None
    version: int


class ConcernDetail(ConcernOut):
    allegations: list[AllegationOut]


class ConcernCreate(Schema):
    person: Annotated[
        str,
        Field(
            max_length=40,
            pattern=REFERENCE_PATTERN,
            description="The person's council reference",
        ),
        AfterValidator(_no_nul),
    ]
    team: Id | None = Field(None, description="The team screening the concern; one of yours")
    received_date: date
    raised_by_relationship: RaisedBy
    raised_by_name: ShortText = ""
    what_reported: LongText
    allegations: list[AllegationIn] = Field(default_factory=list, max_length=20)


class ConcernDecide(Schema):
    decision: Decision
    decision_date: date
    criteria_care_needs: bool
    criteria_abuse_or_neglect: bool
    criteria_unable_to_protect: bool
    decision_reason: LongText = ""
    other_support_offered: LongText = ""
    team: Id | None = Field(None, description="Team for the enquiry (needed for an enquiry)")
    lead: Id | None = Field(None, description="Lead practitioner's user id")
    enquiry_start_date: date | None = None


# --- enquiries and the practice recorded in them ---


class EnquiryOut(Schema):
    id: int
    concern: str = Field(description="The concern's reference")
    person: PersonRef
    kind: str
    team: TeamRef
    lead: UserRef | None
    start_date: date
    end_date: date | None
    status: Literal["open", "closed"]
    action_and_result: str
    risk_outcome: str
    ceased_at_request: bool
    sac_asked_outcomes: str
    sac_outcomes_achieved: str
    sac_lacked_capacity: str
    sac_advocate_support: bool | None
    version: int


class ConversationOut(Schema):
    id: int
    held_on: date
    stage: str
    kind: str
    participants: list[str]
    method: str
    notes: str
    asked_no_outcomes: bool
    recorded_by: UserRef | None
    created_at: datetime


class OutcomeOut(Schema):
    id: int
    words: str
    category: str
    expressed_by: str
    status: str
    achievement: str
    persons_view: str
    practitioner_reasons: str
    not_rated_reason: str
    revision_count: int
    conversation_id: int | None
    alternative_to_id: int | None
    replaced_by_id: int | None
    version: int


class OutcomeEventOut(Schema):
    id: int
    kind: str
    happened_on: date
    words: str
    category: str
    expressed_by: str
    reason: str
    achievement: str
    related_id: int | None
    conversation_id: int | None
    actor: UserRef
    recorded_at: datetime


class OutcomeDetail(OutcomeOut):
    enquiry_id: int
    events: list[OutcomeEventOut]


class CapacityOut(Schema):
    id: int
    decision: str
    assessed_on: date
    outcome: str
    assessor: str
    notes: str


class RepresentationOut(Schema):
    id: int
    role: str
    name: str
    from_date: date
    to_date: date | None


class ExperienceOut(Schema):
    topic: str
    answer: str


class ClosingReviewOut(Schema):
    reviewed_on: date
    experience_answered_by: str
    experience_comments: str
    experience: list[ExperienceOut]


class EnquiryDetail(EnquiryOut):
    allegations: list[AllegationOut]
    outcomes: list[OutcomeOut]
    conversations: list[ConversationOut]
    capacity_assessments: list[CapacityOut]
    representations: list[RepresentationOut]
    closing_review: ClosingReviewOut | None


class Allocation(Schema):
    version: Version | None = Field(None, description="Or send it in the If-Match header")
    team: Id
    lead: Id | None = None


class NewOutcomeIn(Schema):
    words: LongText
    expressed_by: Code
    category: Code = ""


class RevisitIn(Schema):
    outcome: Id
    answer: RevisitAnswer
    words: LongText = ""
    reason: LongText = ""


class ConversationCreate(Schema):
    held_on: date
    stage: Stage
    method: Method
    participants: list[Participant] = Field(max_length=10)
    kind: ConversationKind = "conversation"
    notes: LongText = ""
    asked_no_outcomes: bool = False
    new_outcomes: list[NewOutcomeIn] = Field(default_factory=list, max_length=20)
    revisits: list[RevisitIn] = Field(default_factory=list, max_length=50)


class OutcomeRevise(Schema):
    version: Version | None = Field(None, description="Or send it in the If-Match header")
    words: LongText
    reason: LongText
    happened_on: date
    category: Code | None = None
    expressed_by: Code | None = None


class OutcomeWithdraw(Schema):
    version: Version | None = Field(None, description="Or send it in the If-Match header")
    reason: LongText
    happened_on: date


class CapacityCreate(Schema):
    decision: Annotated[str, Field(max_length=255), AfterValidator(_no_nul)]
    assessed_on: date
    outcome: CapacityOutcome
    assessor: ShortText
    notes: LongText = ""


class RepresentationCreate(Schema):
    role: Code
    name: ShortText
    from_date: date
    to_date: date | None = None


class RatingIn(Schema):
    outcome: Id
    achievement: Achievement | Literal[""] = ""
    persons_view: LongText = ""
    practitioner_reasons: LongText = ""
    not_rated_reason: LongText = ""


class ExperienceIn(Schema):
    topic: Code
    answer: ExperienceAnswer


class ClosingReviewIn(Schema):
    reviewed_on: date
    ratings: list[RatingIn] = Field(default_factory=list, max_length=50)
    action_and_result: Code
    risk_outcome: Code = ""
    experience: list[ExperienceIn] = Field(default_factory=list, max_length=20)
    experience_answered_by: AnsweredBy | Literal[""] = ""
    experience_comments: LongText = ""


class CorrectionIn(Schema):
    field: StatutoryField
    value: Code | bool | None
    reason: LongText = ""


class EnquiryClose(Schema):
    version: Version | None = Field(None, description="Or send it in the If-Match header")
    end_date: date
    corrections: list[CorrectionIn] = Field(default_factory=list, max_length=4)
