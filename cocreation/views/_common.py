"""What the co-creation views share: turning a refusal into a message, and finding the draft
to edit through the permission layer."""

from django.contrib import messages
from django.core.exceptions import ValidationError

from projects.rules import get_project_for_user

from .. import selectors
from ..models import AgreementVersion

DRAFT = "cocreation.draft_agreement"


def show_error(request, exc: ValidationError) -> None:
    """Show the messages of a refused action above the page."""
    messages.error(request, " ".join(exc.messages))


def draft_version(request, slug, number) -> AgreementVersion:
    """The version to edit, for someone who may draft; a version past draft goes to its page."""
    project = get_project_for_user(request.user, slug, DRAFT)
    return selectors.version_page(project, number, request.user)
