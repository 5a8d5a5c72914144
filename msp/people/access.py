"""Fetch-and-check for people: anyone who may not see the person gets 404, never a hint."""

from django.http import Http404

from msp.accounts import policy
from msp.people import restrictions
from msp.people.models import Person
from msp.people.selectors import people_visible_to


def person_for_user(user, reference: str) -> Person:
    person = people_visible_to(user).filter(reference=reference).select_related("team").first()
    if person is None:
        raise Http404("No such person")
    restrictions.check_open(user, person)
    return person


def person_for_recording(user, reference: str) -> Person:
    person = person_for_user(user, reference)
    if not policy.can_record_cases(user):
        raise Http404("No such person")
    return person
