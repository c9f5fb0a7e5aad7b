"""Who a login attempt is counted against, for django-axes: an e-mail address and an IP address."""

from django.conf import settings


def login_name(request, credentials) -> str:
    """The e-mail address a login attempt was for, case-folded: "Anna@X.nl" is "anna@x.nl"."""
    source = credentials if credentials is not None else request.POST
    return (source.get("username") or "").strip().lower()


def client_ip(request) -> str:
    """The address of the person logging in.

    Each of our TRUSTED_PROXY_COUNT proxies appends the address it was reached from to
    X-Forwarded-For, so the client is that many entries from the right; anything further left
    was written by the client itself and proves nothing. Without proxies only REMOTE_ADDR counts.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXY_COUNT
    if not proxies:
        return remote
    forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [hop for hop in forwarded if hop]
    return forwarded[-proxies] if len(forwarded) >= proxies else remote
