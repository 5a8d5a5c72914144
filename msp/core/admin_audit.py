"""Admin pages for configuration that keep history and an audit entry for every edit."""

from simple_history.admin import SimpleHistoryAdmin

from msp.core.services import settings_record


class AuditedAdmin(SimpleHistoryAdmin):
    """Saves through `settings_record` (history attributed to the signed-in administrator,
    an audit entry with old and new values, one transaction); nothing is deleted here."""

    def save_model(self, request, obj, form, change):
        settings_record(
            actor=request.user,
            obj=obj,
            creating=not change,
            reason=f"Changed in the administration pages: {', '.join(form.changed_data)}"
            if change
            else "Added in the administration pages",
        )

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions
