from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from msp.accounts.models import Team, User


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "active"]
    search_fields = ["name"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active", "teams"]
    filter_horizontal = ["teams", "groups", "user_permissions"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,
        ("Role and teams", {"fields": ("role", "teams")}),
    )
    add_fieldsets = (
        *BaseUserAdmin.add_fieldsets,
        ("Role and teams", {"fields": ("first_name", "last_name", "role", "teams")}),
    )
