from celery import shared_task

from .services import evaluations


@shared_task(name="trainings.send_session_evaluations")
def send_session_evaluations_task() -> int:
    """Ask the participants of every session that ended yesterday for their evaluation; safe to
    run twice (each participant is asked once per session)."""
    return evaluations.send_yesterdays_evaluations()
