"""Who a login attempt is counted against, and the second throttle per account.

django-axes counts wrong passwords per e-mail address *and* IP address (settings.AXES_*). A
password spray from many addresses never trips that pair, so `account_is_throttled` also counts
the failures for one e-mail address from any address: after LOGIN_ACCOUNT_FAILURE_LIMIT within
LOGIN_ACCOUNT_WINDOW further attempts are refused, until the oldest failures age out of the
window or the owner sets a new password through the reset link (which proves the mailbox is
theirs and clears the count).
"""

from axes.models import AccessFailureLog
from axes.utils import reset as reset_axes
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


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


def account_is_throttled(email: str) -> bool:
    """True when this e-mail address had too many wrong passwords lately, from any address.

    Counts axes' failure log (AXES_ENABLE_ACCESS_FAILURE_LOG); refused attempts are not logged,
    so the window slides and at most LIMIT guesses per window reach the password check."""
    if not email:
        return False
    since = timezone.now() - settings.LOGIN_ACCOUNT_WINDOW
    recent = AccessFailureLog.objects.filter(username=email, attempt_time__gte=since)
    return recent.count() >= settings.LOGIN_ACCOUNT_FAILURE_LIMIT


def forget_failures(email: str) -> None:
    """The owner proved the mailbox is theirs: clear both throttles for this address."""
    email = email.strip().lower()
    AccessFailureLog.objects.filter(username=email).delete()
    reset_axes(username=email)


def allow_reset_mail(email: str, ip: str) -> bool:
    """At most PASSWORD_RESET_MAILS_PER_HOUR reset mails per e-mail address, and ten times that
    per client address, within an hour from the first: nobody floods a mailbox with them.

    Counted in the cache (Redis in production, shared by all workers); when it is unreachable
    the mail goes out, as before this throttle existed."""
    per_address = settings.PASSWORD_RESET_MAILS_PER_HOUR
    counters = [
        (f"reset-mail:address:{email.strip().lower()}", per_address),
        (f"reset-mail:ip:{ip}", per_address * 10),
    ]
    allowed = True
    for key, limit in counters:
        cache.add(key, 0, timeout=3600)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: a new hour
            cache.add(key, 1, timeout=3600)
            count = 1
        allowed = allowed and count <= limit
    return allowed


def forget_old_failures() -> int:
    """Delete failed logins older than LOGIN_FAILURES_KEPT (a week): they hold an e-mail
    address, an IP address and a browser, and serve the throttle for an hour and whoever
    looks into an attack for a few days, not for ever. Returns how many went."""
    since = timezone.now() - settings.LOGIN_FAILURES_KEPT
    deleted, _ = AccessFailureLog.objects.filter(attempt_time__lt=since).delete()
    return deleted
