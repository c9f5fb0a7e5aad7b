"""Training permissions, declared next to the one permission layer (projects.rules).

Everyone in a trajectory sees its sessions and the shape of its attendance; a participant's
personal data (name, e-mail, attendance by name, assignment, evaluation answers) is seen by the
team and by the client contacts of the participant's own organisation only (issue 17 §2).
"""

import rules
from django.db.models import QuerySet

from projects.models import Project
from projects.rules import is_client_of, is_designer, is_member

from .models import Participant

rules.add_perm("trainings.view_training", is_designer | is_member)
rules.add_perm("trainings.manage_training", is_designer)
# The participants list: the team, and client contacts (who see their own organisation's).
rules.add_perm("trainings.view_participant_list", is_designer | is_client_of)


def participants_visible_to(user, project: Project) -> QuerySet[Participant]:
    """The participants of `project` whose personal data `user` may see: all for the firm's
    staff; for a client contact, those of their own organisation; none for anyone else."""
    participants = Participant.objects.filter(project=project)
    if is_designer(user):
        return participants
    if user.is_authenticated and user.organisation_id and is_client_of(user, project):
        return participants.filter(organisation_id=user.organisation_id)
    return participants.none()


@rules.predicate
def may_see_participant(user, participant) -> bool:
    """The predicate beside participants_visible_to, for one participant."""
    if participant is None:
        return False
    if is_designer(user):
        return True
    return (
        user.is_authenticated
        and bool(user.organisation_id)
        and participant.organisation_id == user.organisation_id
        and is_client_of(user, participant.project)
    )


rules.add_perm("trainings.view_participant", may_see_participant)
