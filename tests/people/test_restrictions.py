"""Restricted records: named users only; others in scope open them by giving a reason, which leads see."""

import re

import pytest
from django.utils.html import escape

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
    person.first_name = "Ottoline"  # a name no factory gives a member of staff
    person.save()
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


def _back_link(response) -> str:
    return re.search(
        r'<a href="([^"]*)" class="govuk-back-link">Back</a>', response.content.decode()
    )[1]


def test_the_restricted_page_goes_back_to_the_list_that_led_there(client, restricted, practitioner):
    person = restricted.person
    client.force_login(practitioner)
    search = f"/people/?text={person.last_name}"
    response = client.get(f"/people/{person.reference}/", HTTP_REFERER=f"http://testserver{search}")
    assert response.status_code == 403 and _back_link(response) == search
    # Kept through a reason that was refused.
    response = client.post(
        f"/people/{person.reference}/break-glass/", {"reason": "", "back": search}
    )
    assert "Say why you need to open this record" in response.content.decode()
    assert _back_link(response) == search
    # From nowhere, from another site or from the page itself: home.
    for referer in (
        "",
        "https://evil.example/people/",
        f"http://testserver/people/{person.reference}/",
    ):
        response = client.get(f"/people/{person.reference}/", HTTP_REFERER=referer)
        assert _back_link(response) == "/", referer


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


def test_restricting_warns_when_the_people_working_the_case_are_not_named(
    client, enquiry, lead, practitioner, manager
):
    """The enquiry's lead and their team's manager are offered, ticked; leaving them out is
    refused with their names until the lead says to restrict without them."""
    client.force_login(lead)
    url = f"/people/{enquiry.person.reference}/restriction/"
    page = client.get(url).content.decode()
    assert escape(f"{practitioner.get_full_name()} (leads the enquiry)") in page
    assert escape(f"{manager.get_full_name()} (manages the team)") in page
    for user in (practitioner, manager):
        assert f'value="{user.pk}" checked' in page.replace("\n", " ") or re.search(
            rf'value="{user.pk}"[^>]*checked', page
        )

    page = client.post(url, {"reason": "staff", "named_users": [manager.pk]}).content.decode()
    assert restrictions.active_restriction(enquiry.person) is None
    assert "govuk-error-summary" in page
    assert escape(f"{practitioner.get_full_name()} (leads the enquiry) works on this case") in page

    client.post(url, {"reason": "staff", "named_users": [manager.pk], "without_them": "on"})
    restriction = restrictions.active_restriction(enquiry.person)
    assert set(restriction.named_users.all()) == {manager, lead}


def test_naming_everyone_working_the_case_restricts_at_once(
    client, enquiry, lead, practitioner, manager
):
    client.force_login(lead)
    url = f"/people/{enquiry.person.reference}/restriction/"
    response = client.post(url, {"reason": "staff", "named_users": [practitioner.pk, manager.pk]})
    assert response.status_code == 302
    assert policy.may_open(practitioner, enquiry.person) and policy.may_open(
        manager, enquiry.person
    )


def test_the_people_working_a_closed_case_are_not_asked_for(enquiry, practitioner, manager):
    assert {user for user, _ in restrictions.people_working_the_case(enquiry.person)} == {
        practitioner,
        manager,
    }
    type(enquiry).objects.filter(pk=enquiry.pk).update(end_date=enquiry.start_date)
    assert restrictions.people_working_the_case(enquiry.person) == []
