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
from .pulse import PulseInvitation, PulseOptOut
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
    "Decline",
    "GeneralTerms",
    "LockedQuerySet",
    "OrderConfirmation",
    "Party",
    "PulseInvitation",
    "PulseOptOut",
    "TermsLocked",
    "VersionLocked",
    "VersionQuerySet",
]
