"""The address a request really came from, behind the council's reverse proxy or load balancer.

Without a trusted proxy every request seems to come from the proxy: the audit trail would record
the proxy's address, and the sign-in lockout (per username and address) would lock a username
for everyone. With MSP_TRUSTED_PROXIES (the proxies' addresses or networks) the client is the
nearest address in X-Forwarded-For that is not a trusted proxy; with MSP_TRUSTED_PROXY_COUNT (how
many proxies, each adding one address) it is that many addresses from the right. Forwarded
headers are ignored unless the request reached the app from a trusted proxy (or, by count,
through the proxies), so nobody can claim an address by sending the header themselves.
"""

import ipaddress

from django.conf import settings

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    text = text.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 192.0.2.1:443
        text = text.split(":")[0]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        return None
    mapped = getattr(address, "ipv4_mapped", None)
    return mapped or address


def _trusted(address, networks: list[Network]) -> bool:
    return any(address in network for network in networks)


def client_address(request) -> str | None:
    """The client's address as text, for the audit trail and django-axes."""
    peer = _address(request.META.get("REMOTE_ADDR", "") or "")
    if peer is None:
        return None
    networks = getattr(settings, "TRUSTED_PROXY_NETWORKS", [])
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = [
        part
        for header in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if (part := header.strip())
    ]
    if networks:
        if not _trusted(peer, networks):
            return str(peer)
        # Walk back from the nearest hop; the first address no trusted proxy owns is the client.
        for hop in reversed(forwarded):
            address = _address(hop)
            if address is None:
                break  # a garbled entry: go no further than the proxies we trust
            if not _trusted(address, networks):
                return str(address)
            peer = address
        return str(peer)
    if count and len(forwarded) >= count:
        address = _address(forwarded[-count])
        return str(address) if address is not None else str(peer)
    return str(peer)
