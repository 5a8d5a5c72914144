"""The concern pages over HTTP: every problem with a concern, an allegation or a decision is
shown at once, and two people deciding the same concern do not both succeed."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils.html import escape

from msp.concerns.models import Concern
from msp.core.dates import today
from tests.factories import ConcernFactory, PersonFactory, TeamFactory, UserFactory
from tests.support.pages import assert_every_error_shown

pytestmark = pytest.mark.django_db


def date_parts(name: str, day) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_new_concern_suggests_the_users_own_team(client, practitioner, team):
    person = PersonFactory(team=team)
    client.force_login(practitioner)
    page = client.get(f"/concerns/new/{person.reference}/").content.decode()
    assert f'<option value="{team.pk}" selected>' in page


def test_new_concern_shows_every_problem_at_once(client, practitioner, team, other_team):
    person = PersonFactory(team=team)
    client.force_login(practitioner)
    response = client.post(
        f"/concerns/new/{person.reference}/",
        {
            **date_parts("received_date", today() + timedelta(days=2)),
            "raised_by_relationship": "",
            "what_reported": "  ",
            "type_of_risk": "",
            "location_of_risk": "",
            "source_of_risk": "",
            "team": other_team.pk,
        },
    )
    assert_every_error_shown(
        response,
        {
            "id_received_date": "The date the concern was received must be today or in the past",
            "id_raised_by_relationship": "Choose who raised the concern",
            "id_what_reported": "Enter what was reported",
            "id_type_of_risk": "Choose the type of risk",
            "id_location_of_risk": "Choose where the risk is",
            "id_source_of_risk": "Choose who is thought to be the source of risk",
            "id_team": "Choose one of your own teams",
        },
    )
    assert not Concern.objects.exists()


def test_adding_an_allegation_shows_every_problem_at_once(client, practitioner, team):
    concern = ConcernFactory(person__team=team)
    client.force_login(practitioner)
    response = client.post(f"/concerns/{concern.reference}/allegations/new/", {"detail": ""})
    assert_every_error_shown(
        response,
        {
            "id_type_of_risk": "Choose the type of risk",
            "id_location_of_risk": "Choose where the risk is",
            "id_source_of_risk": "Choose who is thought to be the source of risk",
        },
    )


@pytest.fixture
def concern(team):
    return ConcernFactory(person__team=team, received_date=today() - timedelta(days=10))


def test_the_decision_page_shows_criteria_dates_and_the_leads_team_at_once(
    client, practitioner, concern, team
):
    elsewhere = UserFactory(teams=[TeamFactory(name="West locality")])
    client.force_login(practitioner)
    response = client.post(
        f"/concerns/{concern.reference}/decision/",
        {
            "decision": "s42",
            **date_parts("decision_date", today() + timedelta(days=1)),
            "team": team.pk,
            "lead": elsewhere.pk,
            "version": concern.version,
        },
    )
    assert_every_error_shown(
        response,
        {
            "id_criteria_care_needs": "Answer whether the person has needs for care and support",
            "id_criteria_abuse_or_neglect": "Answer whether the person is experiencing",
            "id_criteria_unable_to_protect": "Answer whether the person is unable to protect",
            "id_decision_date": "The date of the decision must be today or in the past",
            "id_lead": f"Choose a lead practitioner who works in {team.name}",
        },
    )
    assert not Concern.objects.get(pk=concern.pk).decided


def test_a_decision_against_the_criteria_with_every_other_problem(client, practitioner, concern):
    client.force_login(practitioner)
    response = client.post(
        f"/concerns/{concern.reference}/decision/",
        {
            "criteria_care_needs": "yes",
            "criteria_abuse_or_neglect": "no",
            "criteria_unable_to_protect": "yes",
            "decision": "s42",
            **date_parts("decision_date", concern.received_date - timedelta(days=1)),
            **date_parts("enquiry_start_date", today() + timedelta(days=4)),
        },
    )
    assert_every_error_shown(
        response,
        {
            "id_decision": "A section 42 enquiry needs the answer yes to all three questions",
            "id_decision_date": "must be on or after the date the concern was received",
            "id_team": "Choose the team that will carry out the enquiry",
            "id_enquiry_start_date": "The date the enquiry started must be today or in the past",
        },
    )


def test_no_enquiry_needs_a_reason_and_a_date(client, practitioner, concern):
    client.force_login(practitioner)
    response = client.post(
        f"/concerns/{concern.reference}/decision/",
        {
            "criteria_care_needs": "no",
            "criteria_abuse_or_neglect": "no",
            "criteria_unable_to_protect": "no",
            "decision": "none",
        },
    )
    assert_every_error_shown(
        response,
        {
            "id_decision_reason": "Enter why this decision was taken",
            "id_decision_date": "Enter the date of the decision",
        },
    )


def test_two_people_deciding_the_same_concern(client, practitioner, manager, concern, team):
    mine, theirs = client, Client()
    mine.force_login(practitioner)
    theirs.force_login(manager)
    decision = {
        "criteria_care_needs": "no",
        "criteria_abuse_or_neglect": "no",
        "criteria_unable_to_protect": "no",
        "decision": "none",
        "decision_reason": "Support from the GP is enough",
        **date_parts("decision_date", today()),
        "version": concern.version,
    }
    assert theirs.post(f"/concerns/{concern.reference}/decision/", decision).status_code == 302
    refused = mine.post(
        f"/concerns/{concern.reference}/decision/",
        {**decision, "decision_reason": "Her daughter is moving in"},
    )
    page = refused.content.decode()
    assert "What changed while you were editing" in page
    assert "Support from the GP is enough" in page and escape(manager.get_full_name()) in page
    assert "Her daughter is moving in" in page  # what this user typed is still there
    assert "A decision has already been recorded for this concern" in page
    assert "Record decision</button>" not in page
    assert Concern.objects.get(pk=concern.pk).decision_reason == "Support from the GP is enough"


def test_every_concern_waiting_for_a_decision_can_be_reached(
    client, practitioner, team, other_team, django_assert_max_num_queries
):
    from msp.people import restrictions

    people = [PersonFactory(team=team) for _ in range(3)]
    for number in range(62):
        ConcernFactory(
            person=people[number % 3],
            team=team,
            received_date=today() - timedelta(days=100 - number),
        )
    ConcernFactory(person__team=other_team)  # another team's: neither counted nor listed
    hidden = people[0]
    restrictions.restriction_place(
        actor=UserFactory(role="safeguarding_lead"), person=hidden, reason="staff", named_users=[]
    )
    client.force_login(practitioner)
    caseload = client.get("/enquiries/").content.decode()
    assert "62 concerns waiting for a decision" in caseload
    assert "The 10 oldest of 62" in caseload and 'href="/concerns/waiting/"' in caseload
    assert caseload.count('href="/concerns/C') == 10

    with django_assert_max_num_queries(12):
        first = client.get("/concerns/waiting/").content.decode()
    assert "Showing 1 to 50 of 62" in first and "Page 1 of 2" in first
    assert "Restricted record" in first and escape(hidden.full_name) not in first
    assert escape(people[1].full_name) in first
    with django_assert_max_num_queries(12):
        second = client.get("/concerns/waiting/", {"page": 2}).content.decode()
    assert "Showing 51 to 62 of 62" in second
    assert second.count('href="/concerns/C') == 12


def test_the_waiting_page_says_when_nothing_is_waiting(client, practitioner):
    client.force_login(practitioner)
    page = client.get("/concerns/waiting/").content.decode()
    assert "No concerns are waiting for a decision" in page
