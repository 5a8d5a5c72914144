"""Concerns and their allegations: list, read, record, add an allegation, decide."""

from datetime import date

from ninja import Path, Query, Router, Status

from msp.accounts import policy
from msp.accounts.models import Team, User
from msp.api import auth, represent, selectors
from msp.api.pagination import PageQuery, page_schema, paginate
from msp.api.problems import Problem
from msp.api.routers.common import READ_ERRORS, REFERENCE_PATTERN, WRITE_ERRORS, case_viewer
from msp.api.schemas import (
    AllegationIn,
    AllegationOut,
    ConcernCreate,
    ConcernDecide,
    ConcernDetail,
    ConcernOut,
    DecisionFilter,
    Id,
    ShortText,
)
from msp.audit.services import access_record
from msp.concerns import services
from msp.concerns.access import concern_for_recording, concern_for_user
from msp.people.access import person_for_recording

Reference = Path(..., pattern=REFERENCE_PATTERN, description="The council reference")
router = Router(tags=["Concerns"])
ConcernPage = page_schema("ConcernPage", ConcernOut)


class ConcernsQuery(PageQuery):
    received_from: date | None = None
    received_to: date | None = None
    decision: DecisionFilter | None = None
    team: Id | None = None
    person: ShortText = ""


def _field_problem(field: str, message: str) -> Problem:
    return Problem(422, message, errors=[{"field": field, "message": message}])


@router.get("", response={200: ConcernPage, **READ_ERRORS}, auth=auth.read, summary="List concerns")
def list_concerns(request, query: Query[ConcernsQuery]):
    """Concerns your teams may see, newest first. Filter by received date range, decision
    (s42, other, none, or undecided), team id and person reference."""
    user = case_viewer(request)
    concerns = selectors.concerns_filtered(
        user,
        received_from=query.received_from,
        received_to=query.received_to,
        decision=query.decision or "",
        team=query.team,
        person=query.person,
    ).select_related("enquiry")
    return paginate(
        request,
        concerns,
        query,
        represent.concern_out,
        what="concerns",
        key=lambda concern: concern.reference,
    )


@router.get(
    "/{reference}",
    response={200: ConcernDetail, **READ_ERRORS},
    auth=auth.read,
    summary="A concern",
)
def get_concern(request, reference: str = Reference):
    user = request.user
    concern = concern_for_user(user, reference)
    access_record(
        actor=user,
        action="view",
        obj=concern,
        person=concern.person,
        detail="via API",
        request=request,
    )
    return represent.concern_detail(concern)


@router.get(
    "/{reference}/allegations",
    response={200: list[AllegationOut], **READ_ERRORS},
    auth=auth.read,
    summary="A concern's allegations",
)
def list_allegations(request, reference: str = Reference):
    concern = concern_for_user(request.user, reference)
    allegations = list(concern.allegations.order_by("id"))
    access_record(
        actor=request.user,
        action="view",
        obj=concern,
        person=concern.person,
        detail=f"via API: allegations of concern {concern.reference}"[:255],
        returned=[str(a.pk) for a in allegations],
        request=request,
    )
    return [represent.allegation_out(a) for a in allegations]


@router.post(
    "", response={201: ConcernDetail, **WRITE_ERRORS}, auth=auth.write, summary="Record a concern"
)
def create_concern(request, payload: ConcernCreate):
    """Record a concern about a person you may record for, screened by one of your teams."""
    user = request.user
    person = person_for_recording(user, payload.person)
    team = (
        user.teams.first()
        if payload.team is None
        else Team.objects.filter(pk=payload.team, active=True).first()
    )
    if team is None or not policy.can_record_for_team(user, team.pk):
        raise _field_problem("team", "Choose one of your own teams")
    concern = services.concern_create(
        actor=user,
        person=person,
        team=team,
        received_date=payload.received_date,
        raised_by_relationship=payload.raised_by_relationship,
        raised_by_name=payload.raised_by_name,
        what_reported=payload.what_reported,
        allegations=[a.dict() for a in payload.allegations],
    )
    return Status(201, represent.concern_detail(concern_for_user(user, concern.reference)))


@router.post(
    "/{reference}/allegations",
    response={201: AllegationOut, **WRITE_ERRORS},
    auth=auth.write,
    summary="Add an allegation",
)
def add_allegation(request, payload: AllegationIn, reference: str = Reference):
    concern = concern_for_recording(request.user, reference)
    allegation = services.allegation_add(actor=request.user, concern=concern, **payload.dict())
    return Status(201, represent.allegation_out(allegation))


@router.post(
    "/{reference}/decision",
    response={200: ConcernDetail, **WRITE_ERRORS},
    auth=auth.write,
    summary="Decide whether to make an enquiry",
)
def decide_concern(request, payload: ConcernDecide, reference: str = Reference):
    """Record the decision. A section 42 or other enquiry opens the enquiry: its id is in
    `enquiry_id` of the answer."""
    user = request.user
    concern = concern_for_recording(user, reference)
    if concern.decided:
        raise Problem(422, "A decision has already been recorded for this concern")
    team = None
    if payload.team is not None:
        team = Team.objects.filter(pk=payload.team, active=True).first()
        if team is None:
            raise _field_problem("team", "Choose an active team by its id")
    lead = None
    if payload.lead is not None:
        lead = User.objects.filter(pk=payload.lead, is_active=True).first()
        if lead is None:
            raise _field_problem("lead", "Choose an active member of staff by their id")
    data = payload.dict()
    data.update(team=team, lead=lead)
    services.concern_decide(actor=user, concern=concern, **data)
    return represent.concern_detail(concern_for_user(user, reference))
