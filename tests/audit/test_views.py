import pytest
from django.utils.html import escape

from msp.audit.models import Action, AuditEntry

pytestmark = pytest.mark.django_db


def test_lead_sees_who_has_seen_a_record(client, practitioner, lead, enquiry):
    client.force_login(practitioner)
    client.get(f"/people/{enquiry.person.reference}/")
    client.force_login(lead)
    page = client.get(f"/audit/people/{enquiry.person.reference}/").content.decode()
    assert practitioner.username in page and escape(f"{practitioner} viewed") in page


def test_lead_searches_by_user_and_person(client, practitioner, lead, enquiry):
    client.force_login(practitioner)
    client.get(f"/enquiries/{enquiry.pk}/")
    client.force_login(lead)
    page = client.get(
        "/audit/", {"username": practitioner.username, "action": "view"}
    ).content.decode()
    assert escape(f"{practitioner} viewed {enquiry.person.known_as}'s enquiry") in page
    page = client.get("/audit/", {"person": "P999999"}).content.decode()
    assert "No person has that reference" in page
    assert AuditEntry.objects.filter(action=Action.SEARCH, actor=lead).exists()
