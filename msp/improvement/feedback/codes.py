"""Single-use codes for people to answer the follow-up questions themselves, and the limits on
trying them.

A code is eight characters from an alphabet without the letters and digits people confuse
(no I, L, O, U, 0 or 1): about 6.6 × 10^11 codes. Only a keyed digest (HMAC-SHA256 with the
secret key) is stored, so a copy of the database does not give the codes away, and a guess
cannot be checked without the key. Tries are limited per address and across the whole service,
so guessing a code by trying is hopeless; wrong, used, withdrawn and expired codes all get the
same answer.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from msp.improvement.models import FeedbackCode, FeedbackCodeAttempt

ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"
LENGTH = 8
DAYS_VALID = 28
# Tries on the public page in the last hour: from one address, and from everyone together.
TRIES_PER_ADDRESS = 10
TRIES_IN_ALL = 300
WINDOW = timedelta(hours=1)
KEPT_FOR = timedelta(days=1)


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def normalise(text: str) -> str:
    """What someone typed, as a code: capitals, without spaces or dashes."""
    return "".join(c for c in (text or "").upper() if c.isalnum())


def shown(code: str) -> str:
    """A code as it is given to people: two groups of four."""
    return f"{code[:4]}-{code[4:]}"


def _keyed(purpose: str, value: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def digest(code: str) -> str:
    return _keyed("feedback-code", normalise(code))


def address_digest(address: str | None) -> str:
    return _keyed("feedback-address", address or "unknown")


def usable(code: FeedbackCode, now=None) -> bool:
    now = now or timezone.now()
    return code.used_at is None and code.withdrawn_at is None and code.expires_at > now


def find(text: str) -> FeedbackCode | None:
    """The code someone typed, if it can still be used; None for any other code, whatever the
    reason, so that the answer says nothing about which codes exist."""
    code = normalise(text)
    if len(code) != LENGTH:
        return None
    found = FeedbackCode.objects.filter(digest=digest(code)).first()
    if found is None or not usable(found):
        return None
    return found


def may_try(address: str | None) -> bool:
    """Whether another try is allowed now from this address and across the service."""
    since = timezone.now() - WINDOW
    recent = FeedbackCodeAttempt.objects.filter(at__gte=since)
    if recent.count() >= TRIES_IN_ALL:
        return False
    return recent.filter(address=address_digest(address)).count() < TRIES_PER_ADDRESS


def note_try(address: str | None) -> None:
    """Keep a try for the limits, and drop tries older than a day (they count for nothing)."""
    now = timezone.now()
    FeedbackCodeAttempt.objects.create(at=now, address=address_digest(address))
    FeedbackCodeAttempt.objects.filter(at__lt=now - KEPT_FOR).delete()
