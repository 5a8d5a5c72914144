from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from msp.core.models import AdultPopulation, CouncilSettings
from msp.core.services import council_setting_save


@admin.register(CouncilSettings)
class CouncilSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "drift_days", "financial_year_start_month", "region"]

    def has_add_permission(self, request):
        return not CouncilSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        council_setting_save(obj, actor=request.user)


@admin.register(AdultPopulation)
class AdultPopulationAdmin(SimpleHistoryAdmin):
    """The council's adults by year, for the board's rates per 100,000: each change is kept in
    the history and the audit trail; a year's figure is corrected, never deleted."""

    list_display = ["year", "adults", "source", "updated_at"]
    readonly_fields = ["updated_at"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        council_setting_save(obj, actor=request.user)
