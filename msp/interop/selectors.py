"""Reads for the import page."""

from django.db.models import QuerySet

from msp.accounts import policy
from msp.accounts.models import Team
from msp.interop.models import ImportBatch


def recent_batches(user) -> QuerySet[ImportBatch]:
    """Every upload, newest first (without their content), for people who may import."""
    if not policy.can_import(user):
        return ImportBatch.objects.none()
    return (
        ImportBatch.objects.defer("content", "errors_preview")
        .select_related("uploaded_by")
        .order_by("-uploaded_at", "-id")
    )


def import_team_named(user, name: str) -> Team | None:
    """The active team of this name (in any case) that the user may send imported concerns to."""
    return policy.import_teams(user).filter(name__iexact=name.strip()).first()


def import_team_names(user) -> list[str]:
    return list(policy.import_teams(user).values_list("name", flat=True))
