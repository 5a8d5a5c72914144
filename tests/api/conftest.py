from datetime import timedelta

import pytest
from django.test import Client

from msp.api import services
from msp.core.dates import today


def make_token(user, scopes=("read", "write", "reporting"), days=30, name="Test token") -> str:
    _, secret = services.token_create(
        actor=user, name=name, scopes=list(scopes), expires_on=today() + timedelta(days=days)
    )
    return secret


class ApiClient:
    """A Django test client that sends a bearer token and JSON."""

    def __init__(self, secret: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {secret}"} if secret else {}

    def get(self, path, data=None, **headers):
        return self.client.get(path, data, headers={**self.headers, **headers})

    def _send(self, method, path, body, headers):
        return getattr(self.client, method)(
            path, body, content_type="application/json", headers={**self.headers, **headers}
        )

    def post(self, path, body=None, **headers):
        return self._send("post", path, body or {}, headers)

    def patch(self, path, body=None, **headers):
        return self._send("patch", path, body or {}, headers)

    def put(self, path, body=None, **headers):
        return self._send("put", path, body or {}, headers)


@pytest.fixture
def api_as():
    def make(user, scopes=("read", "write", "reporting")):
        return ApiClient(make_token(user, scopes))

    return make
