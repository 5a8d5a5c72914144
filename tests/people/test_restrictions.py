"""Restricted records: named users only; others in scope open them by giving a reason, which leads see."""

import pytest

from msp.accounts import policy
from msp.audit.models import Action, AuditEntry
from msp.people import restrictions
from msp.people.models import BreakGlassAccess
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def restricted(enquiry, lead, manager):
    restrictions.restriction_place(
        actor=lead, person=enquiry.person, reason="staff", named_users=[manager]
    )
    return enquiry


def test_named_users_open_it_others_see_it_is_restricted(client, restricted, manager, practitioner):
    person = restricted.person
    client.force_login(manager)
    assert client.get(f"/people/{person.reference}/").status_code == 200
    assert client.get(f"/enquiries/{restricted.pk}/").status_code == 200
    client.force_login(practitioner)
    for url in (
        f"/people/{person.reference}/",
        f"/enquiries/{restricted.pk}/",
        f"/concerns/{restricted.concern.reference}/",
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        page = response.content.decode()
        assert "This record is restricted" in page and person.first_name not in page


def test_break_glass_needs_a_reason_is_logged_and_shown_to_leads(
    client, restricted, practitioner, lead
):
    person = restricted.person
    client.force_login(practitioner)
    url = f"/people/{person.reference}/break-glass/"
    response = client.post(url, {"reason": "", "next": f"/enquiries/{restricted.pk}/"})
    assert "Say why you need to open this record" in response.content.decode()
    response = client.post(
        url,
        {
            "reason": "Duty worker: new concern reported tonight",
            "next": f"/enquiries/{restricted.pk}/",
        },
    )
    assert response.status_code == 302 and response.url == f"/enquiries/{restricted.pk}/"
    assert client.get(f"/enquiries/{restricted.pk}/").status_code == 200
    entry = AuditEntry.objects.get(action=Action.BREAK_GLASS, actor=practitioner)
    assert entry.reason == "Duty worker: new concern reported tonight" and entry.person == person
    client.force_login(lead)
    page = client.get("/audit/break-glass/").content.decode()
    assert "Duty worker: new concern reported tonight" in page


def test_break_glass_does_not_widen_team_scope(client, restricted, other_practitioner):
    client.force_login(other_practitioner)
    response = client.post(
        f"/people/{restricted.person.reference}/break-glass/",
        {"reason": "Curious about this person"},
    )
    assert response.status_code == 404
    assert not BreakGlassAccess.objects.exists()


def test_next_cannot_send_the_user_elsewhere(client, restricted, practitioner):
    client.force_login(practitioner)
    response = client.post(
        f"/people/{restricted.person.reference}/break-glass/",
        {"reason": "Needed for a strategy meeting", "next": "https://evil.example/"},
    )
    assert response.url == f"/people/{restricted.person.reference}/"


def test_leads_place_and_lift_restrictions(client, enquiry, lead, practitioner):
    client.force_login(lead)
    url = f"/people/{enquiry.person.reference}/restriction/"
    assert (
        client.post(url, {"reason": "high_profile", "named_users": [practitioner.pk]}).status_code
        == 302
    )
    assert restrictions.active_restriction(enquiry.person) is not None
    stranger = UserFactory(role="practitioner", teams=list(practitioner.teams.all()))
    assert not policy.may_open(stranger, enquiry.person)
    assert policy.may_open(practitioner, enquiry.person) and policy.may_open(lead, enquiry.person)
    assert client.post(url, {"lift": "1"}).status_code == 302
    assert policy.may_open(stranger, enquiry.person)
    assert AuditEntry.objects.filter(
        action=Action.PERMISSION_CHANGE, detail="restriction lifted"
    ).exists()


def test_only_leads_restrict(client, enquiry, manager):
    client.force_login(manager)
    assert client.get(f"/people/{enquiry.person.reference}/restriction/").status_code == 404
