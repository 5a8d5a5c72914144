from django.contrib import admin

from msp.core.admin_audit import AuditedAdmin
from msp.core.models import CouncilSettings


@admin.register(CouncilSettings)
class CouncilSettingsAdmin(AuditedAdmin):
    list_display = ["__str__", "drift_days", "financial_year_start_month", "cassr_code"]

    def has_add_permission(self, request):
        return not CouncilSettings.objects.exists()
