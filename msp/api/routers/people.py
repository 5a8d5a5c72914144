"""People: find, read, add and change. Reads go through people_visible_to; writes through
msp.people.services, exactly as the pages do."""

from datetime import date

from django.core.exceptions import ValidationError
from ninja import Path, Query, Router, Status

from msp.accounts import policy
from msp.accounts.models import Team
from msp.api import auth, represent, selectors
from msp.api.pagination import PageQuery, page_schema, paginate
from msp.api.problems import Problem, field_errors
from msp.api.routers.common import (
    READ_ERRORS,
    REFERENCE_PATTERN,
    UPDATE_ERRORS,
    WRITE_ERRORS,
    case_recorder,
    case_viewer,
    seen_version,
    stale,
)
from msp.api.schemas import PersonCreate, PersonDetail, PersonOut, PersonUpdate, ShortText
from msp.audit.services import access_record
from msp.people import services
from msp.people.access import person_for_recording, person_for_user
from msp.people.models import Person

Reference = Path(..., pattern=REFERENCE_PATTERN, description="The council reference")
router = Router(tags=["People"])
PersonPage = page_schema("PersonPage", PersonOut)


class PeopleQuery(PageQuery):
    name: ShortText = ""
    reference: ShortText = ""
    nhs_number: ShortText = ""
    date_of_birth: date | None = None


@router.get("", response={200: PersonPage, **READ_ERRORS}, auth=auth.read, summary="List people")
def list_people(request, query: Query[PeopleQuery]):
    """People you may see, by last name. Filter by name words, council (or source) reference,
    NHS number and date of birth."""
    user = case_viewer(request)
    filters = {
        "name": query.name,
        "reference": query.reference,
        "nhs_number": query.nhs_number,
        "date_of_birth": query.date_of_birth,
    }
    if any(filters.values()):
        access_record(
            actor=user,
            action="search",
            detail=f"via API: {' '.join(str(v) for v in filters.values() if v)}"[:255],
            request=request,
        )
    return paginate(
        request,
        selectors.people_filtered(user, **filters),
        query,
        represent.person_out,
        what="people",
        key=lambda person: person.reference,
    )


@router.get(
    "/{reference}", response={200: PersonDetail, **READ_ERRORS}, auth=auth.read, summary="A person"
)
def get_person(request, reference: str = Reference):
    # As on the page: no role check of its own; anyone outside the scope gets the same 404.
    user = request.user
    person = person_for_user(user, reference)
    access_record(
        actor=user, action="view", obj=person, person=person, detail="via API", request=request
    )
    return represent.person_detail(person, user)


def _team_for(user, team_id: int | None):
    if team_id is None:
        return user.teams.first()
    team = Team.objects.filter(pk=team_id, active=True).first()
    if team is None or not policy.can_record_for_team(user, team.pk):
        raise Problem(
            422,
            "Choose one of your own teams",
            errors=[{"field": "team", "message": "Choose one of your own teams"}],
        )
    return team


@router.post(
    "", response={201: PersonDetail, **WRITE_ERRORS}, auth=auth.write, summary="Add a person"
)
def create_person(request, payload: PersonCreate):
    """Add a new person. Search first (GET /people?name=...) so that nobody is recorded twice."""
    user = case_recorder(request)
    data = payload.dict()
    team = _team_for(user, data.pop("team"))
    person = services.person_create(actor=user, team=team, **data)
    return Status(
        201, represent.person_detail(Person.objects.select_related("team").get(pk=person.pk), user)
    )


@router.patch(
    "/{reference}",
    response={200: PersonDetail, **UPDATE_ERRORS},
    auth=auth.write,
    summary="Change a person's details",
)
def update_person(request, payload: PersonUpdate, reference: str = Reference):
    """Send only the fields to change, with the version you saw (body or If-Match). A stale
    version is refused with 409 and the record as it is now."""
    user = request.user
    person = person_for_recording(user, reference)
    version = seen_version(request, payload.version)
    changes = payload.dict(exclude_unset=True)
    changes.pop("version", None)
    for field in ("first_name", "last_name"):
        if field in changes and changes[field] is None:
            changes[field] = ""
    for field, value in list(changes.items()):
        if value is None and field not in ("date_of_birth", "date_of_death"):
            changes[field] = "" if isinstance(getattr(person, field), str) else False
    if person.version != version:
        raise stale(person.version, represent.person_detail(person, user))
    try:
        updated = services.person_update(actor=user, person=person, seen_version=version, **changes)
    except ValidationError as error:
        current = person_for_user(user, reference)
        if current.version != version:
            raise stale(current.version, represent.person_detail(current, user)) from error
        raise Problem(
            422, "The person's details were not changed.", errors=field_errors(error)
        ) from error
    updated = Person.objects.select_related("team").get(pk=updated.pk)
    return represent.person_detail(updated, user)
