"""Behind a reverse proxy, the audit trail and the sign-in lockout see the client's address, and
nobody can choose their address by sending X-Forwarded-For themselves."""

import ipaddress

import pytest
from django.test import Client, RequestFactory

from msp.audit.models import AuditEntry
from msp.core.client_address import client_address
from tests.factories import PASSWORD

PROXY = "10.0.0.5"
NETWORKS = [ipaddress.ip_network("10.0.0.0/24")]


def _request(remote: str, forwarded: str = ""):
    extra = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **extra)


@pytest.mark.parametrize(
    ("remote", "forwarded", "expected"),
    [
        (PROXY, "203.0.113.7", "203.0.113.7"),
        (PROXY, "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # the client wrote the first one
        (PROXY, "203.0.113.7, 10.0.0.9", "203.0.113.7"),  # through two trusted proxies
        ("203.0.113.7", "198.51.100.1", "203.0.113.7"),  # not from a proxy: header ignored
        (PROXY, "not-an-address, 203.0.113.7", "203.0.113.7"),
        (PROXY, "203.0.113.7, garbage", PROXY),
        (PROXY, "", PROXY),
        (PROXY, "[2001:db8::1]:443", "2001:db8::1"),
    ],
)
def test_trusted_networks(settings, remote, forwarded, expected):
    settings.TRUSTED_PROXY_NETWORKS = NETWORKS
    assert client_address(_request(remote, forwarded)) == expected


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.9", "203.0.113.7"),
        (2, "203.0.113.7", PROXY),  # fewer hops than proxies: not through them all
    ],
)
def test_trusted_proxy_count(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_NETWORKS = []
    settings.TRUSTED_PROXY_COUNT = count
    assert client_address(_request(PROXY, forwarded)) == expected


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_NETWORKS, settings.TRUSTED_PROXY_COUNT = [], 0
    assert client_address(_request(PROXY, "203.0.113.7")) == PROXY


def _sign_in(address: str, username: str, password: str):
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address).post(
        "/accounts/sign-in/", {"username": username, "password": password}
    )


@pytest.mark.django_db
def test_the_lockout_locks_one_username_from_one_client_not_for_everyone(settings, practitioner):
    settings.TRUSTED_PROXY_NETWORKS = NETWORKS
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in("203.0.113.66", practitioner.username, "wrong-password")
    assert _sign_in("203.0.113.66", practitioner.username, PASSWORD).status_code == 429
    # The real user, elsewhere behind the same proxy, still signs in.
    assert _sign_in("198.51.100.20", practitioner.username, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_behind_an_untrusted_proxy_everyone_shares_its_address(settings, practitioner):
    """Why the setting matters: without it the proxy's address is everyone's address."""
    settings.TRUSTED_PROXY_NETWORKS, settings.TRUSTED_PROXY_COUNT = [], 0
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in("203.0.113.66", practitioner.username, "wrong-password")
    assert _sign_in("198.51.100.20", practitioner.username, PASSWORD).status_code == 429


@pytest.mark.django_db
def test_the_audit_trail_records_the_clients_address(settings, practitioner, enquiry):
    settings.TRUSTED_PROXY_NETWORKS = NETWORKS
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.7")
    client.force_login(practitioner)
    client.get(f"/people/{enquiry.person.reference}/")
    entry = AuditEntry.objects.filter(person=enquiry.person, action="view").latest("sequence")
    assert entry.ip_address == "203.0.113.7"
    spoofed = Client(REMOTE_ADDR="198.51.100.99", HTTP_X_FORWARDED_FOR="203.0.113.7")
    spoofed.force_login(practitioner)
    spoofed.get(f"/people/{enquiry.person.reference}/")
    entry = AuditEntry.objects.filter(person=enquiry.person, action="view").latest("sequence")
    assert entry.ip_address == "198.51.100.99"
