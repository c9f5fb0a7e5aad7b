from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import (
    Activity,
    ActivityPhoto,
    AuditEntry,
    Membership,
    Neighbourhood,
    Organisation,
    Phase,
    Project,
    Service,
    ServiceVariant,
    Theme,
    User,
    VariantPhase,
)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["email", "name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Persoon"), {"fields": ["name", "role", "organisation"]}),
        (_("Rechten"), {"fields": ["is_active", "is_staff", "is_superuser"]}),
        (_("Data"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"classes": ["wide"], "fields": ["email", "name", "role", "password1", "password2"]},
        ),
    ]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "email"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(Neighbourhood)
class NeighbourhoodAdmin(admin.ModelAdmin):
    list_display = ["name", "municipality", "cbs_code"]
    list_filter = ["municipality"]
    search_fields = ["name", "municipality", "cbs_code"]


class ServiceVariantInline(admin.TabularInline):
    model = ServiceVariant
    extra = 0
    fields = ["name", "description", "typical_weeks", "typical_hours", "fee"]
    # The template (phases, activity kinds, agreement texts) is edited on the variant's page.
    show_change_link = True


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "is_training"]
    search_fields = ["name"]
    inlines = [ServiceVariantInline]


# Template rows hold a sentence or two: short text areas keep a variant's page readable.
SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 60})}}


class VariantPhaseInline(admin.TabularInline):
    model = VariantPhase
    extra = 0
    fields = ["order", "name", "description", "indicative_weeks"]
    formfield_overrides = SHORT_TEXT


class ServiceVariantForm(forms.ModelForm):
    """The variant with its default activity kinds as tick boxes instead of raw JSON."""

    default_activity_kinds = forms.MultipleChoiceField(
        label=_("gebruikelijke soorten activiteiten"),
        choices=Activity.Kind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=ServiceVariant._meta.get_field("default_activity_kinds").help_text,
    )

    class Meta:
        model = ServiceVariant
        fields = [
            "service",
            "name",
            "description",
            "typical_weeks",
            "typical_hours",
            "fee",
            "default_activity_kinds",
            "default_approach",
            "default_principles",
            "session_count",
            "session_interval_days",
            "has_practice_assignment",
            "certificate_min_percent",
        ]


@admin.register(ServiceVariant)
class ServiceVariantAdmin(admin.ModelAdmin):
    """A variant and its template for new projects: the phases with indicative weeks, the
    activity kinds offered first, the first agreement draft's approach and principles."""

    form = ServiceVariantForm
    list_display = ["name", "service", "typical_weeks", "typical_hours", "fee"]
    list_filter = ["service"]
    list_select_related = ["service"]
    search_fields = ["name", "service__name"]
    fieldsets = [
        (
            None,
            {"fields": ["service", "name", "description", "typical_weeks", "typical_hours", "fee"]},
        ),
        (
            _("Sjabloon voor nieuwe projecten"),
            {
                "fields": ["default_activity_kinds", "default_approach", "default_principles"],
                "description": _(
                    "Een nieuw project en het eerste concept van zijn samenwerkingsafspraak "
                    "beginnen hiermee. Bestaande projecten veranderen niet mee. Beschrijf het "
                    "proces en ieders inzet, nooit een vooraf vastgesteld resultaat."
                ),
            },
        ),
        (
            _("Training"),
            {
                "fields": [
                    "session_count",
                    "session_interval_days",
                    "has_practice_assignment",
                    "certificate_min_percent",
                ],
                "description": _(
                    "Alleen voor een training (Buurtwerk): de bijeenkomsten waarmee een nieuw "
                    "traject begint, en de aanwezigheid die een deelnamebewijs vraagt."
                ),
            },
        ),
    ]
    inlines = [VariantPhaseInline]


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "description"]
    search_fields = ["name"]


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0
    fields = ["order", "name", "start_date", "end_date", "is_current"]
    # Moving "current" takes two steps in one transaction; the phases page does that.
    readonly_fields = ["is_current"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "client", "neighbourhood", "status", "start_date"]
    list_filter = ["status", "client", "themes"]
    list_select_related = ["client", "neighbourhood"]
    search_fields = ["title", "question", "neighbourhood__name"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["themes"]
    readonly_fields = ["created_by", "created_at", "updated_at"]
    inlines = [PhaseInline, MembershipInline]


class ActivityPhotoInline(admin.TabularInline):
    model = ActivityPhoto
    extra = 0
    fields = ["image", "caption", "width", "height", "uploaded_at"]
    readonly_fields = ["image", "width", "height", "uploaded_at"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        # Uploads go through the activity form, which strips location data from the photo.
        return False


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    """Read-mostly: designers log and edit activities in the app, with an audit trail."""

    list_display = ["date", "title", "kind", "project", "residents_reached", "logged_by"]
    list_filter = ["kind", "date", "project", "themes"]
    list_select_related = ["project", "logged_by"]
    search_fields = ["title", "location", "project__title"]
    date_hierarchy = "date"
    readonly_fields = ["project", "logged_by", "created_at", "updated_at"]
    filter_horizontal = ["themes"]
    inlines = [ActivityPhotoInline]

    def has_add_permission(self, request):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "target_type", "target_repr", "project"]
    list_filter = ["action", "target_type", "project"]
    list_select_related = ["actor", "project"]
    search_fields = ["target_repr", "actor__email", "actor__name"]
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
