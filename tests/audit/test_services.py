"""What gets into the audit trail: changes with old and new values, sign-ins, refusals, permission changes."""

import pytest

from msp.audit.models import Action, AuditEntry
from msp.people import services as people_services
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db


def test_a_change_keeps_old_and_new_values(practitioner, team):
    person = PersonFactory(team=team, actor=practitioner, first_name="Edna")
    people_services.person_update(actor=practitioner, person=person, first_name="Edith")
    entry = AuditEntry.objects.filter(action=Action.CHANGE, person=person).latest("sequence")
    assert entry.changes["first_name"] == ["Edna", "Edith"]
    assert entry.actor == practitioner
    created = AuditEntry.objects.get(
        action=Action.CREATE, object_type="person", object_id=str(person.pk)
    )
    assert created.changes["first_name"] == [None, "Edna"]


def test_a_refused_write_leaves_no_audit_entry(practitioner, team):
    person = PersonFactory(team=team, actor=practitioner)
    before = AuditEntry.objects.count()
    with pytest.raises(Exception):  # noqa: B017 - the service refuses the bad NHS number
        people_services.person_update(actor=practitioner, person=person, nhs_number="1234567890")
    assert AuditEntry.objects.count() == before


def test_sign_in_sign_out_and_failures(client, practitioner):
    assert (
        client.post(
            "/accounts/sign-in/", {"username": practitioner.username, "password": "wrong"}
        ).status_code
        == 200
    )
    assert AuditEntry.objects.filter(
        action=Action.SIGN_IN_FAILED, actor_name=practitioner.username
    ).exists()
    client.post("/accounts/sign-in/", {"username": practitioner.username, "password": PASSWORD})
    assert AuditEntry.objects.filter(action=Action.SIGN_IN, actor=practitioner).exists()
    client.post("/accounts/sign-out/")
    assert AuditEntry.objects.filter(action=Action.SIGN_OUT, actor=practitioner).exists()


def test_refused_access_is_recorded(client, other_practitioner, enquiry):
    client.force_login(other_practitioner)
    assert client.get(f"/enquiries/{enquiry.pk}/").status_code == 404
    entry = AuditEntry.objects.filter(action=Action.REFUSED, actor=other_practitioner).latest(
        "sequence"
    )
    assert entry.detail == f"GET /enquiries/{enquiry.pk}/"


def test_viewing_a_person_is_recorded(client, practitioner, enquiry):
    client.force_login(practitioner)
    client.get(f"/people/{enquiry.person.reference}/")
    assert AuditEntry.objects.filter(
        action=Action.VIEW, actor=practitioner, person=enquiry.person
    ).exists()


def test_permission_changes_are_recorded_and_disabling_ends_sessions(
    client, administrator, practitioner, team
):
    administrator.is_superuser = True
    administrator.save()
    practitioner_client = client.__class__()
    practitioner_client.force_login(practitioner)
    assert practitioner_client.get("/enquiries/").status_code == 200
    client.force_login(administrator)
    response = client.post(
        f"/admin/accounts/user/{practitioner.pk}/change/",
        {
            "username": practitioner.username,
            "first_name": practitioner.first_name,
            "last_name": practitioner.last_name,
            "email": practitioner.email,
            "role": "team_manager",
            "teams": [team.pk],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = AuditEntry.objects.filter(action=Action.PERMISSION_CHANGE).latest("sequence")
    assert entry.changes["role"] == ["practitioner", "team_manager"]
    assert entry.changes["is_active"] == [True, False]
    assert practitioner_client.get("/enquiries/").status_code == 302  # signed out


def test_administrators_cannot_see_change_or_delete_entries(client, administrator, practitioner):
    administrator.is_superuser = True
    administrator.save()
    client.force_login(administrator)
    entry = AuditEntry.objects.first() or AuditEntry.objects.get()
    # The audit trail is not in the admin at all (tests/accounts/test_admin.py).
    assert client.get(f"/admin/audit/auditentry/{entry.pk}/delete/").status_code == 404
    assert (
        client.post(f"/admin/audit/auditentry/{entry.pk}/change/", {"detail": "x"}).status_code
        == 404
    )
    assert client.get("/admin/audit/auditentry/add/").status_code == 404
