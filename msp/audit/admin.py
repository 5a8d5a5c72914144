from django.contrib import admin

from msp.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: nobody, administrators included, can add, change or delete audit entries."""

    list_display = ["sequence", "at", "actor_name", "action", "object_type", "object_id", "detail"]
    list_filter = ["action"]
    search_fields = ["actor_name", "object_id", "detail"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
