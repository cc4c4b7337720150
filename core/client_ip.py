"""The visitor's address, for rate limits and logs: one helper for the whole site.

Behind nginx every request comes from the proxy, so REMOTE_ADDR names the proxy,
not the visitor. The forwarding headers (X-Forwarded-For, then X-Real-IP) are
believed only when REMOTE_ADDR is one of settings.TRUSTED_PROXIES; from anyone
else they are ignored, because any client can send them. Header parsing is
django-ipware's. See docs/settings.md."""

import ipaddress
from functools import lru_cache

from django.conf import settings
from ipware import get_client_ip

# The headers our nginx (deploy/nginx.conf) sets from $remote_addr, in the order believed.
FORWARDING_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP")


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def from_trusted_proxy(remote_addr: str) -> bool:
    try:
        address = ipaddress.ip_address(remote_addr)
    except ValueError:
        return False
    return any(address in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request) -> str | None:
    """The address to count and log for this request (None if there is none)."""
    remote = request.META.get("REMOTE_ADDR") or ""
    if remote and from_trusted_proxy(remote):
        # The last address of the chain is the one our own proxy wrote (proxy_count=0),
        # so a client cannot forge it even if the proxy appends to a client-sent header.
        forwarded, _routable = get_client_ip(
            request, proxy_count=0, strict=False, request_header_order=FORWARDING_HEADERS
        )
        if forwarded:
            return forwarded
    return remote or None


def ratelimit_ip(request) -> str:
    """django-ratelimit's key="ip" (settings.RATELIMIT_IP_META_KEY)."""
    return client_ip(request) or "unknown"
