"""Writes to the staff briefing note: drafts, publishing, and staff confirming they read it.
Each takes the acting user, runs in one transaction and keeps history and an audit entry."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from msp.accounts import policy
from msp.core.services import check_version, save_recorded
from msp.improvement.briefing import wording
from msp.improvement.models import BriefingRead, BriefingVersion
from msp.improvement.models.briefing import BriefingState


def starting_point() -> dict:
    """What a new draft starts from: the latest published version, or the product's wording."""
    latest = (
        BriefingVersion.objects.filter(state=BriefingState.PUBLISHED).order_by("-number").first()
    )
    if latest is not None:
        return {"title": latest.title, **{f: getattr(latest, f) for f in wording.FIELDS}}
    return {
        "title": wording.TITLE,
        **{section.field: section.starting_text for section in wording.SECTIONS},
    }


def _check_words(title: str, sections: dict) -> None:
    errors = {}
    if not title.strip():
        errors["title"] = "Enter a title for the briefing note"
    for section in wording.SECTIONS:
        if not (sections.get(section.field) or "").strip():
            errors[section.field] = f"Write the section “{section.heading}”"
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def briefing_save_draft(
    *, actor, title: str, change_note: str = "", seen_version: int | None = None, **sections
) -> BriefingVersion:
    """Save the draft of the next version (starting one if there is none)."""
    if not policy.can_edit_briefing(actor):
        raise ValidationError("Only a safeguarding lead can change the briefing note")
    unknown = set(sections) - set(wording.FIELDS)
    if unknown:
        raise TypeError(f"Unknown sections: {sorted(unknown)}")
    _check_words(title, sections)
    draft = BriefingVersion.objects.select_for_update().filter(state=BriefingState.DRAFT).first()
    creating = draft is None
    if creating:
        number = (BriefingVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
        draft = BriefingVersion(number=number)
    else:
        check_version(draft, seen_version)
    draft.title = " ".join(title.split())
    draft.change_note = " ".join(change_note.split())
    for field in wording.FIELDS:
        setattr(draft, field, (sections.get(field) or "").strip())
    save_recorded(draft, actor=actor, creating=creating, reason="Briefing note draft saved")
    return draft


@transaction.atomic
def briefing_publish(*, actor, seen_version: int | None = None) -> BriefingVersion:
    """Publish the draft: staff see it from now on, and it is never changed again."""
    if not policy.can_edit_briefing(actor):
        raise ValidationError("Only a safeguarding lead can publish the briefing note")
    draft = BriefingVersion.objects.select_for_update().filter(state=BriefingState.DRAFT).first()
    if draft is None:
        raise ValidationError("There is no draft to publish. Write one first.")
    check_version(draft, seen_version)
    _check_words(draft.title, {f: getattr(draft, f) for f in wording.FIELDS})
    draft.state = BriefingState.PUBLISHED
    draft.published_by = actor
    draft.published_at = timezone.now()
    save_recorded(draft, actor=actor, reason="Briefing note published")
    return draft


@transaction.atomic
def briefing_confirm_read(*, actor, briefing: BriefingVersion) -> BriefingRead:
    """Record that a member of staff has read a published version (once per version)."""
    if not policy.can_read_briefing(actor):
        raise ValidationError("Only staff confirm reading the briefing note")
    if not briefing.is_published:
        raise ValidationError("Only a published briefing note can be confirmed as read")
    existing = BriefingRead.objects.filter(briefing=briefing, user=actor).first()
    if existing is not None:
        return existing
    read = BriefingRead(briefing=briefing, user=actor, read_at=timezone.now())
    save_recorded(read, actor=actor, creating=True, reason="Briefing note read")
    return read
