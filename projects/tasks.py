"""Background work of the projects app."""

import datetime

from celery import shared_task

from .services.visits import dashboard_visit_save


@shared_task(name="projects.save_dashboard_visit", ignore_result=True)
def dashboard_visit_save_task(user_id: int, project_id: int, day: str) -> int:
    """Store that a client opened a project's dashboard on `day` (ISO); safe to run twice."""
    return dashboard_visit_save(
        user_id=user_id, project_id=project_id, day=datetime.date.fromisoformat(day)
    )
