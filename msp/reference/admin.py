from django.contrib import admin

from msp.core.admin_audit import AuditedAdmin
from msp.reference.models import ReferenceItem
from msp.reference.selectors import clear_cache


@admin.register(ReferenceItem)
class ReferenceItemAdmin(AuditedAdmin):
    """Councils edit and extend the practice lists here. Entries are retired with an end date,
    never deleted; every edit keeps its history and an audit entry. The statutory lists are
    each reporting year's specification (msp/sac) and are not edited here."""

    list_display = ["list_code", "code", "label", "active_from", "active_to"]
    list_filter = ["list_code"]
    search_fields = ["code", "label"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        clear_cache()
