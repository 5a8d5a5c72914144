from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django_otp.plugins.otp_totp.models import TOTPDevice

from msp.accounts import policy
from msp.accounts.models import Team, User
from msp.accounts.services import access_changed, access_snapshot, password_set_by_administrator
from msp.core.admin_audit import AuditedAdmin

# Authenticators are set up by their owner with an enrolment code and reset on the staff pages
# (msp/accounts/two_factor.py): never made, read or changed in the admin, where their secrets
# would be on show.
if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)

SELF_GRANT = (
    "You cannot widen your own access: no case-reading role, case access or extra teams for "
    "yourself. Ask another administrator to make the change; the safeguarding leads are told of "
    "every change to staff access."
)


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    """Teams are closed (not active), never deleted; every edit keeps history and audit."""

    list_display = ["name", "area", "active"]
    search_fields = ["name"]


def _snapshot_from_form(form, stored: dict) -> dict:
    """What the submitted form would make of the account's access, for comparing with now."""
    data = form.cleaned_data
    after = dict(stored)
    for key in ("role", "is_active", "is_staff", "is_superuser", "case_access"):
        if key in data:
            after[key] = data[key]
    if "teams" in data:
        after["teams"] = sorted(team.name for team in data["teams"])
    return after


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

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = super().get_form(request, obj, change=change, **kwargs)
        actor = request.user

        class NoSelfGrant(base):
            def clean(self):
                data = super().clean()
                if self.instance.pk is not None and self.instance.pk == actor.pk:
                    stored = access_snapshot(User.objects.get(pk=actor.pk))
                    if policy.self_grant_refused(
                        actor, self.instance, stored, _snapshot_from_form(self, stored)
                    ):
                        raise forms.ValidationError(SELF_GRANT)
                return data

        return NoSelfGrant

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

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:
            password_set_by_administrator(
                actor=request.user, user=User.objects.get(pk=id), request=request
            )
        return response

    def has_delete_permission(self, request, obj=None):
        # Accounts are disabled, never deleted: the audit trail points at them.
        return False
