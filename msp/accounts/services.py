"""Writes about staff accounts that matter for security: permission changes and disabling."""

from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from msp.audit.models import Action
from msp.audit.services import audit_append


def access_snapshot(user) -> dict:
    """What decides a user's access, in a form that can be compared and kept in the audit trail."""
    if user is None or user.pk is None:
        return {}
    return {
        "role": user.role,
        "teams": sorted(user.teams.values_list("name", flat=True)),
        "is_active": user.is_active,
        "is_staff": user.is_staff,
        "is_superuser": user.is_superuser,
        "case_access": user.case_access,
    }


@transaction.atomic
def access_changed(*, actor, user, before: dict, request=None) -> None:
    """Audit a change to someone's role, teams or status, and end the sessions of a disabled account."""
    after = access_snapshot(user)
    changes = {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }
    if not changes:
        return
    audit_append(
        actor=actor, action=Action.PERMISSION_CHANGE, obj=user, changes=changes, request=request
    )
    if not user.is_active:
        user_sessions_end(user=user)


def user_sessions_end(*, user) -> int:
    """End every session of a user on the server (their next request finds them signed out)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended
