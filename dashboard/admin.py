from django.contrib import admin

from .models import ProgressReport


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    """Read-only: reports are requested on the dashboard and made by their Celery task."""

    list_display = ["project", "requested_by", "period_start", "period_end", "status", "ready_at"]
    list_filter = ["status"]
    search_fields = ["project__title", "requested_by__email"]
    readonly_fields = [f.name for f in ProgressReport._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
