"""Shared pieces of every write: history attribution, version bumps, readable references."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import BooleanField, F

from msp.core.conflicts import EditConflict
from msp.core.dates import date_problem
from msp.core.models import Sequence


def next_reference(name: str, prefix: str) -> str:
    """The next readable reference in a series, unique even with several writers."""
    with transaction.atomic():
        Sequence.objects.get_or_create(name=name)
        Sequence.objects.filter(name=name).update(value=F("value") + 1)
        value = Sequence.objects.get(name=name).value
    return f"{prefix}{value:06d}"


def _save_audited(obj, *, actor, reason: str, creating: bool, prepare=None) -> None:
    """Save with the history row attributed to the actor and an audit entry holding the old
    and new values, in one transaction. `prepare` runs on the object before it is saved."""
    from msp.audit.services import change_record, field_values

    with transaction.atomic():
        before = None
        if not creating and obj.pk is not None:
            stored = type(obj)._base_manager.filter(pk=obj.pk).first()
            before = field_values(stored) if stored is not None else None
        obj._history_user = actor
        if reason:
            obj._change_reason = reason[:100]
        if prepare is not None:
            prepare(obj)
        obj.save()
        change_record(actor=actor, obj=obj, before=before, reason=reason)


def save_recorded(obj, *, actor, reason: str = "", creating: bool = False) -> None:
    """Save a case record with its history row attributed to the acting user, and append the
    change (old and new values) to the audit trail in the same transaction."""

    def prepare(record) -> None:
        if creating:
            record.created_by = actor
        elif hasattr(record, "version"):
            record.version = (record.version or 0) + 1
        record.full_clean(exclude=["created_by", *_unanswered_yes_no(record)])

    _save_audited(obj, actor=actor, reason=reason, creating=creating, prepare=prepare)


def _unanswered_yes_no(obj) -> list[str]:
    """Nullable yes/no fields still unanswered. None means 'not yet known' there, which
    full_clean would otherwise refuse as blank (they are not declared blank=True)."""
    return [
        field.name
        for field in obj._meta.concrete_fields
        if isinstance(field, BooleanField) and field.null and getattr(obj, field.attname) is None
    ]


def check_version(obj, seen_version: int | None) -> None:
    """Refuse an update made from an out-of-date copy of the record (call it with the row
    locked). The refusal is a ValidationError, so callers that only report errors still can."""
    if seen_version is not None and seen_version != obj.version:
        raise EditConflict(obj, seen_version)


def not_future(field: str, value, label: str) -> None:
    """Refuse a date that breaks the rule for recorded dates (msp.core.dates.date_problem): in
    1900 or later and not in the future, exactly as the forms check it."""
    problem = date_problem(value, label)
    if problem:
        raise ValidationError({field: problem})


def not_before(field: str, value, earlier, label: str, earlier_label: str) -> None:
    if value is not None and earlier is not None and value < earlier:
        raise ValidationError(
            {field: f"{label} must be on or after {earlier_label} ({earlier:%-d %B %Y})"}
        )


def archive_recorded(obj, *, actor, reason: str) -> None:
    """Archive a record with a reason (never deleted): history and audit as for any change."""
    from django.utils import timezone

    obj.archived_at = timezone.now()
    obj.archived_reason = reason
    save_recorded(obj, actor=actor, reason=reason)


def settings_record(*, actor, obj, creating: bool = False, reason: str = "") -> None:
    """Save a configuration record (council settings, a team, a practice list entry, the
    retention schedule) with its history row attributed to the acting user and an audit entry
    with the old and new values, in one transaction. The admin saves through this (the admin
    form has already validated the record)."""
    _save_audited(obj, actor=actor, reason=reason, creating=creating)
