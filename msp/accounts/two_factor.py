"""Two-factor sign-in with a time-based one-time code (an authenticator app)."""

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from msp.audit.models import Action
from msp.audit.services import audit_append


def pending_device(user) -> TOTPDevice:
    """The user's unconfirmed authenticator, made on first visit to the set-up page."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def qr_data_uri(device: TOTPDevice) -> str:
    """The provisioning address as an SVG QR code drawn on the server (no script, no third
    party), as a data: address for an <img>, so no markup is inserted into the page."""
    from base64 import b64encode

    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + b64encode(image.to_string()).decode()


def manual_key(device: TOTPDevice) -> str:
    from base64 import b32encode

    key = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def device_confirm(*, request, device: TOTPDevice, code: str) -> bool:
    if not device.verify_token(code.replace(" ", "")):
        return False
    device.confirmed = True
    device.save()
    otp_login(request, device)
    audit_append(
        actor=request.user,
        action=Action.PERMISSION_CHANGE,
        detail="two-factor authenticator set up",
        request=request,
    )
    return True


def code_verify(*, request, code: str) -> bool:
    from django_otp import devices_for_user

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


def issuer() -> str:
    return settings.OTP_TOTP_ISSUER
