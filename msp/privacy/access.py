"""Fetch-and-check for data-protection pages: safeguarding leads only; anyone else gets 404.

Subject access, rectification, restriction and legal holds are handled centrally by the
safeguarding leads (with the council's data protection officer), not by the teams."""

from django.http import Http404

from msp.accounts import policy
from msp.people.access import person_for_user
from msp.people.models import Person


def require_data_protection(user) -> None:
    if not policy.can_handle_data_protection(user):
        raise Http404("Not found")


def person_for_data_protection(user, reference: str) -> Person:
    require_data_protection(user)
    return person_for_user(user, reference)
