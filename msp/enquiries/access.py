"""Fetch-and-check for enquiries: 404 for anyone outside the enquiry's team scope."""

from django.http import Http404

from msp.accounts import policy
from msp.enquiries.models import Enquiry
from msp.enquiries.selectors import enquiries_visible_to
from msp.people import restrictions


def enquiry_for_user(user, pk: int) -> Enquiry:
    enquiry = (
        enquiries_visible_to(user)
        .select_related(
            "person", "team", "lead", "concern", "concern__decided_by", "closing_review"
        )
        .filter(pk=pk)
        .first()
    )
    if enquiry is None:
        raise Http404("No such enquiry")
    restrictions.check_open(user, enquiry.person)
    return enquiry


def enquiry_for_recording(user, pk: int) -> Enquiry:
    """The enquiry, if the user may record practice in it (their team, or a safeguarding lead)."""
    enquiry = enquiry_for_user(user, pk)
    if not policy.can_record_for_team(user, enquiry.team_id):
        raise Http404("No such enquiry")
    return enquiry


def enquiry_for_allocation(user, pk: int) -> Enquiry:
    enquiry = enquiry_for_user(user, pk)
    if not policy.can_allocate(user, enquiry.team_id):
        raise Http404("No such enquiry")
    return enquiry
