"""Every read of personal data through the API is in the audit trail, as the pages' reads are:
one entry per call, naming what was returned. The sweep walks the OpenAPI document, so a new
read that forgets fails here."""

import pytest
from django.test import Client

from msp.audit.models import Action, AuditEntry
from msp.enquiries import services as enquiry_services
from tests.api.conftest import ApiClient, make_token
from tests.factories import ConversationFactory, DesiredOutcomeFactory, close_enquiry

pytestmark = pytest.mark.django_db

# Reads that hold no one's personal data: the documentation and the aggregate measures.
NOT_PERSONAL = {"/api/v1/docs", "/api/v1/openapi.json", "/api/v1/measures"}


@pytest.fixture
def recorded(enquiry, practitioner):
    outcome = DesiredOutcomeFactory(enquiry=enquiry, actor=practitioner)
    conversation = ConversationFactory(enquiry=enquiry, actor=practitioner)
    enquiry_services.capacity_record(
        actor=practitioner,
        enquiry=enquiry,
        decision="Where to live",
        assessed_on=enquiry.start_date,
        outcome="has_capacity",
        assessor="A. Assessor",
    )
    enquiry_services.representation_record(
        actor=practitioner,
        enquiry=enquiry,
        role="family_friend",
        name="R. Representative",
        from_date=enquiry.start_date,
    )
    close_enquiry(enquiry, actor=practitioner)
    return {"enquiry": enquiry, "outcome": outcome, "conversation": conversation}


def test_every_api_read_writes_an_audit_entry(recorded, lead):
    enquiry = recorded["enquiry"]
    values = {
        "{reference}": enquiry.person.reference,
        "{enquiry_id}": str(enquiry.pk),
        "{outcome_id}": str(recorded["outcome"].pk),
        "{conversation_id}": str(recorded["conversation"].pk),
        "{year}": "2025-26",
    }
    api = ApiClient(make_token(lead))
    schema = Client().get("/api/v1/openapi.json").json()
    checked = 0
    for path, item in schema["paths"].items():
        if "get" not in item or path in NOT_PERSONAL:
            continue
        url = (
            path.replace("{reference}", enquiry.concern.reference) if "concerns/" in path else path
        )
        for key, value in values.items():
            url = url.replace(key, value)
        before = AuditEntry.objects.order_by("-sequence").values_list("sequence", flat=True)[0]
        response = api.get(url)
        assert response.status_code == 200, (url, response.content[:300])
        entries = list(AuditEntry.objects.filter(sequence__gt=before))
        assert entries, f"{url} wrote no audit entry"
        assert all(e.actor == lead for e in entries)
        checked += 1
    assert checked >= 12


def test_a_list_call_names_what_it_returned(recorded, lead):
    api = ApiClient(make_token(lead))
    person = recorded["enquiry"].person
    answer = api.get("/api/v1/people").json()
    entry = AuditEntry.objects.filter(action=Action.VIEW, detail__startswith="via API: people")
    entry = entry.latest("sequence")
    assert entry.records_returned == [row["reference"] for row in answer["results"]]
    assert person.reference in entry.records_returned
    assert entry.detail == f"via API: people, {answer['count']} of {answer['count']} from 1"
    api.get(f"/api/v1/enquiries/{recorded['enquiry'].pk}/conversations")
    entry = AuditEntry.objects.latest("sequence")
    assert entry.person == person and entry.records_returned == [str(recorded["conversation"].pk)]


def test_the_closing_review_read_is_audited(recorded, lead):
    api = ApiClient(make_token(lead))
    assert api.get(f"/api/v1/enquiries/{recorded['enquiry'].pk}/closing-review").status_code == 200
    entry = AuditEntry.objects.latest("sequence")
    assert entry.object_type == "closingreview" and entry.person == recorded["enquiry"].person
