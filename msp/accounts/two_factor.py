"""Two-factor sign-in with a time-based one-time code (an authenticator app).

A password alone never reaches case records where two-factor sign-in is required, and never sets
up an authenticator:

- a user who already has a confirmed authenticator proves it at every sign-in; the set-up page
  is closed to them (someone who knows the password cannot enrol a second device);
- a first authenticator is set up only with a one-time enrolment code that an administrator or
  safeguarding lead issued to that user and gave them out of band, or straight after a single
  sign-on whose provider proved its own multi-factor sign-in;
- the secret is made for the session that proved the code, never shown before, and never shared
  with another session;
- resetting someone's authenticator is done by someone else, with a reason, and ends their sessions.

Every issue, use, refusal and reset is in the audit trail.
"""

import hashlib
import secrets
from base64 import b32encode, b64encode
from dataclasses import dataclass
from datetime import timedelta

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from msp.accounts import policy
from msp.accounts.models import EnrolmentCode
from msp.accounts.oidc import second_factor_proved_by_provider
from msp.accounts.services import user_sessions_end
from msp.audit.models import Action
from msp.audit.services import audit_append

# Session keys: the enrolment code this session proved, and the device made for this session.
CODE_KEY = "msp_enrolment_code"
DEVICE_KEY = "msp_enrolment_device"
# Letters and digits that cannot be mistaken for one another when read out over the phone.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16
TRIES = 5
COMMAND_LINE = "command line (msp two-factor)"


def has_authenticator(user) -> bool:
    return any(True for _ in devices_for_user(user, confirmed=True))


# --- enrolment codes --------------------------------------------------------------------------


def _normalise(code: str) -> str:
    return "".join(ch for ch in str(code).upper() if ch.isalnum())


def _hash(code: str) -> str:
    return hashlib.sha256(_normalise(code).encode()).hexdigest()


def readable(code: str) -> str:
    """The code in groups of four, as it is shown and read out."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def live_code(user) -> EnrolmentCode | None:
    """The user's enrolment code that can still be used, if any."""
    return (
        EnrolmentCode.objects.filter(
            user=user,
            used_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-issued_at")
        .first()
    )


def _actor_fields(actor) -> dict:
    if actor is None:
        return {"actor_name": COMMAND_LINE}
    return {"actor": actor}


@dataclass(frozen=True)
class IssuedCode:
    code: EnrolmentCode
    text: str  # shown once, to the person issuing it; never stored


@transaction.atomic
def enrolment_code_issue(*, actor, user, request=None) -> IssuedCode:
    """Issue a one-time enrolment code for `user` (withdrawing any earlier one). `actor` is the
    administrator or safeguarding lead issuing it, or None from the command line."""
    if actor is not None and not policy.can_manage_two_factor_of(actor, user):
        raise PermissionDenied
    if not user.is_active:
        raise ValidationError("This account is disabled. Enable it before issuing a code")
    if has_authenticator(user):
        raise ValidationError(
            f"{user.get_full_name() or user.username} already has an authenticator. If they have "
            "lost it, reset their two-factor sign-in first"
        )
    now = timezone.now()
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True, withdrawn_at__isnull=True).update(
        withdrawn_at=now
    )
    text = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    code = EnrolmentCode.objects.create(
        user=user,
        code_hash=_hash(text),
        issued_by=actor,
        issued_by_name=actor.get_username() if actor is not None else COMMAND_LINE,
        expires_at=now + timedelta(hours=settings.ENROLMENT_CODE_HOURS),
    )
    audit_append(
        action=Action.PERMISSION_CHANGE,
        obj=user,
        detail="two-factor enrolment code issued",
        changes={"expires_at": code.expires_at.isoformat()},
        request=request,
        **_actor_fields(actor),
    )
    return IssuedCode(code, readable(text))


@transaction.atomic
def enrolment_code_check(*, request, text: str) -> bool:
    """Check the code a signed-in user typed. Right: this session may set up an authenticator.
    Wrong: recorded, and after a few wrong tries the user's code is withdrawn."""
    user = request.user
    code = live_code(user)
    if code is not None and secrets.compare_digest(code.code_hash, _hash(text)):
        request.session[CODE_KEY] = code.pk
        return True
    detail = "wrong two-factor enrolment code"
    if code is not None:
        code = EnrolmentCode.objects.select_for_update().get(pk=code.pk)
        code.failed_attempts += 1
        if code.failed_attempts >= TRIES:
            code.withdrawn_at = timezone.now()
            detail += f"; code withdrawn after {TRIES} wrong tries"
        code.save(update_fields=["failed_attempts", "withdrawn_at"])
    audit_append(actor=user, action=Action.SIGN_IN_FAILED, detail=detail, request=request)
    return False


def enrolment_allowed(request) -> bool:
    """Whether this session may set up an authenticator now: the user has none, and either this
    session proved an enrolment code that is still live, or the council's identity provider
    proved its own multi-factor sign-in."""
    user = request.user
    if has_authenticator(user):
        return False
    if second_factor_proved_by_provider(request):
        return True
    code = live_code(user)
    return code is not None and request.session.get(CODE_KEY) == code.pk


# --- the authenticator itself -------------------------------------------------------------------


def session_device(request) -> TOTPDevice:
    """The unconfirmed authenticator made for this session (a new secret for every session, so a
    secret seen in one session can never be confirmed in another)."""
    user = request.user
    device = TOTPDevice.objects.filter(
        user=user, confirmed=False, pk=request.session.get(DEVICE_KEY)
    ).first()
    if device is None:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
        request.session[DEVICE_KEY] = device.pk
    return device


def qr_data_uri(device: TOTPDevice) -> str:
    """The provisioning address as an SVG QR code drawn on the server (no script, no third
    party), as a data: address for an <img>, so no markup is inserted into the page."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + b64encode(image.to_string()).decode()


def manual_key(device: TOTPDevice) -> str:
    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def device_confirm(*, request, device: TOTPDevice, code: str) -> bool:
    """Confirm this session's authenticator with a code from it, using up the enrolment code."""
    if not enrolment_allowed(request) or device.user_id != request.user.pk:
        raise PermissionDenied
    if not device.verify_token(code.replace(" ", "")):
        return False
    enrolment = None
    if not second_factor_proved_by_provider(request):
        enrolment = EnrolmentCode.objects.select_for_update().get(pk=request.session[CODE_KEY])
        enrolment.used_at = timezone.now()
        enrolment.save(update_fields=["used_at"])
    device.confirmed = True
    device.save()
    TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
    otp_login(request, device)
    for key in (CODE_KEY, DEVICE_KEY):
        request.session.pop(key, None)
    audit_append(
        actor=request.user,
        action=Action.PERMISSION_CHANGE,
        obj=request.user,
        detail="two-factor authenticator set up"
        + (" with an enrolment code" if enrolment else " after single sign-on with MFA"),
        request=request,
    )
    return True


def code_verify(*, request, code: str) -> bool:
    for device in devices_for_user(request.user, confirmed=True):
        if device.verify_token(code.replace(" ", "")):
            otp_login(request, device)
            return True
    audit_append(
        actor=request.user,
        action=Action.SIGN_IN_FAILED,
        detail="wrong two-factor code",
        request=request,
    )
    return False


@transaction.atomic
def two_factor_reset(*, actor, user, reason: str, request=None) -> int:
    """Remove `user`'s authenticators (for a lost or replaced phone), withdraw any enrolment code
    and end their sessions; they set up again with a new code. Never one's own."""
    if actor is not None and not policy.can_manage_two_factor_of(actor, user):
        raise PermissionDenied
    reason = " ".join(reason.split())
    if len(reason) < 5:
        raise ValidationError({"reason": "Say why their two-factor sign-in is being reset"})
    removed, _ = TOTPDevice.objects.filter(user=user).delete()
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True, withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now()
    )
    audit_append(
        action=Action.PERMISSION_CHANGE,
        obj=user,
        detail="two-factor authenticator reset",
        reason=reason,
        request=request,
        **_actor_fields(actor),
    )
    user_sessions_end(user=user)
    return removed


def issuer() -> str:
    return settings.OTP_TOTP_ISSUER
