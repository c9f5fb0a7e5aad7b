"""The draft editor as one form: the text of a version, a new party and a new commitment are
posted together, whichever of its buttons was pressed, so no click throws typed text away.

Every button saves everything; its name says what happens next:
- `action=save` (also Enter in a field: it is the form's first button) saves;
- `action=party` / `action=commitment` save and require the new party / commitment row to be
  complete (with "Concept opslaan" a filled row is added too, an untouched one is skipped);
- `remove_party=<pk>` / `remove_commitment=<pk>` save and remove that row;
- `action=propose` saves and then proposes the saved draft, in one transaction: a proposal
  always holds the text on the screen, never an older one.
"""

from collections.abc import Callable

from django.core.exceptions import ValidationError

from core.concurrency import EditConflict
from core.forms import add_errors

from ..models import AgreementVersion, Commitment
from .agreements import CommitmentForm, PartyForm, VersionForm

SAVE, ADD_PARTY, ADD_COMMITMENT, PROPOSE = "save", "party", "commitment", "propose"


def _picked(rows, value: str | None):
    """The row among `rows` whose pk is `value`, or None (a button of a row gone meanwhile)."""
    if not value or not value.isdigit():
        return None
    return rows.filter(pk=int(value)).first()


class DraftEditor:
    """The three forms of the draft editor, validated and saved as one."""

    def __init__(self, data=None, *, version: AgreementVersion):
        self.bound = data is not None
        get = data.get if data is not None else dict().get
        self.action = get("action", SAVE)
        project = version.agreement.project
        self.text = VersionForm(data, instance=version)
        self.party = PartyForm(data, project=project, empty_permitted=self.action != ADD_PARTY)
        self.commitment = CommitmentForm(
            data, version=version, empty_permitted=self.action != ADD_COMMITMENT
        )
        self.removed_party = _picked(version.parties.all(), get("remove_party"))
        self.removed_commitment = _picked(
            Commitment.objects.filter(party__version=version), get("remove_commitment")
        )

    @property
    def proposes(self) -> bool:
        return self.action == PROPOSE

    @property
    def changes_parties(self) -> bool:
        """Whether the button pressed adds or removes a party or commitment."""
        removes = self.removed_party is not None or self.removed_commitment is not None
        return removes or self.action in (ADD_PARTY, ADD_COMMITMENT)

    @property
    def forms(self) -> tuple:
        return (self.text, self.party, self.commitment)

    def is_valid(self) -> bool:
        return all([form.is_valid() for form in self.forms])  # a list: every form shows errors

    def _added(self, form) -> dict | None:
        return form.service_kwargs() if form.has_changed() else None

    def save_through(self, save: Callable, **kwargs) -> int | None:
        """Save with the service `save` (agreement_draft_save): None when saved, else the
        status to show the editor again with, every input kept: 409 after a save by someone
        else in between (its changes listed), 200 when the service refused."""
        try:
            save(
                unchanged_since=self.text.unchanged_since,
                text=self.text.service_kwargs(),
                new_party=self._added(self.party),
                new_commitment=self._added(self.commitment),
                removed_party=self.removed_party,
                removed_commitment=self.removed_commitment,
                **kwargs,
            )
        except EditConflict as conflict:
            self.text.show_conflict(conflict)
            return 409
        except ValidationError as exc:
            named = set(getattr(exc, "error_dict", {}))
            add_errors(self.party if named & set(self.party.fields) else self.text, exc)
            return 200
        return None
