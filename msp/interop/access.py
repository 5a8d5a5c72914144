"""Fetch-and-check for the import and export pages: 404 for anyone without the right."""

from django.http import Http404

from msp.accounts import policy
from msp.interop.models import ImportBatch


def require_import(user) -> None:
    if not policy.can_import(user):
        raise Http404("Not found")


def require_export(user) -> None:
    if not policy.can_export(user):
        raise Http404("Not found")


def batch_for_user(user, pk: int) -> ImportBatch:
    """An upload on the import page, for someone who may import (any of them: they share the work)."""
    require_import(user)
    batch = ImportBatch.objects.select_related("uploaded_by", "committed_by").filter(pk=pk).first()
    if batch is None:
        raise Http404("No such upload")
    return batch
