"""The data-protection pages: safeguarding leads only (others 404), and what the record shows."""

from datetime import date

import pytest
from django.test import Client

from msp.people.models import Person
from msp.privacy import services
from msp.privacy.models import LegalHold, Rectification
from tests.support.pages import assert_every_error_shown

pytestmark = pytest.mark.django_db

PAGES = ["", "subject-access/", "restrict-processing/", "rectification/", "legal-hold/"]


def _url(person, page=""):
    return f"/privacy/people/{person.reference}/{page}"


@pytest.mark.parametrize("page", PAGES)
def test_only_safeguarding_leads_may_use_the_pages(
    client, enquiry, page, practitioner, manager, performance_officer, board_member, administrator
):
    person = enquiry.person
    for user in (practitioner, manager, performance_officer, board_member, administrator):
        client.force_login(user)
        assert client.get(_url(person, page)).status_code == 404
        assert client.post(_url(person, page), {"reason": "x"}).status_code == 404
    person.refresh_from_db()
    assert not person.processing_restricted and not LegalHold.objects.exists()


def test_unknown_person_is_404_for_a_lead(client, lead):
    client.force_login(lead)
    assert client.get("/privacy/people/P999999/").status_code == 404


def test_restrict_processing_shows_on_the_person_and_enquiry_pages(
    client, enquiry, lead, practitioner
):
    person = enquiry.person
    client.force_login(lead)
    response = client.post(_url(person, "restrict-processing/"), {"reason": ""})
    assert "Enter why processing is restricted" in response.content.decode()
    response = client.post(_url(person, "restrict-processing/"), {"reason": "Accuracy contested"})
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.processing_restricted
    client.force_login(practitioner)
    assert "Processing restricted" in client.get(f"/people/{person.reference}/").content.decode()
    assert "Processing restricted" in client.get(f"/enquiries/{enquiry.pk}/").content.decode()
    client.force_login(lead)
    response = client.post(_url(person, "restrict-processing/"), {"reason": "Checked"})
    person.refresh_from_db()
    assert response.status_code == 302 and not person.processing_restricted


def test_rectification_page_corrects_and_the_statement_shows_on_the_record(client, enquiry, lead):
    person = enquiry.person
    client.force_login(lead)
    form = {
        "received_on_0": "5", "received_on_1": "1", "received_on_2": "2026",
        "what_is_wrong": "Surname misspelt", "statement": "My surname is Fotheringay.",
        "decision": "corrected", "last_name": "Fotheringay",
    }  # fmt: skip
    response = client.post(_url(person, "rectification/"), form)
    assert response.status_code == 302, response.content.decode()[:2000]
    person.refresh_from_db()
    assert person.last_name == "Fotheringay"
    assert Rectification.objects.get(person=person).changes["last_name"][1] == "Fotheringay"
    page = client.get(f"/people/{person.reference}/").content.decode()
    assert "My surname is Fotheringay." in page
    overview = client.get(_url(person)).content.decode()
    assert "Surname misspelt" in overview


def test_rectification_page_names_the_missing_fields(client, enquiry, lead):
    client.force_login(lead)
    response = client.post(_url(enquiry.person, "rectification/"), {"decision": "corrected"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Enter the person&#x27;s statement, in their words" in page
    assert "Enter the date the request was received" in page
    assert "Enter what the person says is wrong" in page


def test_legal_hold_page_places_and_lifts(client, enquiry, lead):
    person = enquiry.person
    client.force_login(lead)
    response = client.post(
        _url(person, "legal-hold/"),
        {"action": "place", "reason": "Court proceedings",
         "placed_on_0": "1", "placed_on_1": "2", "placed_on_2": "2026"},
    )  # fmt: skip
    assert response.status_code == 302
    hold = LegalHold.objects.get(person=person)
    assert "Court proceedings" in client.get(_url(person, "legal-hold/")).content.decode()
    response = client.post(
        _url(person, "legal-hold/"),
        {"action": "lift", "hold": hold.pk, f"hold-{hold.pk}-lifted_reason": "Concluded",
         f"hold-{hold.pk}-lifted_on_0": "1", f"hold-{hold.pk}-lifted_on_1": "3",
         f"hold-{hold.pk}-lifted_on_2": "2026"},
    )  # fmt: skip
    assert response.status_code == 302
    hold.refresh_from_db()
    assert hold.lifted_on == date(2026, 3, 1)


def test_overview_page_queries_are_bounded(client, enquiry, lead, django_assert_max_num_queries):
    person = enquiry.person
    for i in range(5):
        services.legal_hold_place(
            actor=lead, person=person, reason=f"Hold {i}", placed_on=date(2026, 1, 1)
        )
    client.force_login(lead)
    with django_assert_max_num_queries(25):
        assert client.get(_url(person)).status_code == 200
    assert Person.objects.filter(pk=person.pk).exists()


# Every problem at once, and two people changing the same person's record

NEXT_YEAR = str(date.today().year + 1)


def test_rectification_shows_every_problem_at_once(client, enquiry, lead):
    client.force_login(lead)
    person = enquiry.person
    response = client.post(
        _url(person, "rectification/"),
        {
            "received_on_0": "2",
            "received_on_1": "3",
            "received_on_2": NEXT_YEAR,
            "what_is_wrong": "",
            "statement": "",
            "decision": "corrected",
            "nhs_number": "123",
            "date_of_birth_0": "30",
            "date_of_birth_1": "2",
            "date_of_birth_2": "1950",
        },
    )
    assert_every_error_shown(
        response,
        {
            "id_received_on": "The date the request was received must be today or in the past",
            "id_what_is_wrong": "Enter what the person says is wrong",
            "id_statement": "Enter the person's statement, in their words",
            "id_nhs_number": "Enter a valid NHS number",
            "id_date_of_birth": "must be a real date",
        },
    )
    assert not Rectification.objects.exists()


def test_a_correction_with_no_detail_says_where_to_enter_one(client, enquiry, lead):
    client.force_login(lead)
    response = client.post(
        _url(enquiry.person, "rectification/"),
        {
            "received_on_0": "2",
            "received_on_1": "3",
            "received_on_2": "2025",
            "what_is_wrong": "Her name is spelt wrongly",
            "statement": "My name is Maureen with two e's",
            "decision": "corrected",
        },
    )
    assert_every_error_shown(
        response, {"#id_first_name": "Enter the corrected value of at least one detail"}
    )


def test_legal_holds_show_every_problem_at_once(client, enquiry, lead):
    client.force_login(lead)
    person = enquiry.person
    response = client.post(_url(person, "legal-hold/"), {"action": "place", "reason": " "})
    assert_every_error_shown(
        response,
        {
            "id_reason": "Enter why the records must be kept",
            "id_placed_on": "Enter the date the hold was placed",
        },
    )
    hold = services.legal_hold_place(
        actor=lead, person=person, reason="Court proceedings", placed_on=date(2025, 5, 1)
    )
    prefix = f"hold-{hold.pk}-"
    response = client.post(
        _url(person, "legal-hold/"),
        {
            "action": "lift",
            "hold": hold.pk,
            f"{prefix}lifted_reason": "",
            f"{prefix}lifted_on_0": "1",
            f"{prefix}lifted_on_1": "4",
            f"{prefix}lifted_on_2": "2025",
        },
    )
    assert_every_error_shown(
        response,
        {
            f"id_{prefix}lifted_reason": "Enter why the hold is lifted",
            f"id_{prefix}lifted_on": "must be on or after the date it was placed (1 May 2025)",
        },
    )
    assert LegalHold.objects.get().lifted_on is None


def test_two_leads_restricting_processing_at_once(client, enquiry, lead):
    from tests.factories import UserFactory

    colleague = UserFactory(role="safeguarding_lead", first_name="Nia", last_name="Evans")
    other = Client()
    other.force_login(colleague)
    client.force_login(lead)
    person = enquiry.person
    seen = person.version
    first = other.post(
        _url(person, "restrict-processing/"),
        {"reason": "Contests the record while we check", "version": seen},
    )
    assert first.status_code == 302
    refused = client.post(
        _url(person, "restrict-processing/"), {"reason": "Asked us to stop", "version": seen}
    )
    html = refused.content.decode()
    assert "What changed while you were editing" in html and "Nia Evans" in html
    assert "Asked us to stop" in html
    person.refresh_from_db()
    assert person.processing_restricted_reason == "Contests the record while we check"
