"""The audit chain: how an entry's hash is computed, and how the whole chain is checked."""

import hashlib
import json
from dataclasses import dataclass

GENESIS = "0" * 64
HASHED_FIELDS = (
    "sequence",
    "at",
    "actor_id",
    "actor_name",
    "action",
    "object_type",
    "object_id",
    "person_id",
    "detail",
    "reason",
    "changes",
    "changes_digest",
    "ip_address",
)


def digest_of_changes(changes: dict) -> str:
    text = json.dumps(changes or {}, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_digest(values: dict, prev_hash: str) -> str:
    payload = {field: values.get(field) for field in HASHED_FIELDS}
    if payload.get("changes_digest"):
        del payload["changes"]  # covered by its digest, checked separately in verify()
    else:
        del payload["changes_digest"]  # an entry from before the digest: the values themselves
    payload["at"] = (
        values["at"].isoformat() if hasattr(values["at"], "isoformat") else str(values["at"])
    )
    text = json.dumps(payload, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256((prev_hash + text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Verdict:
    ok: bool
    checked: int
    problem: str = ""


def verify(batch_size: int = 5000) -> Verdict:
    """Walk the chain in order. Any edited, inserted or deleted entry breaks it somewhere."""
    from msp.audit.models import Action, AuditEntry, ChainHead

    redacted = set()
    for changes in AuditEntry.objects.filter(action=Action.REDACT).values_list(
        "changes", flat=True
    ):
        redacted.update(changes.get("sequences", []))
    prev = GENESIS
    expected_sequence = 1
    checked = 0
    last_sequence = 0
    entries = AuditEntry.objects.order_by("sequence").values(
        *HASHED_FIELDS, "prev_hash", "entry_hash"
    )
    for values in entries.iterator(chunk_size=batch_size):
        if values["sequence"] != expected_sequence:
            return Verdict(
                False,
                checked,
                f"entry {expected_sequence} is missing (found {values['sequence']} next)",
            )
        if values["prev_hash"] != prev:
            return Verdict(
                False, checked, f"entry {values['sequence']} does not follow the entry before it"
            )
        changed_values = (
            values["changes_digest"]
            and values["sequence"] not in redacted
            and digest_of_changes(values["changes"]) != values["changes_digest"]
        )
        if changed_values or entry_digest(values, prev) != values["entry_hash"]:
            return Verdict(
                False, checked, f"entry {values['sequence']} was changed after it was written"
            )
        prev = values["entry_hash"]
        last_sequence = values["sequence"]
        expected_sequence += 1
        checked += 1
    head = ChainHead.objects.filter(pk=1).first()
    if head is not None and (
        head.sequence != last_sequence or (last_sequence and head.entry_hash != prev)
    ):
        return Verdict(
            False,
            checked,
            f"the newest entries are missing: the chain should end at entry {head.sequence}",
        )
    return Verdict(True, checked)
