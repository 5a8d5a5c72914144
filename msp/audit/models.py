from django.db import models
from django.utils import timezone


class Action(models.TextChoices):
    VIEW = "view", "Viewed"
    SEARCH = "search", "Searched"
    CREATE = "create", "Created"
    CHANGE = "change", "Changed"
    ARCHIVE = "archive", "Archived"
    EXPORT = "export", "Exported"
    DOWNLOAD = "download", "Downloaded a report"
    PRINT = "print", "Printed"
    SIGN_IN = "sign_in", "Signed in"
    SIGN_IN_FAILED = "sign_in_failed", "Failed to sign in"
    SIGN_OUT = "sign_out", "Signed out"
    PERMISSION_CHANGE = "permission_change", "Changed permissions"
    REFUSED = "refused", "Was refused access"
    BREAK_GLASS = "break_glass", "Opened a restricted record"
    REDACT = "redact", "Removed personal details from earlier entries"


class AuditEntry(models.Model):
    """One thing someone did. Append-only and chained: each entry's hash covers the previous
    entry's hash, so an edited or deleted entry breaks the chain (`msp audit verify`). The
    database refuses updates and deletes on this table (triggers in the migration)."""

    sequence = models.BigIntegerField(unique=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        "accounts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(
        max_length=150, blank=True, help_text="The username, kept even for failed sign-ins"
    )
    action = models.CharField(max_length=32, choices=Action.choices, db_index=True)
    object_type = models.CharField(max_length=48, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    detail = models.CharField(max_length=255, blank=True)
    reason = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True)
    # The hash chain covers this digest of `changes`, not the values themselves, so that old and
    # new values can be removed under the retention schedule (recorded by a REDACT entry)
    # without breaking the chain. Blank on entries written before the digest existed.
    changes_digest = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["-sequence"]
        verbose_name_plural = "audit entries"
        indexes = [models.Index(fields=["person", "at"]), models.Index(fields=["actor", "at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()} {self.object_type} {self.object_id}"

    @property
    def records_returned(self) -> list | None:
        """What a list or search gave back (msp.audit.services.access_record), if it said."""
        value = (self.changes or {}).get("returned")
        return value if isinstance(value, list) else None


class ChainHead(models.Model):
    """The newest entry's sequence and hash: one row, locked while an entry is appended so that
    concurrent writers on PostgreSQL cannot fork the chain."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    sequence = models.BigIntegerField(default=0)
    entry_hash = models.CharField(max_length=64, default="0" * 64)
