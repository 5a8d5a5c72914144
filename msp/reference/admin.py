from django.contrib import admin

from msp.reference.models import ReferenceItem
from msp.reference.selectors import clear_cache


@admin.register(ReferenceItem)
class ReferenceItemAdmin(admin.ModelAdmin):
    """Councils edit and extend lists here. Entries are retired with an end date, never deleted."""

    list_display = ["list_code", "code", "label", "active_from", "active_to"]
    list_filter = ["list_code"]
    search_fields = ["code", "label"]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        clear_cache()
