"""Enquiries and the practice recorded in them: conversations (with new and revisited
outcomes), desired outcomes and their timelines, capacity, representation, the closing review
and closure. Access is the enquiries app's own fetch-and-check; writes are its services."""

from datetime import date
from typing import Literal

from django.core.exceptions import ValidationError
from django.db import transaction
from ninja import Path, Query, Router, Status

from msp.accounts import policy
from msp.accounts.models import Team, User
from msp.api import auth, represent, selectors
from msp.api.pagination import PageQuery, page_schema, paginate
from msp.api.problems import Problem, field_errors
from msp.api.routers.common import (
    READ_ERRORS,
    UPDATE_ERRORS,
    WRITE_ERRORS,
    case_viewer,
    rename_fields,
    seen_version,
    stale,
)
from msp.api.schemas import (
    Allocation,
    CapacityCreate,
    CapacityOut,
    ClosingReviewIn,
    ClosingReviewOut,
    ConversationCreate,
    ConversationOut,
    EnquiryClose,
    EnquiryDetail,
    EnquiryKind,
    EnquiryOut,
    Id,
    OutcomeDetail,
    OutcomeOut,
    OutcomeRevise,
    OutcomeWithdraw,
    RepresentationCreate,
    RepresentationOut,
    ShortText,
)
from msp.audit.services import access_record
from msp.enquiries import selectors as enquiry_selectors
from msp.enquiries import services
from msp.enquiries.access import enquiry_for_allocation, enquiry_for_recording, enquiry_for_user
from msp.enquiries.models import Enquiry
from msp.outcomes import services as outcome_services
from msp.outcomes.access import outcome_for_user
from msp.outcomes.models import DesiredOutcome

router = Router(tags=["Enquiries"])
EnquiryPage = page_schema("EnquiryPage", EnquiryOut)
ConversationPage = page_schema("ConversationPage", ConversationOut)
OutcomePage = page_schema("OutcomePage", OutcomeOut)
CapacityPage = page_schema("CapacityPage", CapacityOut)
RepresentationPage = page_schema("RepresentationPage", RepresentationOut)

EnquiryId = Path(..., ge=1, le=2**62, description="The enquiry's id")
ItemId = Path(..., ge=1, le=2**62)


class EnquiriesQuery(PageQuery):
    status: Literal["open", "closed"] | None = None
    team: Id | None = None
    lead: Id | None = None
    kind: EnquiryKind | None = None
    person: ShortText = ""
    start_from: date | None = None
    start_to: date | None = None
    end_from: date | None = None
    end_to: date | None = None


def _problem(error: ValidationError, detail: str, renames=()) -> Problem:
    return Problem(422, detail, errors=rename_fields(field_errors(error), list(renames)))


def _listed(what: str, enquiry) -> dict:
    """How a list within one enquiry is named in the audit trail."""
    return {
        "what": f"{what} of enquiry {enquiry.pk}",
        "key": lambda row: row.pk,
        "obj": enquiry,
        "person": enquiry.person,
    }


def _detail(user, pk: int) -> dict:
    enquiry = enquiry_for_user(user, pk)
    return represent.enquiry_detail(enquiry, enquiry_selectors.enquiry_page(enquiry))


@router.get(
    "", response={200: EnquiryPage, **READ_ERRORS}, auth=auth.read, summary="List enquiries"
)
def list_enquiries(request, query: Query[EnquiriesQuery]):
    """Enquiries your teams may see, newest first. Filter by status (open or closed), team id,
    lead's user id, kind (s42 or other), person reference, and start or end date ranges."""
    user = case_viewer(request)
    filters = query.dict(exclude={"limit", "offset", "page"})
    filters["status"] = filters["status"] or ""
    filters["kind"] = filters["kind"] or ""
    return paginate(
        request,
        selectors.enquiries_filtered(user, **filters),
        query,
        represent.enquiry_out,
        what="enquiries",
        key=lambda enquiry: enquiry.pk,
    )


@router.get(
    "/{enquiry_id}",
    response={200: EnquiryDetail, **READ_ERRORS},
    auth=auth.read,
    summary="An enquiry, with everything recorded in it",
)
def get_enquiry(request, enquiry_id: int = EnquiryId):
    user = request.user
    enquiry = enquiry_for_user(user, enquiry_id)
    access_record(
        actor=user,
        action="view",
        obj=enquiry,
        person=enquiry.person,
        detail="via API",
        request=request,
    )
    return represent.enquiry_detail(enquiry, enquiry_selectors.enquiry_page(enquiry))


@router.patch(
    "/{enquiry_id}/allocation",
    response={200: EnquiryDetail, **UPDATE_ERRORS},
    auth=auth.write,
    summary="Allocate the enquiry to a team and lead",
)
def allocate(request, payload: Allocation, enquiry_id: int = EnquiryId):
    user = request.user
    enquiry = enquiry_for_allocation(user, enquiry_id)
    version = seen_version(request, payload.version)
    team = Team.objects.filter(pk=payload.team, active=True).first()
    if team is None or not policy.can_view_team(user, team.pk):
        raise Problem(
            422,
            "Choose one of your teams",
            errors=[{"field": "team", "message": "Choose one of your teams"}],
        )
    lead = None
    if payload.lead is not None:
        lead = User.objects.filter(pk=payload.lead, is_active=True).first()
        if lead is None:
            raise Problem(
                422,
                "Choose an active member of staff",
                errors=[{"field": "lead", "message": "Choose an active member of staff by id"}],
            )
    if enquiry.version != version:
        raise stale(enquiry.version, _detail(user, enquiry_id))
    try:
        services.enquiry_allocate(
            actor=user, enquiry=enquiry, team=team, lead=lead, seen_version=version
        )
    except ValidationError as error:
        current = Enquiry.objects.get(pk=enquiry_id)
        if current.version != version:
            raise stale(current.version, _detail(user, enquiry_id)) from error
        raise _problem(error, "The enquiry was not allocated.") from error
    return _detail(user, enquiry_id)


# --- conversations ---


@router.get(
    "/{enquiry_id}/conversations",
    response={200: ConversationPage, **READ_ERRORS},
    auth=auth.read,
    summary="Conversations and meetings",
)
def list_conversations(request, query: Query[PageQuery], enquiry_id: int = EnquiryId):
    enquiry = enquiry_for_user(request.user, enquiry_id)
    conversations = enquiry.conversations.select_related("created_by").order_by("-held_on", "-id")
    return paginate(
        request,
        conversations,
        query,
        represent.conversation_out,
        **_listed("conversations", enquiry),
    )


@router.get(
    "/{enquiry_id}/conversations/{conversation_id}",
    response={200: ConversationOut, **READ_ERRORS},
    auth=auth.read,
    summary="A conversation",
)
def get_conversation(request, enquiry_id: int = EnquiryId, conversation_id: int = ItemId):
    enquiry = enquiry_for_user(request.user, enquiry_id)
    conversation = (
        enquiry.conversations.select_related("created_by").filter(pk=conversation_id).first()
    )
    if conversation is None:
        raise Problem(404, "There is no such record, or you may not see it.")
    access_record(
        actor=request.user,
        action="view",
        obj=conversation,
        person=enquiry.person,
        detail="via API",
        request=request,
    )
    return represent.conversation_out(conversation)


CONVERSATION_RENAMES = [
    (r"^(outcome|revisit)_\d+_happened_on$", "held_on"),
    (r"^outcome_(\d+)_", r"new_outcomes.\1."),
    (r"^revisit_(\d+)_", r"revisits.\1."),
]


@router.post(
    "/{enquiry_id}/conversations",
    response={201: ConversationOut, **WRITE_ERRORS},
    auth=auth.write,
    summary="Record a conversation, with new and revisited outcomes",
)
def create_conversation(request, payload: ConversationCreate, enquiry_id: int = EnquiryId):
    """Outcomes the person expressed go in `new_outcomes` (in their own words); earlier
    outcomes asked about again go in `revisits` with answer still, changed (new words and a
    reason) or withdrawn (a reason). All of it is saved together or not at all."""
    user = request.user
    enquiry = enquiry_for_recording(user, enquiry_id)
    wanted = {r.outcome for r in payload.revisits}
    outcomes = {o.pk: o for o in DesiredOutcome.objects.filter(enquiry=enquiry, pk__in=wanted)}
    errors = [
        {"field": f"revisits.{i}.outcome", "message": "Choose an outcome of this enquiry by its id"}
        for i, r in enumerate(payload.revisits)
        if r.outcome not in outcomes
    ]
    if errors:
        raise Problem(422, "The conversation was not recorded.", errors=errors)
    data = payload.dict()
    data["revisits"] = [{**r, "outcome": outcomes[r["outcome"]]} for r in data["revisits"]]
    try:
        conversation = services.conversation_record(actor=user, enquiry=enquiry, **data)
    except ValidationError as error:
        raise _problem(error, "The conversation was not recorded.", CONVERSATION_RENAMES) from error
    return Status(201, represent.conversation_out(conversation))


# --- desired outcomes ---


@router.get(
    "/{enquiry_id}/outcomes",
    response={200: OutcomePage, **READ_ERRORS},
    auth=auth.read,
    summary="Desired outcomes",
)
def list_outcomes(request, query: Query[PageQuery], enquiry_id: int = EnquiryId):
    enquiry = enquiry_for_user(request.user, enquiry_id)
    return paginate(
        request,
        DesiredOutcome.objects.filter(enquiry=enquiry).order_by("id"),
        query,
        represent.outcome_out,
        **_listed("desired outcomes", enquiry),
    )


def _outcome_detail(outcome) -> dict:
    events = outcome.events.select_related("actor").order_by("happened_on", "id")
    return represent.outcome_detail(outcome, events)


@router.get(
    "/{enquiry_id}/outcomes/{outcome_id}",
    response={200: OutcomeDetail, **READ_ERRORS},
    auth=auth.read,
    summary="A desired outcome and its timeline",
)
def get_outcome(request, enquiry_id: int = EnquiryId, outcome_id: int = ItemId):
    outcome = outcome_for_user(request.user, enquiry_id, outcome_id)
    access_record(
        actor=request.user,
        action="view",
        obj=outcome,
        person=outcome.enquiry.person,
        detail="via API",
        request=request,
    )
    return _outcome_detail(outcome)


def _change_outcome(request, enquiry_id, outcome_id, body_version, act, failed: str):
    user = request.user
    outcome = outcome_for_user(user, enquiry_id, outcome_id, recording=True)
    version = seen_version(request, body_version)
    if outcome.version != version:
        raise stale(outcome.version, _outcome_detail(outcome))
    try:
        act(user, outcome, version)
    except ValidationError as error:
        current = DesiredOutcome.objects.get(pk=outcome.pk)
        if current.version != version:
            raise stale(current.version, _outcome_detail(current)) from error
        raise _problem(error, failed) from error
    return _outcome_detail(DesiredOutcome.objects.get(pk=outcome.pk))


@router.post(
    "/{enquiry_id}/outcomes/{outcome_id}/revision",
    response={200: OutcomeDetail, **UPDATE_ERRORS},
    auth=auth.write,
    summary="Change an outcome's words",
)
def revise_outcome(
    request, payload: OutcomeRevise, enquiry_id: int = EnquiryId, outcome_id: int = ItemId
):
    """The earlier words stay on the outcome's timeline. Send the outcome's version."""

    def act(user, outcome, version):
        outcome_services.outcome_revise(
            actor=user,
            outcome=outcome,
            words=payload.words,
            reason=payload.reason,
            happened_on=payload.happened_on,
            category=payload.category,
            expressed_by=payload.expressed_by,
            name=outcome.enquiry.person.known_as,
            seen_version=version,
        )

    return _change_outcome(
        request, enquiry_id, outcome_id, payload.version, act, "The outcome was not changed."
    )


@router.post(
    "/{enquiry_id}/outcomes/{outcome_id}/withdrawal",
    response={200: OutcomeDetail, **UPDATE_ERRORS},
    auth=auth.write,
    summary="Mark an outcome as no longer wanted",
)
def withdraw_outcome(
    request, payload: OutcomeWithdraw, enquiry_id: int = EnquiryId, outcome_id: int = ItemId
):
    def act(user, outcome, version):
        outcome_services.outcome_withdraw(
            actor=user,
            outcome=outcome,
            reason=payload.reason,
            happened_on=payload.happened_on,
            seen_version=version,
        )

    return _change_outcome(
        request, enquiry_id, outcome_id, payload.version, act, "The outcome was not withdrawn."
    )


# --- capacity and representation ---


@router.get(
    "/{enquiry_id}/capacity-assessments",
    response={200: CapacityPage, **READ_ERRORS},
    auth=auth.read,
    summary="Capacity assessments",
)
def list_capacity(request, query: Query[PageQuery], enquiry_id: int = EnquiryId):
    enquiry = enquiry_for_user(request.user, enquiry_id)
    return paginate(
        request,
        enquiry.capacity_assessments.order_by("-assessed_on", "-id"),
        query,
        represent.capacity_out,
        **_listed("capacity assessments", enquiry),
    )


@router.post(
    "/{enquiry_id}/capacity-assessments",
    response={201: CapacityOut, **WRITE_ERRORS},
    auth=auth.write,
    summary="Record a capacity assessment",
)
def create_capacity(request, payload: CapacityCreate, enquiry_id: int = EnquiryId):
    enquiry = enquiry_for_recording(request.user, enquiry_id)
    assessment = services.capacity_record(actor=request.user, enquiry=enquiry, **payload.dict())
    return Status(201, represent.capacity_out(assessment))


@router.get(
    "/{enquiry_id}/representations",
    response={200: RepresentationPage, **READ_ERRORS},
    auth=auth.read,
    summary="Representatives and advocates",
)
def list_representations(request, query: Query[PageQuery], enquiry_id: int = EnquiryId):
    enquiry = enquiry_for_user(request.user, enquiry_id)
    return paginate(
        request,
        enquiry.representations.order_by("-from_date", "-id"),
        query,
        represent.representation_out,
        **_listed("representatives", enquiry),
    )


@router.post(
    "/{enquiry_id}/representations",
    response={201: RepresentationOut, **WRITE_ERRORS},
    auth=auth.write,
    summary="Record a representative or advocate",
)
def create_representation(request, payload: RepresentationCreate, enquiry_id: int = EnquiryId):
    enquiry = enquiry_for_recording(request.user, enquiry_id)
    representation = services.representation_record(
        actor=request.user, enquiry=enquiry, **payload.dict()
    )
    return Status(201, represent.representation_out(representation))


# --- closing review and closure ---


@router.get(
    "/{enquiry_id}/closing-review",
    response={200: ClosingReviewOut, **READ_ERRORS},
    auth=auth.read,
    summary="The closing review",
)
def get_closing_review(request, enquiry_id: int = EnquiryId):
    enquiry = enquiry_for_user(request.user, enquiry_id)
    review = getattr(enquiry, "closing_review", None)
    if review is None:
        raise Problem(404, "No closing review has been recorded for this enquiry yet.")
    access_record(
        actor=request.user,
        action="view",
        obj=review,
        person=enquiry.person,
        detail=f"via API: closing review of enquiry {enquiry.pk}",
        request=request,
    )
    return represent.closing_review_out(review)


@router.put(
    "/{enquiry_id}/closing-review",
    response={200: EnquiryDetail, **WRITE_ERRORS},
    auth=auth.write,
    summary="Record (or re-record) the closing review",
)
def put_closing_review(request, payload: ClosingReviewIn, enquiry_id: int = EnquiryId):
    """Rate every current outcome (`ratings`, one per outcome id: achievement fully, partially
    or not, or a not_rated_reason), the action taken and its result, and the person's
    experience (`experience`: topic and answer)."""
    user = request.user
    enquiry = enquiry_for_recording(user, enquiry_id)
    index = {r.outcome: i for i, r in enumerate(payload.ratings)}
    ratings = {r.outcome: r.dict(exclude={"outcome"}) for r in payload.ratings}
    experience = {e.topic: e.answer for e in payload.experience}
    renames = [(rf"^rating_{pk}_", f"ratings.{i}.") for pk, i in index.items()]
    renames += [
        (r"^rating_\d+_.*$", "ratings"),
        (r"^experience_(?!answered_by|comments).*$", "experience"),
    ]
    try:
        services.closing_review_record(
            actor=user,
            enquiry=enquiry,
            reviewed_on=payload.reviewed_on,
            ratings=ratings,
            action_and_result=payload.action_and_result,
            risk_outcome=payload.risk_outcome,
            experience=experience,
            experience_answered_by=payload.experience_answered_by,
            experience_comments=payload.experience_comments,
        )
    except ValidationError as error:
        raise _problem(error, "The closing review was not saved.", renames) from error
    return _detail(user, enquiry_id)


@router.post(
    "/{enquiry_id}/closure",
    response={200: EnquiryDetail, **UPDATE_ERRORS},
    auth=auth.write,
    summary="Close the enquiry",
)
def close_enquiry(request, payload: EnquiryClose, enquiry_id: int = EnquiryId):
    """Close the enquiry after its closing review. The statutory answers are derived from the
    record; to correct one send `corrections` with the field, value and a reason. Send the
    enquiry's version (it changes when the closing review is saved)."""
    user = request.user
    enquiry_for_recording(user, enquiry_id)
    version = seen_version(request, payload.version)
    corrections = {c.field: (c.value, c.reason) for c in payload.corrections}
    with transaction.atomic():
        # Lock first so that the version checked is the version closed.
        locked = Enquiry.objects.select_for_update().get(pk=enquiry_id)
        if locked.version != version:
            raise stale(locked.version, _detail(user, enquiry_id))
        try:
            services.enquiry_close(
                actor=user, enquiry=locked, end_date=payload.end_date, corrections=corrections
            )
        except ValidationError as error:
            raise _problem(
                error, "The enquiry was not closed.", [(r"^(sac_\w+)_reason$", "corrections")]
            ) from error
    return _detail(user, enquiry_id)
