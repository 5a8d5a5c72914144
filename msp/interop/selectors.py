"""Reads for the import page."""

from django.db.models import QuerySet

from msp.accounts import policy
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
