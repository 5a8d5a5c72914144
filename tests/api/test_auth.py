"""Tokens at the door: shown once, scopes enforced, expiry, revocation, deactivated owners."""

from datetime import timedelta

import pytest
from django.utils import timezone

from msp.api import services
from msp.api.models import ApiToken
from msp.core.dates import today
from tests.api.conftest import ApiClient, make_token

pytestmark = pytest.mark.django_db


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= set(body)
    assert body["status"] == status
    return body


def test_no_token_is_401(practitioner):
    body = _problem(ApiClient(None).get("/api/v1/people"), 401)
    assert "Bearer" in body["detail"]


def test_unknown_token_is_401(practitioner):
    _problem(ApiClient("msp_not-a-real-token").get("/api/v1/people"), 401)
    _problem(ApiClient("something-else").get("/api/v1/people"), 401)


def test_expired_token_is_refused(practitioner):
    secret = make_token(practitioner)
    ApiToken.objects.update(expires_on=today() - timedelta(days=1))
    body = _problem(ApiClient(secret).get("/api/v1/people"), 401)
    assert "expired" in body["detail"]


def test_revoked_token_is_refused(practitioner):
    secret = make_token(practitioner)
    api = ApiClient(secret)
    assert api.get("/api/v1/people").status_code == 200
    services.token_revoke(actor=practitioner, token=ApiToken.objects.get())
    assert "revoked" in _problem(api.get("/api/v1/people"), 401)["detail"]


def test_deactivated_users_tokens_stop_working(practitioner):
    api = ApiClient(make_token(practitioner))
    practitioner.is_active = False
    practitioner.save()
    _problem(api.get("/api/v1/people"), 401)


def test_read_scope_cannot_write(practitioner, enquiry):
    api = ApiClient(make_token(practitioner, scopes=["read"]))
    assert api.get(f"/api/v1/enquiries/{enquiry.pk}").status_code == 200
    body = _problem(api.post("/api/v1/people", {"first_name": "A", "last_name": "B"}), 403)
    assert "write" in body["detail"]


def test_write_scope_cannot_read(practitioner, enquiry):
    api = ApiClient(make_token(practitioner, scopes=["write"]))
    _problem(api.get(f"/api/v1/enquiries/{enquiry.pk}"), 403)


def test_use_is_noted_cheaply(practitioner, django_assert_max_num_queries):
    api = ApiClient(make_token(practitioner))
    api.get("/api/v1/people")
    token = ApiToken.objects.get()
    first = token.last_used_at
    assert first is not None
    api.get("/api/v1/people")
    assert ApiToken.objects.get().last_used_at == first  # not rewritten within the minute
    ApiToken.objects.update(last_used_at=timezone.now() - timedelta(minutes=5))
    api.get("/api/v1/people")
    assert ApiToken.objects.get().last_used_at > first
