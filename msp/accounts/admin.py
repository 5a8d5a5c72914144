from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from msp.accounts.models import Team, User
from msp.accounts.services import access_changed, access_snapshot
from msp.core.admin_audit import AuditedAdmin


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    """Teams are closed (not active), never deleted; every edit keeps history and audit."""

    list_display = ["name", "area", "active"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active", "teams"]
    filter_horizontal = ["teams", "groups", "user_permissions"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Role and teams", {"fields": ("role", "teams", "case_access")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        ("Role and teams", {"fields": ("first_name", "last_name", "role", "teams")}),
    )

    def save_model(self, request, obj, form, change):
        # Teams are saved after the user, so the comparison is finished in save_related.
        stored = User.objects.filter(pk=obj.pk).first() if change else None
        request._msp_access_before = access_snapshot(stored)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        access_changed(
            actor=request.user,
            user=form.instance,
            before=getattr(request, "_msp_access_before", {}),
            request=request,
        )

    def has_delete_permission(self, request, obj=None):
        # Accounts are disabled, never deleted: the audit trail points at them.
        return False
