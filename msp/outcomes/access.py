from django.http import Http404

from msp.enquiries.access import enquiry_for_recording, enquiry_for_user
from msp.outcomes.models import DesiredOutcome


def outcome_for_user(
    user, enquiry_pk: int, outcome_pk: int, *, recording: bool = False
) -> DesiredOutcome:
    """The outcome, if the user may see (or record in) its enquiry; 404 otherwise."""
    enquiry = (enquiry_for_recording if recording else enquiry_for_user)(user, enquiry_pk)
    outcome = DesiredOutcome.objects.filter(enquiry=enquiry, pk=outcome_pk).first()
    if outcome is None:
        raise Http404("No such outcome")
    outcome.enquiry = enquiry
    return outcome
