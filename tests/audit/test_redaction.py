"""Old and new values can be removed from the audit trail under the retention schedule without
breaking the chain; any other change to them is still caught."""

import pytest

from msp.audit.chain import verify
from msp.audit.models import Action, AuditEntry
from msp.audit.services import REMOVED, audit_redact
from msp.people import services as people_services
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def edna(practitioner, team):
    person = PersonFactory(team=team, actor=practitioner, first_name="Edna")
    people_services.person_update(actor=practitioner, person=person, first_name="Edith")
    return person


def test_redaction_removes_values_and_the_chain_still_verifies(edna, lead):
    assert audit_redact(actor=lead, person_ids=[edna.pk], reason="retention") >= 2
    for entry in AuditEntry.objects.filter(person=edna).exclude(changes={}):
        assert set(entry.changes.values()) == {REMOVED}
        assert "Edna" not in str(entry.changes) and "Edith" not in str(entry.changes)
    redaction = AuditEntry.objects.get(action=Action.REDACT)
    assert redaction.reason == "retention" and redaction.person is None
    assert verify().ok


def test_changed_values_outside_a_redaction_are_detected(edna):
    entry = AuditEntry.objects.filter(person=edna, action=Action.CHANGE).latest("sequence")
    # The database lets the values column change (for redaction), so the chain must notice.
    AuditEntry.objects.filter(pk=entry.pk).update(changes={"first_name": ["Edna", "Someone else"]})
    verdict = verify()
    assert not verdict.ok and f"entry {entry.sequence} was changed" in verdict.problem
