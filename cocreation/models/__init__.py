"""The co-creation app's models, one module per feature."""

from .agreements import (
    Agreement,
    AgreementVersion,
    Commitment,
    CommitmentQuerySet,
    LockedQuerySet,
    Party,
    VersionLocked,
    VersionQuerySet,
)
from .check_ins import CheckIn, CommitmentReview
from .concerns import Concern, ConcernReply
from .confirmations import (
    ConfirmationCopy,
    ConfirmationCounter,
    ConfirmationLocked,
    OrderConfirmation,
)
from .consent import Consent, Decline
from .decisions import ContinuationDecision, ContinuationReminder, PartyDecision
from .pulse import PulseInvitation, PulseOptOut
from .suggestions import SuggestedCommitment
from .terms import GeneralTerms, TermsLocked

__all__ = [
    "Agreement",
    "AgreementVersion",
    "CheckIn",
    "Commitment",
    "CommitmentQuerySet",
    "CommitmentReview",
    "Concern",
    "ConcernReply",
    "ConfirmationCopy",
    "ConfirmationCounter",
    "ConfirmationLocked",
    "Consent",
    "ContinuationDecision",
    "ContinuationReminder",
    "Decline",
    "GeneralTerms",
    "LockedQuerySet",
    "OrderConfirmation",
    "Party",
    "PartyDecision",
    "SuggestedCommitment",
    "PulseInvitation",
    "PulseOptOut",
    "TermsLocked",
    "VersionLocked",
    "VersionQuerySet",
]
