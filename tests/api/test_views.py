"""The account pages: list tokens, create one (secret shown once), revoke with a POST."""

import re

import pytest

from msp.api.models import ApiToken
from msp.api.services import latest_expiry
from tests.api.conftest import make_token
from tests.factories import UserFactory
from tests.support.pages import assert_every_error_shown

pytestmark = pytest.mark.django_db


def _create(client, **overrides):
    expires = latest_expiry()
    data = {
        "name": "Team dashboard",
        "scopes": ["read", "reporting"],
        "expires_on_0": expires.day,
        "expires_on_1": expires.month,
        "expires_on_2": expires.year,
        **overrides,
    }
    return client.post("/account/tokens/new/", data)


def test_create_shows_the_secret_once(client, practitioner):
    client.force_login(practitioner)
    page = _create(client).content.decode()
    secret = re.search(r"msp_[A-Za-z0-9_-]{40,}", page).group(0)
    token = ApiToken.objects.get()
    assert token.scopes == ["read", "reporting"] and token.user == practitioner
    listing = client.get("/account/tokens/").content.decode()
    assert "Team dashboard" in listing and token.prefix in listing
    assert secret not in listing
    response = client.get("/api/v1/people", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200


def test_form_errors_name_the_field(client, practitioner):
    client.force_login(practitioner)
    page = _create(client, scopes=[], name="", expires_on_2=2999).content.decode()
    assert "Enter a name for the token" in page
    assert "Choose at least one thing the token may do" in page
    assert "no more than a year ahead" in page
    assert not ApiToken.objects.exists()


def test_every_token_problem_is_shown_beside_its_field_and_in_the_summary(client, practitioner):
    client.force_login(practitioner)
    response = _create(client, scopes=[], name="", expires_on_2=2999)
    assert_every_error_shown(
        response,
        {
            "id_name": "Enter a name for the token",
            "id_scopes": "Choose at least one thing the token may do",
            "id_expires_on": "no more than a year ahead",
        },
    )


def test_revoke_needs_a_post_and_only_the_owner_finds_it(client, practitioner):
    make_token(practitioner)
    token = ApiToken.objects.get()
    other = UserFactory()
    client.force_login(other)
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 404
    client.force_login(practitioner)
    assert client.get(f"/account/tokens/{token.pk}/revoke/").status_code == 200
    token.refresh_from_db()
    assert token.revoked_at is None
    response = client.post(f"/account/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert "Revoked" in client.get("/account/tokens/").content.decode()


def test_revoke_is_csrf_protected(practitioner):
    from django.test import Client

    make_token(practitioner)
    token = ApiToken.objects.get()
    client = Client(enforce_csrf_checks=True)
    client.force_login(practitioner)
    assert client.post(f"/account/tokens/{token.pk}/revoke/").status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


def test_tokens_list_in_bounded_queries(client, practitioner, django_assert_max_num_queries):
    for n in range(5):
        make_token(practitioner, name=f"Token {n}")
    client.force_login(practitioner)
    with django_assert_max_num_queries(12):
        assert client.get("/account/tokens/").status_code == 200


def test_footer_links_to_api_tokens(client, practitioner):
    client.force_login(practitioner)
    assert 'href="/account/tokens/"' in client.get("/account/tokens/").content.decode()
