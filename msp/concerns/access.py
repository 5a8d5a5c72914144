from django.http import Http404

from msp.accounts import policy
from msp.concerns.models import Concern
from msp.concerns.selectors import concerns_visible_to
from msp.people import restrictions


def concern_for_user(user, reference: str) -> Concern:
    concern = (
        concerns_visible_to(user)
        .select_related("person", "team", "decided_by")
        .filter(reference=reference)
        .first()
    )
    if concern is None:
        raise Http404("No such concern")
    restrictions.check_open(user, concern.person)
    return concern


def concern_for_recording(user, reference: str) -> Concern:
    concern = concern_for_user(user, reference)
    if not policy.can_record_for_team(user, concern.team_id):
        raise Http404("No such concern")
    return concern
