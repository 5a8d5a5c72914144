import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError

from msp.api import services
from msp.api.models import ApiToken
from msp.audit.models import AuditEntry
from msp.core.dates import today

pytestmark = pytest.mark.django_db


def test_secret_is_returned_once_and_only_its_hash_is_kept(practitioner):
    token, secret = services.token_create(
        actor=practitioner,
        name="Dashboard",
        scopes=["read"],
        expires_on=today() + timedelta(days=7),
    )
    assert secret.startswith("msp_") and len(secret) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.secret_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in {str(v) for v in stored.__dict__.values()}
    assert stored.prefix == secret[:12]


def test_creation_and_revocation_are_audited(practitioner):
    token, _ = services.token_create(
        actor=practitioner, name="Script", scopes=["read"], expires_on=today() + timedelta(days=1)
    )
    services.token_revoke(actor=practitioner, token=token)
    services.token_revoke(actor=practitioner, token=token)  # a second revoke changes nothing
    entries = AuditEntry.objects.filter(object_type="apitoken", object_id=str(token.pk))
    assert [e.action for e in entries.order_by("sequence")] == ["create", "change"]
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


@pytest.mark.parametrize(
    ("name", "scopes", "days", "field"),
    [
        ("", ["read"], 5, "name"),
        ("x", [], 5, "scopes"),
        ("x", ["everything"], 5, "scopes"),
        ("x", ["read"], 0, "expires_on"),
        ("x", ["read"], 367, "expires_on"),
        ("x", ["read"], None, "expires_on"),
    ],
)
def test_bad_requests_name_the_field(practitioner, name, scopes, days, field):
    expires = None if days is None else today() + timedelta(days=days)
    with pytest.raises(ValidationError) as error:
        services.token_create(actor=practitioner, name=name, scopes=scopes, expires_on=expires)
    assert field in error.value.message_dict


def test_a_year_ahead_is_the_longest(practitioner):
    token, _ = services.token_create(
        actor=practitioner, name="x", scopes=["read"], expires_on=services.latest_expiry()
    )
    assert token.expires_on == today() + timedelta(days=365)
