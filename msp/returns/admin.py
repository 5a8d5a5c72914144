from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from msp.returns.models import SafeguardingAdultsReview


@admin.register(SafeguardingAdultsReview)
class SafeguardingAdultsReviewAdmin(SimpleHistoryAdmin):
    """Read-only here: reviews are added and changed on the register pages, through the services."""

    list_display = ["reference", "title", "decided_on", "completed_on", "archived_at"]
    search_fields = ["reference", "title"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
