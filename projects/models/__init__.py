from .activities import Activity, ActivityPhoto, AuditEntry
from .catalogue import Neighbourhood, Service, ServiceVariant, Theme, VariantPhase
from .participation import Lead, ParticipationLevel
from .people import Organisation, User, UserManager
from .projects import Membership, Phase, Project

__all__ = [
    "Activity",
    "ActivityPhoto",
    "AuditEntry",
    "Lead",
    "Membership",
    "Neighbourhood",
    "Organisation",
    "ParticipationLevel",
    "Phase",
    "Project",
    "Service",
    "ServiceVariant",
    "Theme",
    "User",
    "UserManager",
    "VariantPhase",
]
