"""Single sign-on with the council's identity provider, walked over HTTP against a local
OpenID Connect provider (tests/support/oidc_provider.py): redirect to the provider, back with a
code, token exchange, signed ID token, userinfo, signed in."""

import json
import os
import subprocess
import sys
from urllib.parse import urlsplit

import pytest
import requests
from axes.models import AccessAttempt
from django.urls import include, path

from msp import urls as msp_urls
from msp.accounts import oidc
from msp.accounts.models import Role, User
from msp.audit.models import Action, AuditEntry
from tests.factories import PASSWORD, UserFactory
from tests.support.oidc_provider import OIDCProvider

pytestmark = pytest.mark.django_db

# The service's URLs with single sign-on mounted, as msp/urls.py does when it is configured
# (the test settings leave it off).
urlpatterns = [*msp_urls.urlpatterns, path("oidc/", include("mozilla_django_oidc.urls"))]


@pytest.fixture(scope="module")
def provider():
    with OIDCProvider(client_id="msp-test", client_secret="test-secret") as running:
        yield running


@pytest.fixture
def sso(settings, provider):
    """Single sign-on switched on and pointed at the local provider."""
    settings.ROOT_URLCONF = __name__
    settings.OIDC_ENABLED = True
    settings.OIDC_OP_ISSUER = provider.issuer
    settings.OIDC_RP_CLIENT_ID = provider.client_id
    settings.OIDC_RP_CLIENT_SECRET = provider.client_secret
    settings.OIDC_TIMEOUT = 5
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, oidc.BACKEND_PATH]
    provider.tamper = None
    provider.identity = {"sub": "subject-1", "email": "nobody@example.gov.uk"}
    oidc._discovered.clear()
    return provider


def sign_in_with_provider(client, provider, query=""):
    """Follow the redirects by hand: MSP → provider → MSP's callback. Returns the callback's answer."""
    start = client.get(f"/oidc/authenticate/{query}")
    assert start.status_code == 302 and start.url.startswith(f"{provider.issuer}/authorize?")
    back = requests.get(start.url, allow_redirects=False, timeout=5)
    assert back.status_code == 302, back.text
    callback = urlsplit(back.headers["Location"])
    assert callback.path == "/oidc/callback/"
    return client.get(f"{callback.path}?{callback.query}")


def signed_in_user(client):
    return client.get("/").wsgi_request.user


def test_an_existing_user_signs_in_and_lands_on_their_home(client, sso, practitioner):
    sso.identity = {"sub": "abc", "email": practitioner.email.upper()}  # case does not matter
    response = sign_in_with_provider(client, sso)
    assert response.status_code == 302 and response.url == "/"
    assert client.get("/", follow=True).status_code == 200  # a practitioner's home is the caseload
    assert signed_in_user(client) == practitioner
    entry = AuditEntry.objects.filter(action=Action.SIGN_IN).get()
    assert entry.actor == practitioner  # the same entry as a password sign-in writes


def test_sign_in_returns_to_the_page_asked_for(client, sso, practitioner):
    sso.identity = {"sub": "abc", "email": practitioner.email}
    response = sign_in_with_provider(client, sso, "?next=/enquiries/")
    assert response.url == "/enquiries/"


def test_an_unknown_person_is_refused_and_no_account_is_made(client, sso):
    users = User.objects.count()
    sso.identity = {"sub": "stranger", "email": "stranger@example.gov.uk"}
    response = sign_in_with_provider(client, sso)
    assert response.url == "/accounts/sign-in/?sso=no_account"
    page = client.get(response.url).content.decode()
    assert "Your council account does not have access to this service" in page
    assert "Ask an MSP administrator to give you access" in page
    assert not signed_in_user(client).is_authenticated
    assert User.objects.count() == users
    entry = AuditEntry.objects.get(action=Action.SIGN_IN_FAILED)  # recorded once, with who
    assert entry.actor_name == "stranger@example.gov.uk"
    assert "single sign-on refused: no_account" in entry.detail
    # Not a password guess: it does not count towards the lockout.
    assert not AccessAttempt.objects.exists()


def test_a_disabled_user_is_refused(client, sso, practitioner):
    practitioner.is_active = False
    practitioner.save()
    sso.identity = {"sub": "abc", "email": practitioner.email}
    response = sign_in_with_provider(client, sso)
    assert response.url == "/accounts/sign-in/?sso=disabled"
    assert "has been turned off" in client.get(response.url).content.decode()
    assert not signed_in_user(client).is_authenticated
    assert AuditEntry.objects.filter(action=Action.SIGN_IN_FAILED, detail__contains="disabled")


def test_disabling_a_user_ends_a_single_sign_on_session(client, sso, practitioner):
    sso.identity = {"sub": "abc", "email": practitioner.email}
    sign_in_with_provider(client, sso)
    User.objects.filter(pk=practitioner.pk).update(is_active=False)
    assert not signed_in_user(client).is_authenticated


@pytest.mark.parametrize(
    ("tamper", "why"),
    [
        ("signature", "Signature verification failed"),
        ("audience", "Audience doesn't match"),
        ("expired", "Signature has expired"),
        ("issuer", "Invalid issuer"),
        ("nonce", "Nonce verification failed"),
    ],
)
def test_a_spoilt_id_token_is_refused(client, sso, practitioner, tamper, why):
    sso.identity = {"sub": "abc", "email": practitioner.email}
    sso.tamper = tamper
    response = sign_in_with_provider(client, sso)
    assert response.url == "/accounts/sign-in/?sso=failed"
    assert "did not work" in client.get(response.url).content.decode()
    assert not signed_in_user(client).is_authenticated
    entry = AuditEntry.objects.get(action=Action.SIGN_IN_FAILED)
    assert "single sign-on refused: failed" in entry.detail
    assert why in entry.detail


def test_a_callback_that_msp_did_not_start_is_refused(client, sso, practitioner):
    sso.identity = {"sub": "abc", "email": practitioner.email}
    start = client.get("/oidc/authenticate/")
    back = urlsplit(requests.get(start.url, allow_redirects=False, timeout=5).headers["Location"])
    stranger = client.__class__()  # another browser replaying the code
    assert stranger.get(f"{back.path}?{back.query}").url == "/accounts/sign-in/?sso=failed"
    assert client.get(f"{back.path}?{back.query}").url == "/"  # the real one still works
    assert client.get(f"{back.path}?{back.query}").url == "/accounts/sign-in/?sso=failed"  # once


def test_the_provider_saying_no_is_explained(client, sso):
    client.get("/oidc/authenticate/")
    response = client.get("/oidc/callback/?error=access_denied&state=x")
    assert response.url == "/accounts/sign-in/?sso=failed"


def test_an_unreachable_provider_is_explained(client, sso, settings):
    settings.OIDC_OP_ISSUER = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.OIDC_TIMEOUT = 1
    response = client.get("/oidc/authenticate/")
    assert response.url == "/accounts/sign-in/?sso=unavailable"
    assert "not working at the moment" in client.get(response.url).content.decode()


class TestTwoFactor:
    @pytest.fixture(autouse=True)
    def _required(self, settings):
        settings.REQUIRE_TWO_FACTOR = True

    def test_trusted_provider_mfa_stands_in_for_msp_codes(
        self, client, sso, settings, practitioner
    ):
        settings.OIDC_TRUSTS_IDP_MFA = True
        sso.identity = {"sub": "abc", "email": practitioner.email, "amr": ["pwd", "mfa"]}
        sign_in_with_provider(client, sso)
        assert client.get("/enquiries/").status_code == 200

    def test_without_mfa_at_the_provider_msp_asks_for_its_own_code(
        self, client, sso, settings, practitioner
    ):
        settings.OIDC_TRUSTS_IDP_MFA = True
        sso.identity = {"sub": "abc", "email": practitioner.email, "amr": ["pwd"]}
        sign_in_with_provider(client, sso)
        assert client.get("/enquiries/").url == "/accounts/two-factor/set-up/"

    def test_provider_mfa_is_not_trusted_unless_the_council_says_so(
        self, client, sso, practitioner
    ):
        sso.identity = {"sub": "abc", "email": practitioner.email, "amr": ["mfa"]}
        sign_in_with_provider(client, sso)
        assert client.get("/enquiries/").url == "/accounts/two-factor/set-up/"

    def test_a_password_sign_in_still_needs_msp_codes(self, client, sso, settings, practitioner):
        settings.OIDC_TRUSTS_IDP_MFA = True
        client.post("/accounts/sign-in/", {"username": practitioner.username, "password": PASSWORD})
        assert client.get("/enquiries/").url == "/accounts/two-factor/set-up/"


class TestRoleClaim:
    @pytest.fixture(autouse=True)
    def _roles_from_provider(self, settings):
        settings.OIDC_ROLE_CLAIM = "roles"

    def test_the_role_follows_the_claim_and_is_audited(self, client, sso, practitioner):
        sso.identity = {"sub": "abc", "email": practitioner.email, "roles": ["team_manager"]}
        sign_in_with_provider(client, sso)
        practitioner.refresh_from_db()
        assert practitioner.role == Role.TEAM_MANAGER
        change = AuditEntry.objects.get(action=Action.PERMISSION_CHANGE)
        assert change.actor_name == oidc.PROVIDER_ACTOR
        assert change.changes == {"role": ["practitioner", "team_manager"]}
        assert signed_in_user(client) == practitioner

    def test_no_recognised_role_is_refused(self, client, sso, practitioner):
        sso.identity = {"sub": "abc", "email": practitioner.email, "roles": ["Finance.Reader"]}
        assert sign_in_with_provider(client, sso).url == "/accounts/sign-in/?sso=no_role"
        practitioner.refresh_from_db()
        assert practitioner.role == Role.PRACTITIONER


def test_matching_on_another_claim(client, sso, settings):
    settings.OIDC_MATCH_CLAIM = "preferred_username"
    settings.OIDC_MATCH_FIELD = "username"
    user = UserFactory(username="jo.bloggs@council.gov.uk", email="")
    sso.identity = {"sub": "abc", "preferred_username": "Jo.Bloggs@council.gov.uk"}
    sign_in_with_provider(client, sso)
    assert signed_in_user(client) == user


def test_the_sign_in_page_offers_single_sign_on_when_configured(client, sso, settings):
    settings.OIDC_BUTTON_LABEL = "Sign in with your Testshire account"
    page = client.get("/accounts/sign-in/?next=/enquiries/").content.decode()
    assert 'href="/oidc/authenticate/?next=/enquiries/"' in page
    assert "Sign in with your Testshire account" in page
    assert 'name="password"' in page
    settings.OIDC_ONLY = True
    page = client.get("/accounts/sign-in/").content.decode()
    assert "Sign in with your Testshire account" in page and 'name="password"' not in page
    assert page.count("<h1") == 1


def test_without_configuration_there_is_no_single_sign_on(client):
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/").status_code == 404
    page = client.get("/accounts/sign-in/").content.decode()
    assert "/oidc/" not in page and 'name="password"' in page


def test_signing_out_can_continue_to_the_provider(client, sso, settings, practitioner):
    settings.LOGOUT_REDIRECT_URL = f"{sso.issuer}/logout"
    sso.identity = {"sub": "abc", "email": practitioner.email}
    sign_in_with_provider(client, sso)
    response = client.post("/accounts/sign-out/")
    assert response.status_code == 302 and response.url == f"{sso.issuer}/logout"
    assert not signed_in_user(client).is_authenticated
    assert AuditEntry.objects.filter(action=Action.SIGN_OUT, actor=practitioner).exists()


def test_settings_from_the_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("MSP_OIDC_")}
    env.update(
        MSP_OIDC_ISSUER="https://login.microsoftonline.com/tenant-id/v2.0/",
        MSP_OIDC_CLIENT_ID="client-id",
        MSP_OIDC_CLIENT_SECRET="secret",
        MSP_OIDC_ONLY="1",
        MSP_OIDC_LOGOUT_URL="https://login.microsoftonline.com/tenant-id/oauth2/v2.0/logout",
    )
    script = (
        "import json, msp.settings as s; print(json.dumps([s.OIDC_ENABLED, s.OIDC_OP_ISSUER,"
        " s.AUTHENTICATION_BACKENDS, s.LOGOUT_REDIRECT_URL,"
        " s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action']]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    )
    enabled, issuer, backends, logout, form_action = json.loads(result.stdout)
    assert enabled and issuer == "https://login.microsoftonline.com/tenant-id/v2.0"
    # Password sign-in is gone; the lockout backend stays first.
    assert backends == ["axes.backends.AxesStandaloneBackend", oidc.BACKEND_PATH]
    assert logout.endswith("/oauth2/v2.0/logout")
    assert "https://login.microsoftonline.com" in form_action
    del env["MSP_OIDC_CLIENT_SECRET"]
    missing = subprocess.run(
        [sys.executable, "-c", "import msp.settings"], env=env, capture_output=True, text=True
    )
    assert missing.returncode != 0 and "MSP_OIDC_CLIENT_SECRET" in missing.stderr
