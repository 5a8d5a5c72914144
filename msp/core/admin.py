from django.contrib import admin

from msp.core.models import CouncilSettings


@admin.register(CouncilSettings)
class CouncilSettingsAdmin(admin.ModelAdmin):
    list_display = ["__str__", "drift_days", "financial_year_start_month"]

    def has_add_permission(self, request):
        return not CouncilSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
