from django.contrib import admin

from .models import (
    Contribution,
    ImpactEntry,
    ImpactPhoto,
    Initiative,
    OwnershipStep,
    SignificantChange,
    SubstantiationRequest,
)


class ContributionInline(admin.TabularInline):
    model = Contribution
    extra = 0
    raw_id_fields = ["activity"]


class ImpactPhotoInline(admin.TabularInline):
    model = ImpactPhoto
    extra = 0
    # Uploads go through the designer pages, which strip EXIF; here they can only be removed.
    fields = ["image", "caption", "uploaded_at"]
    readonly_fields = ["image", "uploaded_at"]

    def has_add_permission(self, request, obj=None):
        return False


class SubstantiationRequestInline(admin.TabularInline):
    """Who was asked to confirm the entry and what they answered: a record, read only (answers
    come only through the signed link)."""

    model = SubstantiationRequest
    extra = 0
    fields = ["name", "role", "asked_at", "answered_at", "verdict", "answer_name", "answer_role"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(ImpactEntry)
class ImpactEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "kind", "occurred_on", "visibility", "involves_resident"]
    list_filter = ["kind", "visibility", "involves_resident", "project"]
    search_fields = ["title", "description"]
    date_hierarchy = "occurred_on"
    filter_horizontal = ["themes"]
    readonly_fields = ["consent_withdrawn_at", "consent_withdrawal_note", "recorded_by"]
    inlines = [ContributionInline, ImpactPhotoInline, SubstantiationRequestInline]


@admin.register(SignificantChange)
class SignificantChangeAdmin(admin.ModelAdmin):
    list_display = ["entry", "period_start", "period_end", "selected_by"]
    raw_id_fields = ["entry"]


class OwnershipStepInline(admin.TabularInline):
    model = OwnershipStep
    extra = 0
    fields = ["date", "level", "remark", "recorded_by"]
    readonly_fields = ["recorded_by"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "started_on", "visibility"]
    list_filter = ["visibility", "project"]
    search_fields = ["title"]
    inlines = [OwnershipStepInline]
