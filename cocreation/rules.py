"""Co-creation permissions, declared next to the one permission layer (projects.permissions).

Reads of agreements use "projects.view_project"; "cocreation.draft_agreement" and
"cocreation.raise_concern" live in projects.permissions. The rules below follow DESIGN §5.
"""

import rules

from projects.models import Organisation
from projects.permissions import is_designer, is_external_member, is_member


@rules.predicate
def may_speak_for(user, party) -> bool:
    """Designers speak for De Buurtontdekkers; a client or partner contact speaks for the party
    they represent, or for their own organisation's party in a project they belong to."""
    if party is None or not user.is_authenticated or not user.is_active:
        return False
    if party.organisation.kind == Organisation.Kind.OWN:
        return user.is_designer_or_admin
    if user.is_designer_or_admin:
        return False
    if not is_external_member(user, party.version.agreement.project):
        return False
    if party.representative_id == user.pk:
        return True
    return bool(user.organisation_id) and party.organisation_id == user.organisation_id


@rules.predicate
def raised_in_own_circle(user, concern) -> bool:
    """A concern is shared with whoever raised it and their colleagues in the project."""
    if concern is None or not user.is_authenticated:
        return False
    if concern.raised_by_id == user.pk:
        return True
    return (
        bool(user.organisation_id)
        and concern.raised_by.organisation_id == user.organisation_id
        and is_external_member(user, concern.project)
    )


rules.add_perm("cocreation.consent", may_speak_for)
rules.add_perm("cocreation.record_check_in", is_designer)
rules.add_perm("cocreation.view_concern", is_designer | raised_in_own_circle)
rules.add_perm("cocreation.close_concern", is_designer)


# progress reports (issue 7): whoever may see the dashboard asks for one; a report shows what
# its requester may see, so only they (and the firm's staff) may download it.
@rules.predicate
def requested_report(user, report) -> bool:
    return report is not None and user.is_authenticated and report.requested_by_id == user.pk


rules.add_perm("cocreation.request_progress_report", is_designer | is_member)
rules.add_perm("cocreation.download_progress_report", is_designer | requested_report)
