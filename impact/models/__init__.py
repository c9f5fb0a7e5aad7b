"""The impact app's models, one module per feature."""

from .digest import (
    DigestOptOut,
    DigestSent,
)
from .entries import (
    CLIENT_SCOPES,
    CONSENT_ABSENT,
    CONSENT_COMPLETE,
    KIND_ICONS,
    SHAREABLE,
    ConsentMethod,
    ConsentScope,
    Contribution,
    ImpactEntry,
    ImpactEntryQuerySet,
    ImpactPhoto,
    Visibility,
)
from .initiatives import (
    Initiative,
    OwnershipStep,
)
from .significance import (
    SignificantChange,
)
from .substantiation import (
    SubstantiationRequest,
    SubstantiatorRole,
    Verdict,
)

__all__ = [
    "CLIENT_SCOPES",
    "CONSENT_ABSENT",
    "CONSENT_COMPLETE",
    "ConsentMethod",
    "ConsentScope",
    "Contribution",
    "DigestOptOut",
    "DigestSent",
    "ImpactEntry",
    "ImpactEntryQuerySet",
    "ImpactPhoto",
    "Initiative",
    "KIND_ICONS",
    "OwnershipStep",
    "SHAREABLE",
    "SignificantChange",
    "SubstantiationRequest",
    "SubstantiatorRole",
    "Verdict",
    "Visibility",
]
