from django.contrib import admin

from msp.core.admin_audit import AuditedAdmin
from msp.privacy.models import RetentionSchedule

# Legal holds, rectifications and anonymisations name people and describe their records: they
# are handled on the data-protection pages by the safeguarding leads, never in the admin.


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
