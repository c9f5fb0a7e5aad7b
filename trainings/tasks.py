from celery import shared_task

from core import documents

from .models import Certificate
from .pdf import render_certificate_pdf
from .services import certificates, evaluations, participants


@shared_task(name="trainings.render_certificate", **documents.TASK_OPTIONS)
def certificate_render_task(self, certificate_id: int) -> str:
    """Render and store one certificate of participation; safe to run twice."""
    return documents.run(
        self, Certificate, certificate_id, lambda certificate: render_certificate_pdf(certificate)
    )


@shared_task(name="trainings.sweep_certificates")
def certificate_sweep_task() -> int:
    """Enqueue again the certificates stuck in queued or rendering (beat, every minute)."""
    return certificates.certificate_sweep()


@shared_task(name="trainings.send_session_evaluations")
def send_session_evaluations_task() -> int:
    """Ask the participants of every session that ended yesterday for their evaluation; safe to
    run twice (each participant is asked once per session)."""
    return evaluations.send_yesterdays_evaluations()


@shared_task(name="trainings.forget_participants_past_retention")
def forget_participants_past_retention_task() -> int:
    """Nightly: remove the participants of trajectories past the retention period."""
    return participants.forget_participants_past_retention()
