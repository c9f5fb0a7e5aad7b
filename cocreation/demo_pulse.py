"""Demo pulses for `seed_demo`: on the Parkkwartier the answers fall over the last months (4–5,
then 2–3), so its health shows a falling trend; on the Vlinderbuurt they stay good; and the demo
client has one pulse still to answer. Made through the pulse's own services, dated back; a
project that has pulses already is left alone, so running it twice adds nothing."""

import datetime

from django.utils import timezone

from projects.models import Project, User

from . import services
from .models import Agreement, PulseInvitation
from .services.pulse import period_start, pulse_invite

VLINDERBUURT = "vlinderbuurt-samen-aan-zet"
PARKKWARTIER = "thuis-in-het-parkkwartier"

# Per project: person -> (ambition, collaboration) per period, oldest first, ending with the
# period before the current one.
ANSWERS = {
    PARKKWARTIER: {
        "client2@example.org": [(5, 5), (4, 5), (5, 4), (4, 4), (3, 3), (2, 3), (2, 2)],
    },
    VLINDERBUURT: {
        "client@example.org": [(4, 4), (5, 4), (4, 5), (4, 4), (5, 4), (4, 4), (5, 5)],
        "partner@example.org": [(4, 5), (4, 4), (5, 4), (4, 4), (4, 5), (5, 4), (4, 4)],
    },
}
OPEN = (VLINDERBUURT, "client@example.org")  # the demo client's pulse still to answer


def seed_pulses() -> None:
    """The demo pulses, if the projects have none yet."""
    today = timezone.localdate()
    for slug, people in ANSWERS.items():
        project = Project.objects.filter(slug=slug).first()
        agreement = Agreement.objects.filter(project=project).first()
        if project is None or agreement is None or project.pulses.exists():
            continue
        weeks = agreement.pulse_weeks
        current = period_start(today, weeks)
        for email, scores in people.items():
            user = User.objects.filter(email=email).first()
            if user is None:
                continue
            for back, (ambition, collaboration) in enumerate(reversed(scores), start=1):
                period = current - datetime.timedelta(weeks=weeks * back)
                sent = timezone.make_aware(datetime.datetime.combine(period, datetime.time(8)))
                invitation = pulse_invite(project=project, user=user, period=period, now=sent)
                services.pulse_answer(
                    actor=user,
                    invitation=invitation,
                    ambition=ambition,
                    collaboration=collaboration,
                    remark=_remark(slug, back),
                    now=sent + datetime.timedelta(days=1),
                )
            if (slug, email) == OPEN:
                pulse_invite(
                    project=project,
                    user=user,
                    period=current,
                    now=timezone.now() - datetime.timedelta(days=1),
                )


def _remark(slug: str, back: int) -> str:
    """A remark now and then: the latest ones on the Parkkwartier say what went wrong."""
    if slug == PARKKWARTIER and back == 1:
        return "We horen weinig van de bewoners zelf; de planning schuift steeds op."
    if slug == PARKKWARTIER and back == 2:
        return "De ontmoetingsruimte aan de Eikenlaan is nog steeds niet open."
    if slug == VLINDERBUURT and back == 1:
        return "Fijn dat de bewonersgroep nu zelf de agenda maakt."
    return ""


def open_demo_pulse() -> PulseInvitation | None:
    """The demo client's pulse still to answer (for tests and the tour)."""
    return PulseInvitation.objects.filter(
        project__slug=OPEN[0], user__email=OPEN[1], answered_at__isnull=True
    ).first()
