"""Every write to the register of Safeguarding Adults Reviews (the source of SG5)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from msp.core.services import check_version, not_before, not_future, save_recorded
from msp.returns.models import SafeguardingAdultsReview

FIELDS = [
    "reference",
    "title",
    "decided_on",
    "completed_on",
    "any_died",
    "individuals_died",
    "individuals_survived",
    "notes",
]


def _validate(review: SafeguardingAdultsReview) -> None:
    errors = {}
    review.reference = (review.reference or "").strip()
    review.title = (review.title or "").strip()
    if not review.reference:
        errors["reference"] = "Enter the board's reference for the review"
    elif (
        SafeguardingAdultsReview.objects.filter(reference__iexact=review.reference)
        .exclude(pk=review.pk)
        .exists()
    ):
        errors["reference"] = "Another review already has this reference"
    if not review.title:
        errors["title"] = "Enter a title for the review"
    if review.decided_on is None:
        errors["decided_on"] = "Enter the date the board decided to hold the review"
    for field, label in (
        ("individuals_died", "The number of individuals who died"),
        ("individuals_survived", "The number of individuals who survived serious harm"),
    ):
        number = getattr(review, field)
        if number is None or number < 0:
            errors[field] = f"{label} must be 0 or more"
    if "individuals_died" not in errors:
        if review.any_died and review.individuals_died == 0:
            errors["individuals_died"] = (
                "Enter how many individuals died: you said one or more individuals died"
            )
        elif not review.any_died and review.individuals_died > 0:
            errors["any_died"] = (
                "Say that one or more individuals died, or set the number who died to 0"
            )
    if errors:
        raise ValidationError(errors)
    not_future("decided_on", review.decided_on, "The date the board decided to hold the review")
    not_future("completed_on", review.completed_on, "The date the review was completed")
    not_before(
        "completed_on",
        review.completed_on,
        review.decided_on,
        "The date the review was completed",
        "the date the board decided to hold it",
    )


def review_create(*, actor, **values) -> SafeguardingAdultsReview:
    """Add a SAR to the register. Counts must be 0 or more, "any died" must agree with the
    number who died, dates may not be in the future and completion may not precede the decision."""
    review = SafeguardingAdultsReview(**{k: v for k, v in values.items() if k in FIELDS})
    _validate(review)
    with transaction.atomic():
        save_recorded(review, actor=actor, creating=True)
    return review


def review_update(
    *, actor, review: SafeguardingAdultsReview, seen_version: int | None = None, **values
) -> SafeguardingAdultsReview:
    """Change a SAR's details (same checks as when adding it); history keeps the old version."""
    check_version(review, seen_version)
    for key, value in values.items():
        if key in FIELDS:
            setattr(review, key, value)
    _validate(review)
    with transaction.atomic():
        save_recorded(review, actor=actor)
    return review


def review_archive(*, actor, review: SafeguardingAdultsReview, reason: str):
    """Take a SAR out of the register (e.g. added in error). It is kept, with the reason."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "Enter why the review is being removed from the register"})
    review.archived_at = timezone.now()
    review.archived_reason = reason.strip()
    with transaction.atomic():
        save_recorded(review, actor=actor, reason=reason)
    return review
