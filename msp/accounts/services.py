"""Writes about staff accounts that matter for security: permission changes and disabling."""

from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from msp.accounts import policy
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


GIVES_CASE_ACCESS = "gives access to case records"


@transaction.atomic
def access_changed(*, actor, user, before: dict, request=None) -> None:
    """Audit a change to someone's role, teams or status, and end the sessions of a disabled
    account. Refused (and so undone) when someone widened their own access; a change that gives
    someone else access to case records is marked for the safeguarding leads' attention."""
    after = access_snapshot(user)
    changes = {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }
    if not changes:
        return
    if policy.self_grant_refused(actor, user, before, after):
        raise PermissionDenied("Nobody can widen their own access to case records")
    audit_append(
        actor=actor,
        action=Action.PERMISSION_CHANGE,
        obj=user,
        changes=changes,
        detail=GIVES_CASE_ACCESS if policy.access_widened(before, after) else "",
        request=request,
    )
    if not user.is_active:
        user_sessions_end(user=user)


def password_set_by_administrator(*, actor, user, request=None) -> None:
    """Audit an administrator setting someone else's password, which the leads see with every
    other change to staff access (it is one step towards signing in as them)."""
    audit_append(
        actor=actor,
        action=Action.PERMISSION_CHANGE,
        obj=user,
        detail="password set by an administrator",
        request=request,
    )


def user_sessions_end(*, user) -> int:
    """End every session of a user on the server (their next request finds them signed out)."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended
