"""Writing the audit trail. Every entry is appended in the caller's transaction, so a change and
its audit entry are saved together or not at all."""

from django.db import transaction
from django.utils import timezone

from msp.audit.chain import digest_of_changes, entry_digest
from msp.audit.models import Action, AuditEntry, ChainHead
from msp.core.client_address import client_address


def _client_ip(request) -> str | None:
    return client_address(request) if request is not None else None


def _printable(text: str) -> str:
    return str(text or "").replace("\x00", "\ufffd")


def audit_append(
    *,
    actor=None,
    action: str,
    obj=None,
    person=None,
    detail: str = "",
    reason: str = "",
    changes: dict | None = None,
    request=None,
    actor_name: str = "",
) -> AuditEntry:
    """Append one entry to the chain."""
    # What was asked for goes in as it came (an address, a username tried), less any NUL, which
    # PostgreSQL cannot store and which must never turn a refusal into a server error.
    detail, reason, actor_name = (_printable(text) for text in (detail, reason, actor_name))
    with transaction.atomic():
        head = ChainHead.objects.select_for_update().filter(pk=1).first()
        if head is None:
            # The first entry of a new database. Several writers may get here at once: one
            # makes the head, and each then locks it in turn, so none follows a head it read
            # before another writer moved it on.
            ChainHead.objects.get_or_create(pk=1)
            head = ChainHead.objects.select_for_update().get(pk=1)
        values = {
            "sequence": head.sequence + 1,
            "at": timezone.now(),
            "actor_id": actor.pk if actor is not None and actor.pk else None,
            "actor_name": (actor.get_username() if actor is not None and actor.pk else actor_name)[
                :150
            ],
            "action": action,
            "object_type": obj._meta.model_name if obj is not None else "",
            "object_id": str(obj.pk) if obj is not None else "",
            "person_id": person.pk if person is not None else None,
            "detail": detail[:255],
            "reason": reason,
            "changes": changes or {},
            "changes_digest": digest_of_changes(changes or {}),
            "ip_address": _client_ip(request),
        }
        digest = entry_digest(values, head.entry_hash)
        entry = AuditEntry.objects.create(prev_hash=head.entry_hash, entry_hash=digest, **values)
        ChainHead.objects.filter(pk=1).update(sequence=values["sequence"], entry_hash=digest)
    return entry


RETURNED = "returned"


def access_record(
    *,
    actor,
    action: str,
    obj=None,
    person=None,
    detail: str = "",
    request=None,
    reason: str = "",
    returned: list[str] | None = None,
) -> AuditEntry:
    """Record that someone viewed, searched, exported or downloaded; called by the views that show
    personal data. `returned` names the records a list or search gave back (references or ids)."""
    return audit_append(
        actor=actor,
        action=action,
        obj=obj,
        person=person,
        detail=detail,
        request=request,
        reason=reason,
        changes={RETURNED: returned} if returned is not None else None,
    )


def person_of(obj):
    """The person a case record is about, for the audit trail (None for records about no one)."""
    from msp.people.models import Person

    if isinstance(obj, Person):
        return obj
    for path in ("person", "enquiry.person", "concern.person", "review.enquiry.person"):
        target = obj
        for attr in path.split("."):
            target = getattr(target, attr, None)
            if target is None:
                break
        if isinstance(target, Person):
            return target
    return None


def field_values(obj) -> dict:
    values = {}
    for field in obj._meta.concrete_fields:
        value = getattr(obj, field.attname)
        values[field.attname] = (
            value
            if isinstance(value, str | int | float | bool | type(None) | list | dict)
            else str(value)
        )
    return values


IGNORED = {"updated_at", "version"}


def change_record(*, actor, obj, before: dict | None, reason: str = "") -> AuditEntry:
    """Record a create (before is None) or a change with the old and new value of each field that changed."""
    after = field_values(obj)
    if before is None:
        changes = {
            k: [None, v]
            for k, v in after.items()
            if v not in (None, "", [], {}) and k not in IGNORED
        }
        action = Action.CREATE
    else:
        changes = {
            k: [before.get(k), v]
            for k, v in after.items()
            if before.get(k) != v and k not in IGNORED
        }
        action = Action.ARCHIVE if changes.get("archived_at") else Action.CHANGE
    return audit_append(
        actor=actor, action=action, obj=obj, person=person_of(obj), changes=changes, reason=reason
    )


REMOVED = "[removed under the retention schedule]"


def audit_redact(*, actor=None, person_ids: list[int], reason: str, actor_name: str = "") -> int:
    """Remove the old and new values kept in the audit entries about these people (the entries
    themselves, who did what and when, stay). A REDACT entry lists what was removed, so
    `msp audit verify` can tell redaction from tampering."""
    with transaction.atomic():
        entries = list(
            AuditEntry.objects.filter(person_id__in=person_ids)
            .exclude(changes={})
            .exclude(action=Action.REDACT)
            .values_list("pk", "sequence", "changes")
        )
        for pk, _, changes in entries:
            AuditEntry.objects.filter(pk=pk).update(changes={field: REMOVED for field in changes})
        if entries:
            audit_append(
                actor=actor,
                actor_name=actor_name,
                action=Action.REDACT,
                detail=f"old and new values removed from {len(entries)} entries",
                reason=reason,
                changes={"sequences": [sequence for _, sequence, _ in entries]},
            )
    return len(entries)
