"""Liveness for load balancers and docker compose: is the database there, and the broker?"""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from kombu import Connection


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except Exception:
        return False


def _broker_ok() -> bool:
    try:
        # At once: a load balancer's probe must not wait on a broker that is down.
        with Connection(settings.CELERY_BROKER_URL, connect_timeout=1) as conn:
            conn.ensure_connection(max_retries=1, interval_start=0, timeout=1)
        return True
    except Exception:
        return False


@require_GET
@never_cache
def healthz(request):
    checks = {"database": _database_ok()}
    if settings.CELERY_BROKER_URL:
        checks["broker"] = _broker_ok()
    failing = [name for name, ok in checks.items() if not ok]
    body = {"status": "ok" if not failing else "fail", "checks": checks, "failing": failing}
    return JsonResponse(body, status=503 if failing else 200)
