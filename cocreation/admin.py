from django.contrib import admin

from projects.admin import SHORT_TEXT
from projects.admin import ServiceVariantAdmin as CatalogueVariantAdmin
from projects.models import ServiceVariant

from .models import (
    Agreement,
    AgreementVersion,
    CheckIn,
    Commitment,
    CommitmentReview,
    Concern,
    ConcernReply,
    ConfirmationCounter,
    Consent,
    ContinuationDecision,
    Decline,
    GeneralTerms,
    OrderConfirmation,
    Party,
    PartyDecision,
    PulseInvitation,
    PulseOptOut,
    SuggestedCommitment,
)


class VersionInline(admin.TabularInline):
    model = AgreementVersion
    fields = ["number", "status", "proposed_at", "agreed_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True


@admin.register(Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["project", "created_at"]
    search_fields = ["project__title"]
    inlines = [VersionInline]


class PartyInline(admin.TabularInline):
    model = Party
    extra = 0
    show_change_link = True


class ConsentInline(admin.TabularInline):
    model = Consent
    extra = 0
    readonly_fields = ["party", "user", "at", "content_hash"]
    can_delete = False


@admin.register(AgreementVersion)
class AgreementVersionAdmin(admin.ModelAdmin):
    list_display = ["agreement", "number", "status", "proposed_at", "agreed_at"]
    list_filter = ["status"]
    readonly_fields = ["content_hash", "proposed_at", "agreed_at", "status"]
    inlines = [PartyInline, ConsentInline]


class CommitmentInline(admin.TabularInline):
    model = Commitment
    extra = 0


@admin.register(Party)
class PartyAdmin(admin.ModelAdmin):
    list_display = ["organisation", "role", "version"]
    inlines = [CommitmentInline]


@admin.register(Decline)
class DeclineAdmin(admin.ModelAdmin):
    list_display = ["version", "party", "user", "at"]


class ReviewInline(admin.TabularInline):
    model = CommitmentReview
    extra = 0


@admin.register(CheckIn)
class CheckInAdmin(admin.ModelAdmin):
    list_display = ["agreement", "date", "recorded_by"]
    inlines = [ReviewInline]


class ReplyInline(admin.TabularInline):
    model = ConcernReply
    extra = 0


@admin.register(Concern)
class ConcernAdmin(admin.ModelAdmin):
    list_display = ["subject", "project", "raised_by", "created_at", "closed_at"]
    list_filter = ["closed_at"]
    inlines = [ReplyInline]


@admin.register(OrderConfirmation)
class OrderConfirmationAdmin(admin.ModelAdmin):
    """Read-only: confirmations are made through the project page and its Celery task."""

    list_display = [
        "number",
        "project",
        "client_reference",
        "general_terms",
        "status",
        "attempts",
        "created_at",
        "ready_at",
    ]
    list_filter = ["status", "year"]
    search_fields = ["number", "project__title", "client_reference"]
    readonly_fields = [f.name for f in OrderConfirmation._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ConfirmationCounter)
class ConfirmationCounterAdmin(admin.ModelAdmin):
    list_display = ["year", "last"]
    readonly_fields = ["year", "last"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(GeneralTerms)
class GeneralTermsAdmin(admin.ModelAdmin):
    """The general terms, as versions: the active one goes with every new confirmation. A
    version a confirmation used keeps its text; change the terms by adding a new version."""

    list_display = ["version", "is_active", "created_at"]
    list_filter = ["is_active"]

    def get_readonly_fields(self, request, obj=None):
        return ["version", "text"] if obj is not None and obj.is_used else []

    def has_delete_permission(self, request, obj=None):
        return obj is None or not obj.is_used


class PartyDecisionInline(admin.TabularInline):
    model = PartyDecision
    extra = 0


@admin.register(ContinuationDecision)
class ContinuationDecisionAdmin(admin.ModelAdmin):
    list_display = ["phase", "outcome", "decided_on", "recorded_by"]
    list_filter = ["outcome"]
    inlines = [PartyDecisionInline]


class SuggestedCommitmentInline(admin.TabularInline):
    model = SuggestedCommitment
    extra = 0
    fields = ["party_role", "order", "kind", "description"]
    formfield_overrides = SHORT_TEXT


# The variant's page in the catalogue also holds what it suggests each party commits to (the
# first agreement draft's commitments): the projects app cannot know this app's models.
admin.site.unregister(ServiceVariant)


@admin.register(ServiceVariant)
class ServiceVariantAdmin(CatalogueVariantAdmin):
    inlines = [*CatalogueVariantAdmin.inlines, SuggestedCommitmentInline]


@admin.register(PulseInvitation)
class PulseInvitationAdmin(admin.ModelAdmin):
    """Answers are the respondent's own words: readable here, never edited."""

    list_display = ["project", "user", "period_start", "sent_at", "answered_at"]
    list_filter = ["period_start"]
    search_fields = ["project__title", "user__name", "user__email"]
    readonly_fields = ["answered_at", "ambition", "collaboration", "remark"]


@admin.register(PulseOptOut)
class PulseOptOutAdmin(admin.ModelAdmin):
    list_display = ["user", "created_at"]
    search_fields = ["user__name", "user__email"]
