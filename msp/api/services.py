"""Every write to API tokens: create (the secret is returned once, never stored) and revoke."""

import hashlib
import secrets
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from msp.api.models import ApiToken, Scope
from msp.audit.models import Action
from msp.audit.services import access_record
from msp.core.dates import today

SECRET_PREFIX = "msp_"
MAX_LIFETIME_DAYS = 366
# Long enough to recognise a token in a list, far too short to guess the rest from.
SHOWN_PREFIX_LENGTH = 12


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", "surrogatepass")).hexdigest()


def latest_expiry(on: date | None = None) -> date:
    return (on or today()) + timedelta(days=MAX_LIFETIME_DAYS - 1)


def expiry_problem(expires_on: date | None) -> str:
    """Why an expiry date will not do, or "" when it will: tokens live at most a year."""
    if expires_on is None:
        return "Enter the date the token expires"
    if expires_on <= today():
        return "The expiry date must be in the future"
    if expires_on > latest_expiry():
        return (
            "The expiry date must be no more than a year ahead, on or before "
            f"{latest_expiry():%-d %B %Y}"
        )
    return ""


@transaction.atomic
def token_create(
    *, actor, name: str, scopes: list[str], expires_on: date | None, request=None
) -> tuple[ApiToken, str]:
    """Issue a personal token for the acting user. Returns the token and its secret, which is
    shown to the user once and kept only as a hash."""
    errors = {}
    name = " ".join((name or "").split())
    if not name:
        errors["name"] = "Enter a name for the token, such as what will use it"
    elif len(name) > 100:
        errors["name"] = "The name must be 100 characters or fewer"
    scopes = [s for s in Scope.values if s in set(scopes or [])]
    if not scopes:
        errors["scopes"] = "Choose at least one thing the token may do"
    if expiry_problem(expires_on):
        errors["expires_on"] = expiry_problem(expires_on)
    if errors:
        raise ValidationError(errors)
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=actor,
        name=name,
        prefix=secret[:SHOWN_PREFIX_LENGTH],
        secret_hash=hash_secret(secret),
        scopes=scopes,
        expires_on=expires_on,
    )
    access_record(
        actor=actor,
        action=Action.CREATE,
        obj=token,
        detail=f"API token “{name}” created: {', '.join(scopes)}; expires {expires_on:%Y-%m-%d}",
        request=request,
    )
    return token, secret


@transaction.atomic
def token_revoke(*, actor, token: ApiToken, request=None) -> ApiToken:
    """Stop a token working at once. It stays listed, marked as revoked."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        access_record(
            actor=actor,
            action=Action.CHANGE,
            obj=token,
            detail=f"API token “{token.name}” revoked",
            request=request,
        )
    return token


def token_touch(token: ApiToken) -> None:
    """Note that the token was used, at most once a minute so that reads stay reads."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
