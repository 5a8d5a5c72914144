"""Reads of the audit trail, for safeguarding leads."""

from django.db.models import QuerySet

from msp.audit.models import Action, AuditEntry


def entries_for_person(person) -> QuerySet:
    """Everything done to or about a person's records, newest first: who has seen it and who changed it."""
    return list(
        AuditEntry.objects.filter(person=person).select_related("actor").order_by("-sequence")
    )


def viewers_of(person) -> list[dict]:
    """Each person who viewed the record, with how often and when last."""
    from django.db.models import Count, Max

    return list(
        AuditEntry.objects.filter(person=person, action=Action.VIEW)
        .values("actor_name", "actor__first_name", "actor__last_name", "actor__role")
        .annotate(views=Count("id"), last=Max("at"))
        .order_by("-last")
    )


def audit_search(
    *,
    username: str = "",
    person=None,
    action: str = "",
    date_from=None,
    date_to=None,
) -> QuerySet:
    entries = AuditEntry.objects.select_related("actor", "person").order_by("-sequence")
    if username:
        entries = entries.filter(actor_name__iexact=username.strip())
    if person is not None:
        entries = entries.filter(person=person)
    if action:
        entries = entries.filter(action=action)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    return entries


def staff_access_changes() -> QuerySet:
    """Every change to a member of staff's access, newest first: roles, teams, case access,
    disabling, passwords set by an administrator, two-factor codes and resets. Shown to the
    safeguarding leads, who must be told whenever someone is given access to case records."""
    return (
        AuditEntry.objects.filter(action=Action.PERMISSION_CHANGE, object_type="user")
        .select_related("actor")
        .order_by("-sequence")
    )


def recent_case_access_grants(*, days: int = 14) -> int:
    """How many changes in the last `days` days gave someone access to case records."""
    from datetime import timedelta

    from django.utils import timezone

    from msp.accounts.services import GIVES_CASE_ACCESS

    return (
        staff_access_changes()
        .filter(at__gte=timezone.now() - timedelta(days=days), detail__contains=GIVES_CASE_ACCESS)
        .count()
    )
