"""Sign-in and web-layer promises: lockout, two-factor, timeouts, sign-out, headers, production checks."""

import os
import subprocess
import sys
import time

import pytest
from django.test import override_settings
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from msp.accounts.middleware import IDLE_KEY
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def sign_in(client, username, password=PASSWORD):
    return client.post("/accounts/sign-in/", {"username": username, "password": password})


def test_repeated_failures_lock_the_account_without_saying_whether_it_exists(client, practitioner):
    for _ in range(4):
        assert sign_in(client, practitioner.username, "wrong-password").status_code == 200
    assert sign_in(client, practitioner.username, "wrong-password").status_code == 429  # the fifth
    locked = sign_in(client, practitioner.username)  # even the right password is refused now
    assert locked.status_code == 429
    assert "Sign-in paused" in locked.content.decode()
    for _ in range(4):
        sign_in(client, "nobody-by-this-name", "wrong-password")
    unknown = sign_in(client, "nobody-by-this-name", "wrong-password")
    assert unknown.status_code == 429
    assert unknown.content == locked.content


def test_wrong_password_message_does_not_reveal_the_account(client, practitioner):
    known = sign_in(client, practitioner.username, "wrong-password").content.decode()
    unknown = sign_in(client, "nobody-by-this-name", "wrong-password").content.decode()
    assert (
        "Enter a correct username and password" in known
        and "Enter a correct username and password" in unknown
    )


def test_idle_sessions_end(client, practitioner):
    client.force_login(practitioner)
    assert client.get("/enquiries/").status_code == 200
    session = client.session
    session[IDLE_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get("/enquiries/")
    assert response.status_code == 302 and "timed_out=1" in response.url
    assert client.get("/enquiries/").status_code == 302  # signed out on the server


def test_sign_out_ends_the_session_and_clears_site_data(client, practitioner):
    client.force_login(practitioner)
    response = client.post("/accounts/sign-out/")
    assert response["Clear-Site-Data"] == '"cache", "cookies", "storage"'
    assert client.get("/enquiries/").status_code == 302


@override_settings(REQUIRE_TWO_FACTOR=True, OTP_TOTP_THROTTLE_FACTOR=0)
def test_two_factor_is_set_up_then_required(client, practitioner, lead):
    from msp.accounts import two_factor

    client.force_login(practitioner)
    response = client.get("/enquiries/")
    assert response.status_code == 302 and response.url == "/accounts/two-factor/set-up/"
    issued = two_factor.enrolment_code_issue(actor=lead, user=practitioner)
    client.post("/accounts/two-factor/set-up/", {"enrolment_code": issued.text})
    page = client.get("/accounts/two-factor/set-up/").content.decode()
    assert "data:image/svg+xml;base64," in page and "Key:" in page
    device = TOTPDevice.objects.get(user=practitioner)
    wrong = client.post(
        "/accounts/two-factor/set-up/",
        {"code": "000000" if totp(device.bin_key) != 0 else "111111"},
    )
    assert "That code is not right" in wrong.content.decode()
    ok = client.post("/accounts/two-factor/set-up/", {"code": f"{totp(device.bin_key):06d}"})
    assert ok.status_code == 302
    assert client.get("/enquiries/").status_code == 200
    # A new session must prove the second factor again.
    client.logout()
    client.force_login(practitioner)
    assert client.get("/enquiries/").url == "/accounts/two-factor/"
    device.refresh_from_db()
    device.last_t = -1
    device.save()
    assert (
        client.post("/accounts/two-factor/", {"code": f"{totp(device.bin_key):06d}"}).status_code
        == 302
    )
    assert client.get("/enquiries/").status_code == 200


def test_security_headers_on_every_page(client, practitioner):
    client.force_login(practitioner)
    response = client.get("/enquiries/")
    csp = response["Content-Security-Policy"]
    assert (
        "script-src 'self'" in csp
        and "unsafe-inline" not in csp
        and "frame-ancestors 'none'" in csp
    )
    assert response["X-Frame-Options"] == "DENY"
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response["Permissions-Policy"]


def test_csrf_is_enforced(practitioner, enquiry):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    response = client.post(f"/enquiries/{enquiry.pk}/capacity/new/", {"decision": "x"})
    assert response.status_code == 403


def production_env(**extra):
    drop = {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the browser tests set the latter
    env = {k: v for k, v in os.environ.items() if not k.startswith("MSP_") and k not in drop}
    env.update(
        MSP_MODE="production",
        MSP_SECRET_KEY="x" * 20 + "-a-long-random-production-secret-for-the-check-0123456789",
        MSP_ALLOWED_HOSTS="msp.example.gov.uk",
        DATABASE_URL="sqlite:////tmp/msp-deploy-check.sqlite3",
        **extra,
    )
    return env


def test_production_settings_pass_the_deploy_check():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=production_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_debug():
    result = subprocess.run(
        [sys.executable, "-c", "import msp.settings"],
        env=production_env(MSP_DEBUG="1"),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0 and "MSP_DEBUG must be off" in result.stderr
