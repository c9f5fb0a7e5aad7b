from celery import shared_task

from .throttle import forget_old_failures


@shared_task(name="core.forget_old_login_failures")
def forget_old_login_failures() -> int:
    return forget_old_failures()
