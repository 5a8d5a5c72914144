"""The data-protection pages: safeguarding leads only (others 404), and what the record shows."""

from datetime import date

import pytest

from msp.people.models import Person
from msp.privacy import services
from msp.privacy.models import LegalHold, Rectification

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
    assert "Enter date the request was received" in page
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
