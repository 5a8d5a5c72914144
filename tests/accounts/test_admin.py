"""The Django admin holds no case records and no audit trail; what it does show (staff accounts,
sign-in records) is audited; and nobody there can widen their own access to case records, while
the safeguarding leads are told of every change to someone else's."""

from datetime import date

import pytest
from django.contrib import admin

from msp.accounts.models import Role, User
from msp.accounts.services import GIVES_CASE_ACCESS
from msp.audit.models import Action, AuditEntry
from msp.people import restrictions
from msp.privacy import services as privacy_services
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Everything the admin may show, and why it is not case data. A new registration fails this
# test until someone decides, and says in docs/security.md, what the administrator may see.
ALLOWED = {
    "accounts.user": "staff accounts: names, usernames, email, role, teams, case access",
    "accounts.team": "team names",
    "reference.referenceitem": "the statutory and practice lists",
    "reference.notoutcomeidea": "the catalogue of things that are not outcomes, with examples",
    "core.councilsettings": "the council's settings",
    "core.adultpopulation": "the council's adult population by year (published estimates)",
    "privacy.retentionschedule": "the retention schedule",
    "axes.accessattempt": "failed sign-ins: username, address, browser, time",
    "axes.accesslog": "sign-ins: username, address, browser, time",
    "axes.accessfailurelog": "failed sign-ins: username, address, browser, time",
}


@pytest.fixture
def superuser(db):
    return UserFactory(
        role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True, username="administrator"
    )


def registered() -> set[str]:
    return {f"{model._meta.app_label}.{model._meta.model_name}" for model in admin.site._registry}


def test_the_admin_shows_nothing_but_what_is_allowed():
    assert registered() <= set(ALLOWED), registered() - set(ALLOWED)


def test_case_and_audit_data_are_not_in_the_admin(client, superuser, enquiry, lead, practitioner):
    """The reported reads: the audit entry page (name, field changes, concern narrative), the
    audit list's search, and the lists of legal holds, rectifications and anonymisations."""
    person = enquiry.person
    restrictions.restriction_place(actor=lead, person=person, reason="staff", named_users=[])
    privacy_services.legal_hold_place(
        actor=lead, person=person, reason="Court case", placed_on=date.today()
    )
    entry = AuditEntry.objects.filter(person=person).first()
    client.force_login(superuser)
    for url in (
        "/admin/audit/auditentry/",
        f"/admin/audit/auditentry/{entry.pk}/change/",
        f"/admin/audit/auditentry/?q={person.last_name}",
        "/admin/privacy/legalhold/",
        "/admin/privacy/rectification/",
        "/admin/privacy/anonymisation/",
        "/admin/returns/safeguardingadultsreview/",
        "/admin/people/recordrestriction/",
        "/admin/otp_totp/totpdevice/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
    index = client.get("/admin/").content.decode()
    for word in ("Audit entries", "Legal holds", "Rectifications", "TOTP devices"):
        assert word not in index
    assert person.last_name not in index


def test_admin_pages_that_show_personal_data_are_audited(client, superuser, practitioner):
    client.force_login(superuser)
    assert client.get("/admin/accounts/user/").status_code == 200
    assert client.get(f"/admin/accounts/user/{practitioner.pk}/change/").status_code == 200
    assert client.get("/admin/axes/accessattempt/").status_code == 200
    details = list(
        AuditEntry.objects.filter(actor=superuser, action=Action.VIEW).values_list(
            "detail", flat=True
        )
    )
    assert "admin: accounts_user_changelist" in details
    assert f"admin: accounts_user_change {practitioner.pk}" in details
    assert "admin: axes_accessattempt_changelist" in details


def _user_form(user, **overrides) -> dict:
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "role": user.role,
        "teams": [t.pk for t in user.teams.all()],
        "is_active": "on",
        "is_staff": "on" if user.is_staff else "",
        "is_superuser": "on" if user.is_superuser else "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "00:00:00",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v != ""}


@pytest.mark.parametrize(
    "change",
    [
        {"role": Role.SAFEGUARDING_LEAD},
        {"role": Role.PRACTITIONER},
        {"role": Role.PERFORMANCE_OFFICER, "case_access": "on"},
        {"teams": "TEAM"},
    ],
    ids=["lead", "practitioner", "case-access", "teams"],
)
def test_an_administrator_cannot_promote_themselves(client, superuser, team, change):
    change = {k: ([team.pk] if v == "TEAM" else v) for k, v in change.items()}
    client.force_login(superuser)
    response = client.post(
        f"/admin/accounts/user/{superuser.pk}/change/", _user_form(superuser, **change)
    )
    assert response.status_code == 200
    assert "You cannot widen your own access" in response.content.decode()
    superuser.refresh_from_db()
    assert superuser.role == Role.ADMINISTRATOR and not superuser.case_access
    assert not superuser.teams.exists()
    assert not AuditEntry.objects.filter(
        action=Action.PERMISSION_CHANGE, object_id=str(superuser.pk)
    ).exists()


def test_an_administrator_may_still_change_their_own_name(client, superuser):
    client.force_login(superuser)
    response = client.post(
        f"/admin/accounts/user/{superuser.pk}/change/", _user_form(superuser, first_name="Alexa")
    )
    assert response.status_code == 302
    superuser.refresh_from_db()
    assert superuser.first_name == "Alexa"


def test_a_grant_to_someone_else_is_shown_to_the_leads(client, superuser, lead, team):
    officer = UserFactory(role=Role.PERFORMANCE_OFFICER)
    client.force_login(superuser)
    response = client.post(
        f"/admin/accounts/user/{officer.pk}/change/", _user_form(officer, case_access="on")
    )
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action=Action.PERMISSION_CHANGE, object_id=str(officer.pk))
    assert entry.detail == GIVES_CASE_ACCESS and entry.actor == superuser
    client.force_login(lead)
    page = client.get("/audit/staff-access/").content.decode()
    assert "Gives access to case records" in page and officer.username in page
    assert "Access to case records: no → yes" in page
    caseload = client.get("/enquiries/").content.decode()
    assert "1 change in the last 14 days gave staff access to case records" in caseload


def test_a_password_set_by_an_administrator_is_shown_to_the_leads(client, superuser, lead):
    target = UserFactory(role=Role.SAFEGUARDING_LEAD)
    client.force_login(superuser)
    response = client.post(
        f"/admin/accounts/user/{target.pk}/password/",
        {"password1": "a-long-new-password-1", "password2": "a-long-new-password-1"}
        | {"usable_password": "true"},
    )
    assert response.status_code == 302
    client.force_login(lead)
    page = client.get("/audit/staff-access/").content.decode()
    assert "An administrator set the password." in page


def test_the_staff_access_page_is_paginated_with_a_count(client, lead, superuser):
    from msp.accounts.services import access_changed, access_snapshot

    for n in range(55):
        user = UserFactory(role=Role.BOARD_MEMBER, username=f"board{n}")
        before = access_snapshot(user)
        User.objects.filter(pk=user.pk).update(role=Role.PRACTITIONER)
        user.refresh_from_db()
        access_changed(actor=superuser, user=user, before=before)
    client.force_login(lead)
    page = client.get("/audit/staff-access/").content.decode()
    assert "Showing 1 to 50 of 55" in page
    assert "Showing 51 to 55 of 55" in client.get("/audit/staff-access/?page=2").content.decode()
