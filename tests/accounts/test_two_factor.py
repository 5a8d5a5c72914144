"""Two-factor sign-in cannot be got past with a password: set-up is for a first authenticator
only, needs a one-time enrolment code given out of band (or single sign-on with the provider's
MFA), and resetting an authenticator is someone else's audited act."""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from msp.accounts import two_factor
from msp.accounts.models import EnrolmentCode, Role
from msp.accounts.oidc import PROVIDER_MFA_KEY
from msp.audit.models import Action, AuditEntry
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("_two_factor_required"),
]


@pytest.fixture
def _two_factor_required(settings):
    settings.REQUIRE_TWO_FACTOR = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def code_for(device) -> str:
    return f"{totp(device.bin_key):06d}"


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)


def enrol(client, user, lead) -> TOTPDevice:
    """The whole first enrolment as the user does it: code from a lead, then the app's code."""
    issued = two_factor.enrolment_code_issue(actor=lead, user=user)
    client.force_login(user)
    response = client.post("/accounts/two-factor/set-up/", {"enrolment_code": issued.text})
    assert response.status_code == 302 and response.url == "/accounts/two-factor/set-up/"
    assert (
        "data:image/svg+xml;base64," in client.get("/accounts/two-factor/set-up/").content.decode()
    )
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert (
        client.post("/accounts/two-factor/set-up/", {"code": code_for(device)}).status_code == 302
    )
    device.refresh_from_db()
    return device


def test_a_password_alone_no_longer_gets_past_an_existing_authenticator(
    client, practitioner, enquiry
):
    """The reported attack: signed in with the password only, open set-up, which used to issue a
    fresh secret, and confirm a code made from it."""
    confirmed_device(practitioner)
    client.force_login(practitioner)  # the password was right; the second factor is not proved
    assert client.get(f"/enquiries/{enquiry.pk}/").url == "/accounts/two-factor/"
    response = client.get("/accounts/two-factor/set-up/")
    assert response.status_code == 302 and response.url == "/accounts/two-factor/"
    assert not TOTPDevice.objects.filter(user=practitioner, confirmed=False).exists()
    response = client.post("/accounts/two-factor/set-up/", {"code": "123456"})
    assert response.status_code == 302 and response.url == "/accounts/two-factor/"
    assert TOTPDevice.objects.filter(user=practitioner).count() == 1
    assert client.get(f"/enquiries/{enquiry.pk}/").status_code == 302
    assert client.get("/account/tokens/new/").status_code == 302


def test_a_password_alone_cannot_enrol_a_first_authenticator(client, practitioner, enquiry):
    """Someone who knows the password, before the real user has set up: no secret is shown, no
    device can be confirmed."""
    client.force_login(practitioner)
    page = client.get("/accounts/two-factor/set-up/").content.decode()
    assert "enrolment code" in page and "data:image" not in page
    assert not TOTPDevice.objects.exists()
    response = client.post("/accounts/two-factor/set-up/", {"code": "123456"})
    assert "Enter the enrolment code you were given" in response.content.decode()
    assert not TOTPDevice.objects.exists()
    assert client.get(f"/enquiries/{enquiry.pk}/").status_code == 302


def test_an_enrolment_code_sets_up_a_first_authenticator_once(client, practitioner, lead, enquiry):
    device = enrol(client, practitioner, lead)
    assert device.confirmed
    assert client.get(f"/enquiries/{enquiry.pk}/").status_code == 200
    code = EnrolmentCode.objects.get(user=practitioner)
    assert code.used_at is not None and len(code.code_hash) == 64
    assert AuditEntry.objects.filter(
        action=Action.PERMISSION_CHANGE,
        detail="two-factor authenticator set up with an enrolment code",
    ).exists()
    # A new session proves the authenticator; set-up stays closed.
    client.logout()
    client.force_login(practitioner)
    assert client.get("/accounts/two-factor/set-up/").url == "/accounts/two-factor/"


def test_an_enrolment_code_works_only_once_only_for_its_user_and_only_in_time(
    client, practitioner, manager, lead
):
    issued = two_factor.enrolment_code_issue(actor=lead, user=practitioner)
    client.force_login(manager)  # someone else's code
    response = client.post("/accounts/two-factor/set-up/", {"enrolment_code": issued.text})
    assert "That enrolment code is not right" in response.content.decode()
    EnrolmentCode.objects.filter(pk=issued.code.pk).update(
        expires_at=timezone.now() - timedelta(minutes=1)
    )
    client.force_login(practitioner)
    response = client.post("/accounts/two-factor/set-up/", {"enrolment_code": issued.text})
    assert "That enrolment code is not right, or it has expired" in response.content.decode()
    assert (
        AuditEntry.objects.filter(
            action=Action.SIGN_IN_FAILED, detail__startswith="wrong two-factor enrolment code"
        ).count()
        == 2
    )


def test_wrong_guesses_withdraw_the_code(client, practitioner, lead):
    issued = two_factor.enrolment_code_issue(actor=lead, user=practitioner)
    client.force_login(practitioner)
    for _ in range(two_factor.TRIES):
        client.post("/accounts/two-factor/set-up/", {"enrolment_code": "AAAA-AAAA-AAAA-AAAA"})
    response = client.post("/accounts/two-factor/set-up/", {"enrolment_code": issued.text})
    assert "That enrolment code is not right" in response.content.decode()
    assert EnrolmentCode.objects.get(pk=issued.code.pk).withdrawn_at is not None


def test_a_secret_seen_in_one_session_cannot_be_confirmed_in_another(practitioner, lead):
    """Someone who watched a set-up page gains nothing: each session gets its own secret."""
    issued = two_factor.enrolment_code_issue(actor=lead, user=practitioner)
    first, second = Client(), Client()
    for client in (first, second):
        client.force_login(practitioner)
    first.post("/accounts/two-factor/set-up/", {"enrolment_code": issued.text})
    first.get("/accounts/two-factor/set-up/")
    seen = TOTPDevice.objects.get(user=practitioner, confirmed=False)
    second.post("/accounts/two-factor/set-up/", {"code": code_for(seen)})
    assert not TOTPDevice.objects.filter(user=practitioner, confirmed=True).exists()


def test_single_sign_on_with_the_providers_mfa_may_enrol_without_a_code(
    client, practitioner, settings
):
    settings.OIDC_TRUSTS_IDP_MFA = True
    client.force_login(practitioner)
    session = client.session
    session[PROVIDER_MFA_KEY] = True
    session.save()
    assert "data:image" in client.get("/accounts/two-factor/set-up/").content.decode()
    device = TOTPDevice.objects.get(user=practitioner)
    assert (
        client.post("/accounts/two-factor/set-up/", {"code": code_for(device)}).status_code == 302
    )
    assert TOTPDevice.objects.get(user=practitioner).confirmed


@override_settings(ALLOWED_HOSTS=["testserver"])
def test_the_code_page_does_not_send_people_to_another_site(client, practitioner):
    device = confirmed_device(practitioner)
    client.force_login(practitioner)
    response = client.post(
        "/accounts/two-factor/?next=https://elsewhere.example/", {"code": code_for(device)}
    )
    assert response.status_code == 302 and response.url == "/"
    client.logout()
    client.force_login(practitioner)
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    response = client.post("/accounts/two-factor/?next=/people/", {"code": code_for(device)})
    assert response.url == "/people/"


def test_leads_and_administrators_issue_codes_and_reset_others_never_themselves(
    client, practitioner, lead, administrator
):
    verified = {"practitioner": practitioner, "lead": lead, "administrator": administrator}
    for user in verified.values():
        confirmed_device(user)
    client.force_login(lead)
    _verify(client, lead)
    assert client.get(f"/accounts/staff/{lead.pk}/").status_code == 404
    assert (
        client.post(
            f"/accounts/staff/{lead.pk}/", {"action": "reset", "reason": "new phone"}
        ).status_code
        == 404
    )
    page = client.get(f"/accounts/staff/{practitioner.pk}/").content.decode()
    assert "Reset two-factor sign-in" in page
    response = client.post(
        f"/accounts/staff/{practitioner.pk}/",
        {"action": "reset", "reason": "Lost phone on a visit"},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=practitioner).exists()
    entry = AuditEntry.objects.get(detail="two-factor authenticator reset")
    assert entry.actor == lead and entry.reason == "Lost phone on a visit"
    assert entry.object_id == str(practitioner.pk)
    response = client.post(f"/accounts/staff/{practitioner.pk}/", {"action": "issue"})
    page = response.content.decode()
    assert response.status_code == 200 and "It works once, for" in page
    code = EnrolmentCode.objects.get(user=practitioner)
    assert code.issued_by == lead
    # The code appears once, and is stored only as a hash.
    shown = re.search(r"[A-Z2-9]{4}(?:-[A-Z2-9]{4}){3}", page)[0]
    assert two_factor._hash(shown) == code.code_hash
    assert shown not in client.get(f"/accounts/staff/{practitioner.pk}/").content.decode()
    client.force_login(administrator)
    _verify(client, administrator)
    assert client.get(f"/accounts/staff/{administrator.pk}/").status_code == 404
    assert client.get(f"/accounts/staff/{lead.pk}/").status_code == 200


def test_staff_pages_are_closed_until_the_second_factor_is_proved(client, lead, practitioner):
    confirmed_device(lead)
    client.force_login(lead)  # password only
    assert client.get("/accounts/staff/").url == "/accounts/two-factor/"
    assert (
        client.post(f"/accounts/staff/{practitioner.pk}/", {"action": "issue"}).status_code == 302
    )
    assert not EnrolmentCode.objects.exists()


def test_a_code_is_not_issued_over_an_existing_authenticator(lead, practitioner):
    from django.core.exceptions import ValidationError

    confirmed_device(practitioner)
    with pytest.raises(ValidationError, match="already has an authenticator"):
        two_factor.enrolment_code_issue(actor=lead, user=practitioner)


def test_practitioners_cannot_manage_anyone_s_sign_in(client, practitioner, manager):
    confirmed_device(practitioner)
    client.force_login(practitioner)
    _verify(client, practitioner)
    assert client.get("/accounts/staff/").status_code == 404
    assert client.post(f"/accounts/staff/{manager.pk}/", {"action": "issue"}).status_code == 404


def test_the_command_line_issues_resets_and_reports(capsys):
    admin = UserFactory(role=Role.ADMINISTRATOR, username="first-admin", is_staff=True)
    call_command("two-factor", "issue", "first-admin")
    out = capsys.readouterr().out
    assert "Enrolment code for first-admin:" in out
    assert EnrolmentCode.objects.get(user=admin).issued_by_name == two_factor.COMMAND_LINE
    call_command("two-factor", "status", "first-admin")
    assert "enrolment code issued by" in capsys.readouterr().out
    confirmed_device(admin)
    call_command("two-factor", "reset", "first-admin", "--reason", "Replaced phone")
    assert not TOTPDevice.objects.filter(user=admin).exists()
    assert AuditEntry.objects.get(detail="two-factor authenticator reset").actor_name == (
        two_factor.COMMAND_LINE
    )


def _verify(client, user):
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    device.last_t = -1
    device.save()
    assert client.post("/accounts/two-factor/", {"code": code_for(device)}).status_code == 302
