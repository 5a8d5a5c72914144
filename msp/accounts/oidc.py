"""Single sign-on with the council's own directory over OpenID Connect (for example Microsoft
Entra ID), built on mozilla-django-oidc.

Off unless MSP_OIDC_ISSUER and MSP_OIDC_CLIENT_ID are set (see msp/settings.py and
docs/single-sign-on.md). What MSP adds to the library:

- the provider's endpoints come from its discovery document unless given explicitly;
- the ID token's issuer, audience, expiry and signature are all checked (the library leaves
  the audience and issuer unchecked);
- a person is matched to an MSP account an administrator already made (by email unless
  configured otherwise); single sign-on never creates accounts, and a disabled account stays out;
- roles and teams stay managed in MSP, unless the council chooses to send the role in a claim;
- the provider's own multi-factor sign-in can stand in for MSP's authenticator code, if the
  council says it trusts it;
- a refused sign-in is recorded once in the audit trail, naming who tried and why, and does not
  count towards the password lockout (no password was guessed).
"""

import logging
import time
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import auth
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, SuspiciousOperation
from django.db import transaction
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from msp.accounts import policy
from msp.accounts.models import Role
from msp.accounts.services import GIVES_CASE_ACCESS, access_snapshot
from msp.audit.models import Action
from msp.audit.services import audit_append

logger = logging.getLogger(__name__)

BACKEND_PATH = "msp.accounts.oidc.CouncilOIDCBackend"
# Set in the session when the provider's multi-factor sign-in stands in for MSP's own code.
PROVIDER_MFA_KEY = "msp_second_factor_by_provider"
# Who the audit trail names when the provider, not a person in MSP, changed a role.
PROVIDER_ACTOR = "single sign-on"

# Refusal reasons: the sign-in page explains each (accounts/sign_in.html).
NO_ACCOUNT = "no_account"
DISABLED = "disabled"
NO_ROLE = "no_role"
FAILED = "failed"
UNAVAILABLE = "unavailable"

ENDPOINT_SETTINGS = {
    "authorization_endpoint": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "token_endpoint": "OIDC_OP_TOKEN_ENDPOINT",
    "userinfo_endpoint": "OIDC_OP_USER_ENDPOINT",
    "jwks_uri": "OIDC_OP_JWKS_ENDPOINT",
    "end_session_endpoint": "OIDC_OP_LOGOUT_ENDPOINT",
}
DISCOVERY_SECONDS = 3600
_discovered: dict[str, tuple[float, dict]] = {}


class ProviderUnavailable(Exception):
    """The identity provider could not be reached or described itself wrongly."""


class Refused(Exception):
    """A sign-in the provider vouched for (or tried to) that MSP will not accept."""

    def __init__(self, reason: str, who: str = "", detail: str = ""):
        super().__init__(reason, who, detail)
        self.reason, self.who, self.detail = reason, who, detail

    def __str__(self) -> str:
        return f"{self.reason} {self.who} {self.detail}".strip()


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_ENABLED", False))


def discovery(issuer: str) -> dict:
    """The provider's discovery document, cached for an hour."""
    issuer = issuer.rstrip("/")
    cached = _discovered.get(issuer)
    if cached and time.monotonic() - cached[0] < DISCOVERY_SECONDS:
        return cached[1]
    try:
        response = requests.get(
            f"{issuer}/.well-known/openid-configuration",
            timeout=getattr(settings, "OIDC_TIMEOUT", 10),
            verify=getattr(settings, "OIDC_VERIFY_SSL", True),
        )
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(f"discovery document from {issuer}: {exc}") from exc
    # The spec requires the document to name the same issuer; a mismatch is a wrong address
    # (for Entra ID: "common" or "organizations" instead of the council's tenant).
    if str(document.get("issuer", "")).rstrip("/") != issuer:
        raise ProviderUnavailable(
            f"discovery document names issuer {document.get('issuer')!r}, expected {issuer!r}"
        )
    _discovered[issuer] = (time.monotonic(), document)
    return document


def op_endpoint(name: str) -> str:
    """An endpoint of the provider: the explicit setting if there is one, else discovery's."""
    explicit = getattr(settings, ENDPOINT_SETTINGS[name], "")
    if explicit:
        return explicit
    issuer = getattr(settings, "OIDC_OP_ISSUER", "")
    if not issuer:
        raise ImproperlyConfigured("Single sign-on needs MSP_OIDC_ISSUER")
    value = discovery(issuer).get(name, "")
    if not value and name != "userinfo_endpoint" and name != "end_session_endpoint":
        raise ProviderUnavailable(f"the provider's discovery document has no {name}")
    return value


def sign_in_offer() -> dict | None:
    """What the sign-in page offers: None when single sign-on is off."""
    if not enabled():
        return None
    try:
        url = reverse("oidc_authentication_init")
    except NoReverseMatch:  # configured, but the URLs are not mounted (a test's own URLconf)
        return None
    return {
        "url": url,
        "label": settings.OIDC_BUTTON_LABEL,
        "only": bool(getattr(settings, "OIDC_ONLY", False)),
    }


def second_factor_proved_by_provider(request) -> bool:
    """True when the council trusts the provider's multi-factor sign-in and this session's
    sign-in used it (the provider said so in the ID token's `amr` claim)."""
    return bool(
        getattr(settings, "OIDC_TRUSTS_IDP_MFA", False)
        and getattr(request, "session", None) is not None
        and request.session.get(PROVIDER_MFA_KEY)
    )


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list | tuple):
        return [str(v) for v in value]
    return [str(value)]


@transaction.atomic
def user_role_from_provider(*, user, role: str, request=None) -> None:
    """Give a user the role the provider's role claim names (if it is not theirs already), with a
    permission-change entry in the audit trail naming single sign-on as the actor."""
    before = access_snapshot(user)
    user.role = role
    after = access_snapshot(user)
    changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
    if not changes:
        return
    user.save(update_fields=["role"])
    audit_append(
        action=Action.PERMISSION_CHANGE,
        actor_name=PROVIDER_ACTOR,
        obj=user,
        changes=changes,
        detail="role from the identity provider's role claim"
        + (f"; {GIVES_CASE_ACCESS}" if policy.access_widened(before, after) else ""),
        request=request,
    )


def sign_in_refused(*, request, refusal: Refused) -> None:
    """Record a refused single sign-on once, naming who the provider said it was and why."""
    audit_append(
        action=Action.SIGN_IN_FAILED,
        actor_name=refusal.who or "unknown (single sign-on)",
        detail=f"single sign-on refused: {refusal.reason}"
        + (f" ({refusal.detail})" if refusal.detail else ""),
        request=request,
    )


class CouncilOIDCBackend(OIDCAuthenticationBackend):
    """Signs in an existing MSP account on the strength of the council's identity provider."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.refusal: Refused | None = None
        self.provider_mfa = False

    def _resolve_endpoints(self):
        self.OIDC_OP_TOKEN_ENDPOINT = op_endpoint("token_endpoint")
        self.OIDC_OP_USER_ENDPOINT = op_endpoint("userinfo_endpoint")
        self.OIDC_OP_JWKS_ENDPOINT = op_endpoint("jwks_uri")

    # Keyword-only and differently named from a password sign-in's arguments, so Django never
    # offers this backend a username and password, and password sign-ins never reach it.
    def authenticate(self, request, *, oidc_nonce=None, oidc_code_verifier=None):
        self.refusal = None
        try:
            self._resolve_endpoints()
            return super().authenticate(request, nonce=oidc_nonce, code_verifier=oidc_code_verifier)
        except Refused as refusal:
            self.refusal = refusal
        except ProviderUnavailable as exc:
            self.refusal = Refused(UNAVAILABLE, detail=str(exc))
        except (SuspiciousOperation, requests.RequestException, jwt.PyJWTError) as exc:
            self.refusal = Refused(FAILED, detail=str(exc))
        logger.warning("single sign-on refused: %s", self.refusal)
        return None

    def _verify_jws(self, payload, key):
        """Check the signature and the claims the library leaves alone: issuer, audience, expiry."""
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"ID token signed with {header.get('alg')!r}")
        try:
            claims = jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_OP_ISSUER.rstrip("/"),
                leeway=getattr(settings, "OIDC_LEEWAY_SECONDS", 60),
                options={"require": ["iss", "aud", "exp", "iat", "sub"]},
            )
        except jwt.PyJWTError as exc:
            raise SuspiciousOperation(f"ID token refused: {exc}") from exc
        # With several audiences, the token must have been issued to MSP itself.
        if claims.get("azp") and claims["azp"] != self.OIDC_RP_CLIENT_ID:
            raise SuspiciousOperation("ID token issued to another party (azp)")
        return claims

    def get_userinfo(self, access_token, id_token, payload):
        if not self.OIDC_OP_USER_ENDPOINT:
            return {}
        return super().get_userinfo(access_token, id_token, payload)

    def get_or_create_user(self, access_token, id_token, payload):
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") and userinfo["sub"] != payload.get("sub"):
            raise Refused(FAILED, detail="userinfo is about someone else")
        # The signed ID token's claims win over the userinfo endpoint's.
        claims = {**userinfo, **payload}
        claim = settings.OIDC_MATCH_CLAIM
        who = str(claims.get(claim) or "").strip()
        if not who:
            raise Refused(FAILED, detail=f"the provider sent no {claim}")
        field = settings.OIDC_MATCH_FIELD
        users = list(get_user_model().objects.filter(**{f"{field}__iexact": who})[:2])
        if not users:
            raise Refused(NO_ACCOUNT, who=who)
        if len(users) > 1:
            raise Refused(FAILED, who=who, detail=f"more than one MSP account has this {field}")
        user = users[0]
        if not user.is_active:
            raise Refused(DISABLED, who=who)
        accepted = set(settings.OIDC_MFA_AMR_VALUES)
        self.provider_mfa = bool(accepted & set(_as_list(payload.get("amr"))))
        return self.update_user(user, claims)

    def update_user(self, user, claims):
        role_claim = getattr(settings, "OIDC_ROLE_CLAIM", "")
        if not role_claim:
            return user  # roles and teams are managed in MSP
        roles = {value for value in _as_list(claims.get(role_claim)) if value in Role.values}
        if len(roles) != 1:
            raise Refused(
                NO_ROLE,
                who=user.get_username(),
                detail=f"{role_claim} claim gave {sorted(roles) or 'no MSP role'}",
            )
        user_role_from_provider(user=user, role=roles.pop(), request=self.request)
        return user

    def create_user(self, claims):
        # Never reached (get_or_create_user refuses unknown people); a guard against a future
        # library change: only an administrator gives someone access, with role and teams.
        raise Refused(NO_ACCOUNT)

    def get_user(self, user_id):
        # The library's version would keep a disabled account's existing session alive.
        user = super().get_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class CouncilAuthenticateView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider, finding its address by discovery."""

    def get(self, request):
        try:
            self.OIDC_OP_AUTH_ENDPOINT = op_endpoint("authorization_endpoint")
        except ProviderUnavailable as exc:
            logger.warning("single sign-on unavailable: %s", exc)
            return refused_redirect(UNAVAILABLE)
        return super().get(request)


def refused_redirect(reason: str):
    return redirect(f"{settings.LOGIN_URL_PATH}?{urlencode({'sso': reason})}")


class CouncilCallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back.

    The state and nonce handling follows the library's view; the difference is that the backend
    is called directly rather than through django.contrib.auth.authenticate(), so a refusal is
    recorded once with the reason (not as an anonymous failed password) and is not counted by
    the password lockout.
    """

    def get(self, request):
        state = request.GET.get("state", "")
        states = request.session.get("oidc_states")
        if not isinstance(states, dict):
            states = {}
        entry = states.pop(state, None)
        if entry is not None:
            # One use only, whatever happens next.
            request.session["oidc_states"] = states
            request.session.save()
        if request.GET.get("error"):
            if request.user.is_authenticated:
                auth.logout(request)
            return self.refuse(Refused(FAILED, detail=f"provider said {request.GET['error']}"))
        if entry is None or not request.GET.get("code"):
            return self.refuse(Refused(FAILED, detail="unknown or reused state"))
        # As the library does: reload the session after the slow token exchange, so changes
        # made meanwhile by other tabs are not overwritten.
        request.session = request.session.__class__(request.session.session_key)
        backend = CouncilOIDCBackend()
        user = backend.authenticate(
            request, oidc_nonce=entry.get("nonce"), oidc_code_verifier=entry.get("code_verifier")
        )
        if user is None:
            return self.refuse(backend.refusal or Refused(FAILED))
        user.backend = BACKEND_PATH
        self.user = user
        response = self.login_success()
        if backend.provider_mfa and getattr(settings, "OIDC_TRUSTS_IDP_MFA", False):
            request.session[PROVIDER_MFA_KEY] = True
        return response

    def refuse(self, refusal: Refused):
        sign_in_refused(request=self.request, refusal=refusal)
        return refused_redirect(refusal.reason)
