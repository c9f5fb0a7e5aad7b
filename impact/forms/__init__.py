"""The impact forms, one module per feature."""

from .activities import ActivityPickForm
from .entries import ConsentWithdrawForm, EntryForm, commitment_choices
from .initiatives import InitiativeForm, OwnershipStepForm
from .significance import SignificantForm, current_quarter
from .substantiation import SubstantiationAnswerForm, SubstantiationRequestForm
from .timeline import TimelineFilterForm

__all__ = [
    "ActivityPickForm",
    "ConsentWithdrawForm",
    "EntryForm",
    "InitiativeForm",
    "OwnershipStepForm",
    "SignificantForm",
    "SubstantiationAnswerForm",
    "SubstantiationRequestForm",
    "TimelineFilterForm",
    "commitment_choices",
    "current_quarter",
]
