import pytest
from django.db import connection

from msp.operations import health

pytestmark = pytest.mark.django_db


def test_healthz_answers_ok_and_nothing_else(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert response["Content-Type"].startswith("text/plain")


def test_readyz_answers_ready_when_the_database_is_migrated(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.content == b"ready\n"


def test_readyz_refuses_while_a_migration_is_waiting(client, monkeypatch):
    monkeypatch.setattr(health, "_migrated", False)

    class Pending:
        def __init__(self, _connection):
            self.loader = type("Loader", (), {"graph": type("G", (), {"leaf_nodes": list})()})()

        def migration_plan(self, targets):
            return [("enquiries", "9999_not_yet")]

    monkeypatch.setattr(health, "MigrationExecutor", Pending)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.content == b"not ready\n"


def test_readyz_refuses_when_the_database_does_not_answer(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("connection refused by 10.0.0.5 for user secret")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    # Nothing about the failure leaks to whoever asks.
    assert response.content == b"not ready\n"


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_probes_need_no_sign_in_host_name_or_second_factor(client, settings, practitioner, path):
    settings.REQUIRE_TWO_FACTOR = True
    settings.ALLOWED_HOSTS = ["msp.council.example"]
    # A load balancer asks the app server by its address, over plain HTTP.
    assert client.get(path, HTTP_HOST="10.1.2.3:8000").status_code == 200
    client.force_login(practitioner)  # signed in without a second factor yet
    assert client.get(path, HTTP_HOST="10.1.2.3:8000").status_code == 200
    # Every other page still checks the host name.
    assert client.get("/accounts/sign-in/", HTTP_HOST="10.1.2.3:8000").status_code == 400
