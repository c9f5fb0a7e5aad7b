from django.contrib import admin

from .models import (
    Agreement,
    AgreementVersion,
    CheckIn,
    Commitment,
    CommitmentReview,
    Concern,
    ConcernReply,
    Consent,
    Decline,
    Party,
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
