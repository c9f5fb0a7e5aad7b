from django.contrib import admin

from .models import Certificate, Participant, Session


class AttendanceInline(admin.TabularInline):
    model = Session.attendance.rel.related_model
    extra = 0
    autocomplete_fields = ["participant"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["title", "project", "starts_at", "location"]
    list_filter = ["project"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["trainers"]
    inlines = [AttendanceInline]


@admin.register(Participant)
class ParticipantAdmin(admin.ModelAdmin):
    list_display = ["name", "project", "organisation", "role", "source"]
    list_filter = ["project", "role"]
    search_fields = ["name", "email"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["participant", "status", "ready_at"]
    list_filter = ["status"]
    readonly_fields = [f.name for f in Certificate._meta.fields]
