"""Fetch-and-check for data-protection pages: safeguarding leads only; anyone else gets 404.

Subject access, rectification, restriction and legal holds are handled centrally by the
safeguarding leads (with the council's data protection officer), not by the teams."""

from django.http import Http404

from msp.accounts.models import Role
from msp.people.access import person_for_user
from msp.people.models import Person


def can_handle_data_protection(user) -> bool:
    return bool(
        user and user.is_authenticated and user.is_active and user.role == Role.SAFEGUARDING_LEAD
    )


def person_for_data_protection(user, reference: str) -> Person:
    if not can_handle_data_protection(user):
        raise Http404("Not found")
    return person_for_user(user, reference)
