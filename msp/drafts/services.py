"""Keeping, restoring and discarding what someone sent after their session ended."""

import json
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from msp.audit.models import Action
from msp.audit.services import audit_append
from msp.drafts.models import Draft

# Where restored answers wait, in the session, for the one page view that fills them in.
RESTORE_KEY = "msp_restore"
# Never kept: the token that proves a form came from this site (a new one is issued after
# signing in again) and anything that looks like a password.
NEVER_KEPT = {"csrfmiddlewaretoken"}
# A draft is a form's answers, not an upload: anything bigger is not kept.
MAX_BYTES = 256 * 1024


def keepable_fields(post) -> dict[str, list[str]]:
    """The fields of a POST worth keeping, each with every value sent."""
    return {
        name: post.getlist(name)
        for name in post
        if name not in NEVER_KEPT and "password" not in name.lower()
    }


@transaction.atomic
def draft_keep(*, user, path: str, form_data: dict, request=None) -> Draft | None:
    """Keep `form_data`, sent to `path` after `user`'s session ended, until DRAFT_HOURS have
    passed. Nothing is kept for an empty or oversized form."""
    if not form_data or len(json.dumps(form_data)) > MAX_BYTES:
        return None
    draft = Draft.objects.create(
        user=user,
        path=path[:500],
        form_data=form_data,
        expires_at=timezone.now() + timedelta(hours=settings.DRAFT_HOURS),
    )
    audit_append(
        actor=user,
        action=Action.CREATE,
        obj=draft,
        detail=f"Kept changes sent after signing out, from {draft.path}",
        request=request,
    )
    return draft


@transaction.atomic
def draft_restore(*, actor, draft: Draft, request) -> str:
    """Hand the draft's answers to the next view of its page (which shows them filled in) and
    delete the draft. Returns the page's address."""
    request.session[RESTORE_KEY] = {
        "path": draft.path,
        "form_data": draft.form_data,
        "created_at": draft.created_at.isoformat(),
    }
    audit_append(
        actor=actor,
        action=Action.CHANGE,
        obj=draft,
        detail=f"Restored changes sent after signing out, to {draft.path}",
        request=request,
    )
    path = draft.path
    draft.delete()
    return path


@transaction.atomic
def draft_discard(*, actor, draft: Draft, request=None) -> None:
    audit_append(
        actor=actor,
        action=Action.ARCHIVE,
        obj=draft,
        detail=f"Discarded changes sent after signing out, to {draft.path}",
        request=request,
    )
    draft.delete()


@transaction.atomic
def drafts_expired_delete(*, now=None) -> int:
    """Delete every draft past its expiry (the retention job runs this). One audit entry says
    how many went."""
    expired = Draft.objects.filter(expires_at__lte=now or timezone.now())
    count = expired.count()
    if count:
        expired.delete()
        audit_append(
            action=Action.ARCHIVE,
            actor_name="retention",
            detail=f"{count} unsaved drafts deleted after {settings.DRAFT_HOURS} hours",
        )
    return count
