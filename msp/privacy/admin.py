from django.contrib import admin

from msp.core.admin_audit import AuditedAdmin
from msp.privacy.models import Anonymisation, LegalHold, Rectification, RetentionSchedule


@admin.register(RetentionSchedule)
class RetentionScheduleAdmin(AuditedAdmin):
    """The council sets its schedule here; the retention command reads it on every run."""

    list_display = [
        "years_after_enquiry_closed",
        "years_after_concern_without_enquiry",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return not RetentionSchedule.objects.exists()


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only: these are written by the data-protection pages and commands, with audit."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(LegalHold)
class LegalHoldAdmin(ReadOnlyAdmin):
    list_display = ["person", "placed_on", "lifted_on"]


@admin.register(Rectification)
class RectificationAdmin(ReadOnlyAdmin):
    list_display = ["person", "received_on", "decision"]


@admin.register(Anonymisation)
class AnonymisationAdmin(ReadOnlyAdmin):
    list_display = ["person", "anonymised_at", "due_on", "rule"]
