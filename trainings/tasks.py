from celery import shared_task

from .services import participants


@shared_task(name="trainings.forget_participants_past_retention")
def forget_participants_past_retention_task() -> int:
    """Nightly: remove the participants of trajectories past the retention period."""
    return participants.forget_participants_past_retention()
