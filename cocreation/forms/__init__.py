"""The co-creation forms, one module per feature."""

from .agreed_on import AgreedOnForm
from .agreements import CommitmentForm, PartyForm, VersionForm, fixed_result_warnings
from .check_ins import CheckInForm
from .concerns import ConcernForm, ReplyForm
from .confirmations import OrderConfirmationForm
from .consent import ConsentForm, DeclineForm
from .decisions import ContinuationDecisionForm
from .editor import DraftEditor
from .pulse import PulseAnswerForm, PulseIntervalForm

__all__ = [
    "AgreedOnForm",
    "CheckInForm",
    "CommitmentForm",
    "ConcernForm",
    "ConsentForm",
    "ContinuationDecisionForm",
    "DeclineForm",
    "DraftEditor",
    "OrderConfirmationForm",
    "PartyForm",
    "PulseAnswerForm",
    "PulseIntervalForm",
    "ReplyForm",
    "VersionForm",
    "fixed_result_warnings",
]
