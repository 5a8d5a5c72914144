"""Reads of the audit trail, for safeguarding leads."""

from django.db.models import QuerySet

from msp.audit.models import Action, AuditEntry


def entries_for_person(person, *, limit: int = 500) -> list[AuditEntry]:
    """Everything done to or about a person's records, newest first: who has seen it and who changed it."""
    return list(
        AuditEntry.objects.filter(person=person)
        .select_related("actor")
        .order_by("-sequence")[:limit]
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
    limit: int = 500,
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
    return entries[:limit]
