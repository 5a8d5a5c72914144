from django.contrib import admin

from msp.core.admin_audit import AuditedAdmin
from msp.core.models import AdultPopulation, CouncilSettings


@admin.register(CouncilSettings)
class CouncilSettingsAdmin(AuditedAdmin):
    list_display = ["__str__", "drift_days", "financial_year_start_month", "region_code"]

    def has_add_permission(self, request):
        return not CouncilSettings.objects.exists()


@admin.register(AdultPopulation)
class AdultPopulationAdmin(AuditedAdmin):
    """The council's adults by year, for the board's rates per 100,000: each change is kept in
    the history and the audit trail; a year's figure is corrected, never deleted."""

    list_display = ["year", "adults", "source", "updated_at"]
    readonly_fields = ["updated_at"]
